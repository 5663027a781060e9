// Report periods: years, quarters, months, month ranges, and what is refused.
#include "report/report_period.h"

#include <gtest/gtest.h>

#include <utility>

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

TEST(ReportPeriodTest, AcceptsPeriodsWrittenInChinese) {
  const std::pair<const char*, const char*> cases[] = {
      {"2025年", "2025"},
      {" 2025年 ", "2025"},
      {"2025年全年", "2025"},
      {"2025年第3季度", "2025-Q3"},
      {"2025年第三季度", "2025-Q3"},
      {"2025年3季度", "2025-Q3"},
      {"2025年一季度", "2025-Q1"},
      {"2025年3月", "2025-03"},
      {"2025年03月", "2025-03"},
      {"2025年12月", "2025-12"},
      {"2025年1月至6月", "2025-01..2025-06"},
      {"2025年11月至2026年2月", "2025-11..2026-02"},
      {"2025年上半年", "2025-01..2025-06"},
      {"2025年下半年", "2025-07..2025-12"},
  };
  for (const auto& [typed, canonical] : cases) {
    auto p = ParseReportPeriod(typed);
    ASSERT_TRUE(p.has_value()) << typed << ": " << p.error().message();
    EXPECT_EQ(p->text, canonical) << typed;
  }
  // The label the report prints reads back as the same period.
  for (const char* text : {"2025", "2025-Q3", "2025-03", "2025-01..2025-06"}) {
    auto p = ParseReportPeriod(text);
    ASSERT_TRUE(p.has_value());
    auto again = ParseReportPeriod(p->Label());
    ASSERT_TRUE(again.has_value()) << p->Label();
    EXPECT_EQ(again->text, p->text);
  }
}

TEST(ReportPeriodTest, RefusesMalformedChinesePeriods) {
  for (const char* bad :
       {"年", "25年", "2025年第5季度", "2025年13月", "2025年0月", "2025年6月至1月",
        "2025年至2026年", "2025年3月至", "2025年3月份之后", "二〇二五年"}) {
    auto p = ParseReportPeriod(bad);
    ASSERT_FALSE(p.has_value()) << bad;
    EXPECT_EQ(p.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
  // The message names the Chinese forms too.
  EXPECT_NE(ParseReportPeriod("2025年第5季度").error().message().find("2024年第3季度"),
            std::string::npos);
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
