// What the demo's seeders share: the clock that dates every seeded step, and the year the demo's
// books are dated in.
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::demo {

// Dates every step: 10:00 Beijing time on the day it is set to.
class BookClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now_; }
  void SetDay(Date day) { now_ = int64_t{day.days()} * 86400 + 2 * 3600; }

 private:
  int64_t now_ = 0;
};

// The year of the latest comparison's as-of date (check_runs), else the year before
// `fallback_today`.
Result<int> DemoBookYear(store::Database& db, Date fallback_today);

}  // namespace qf::demo
