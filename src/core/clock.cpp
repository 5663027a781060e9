// SystemClock and the time helpers of clock.h.
#include "core/clock.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

namespace qf {

int64_t SystemClock::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {
// Floor division: correct for instants before 1970 as well.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

Date Today(const Clock& clock) {
  return Date::FromDays(
      static_cast<int32_t>(FloorDiv(clock.NowSeconds() + kUtcOffsetSeconds, 86400)));
}

std::string IsoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace qf
