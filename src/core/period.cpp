#include "core/period.h"

#include <fmt/format.h>

#include <charconv>

#include "core/strings.h"

namespace qf {
namespace {

bool ParseInt(std::string_view s, int& out) {
  if (!AllDigits(s)) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool PlausibleYear(int y) { return y >= 1800 && y <= 2200; }

}  // namespace

Result<Period> Period::Parse(std::string_view text) {
  std::string half = HalfWidth(TrimSpaces(text));
  std::string_view s = half;
  int y = 0, n = 0;
  auto bad = [&]() {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("所属期“{}”无法识别，应为 2024-03、202403、2024-Q1、2024年第1季度 或 2024",
                            text));
  };
  if (s.size() == 4 && ParseInt(s, y)) {
    if (!PlausibleYear(y)) return bad();
    return Year(y);
  }
  if (s.size() == 6 && ParseInt(s.substr(0, 4), y) && ParseInt(s.substr(4, 2), n)) {
    if (!PlausibleYear(y) || n < 1 || n > 12) return bad();
    return Month(y, n);
  }
  if (s.size() == 7 && s[4] == '-' && ParseInt(s.substr(0, 4), y)) {
    if (!PlausibleYear(y)) return bad();
    if ((s[5] == 'Q' || s[5] == 'q') && ParseInt(s.substr(6, 1), n) && n >= 1 && n <= 4) {
      return Quarter(y, n);
    }
    if (ParseInt(s.substr(5, 2), n) && n >= 1 && n <= 12) return Month(y, n);
    return bad();
  }
  if (s.size() == 6 && s[4] == '-' && ParseInt(s.substr(0, 4), y) && ParseInt(s.substr(5, 1), n)) {
    // 2024-3: a month written without its leading zero.
    if (!PlausibleYear(y) || n < 1) return bad();
    return Month(y, n);
  }
  // 2024年第1季度
  constexpr std::string_view kNianDi = "年第";
  constexpr std::string_view kJidu = "季度";
  if (s.size() == 4 + kNianDi.size() + 1 + kJidu.size() && ParseInt(s.substr(0, 4), y) &&
      s.substr(4, kNianDi.size()) == kNianDi && s.ends_with(kJidu) &&
      ParseInt(s.substr(4 + kNianDi.size(), 1), n) && n >= 1 && n <= 4 && PlausibleYear(y)) {
    return Quarter(y, n);
  }
  return bad();
}

Date Period::First() const {
  int month = kind_ == PeriodKind::kMonth ? index_ : kind_ == PeriodKind::kQuarter ? index_ * 3 - 2 : 1;
  return Date::FromDays(DaysFromCivil(year_, month, 1));
}

Date Period::Last() const {
  int month = kind_ == PeriodKind::kMonth ? index_ : kind_ == PeriodKind::kQuarter ? index_ * 3 : 12;
  return Date::FromDays(DaysFromCivil(year_, month, DaysInMonth(year_, month)));
}

std::string Period::ToString() const {
  switch (kind_) {
    case PeriodKind::kMonth:
      return fmt::format("{:04d}-{:02d}", year_, index_);
    case PeriodKind::kQuarter:
      return fmt::format("{:04d}-Q{}", year_, index_);
    case PeriodKind::kYear:
      return fmt::format("{:04d}", year_);
  }
  return {};
}

int32_t Period::Code() const {
  int first_month = kind_ == PeriodKind::kMonth     ? index_
                    : kind_ == PeriodKind::kQuarter ? index_ * 3 - 2
                                                    : 1;
  return year_ * 10000 + first_month * 100 + static_cast<int>(kind_);
}

Period Period::FromCode(int32_t code) {
  int year = code / 10000;
  int month = code / 100 % 100;
  auto kind = static_cast<PeriodKind>(code % 100);
  switch (kind) {
    case PeriodKind::kMonth:
      return Month(year, month);
    case PeriodKind::kQuarter:
      return Quarter(year, (month + 2) / 3);
    case PeriodKind::kYear:
      return Year(year);
  }
  return Year(year);
}

Period Period::NextMonth() const {
  return index_ == 12 ? Month(year_ + 1, 1) : Month(year_, index_ + 1);
}

}  // namespace qf
