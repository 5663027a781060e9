#include "engine/contract_rent.h"

#include <algorithm>

#include "core/date.h"

namespace qf::engine {
namespace {

// The k-th anniversary of `start` (k ≥ 0); 02-29 falls on 02-28 in a common year.
int32_t Anniversary(int32_t start, int k) {
  Date d = Date::FromDays(start);
  int year = d.year() + k;
  int day = std::min(d.day(), DaysInMonth(year, d.month()));
  return DaysFromCivil(year, d.month(), day);
}

}  // namespace

std::vector<RentYear> ContractRentYears(int32_t start, int32_t end, int64_t annual_rent) {
  std::vector<RentYear> years;
  for (int k = 1;; ++k) {
    RentYear y;
    y.index = k;
    y.first = Anniversary(start, k - 1);
    if (y.first > end) break;
    y.last = Anniversary(start, k) - 1;
    y.cut = y.last > end;
    y.rent = annual_rent;
    if (y.cut) {
      y.last = end;
      __extension__ typedef __int128 Int128;
      Int128 x = static_cast<Int128>(annual_rent) * (y.last - y.first + 1);
      y.rent = static_cast<int64_t>((x * 2 + 365) / (2 * 365));
    }
    years.push_back(y);
  }
  return years;
}

}  // namespace qf::engine
