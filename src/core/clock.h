// Clock: the casework subsystem's source of "now", injected so that deadlines, overdue lists,
// login lock-out and session expiry are testable without sleeping (tests use a fake clock).
//
//   SystemClock clock;
//   int64_t now = clock.NowSeconds();       // Unix seconds
//   qf::Date today = Today(clock);           // the calendar date in the commission's time zone
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"

namespace qf {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since 1970-01-01T00:00:00Z.
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowSeconds() const override;
};

// The commission works in China Standard Time (UTC+8, no daylight saving): a deadline "today"
// means the Beijing calendar date.
constexpr int64_t kUtcOffsetSeconds = 8 * 3600;

// The Beijing calendar date of `clock`'s now.
Date Today(const Clock& clock);
// "2024-03-05T02:04:05Z".
std::string IsoUtc(int64_t unix_seconds);
// "2024-03-05T02:04:05Z" (as IsoUtc writes it) as people read it: "2024-03-05 10:04" Beijing
// time. Text in another form is returned as it is.
std::string BeijingMinute(std::string_view iso_utc);

}  // namespace qf
