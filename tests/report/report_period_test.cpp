// Report periods: years, quarters, months, month ranges, and what is refused.
#include "report/report_period.h"

#include <gtest/gtest.h>

namespace qf::report {
namespace {

TEST(ReportPeriodTest, ParsesYearQuarterMonthAndRange) {
  auto year = ParseReportPeriod("2024");
  ASSERT_TRUE(year.has_value());
  EXPECT_EQ(year->first.ToString(), "2024-01-01");
  EXPECT_EQ(year->last.ToString(), "2024-12-31");
  EXPECT_EQ(year->Label(), "2024年");
  auto q3 = ParseReportPeriod("2024-Q3");
  ASSERT_TRUE(q3.has_value());
  EXPECT_EQ(q3->first.ToString(), "2024-07-01");
  EXPECT_EQ(q3->last.ToString(), "2024-09-30");
  EXPECT_EQ(q3->Label(), "2024年第三季度");
  auto range = ParseReportPeriod("2024-01..2024-06");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->text, "2024-01..2024-06");
  EXPECT_EQ(range->last.ToString(), "2024-06-30");
  EXPECT_EQ(range->Label(), "2024年1月至6月");
  auto month = ParseReportPeriod("2024-02");
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->last.ToString(), "2024-02-29");
}

TEST(ReportPeriodTest, RefusesUnknownAndBackwardPeriods) {
  for (const char* bad : {"", "last year", "2024-Q5", "2024-13", "2024-06..2024-01", "2024..2025",
                          "2024-01..", "二〇二四"}) {
    auto p = ParseReportPeriod(bad);
    ASSERT_FALSE(p.has_value()) << bad;
    EXPECT_EQ(p.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace qf::report
