// Period (所属期): a month, a quarter or a year. Parses every period format of spec/dataset.md:
// 2024-03 / 202403 (month), 2024-Q1 / 2024年第1季度 (quarter), 2024 (year).
//
// Canonical text: "2024-03", "2024-Q1", "2024". A period is a closed date range [First(), Last()].
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace qf {

enum class PeriodKind : uint8_t { kMonth, kQuarter, kYear };

class Period {
 public:
  Period() = default;
  static Period Month(int year, int month) { return Period(PeriodKind::kMonth, year, month); }
  static Period Quarter(int year, int quarter) {
    return Period(PeriodKind::kQuarter, year, quarter);
  }
  static Period Year(int year) { return Period(PeriodKind::kYear, year, 1); }
  static Result<Period> Parse(std::string_view text);

  PeriodKind kind() const { return kind_; }
  int year() const { return year_; }
  // Month 1..12, quarter 1..4, or 1 for a year.
  int index() const { return index_; }

  Date First() const;  // the period start
  Date Last() const;   // the period's last day
  std::string ToString() const;

  bool Contains(Date d) const { return First() <= d && d <= Last(); }
  bool Overlaps(Date from, Date to) const { return First() <= to && from <= Last(); }
  // True when the period lies inside [from, to].
  bool Within(Date from, Date to) const { return from <= First() && Last() <= to; }

  // Compact integer code, unique per period and ordered by start then kind:
  // year*10000 + month*100 + kind (months), quarters use first month.
  int32_t Code() const;
  static Period FromCode(int32_t code);

  // The month after / before a month period.
  Period NextMonth() const;

  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period& a, const Period& b) { return a.Code() <=> b.Code(); }

 private:
  Period(PeriodKind kind, int year, int index) : kind_(kind), year_(year), index_(index) {}
  PeriodKind kind_ = PeriodKind::kMonth;
  int year_ = 1970;
  int index_ = 1;
};

}  // namespace qf
