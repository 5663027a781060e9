#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/period.h"

namespace qf {
namespace {

TEST(DateTest, ParsesEveryDateFormatOfTheSpec) {
  for (const char* text : {"2024-03-05", "2024/3/5", "2024/03/05", "20240305", "2024年3月5日",
                           "2024-3-5", " 2024-03-05 ", "２０２４-０３-０５"}) {
    auto date = Date::Parse(text);
    ASSERT_TRUE(date) << text << ": " << date.error().message();
    EXPECT_EQ(date->ToString(), "2024-03-05") << text;
  }
}

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  for (const char* text : {"", "2024-02-30", "2023-02-29", "2024-13-01", "20241301", "2024.03.05",
                           "24-03-05", "2024年3月", "2024-03-05x", "0000-01-01"}) {
    EXPECT_FALSE(Date::Parse(text)) << text;
  }
}

TEST(DateTest, LeapYearsAndDayArithmetic) {
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_TRUE(Date::Parse("2000-02-29"));
  EXPECT_FALSE(Date::Parse("1900-02-29"));
  auto a = *Date::Parse("2024-02-28");
  EXPECT_EQ(a.AddDays(2).ToString(), "2024-03-01");
  EXPECT_EQ(Date::Parse("1970-01-01")->days(), 0);
}

TEST(DateTest, AgeCountsWholeYearsOnTheBirthday) {
  auto birth = *Date::Parse("1944-03-05");
  EXPECT_EQ(Date::Parse("2024-03-04")->YearsSince(birth), 79);
  EXPECT_EQ(Date::Parse("2024-03-05")->YearsSince(birth), 80);
}

struct PeriodCase {
  const char* input;
  const char* canonical;
  const char* first;
  const char* last;
};

TEST(PeriodTest, ParsesMonthQuarterAndYearInEveryFormat) {
  const PeriodCase cases[] = {
      {"2024-03", "2024-03", "2024-03-01", "2024-03-31"},
      {"202403", "2024-03", "2024-03-01", "2024-03-31"},
      {"2024-02", "2024-02", "2024-02-01", "2024-02-29"},
      {"2024-Q1", "2024-Q1", "2024-01-01", "2024-03-31"},
      {"2024-q4", "2024-Q4", "2024-10-01", "2024-12-31"},
      {"2024年第1季度", "2024-Q1", "2024-01-01", "2024-03-31"},
      {"2024年第3季度", "2024-Q3", "2024-07-01", "2024-09-30"},
      {"2024", "2024", "2024-01-01", "2024-12-31"},
  };
  for (const auto& c : cases) {
    auto p = Period::Parse(c.input);
    ASSERT_TRUE(p) << c.input << ": " << p.error().message();
    EXPECT_EQ(p->ToString(), c.canonical) << c.input;
    EXPECT_EQ(p->First().ToString(), c.first) << c.input;
    EXPECT_EQ(p->Last().ToString(), c.last) << c.input;
    EXPECT_EQ(Period::FromCode(p->Code()), *p) << c.input;
  }
}

TEST(PeriodTest, RejectsMalformedPeriods) {
  for (const char* text :
       {"", "2024-13", "202400", "2024-Q5", "2024年第5季度", "24", "2024-03-01", "Q1-2024"}) {
    EXPECT_FALSE(Period::Parse(text)) << text;
  }
}

TEST(PeriodTest, ContainmentAndOverlap) {
  auto q1 = *Period::Parse("2024-Q1");
  EXPECT_TRUE(q1.Contains(*Date::Parse("2024-03-31")));
  EXPECT_FALSE(q1.Contains(*Date::Parse("2024-04-01")));
  EXPECT_TRUE(q1.Overlaps(*Date::Parse("2024-03-31"), *Date::Parse("2025-01-01")));
  EXPECT_FALSE(q1.Overlaps(*Date::Parse("2024-04-01"), *Date::Parse("2025-01-01")));
  EXPECT_TRUE(q1.Within(*Date::Parse("2024-01-01"), *Date::Parse("2024-03-31")));
  EXPECT_FALSE(q1.Within(*Date::Parse("2024-01-02"), *Date::Parse("2024-12-31")));
}

TEST(PeriodTest, CodesOrderPeriodsByStart) {
  EXPECT_LT(Period::Parse("2024-01")->Code(), Period::Parse("2024-02")->Code());
  EXPECT_LT(Period::Parse("2023-12")->Code(), Period::Parse("2024")->Code());
  EXPECT_EQ(Period::Parse("2024-12")->NextMonth().ToString(), "2025-01");
}

}  // namespace
}  // namespace qf

namespace qf {
namespace {

TEST(BeijingMinuteTest, ShowsAnIsoUtcTimeAsBeijingTimeToTheMinute) {
  EXPECT_EQ(BeijingMinute("2026-12-06T02:42:19Z"), "2026-12-06 10:42");
  EXPECT_EQ(BeijingMinute("2025-12-31T16:30:00Z"), "2026-01-01 00:30");  // across the year
  EXPECT_EQ(BeijingMinute(IsoUtc(0)), "1970-01-01 08:00");
  EXPECT_EQ(BeijingMinute("昨天"), "昨天");
}

}  // namespace
}  // namespace qf
