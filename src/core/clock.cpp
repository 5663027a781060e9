// SystemClock and the time helpers of clock.h.
#include "core/clock.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
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

std::string BeijingMinute(std::string_view iso_utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string text(iso_utc);
  if (text.size() != 20 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
    return text;
  }
  int64_t seconds = int64_t{DaysFromCivil(y, mo, d)} * 86400 + h * 3600 + mi * 60 + s;
  seconds += kUtcOffsetSeconds;
  Date day = Date::FromDays(static_cast<int32_t>(FloorDiv(seconds, 86400)));
  int64_t in_day = seconds - int64_t{day.days()} * 86400;
  return fmt::format("{} {:02}:{:02}", day.ToString(), in_day / 3600, in_day % 3600 / 60);
}

}  // namespace qf
