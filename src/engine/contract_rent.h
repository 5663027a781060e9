// The years of a collective contract and the rent due in each, as rule R26 reads them
// (spec/rules.md, "R26 in detail"): year k is [start + (k − 1) years, start + k years − 1 day],
// a 02-29 start has its anniversaries on 02-28 in common years, the year passing end_date is cut
// there and due pro rata (its days counted inclusively × annual_rent / 365, half up to the fen).
// Shared by the rule and the workspace's 三资 page, so both show the same figures.
//
//   for (const RentYear& y : ContractRentYears(c.start, c.end, c.annual_rent)) ...
#pragma once

#include <cstdint>
#include <vector>

namespace qf::engine {

struct RentYear {
  int index = 0;      // k, from 1
  int32_t first = 0;  // days since 1970-01-01
  int32_t last = 0;
  bool cut = false;  // the last year, cut at end_date
  int64_t rent = 0;  // fen
};

// Every year of the contract, due or not. Empty when end < start.
std::vector<RentYear> ContractRentYears(int32_t start, int32_t end, int64_t annual_rent);

// A year is due when its last day is more than `grace_days` before `as_of`.
inline bool RentYearDue(const RentYear& year, int32_t as_of, int32_t grace_days) {
  return as_of - year.last > grace_days;
}

}  // namespace qf::engine
