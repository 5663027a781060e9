// The self-check (查询本人补贴): a citizen gives an ID number and a name and sees, when the name is
// one the ledger holds for that ID, the programs they are enrolled in and the payments of the year
// before the data's as-of day. A wrong name gets the same answer as an unknown ID.
//
// Two sources give the same answer: the store (SelfCheck, three look-ups) and the ledger snapshot
// `serve` keeps resident (SelfCheckFromSnapshot, memory only), which the public page uses while
// it is current. The name shown is the persons registry's when it matches, else the matching
// enrolment name that sorts first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/snapshot.h"
#include "store/database.h"

namespace qf::web::internal {

struct SelfCheckResult {
  bool matched = false;  // false: no record under this ID with this name (never says which)
  std::string name;
  struct Enrolment {
    std::string program, community, start_date, end_date;
    friend bool operator==(const Enrolment&, const Enrolment&) = default;
  };
  struct Payment {
    std::string period, program, paid_date, account_tail;
    int64_t amount = 0;
    friend bool operator==(const Payment&, const Payment&) = default;
  };
  std::vector<Enrolment> enrolments;  // by start date, program code, community
  std::vector<Payment> payments;      // newest paid first, then by period and payment_id
  int64_t total = 0;
  std::string from, to;  // the paid dates shown: after `from`, up to `to`
  friend bool operator==(const SelfCheckResult&, const SelfCheckResult&) = default;
};

// From the store. `id_number` must be a valid, normalised ID; `as_of` an ISO date. Does the same
// look-ups whether or not the name matches.
Result<SelfCheckResult> SelfCheck(store::Database& db, const std::string& id_number,
                                  const std::string& name, const std::string& as_of);

// From a snapshot of the ledger, when the persons registry holds the ID under this name; nullopt
// otherwise (an unknown ID, another name, or a name only enrolments hold: the store decides).
std::optional<SelfCheckResult> SelfCheckFromSnapshot(const engine::Snapshot& snapshot,
                                                     const std::string& id_number,
                                                     const std::string& name,
                                                     const std::string& as_of);

}  // namespace qf::web::internal
