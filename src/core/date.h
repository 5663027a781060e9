// Date: a calendar date (proleptic Gregorian) stored as days since 1970-01-01, so that
// comparison and subtraction are integer operations. Parses every date format of
// spec/dataset.md: 2024-03-05, 2024/3/5, 20240305, 2024年3月5日.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf {

class Date {
 public:
  Date() = default;  // 1970-01-01

  // Returns the date, or an error if year/month/day do not form a real date (year 1800..2200).
  static Result<Date> FromYmd(int year, int month, int day);
  // Parses one of the accepted formats; surrounding spaces are ignored.
  static Result<Date> Parse(std::string_view text);
  static Date FromDays(int32_t days) { return Date(days); }

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // "2024-03-05"
  std::string ToString() const;

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Whole years from `birth` to this date (the age on this date).
  int YearsSince(Date birth) const;

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Days since 1970-01-01 of a valid y-m-d (no validation).
int32_t DaysFromCivil(int year, int month, int day);
bool IsValidYmd(int year, int month, int day);
int DaysInMonth(int year, int month);

}  // namespace qf
