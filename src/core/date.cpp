#include "core/date.h"

#include <fmt/format.h>

#include <charconv>

#include "core/strings.h"

namespace qf {

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
int32_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int yoe = year - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

namespace {

struct Ymd {
  int year, month, day;
};

Ymd CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool ParseInt(std::string_view s, int& out) {
  if (!AllDigits(s)) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

Result<Date> BadDate(std::string_view text) {
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("日期“{}”无法识别，应为 2024-03-05、2024/3/5、20240305 或 2024年3月5日", text));
}

// Splits "y<sep>m<sep>d" where sep is one byte; returns false when the shape differs.
bool SplitYmd(std::string_view s, char sep, int& y, int& m, int& d) {
  size_t a = s.find(sep);
  if (a == std::string_view::npos) return false;
  size_t b = s.find(sep, a + 1);
  if (b == std::string_view::npos || s.find(sep, b + 1) != std::string_view::npos) return false;
  std::string_view ys = s.substr(0, a), ms = s.substr(a + 1, b - a - 1), ds = s.substr(b + 1);
  if (ys.size() != 4 || ms.empty() || ms.size() > 2 || ds.empty() || ds.size() > 2) return false;
  return ParseInt(ys, y) && ParseInt(ms, m) && ParseInt(ds, d);
}

}  // namespace

bool IsValidYmd(int year, int month, int day) {
  return year >= 1800 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (!IsValidYmd(year, month, day)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("日期 {}-{}-{} 不存在", year, month, day));
  }
  return Date(DaysFromCivil(year, month, day));
}

Result<Date> Date::Parse(std::string_view text) {
  std::string half = HalfWidth(TrimSpaces(text));
  std::string_view s = half;
  int y = 0, m = 0, d = 0;
  bool shaped = false;
  if (s.size() == 8 && AllDigits(s)) {
    shaped = ParseInt(s.substr(0, 4), y) && ParseInt(s.substr(4, 2), m) &&
             ParseInt(s.substr(6, 2), d);
  } else if (s.find('-') != std::string_view::npos) {
    shaped = SplitYmd(s, '-', y, m, d);
  } else if (s.find('/') != std::string_view::npos) {
    shaped = SplitYmd(s, '/', y, m, d);
  } else if (s.ends_with("日")) {
    // 2024年3月5日
    size_t nian = s.find("年");
    size_t yue = s.find("月");
    if (nian != std::string_view::npos && yue != std::string_view::npos && nian < yue) {
      std::string_view ys = s.substr(0, nian);
      std::string_view ms = s.substr(nian + 3, yue - nian - 3);
      std::string_view ds = s.substr(yue + 3, s.size() - 3 - yue - 3);
      shaped = ys.size() == 4 && !ms.empty() && ms.size() <= 2 && !ds.empty() && ds.size() <= 2 &&
               ParseInt(ys, y) && ParseInt(ms, m) && ParseInt(ds, d);
    }
  }
  if (!shaped) return BadDate(text);
  if (!IsValidYmd(y, m, d)) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("日期“{}”不存在", text));
  }
  return Date(DaysFromCivil(y, m, d));
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

std::string Date::ToString() const {
  Ymd ymd = CivilFromDays(days_);
  return fmt::format("{:04d}-{:02d}-{:02d}", ymd.year, ymd.month, ymd.day);
}

int Date::YearsSince(Date birth) const {
  Ymd now = CivilFromDays(days_);
  Ymd b = CivilFromDays(birth.days_);
  int years = now.year - b.year;
  if (now.month < b.month || (now.month == b.month && now.day < b.day)) --years;
  return years;
}

}  // namespace qf
