// Every figure on the hand-made case book of case_book_fixture.h, by period and unit subtree.
#include <gtest/gtest.h>

#include "case_book_fixture.h"
#include "report/wan_yuan.h"

namespace qf::report::testing {
namespace {

using StatisticsTest = CaseBookTest;

int64_t V(const Statistics& s, const std::string& id) {
  const Figure* f = s.Find(id);
  EXPECT_NE(f, nullptr) << id;
  return f != nullptr ? f->value : -1;
}

std::string D(const Statistics& s, const std::string& id) { return s.Get(id).Display(); }

TEST(WanYuanTest, RoundsHalfUpToTheNearestHundredYuan) {
  EXPECT_EQ(FormatWanYuan(Money::FromFen(0)), "0.00");
  EXPECT_EQ(FormatWanYuan(Money::FromFen(4999)), "0.00");         // 49.99 元
  EXPECT_EQ(FormatWanYuan(Money::FromFen(5000)), "0.01");         // 50.00 元
  EXPECT_EQ(FormatWanYuan(Money::FromFen(123454999)), "123.45");  // 1 234 549.99 元
  EXPECT_EQ(FormatWanYuan(Money::FromFen(123455000)), "123.46");  // 1 234 550.00 元
  EXPECT_EQ(FormatWanYuan(Money::FromFen(-5000)), "-0.01");
  EXPECT_EQ(WanYuanHundredths(Money::FromFen(1000000)), 100);  // 1 万元
}

TEST_F(StatisticsTest, SecondQuarterCountsEveryFigure) {
  Statistics s = Compute("2024-Q2");
  EXPECT_EQ(s.unit_name, "全区");
  EXPECT_EQ(s.as_of.ToString(), "2024-06-30");
  EXPECT_EQ(V(s, "clues.received"), 5);
  EXPECT_EQ(V(s, "clues.source.信访"), 1);
  EXPECT_EQ(V(s, "clues.source.群众举报"), 2);
  EXPECT_EQ(V(s, "clues.source.人工录入"), 1);
  EXPECT_EQ(V(s, "clues.source.移送"), 1);
  EXPECT_EQ(V(s, "clues.source.审计"), 0);
  EXPECT_EQ(V(s, "clues.domain.民生"), 2);
  EXPECT_EQ(V(s, "clues.domain.一卡通"), 1);
  EXPECT_EQ(V(s, "clues.domain.扫黑除恶"), 2);
  EXPECT_EQ(V(s, "reports.received"), 2);
  EXPECT_EQ(V(s, "reports.answered"), 1);
  EXPECT_EQ(V(s, "disposals.total"), 4);
  EXPECT_EQ(V(s, "disposals.初步核实"), 2);
  EXPECT_EQ(V(s, "disposals.谈话函询"), 1);
  EXPECT_EQ(V(s, "disposals.予以了结"), 1);
  EXPECT_EQ(V(s, "disposals.暂存待查"), 0);
  EXPECT_EQ(V(s, "cases.filed"), 2);
  EXPECT_EQ(V(s, "cases.filed_persons"), 3);
  EXPECT_EQ(V(s, "cases.filed.domain.民生"), 1);
  EXPECT_EQ(V(s, "cases.filed_persons.domain.民生"), 2);
  EXPECT_EQ(V(s, "cases.filed.domain.扫黑除恶"), 1);
  EXPECT_EQ(V(s, "judicial.persons"), 1);
  EXPECT_EQ(V(s, "judicial.persons.domain.民生"), 1);
  EXPECT_EQ(V(s, "accountability.persons"), 2);
  EXPECT_EQ(V(s, "accountability.cases"), 2);
  EXPECT_EQ(V(s, "money.recovered"), 123454999);
  EXPECT_EQ(D(s, "money.recovered"), "123.45");
  EXPECT_EQ(D(s, "money.recovered.domain.民生"), "123.45");
  EXPECT_EQ(V(s, "money.losses_retrieved"), 5000000);
  EXPECT_EQ(D(s, "money.losses_retrieved.domain.扫黑除恶"), "5.00");
  EXPECT_EQ(V(s, "rectification.found"), 2);
  EXPECT_EQ(V(s, "rectification.recommendations"), 1);
  EXPECT_EQ(V(s, "rectification.completed"), 0);
  EXPECT_EQ(V(s, "rectification.overdue"), 1);  // the 监察建议 due 2024-06-20
  EXPECT_EQ(V(s, "transfers.sent"), 1);
  EXPECT_EQ(V(s, "transfers.received"), 1);
  EXPECT_EQ(V(s, "transfers.fed_back"), 0);
  EXPECT_EQ(V(s, "findings.total"), 2);  // the dismissed R04 is not counted
  EXPECT_EQ(V(s, "findings.amount"), 350050);
  EXPECT_EQ(D(s, "findings.amount"), "0.35");
  EXPECT_EQ(V(s, "findings.rule.R01"), 1);
  EXPECT_EQ(V(s, "findings.rule.R05"), 1);
  EXPECT_EQ(V(s, "findings.rule.R04"), 0);
  EXPECT_EQ(D(s, "findings.rule_amount.R05"), "0.25");
}

TEST_F(StatisticsTest, ThirdQuarterCountsOnlyItsOwnEvents) {
  Statistics s = Compute("2024-Q3");
  EXPECT_EQ(s.as_of.ToString(), "2024-08-05");  // today comes before the quarter ends
  EXPECT_EQ(V(s, "clues.received"), 1);
  EXPECT_EQ(V(s, "clues.source.审计"), 1);
  EXPECT_EQ(V(s, "clues.domain.营商环境"), 1);
  EXPECT_EQ(V(s, "disposals.total"), 0);
  EXPECT_EQ(V(s, "cases.filed"), 0);
  EXPECT_EQ(V(s, "money.recovered"), 1);  // one fen: shows as 0.00 万元
  EXPECT_EQ(D(s, "money.recovered"), "0.00");
  EXPECT_EQ(V(s, "transfers.fed_back"), 1);
  EXPECT_EQ(V(s, "rectification.found"), 0);
  EXPECT_EQ(V(s, "rectification.completed"), 1);
  EXPECT_EQ(V(s, "rectification.overdue"), 1);
  EXPECT_EQ(V(s, "findings.total"), 1);
  EXPECT_EQ(D(s, "findings.amount"), "0.03");
}

TEST_F(StatisticsTest, YearSumsInFenAndRoundsOnce) {
  Statistics s = Compute("2024");
  EXPECT_EQ(V(s, "money.recovered"), 123455000);
  EXPECT_EQ(D(s, "money.recovered"), "123.46");  // 123.45 + 0.00 per quarter, yet 123.46
  EXPECT_EQ(V(s, "clues.received"), 6);
  EXPECT_EQ(V(s, "findings.total"), 3);
  EXPECT_EQ(D(s, "findings.amount"), "0.38");
  Statistics range = Compute("2024-04..2024-08");
  EXPECT_EQ(V(range, "clues.received"), 6);
  EXPECT_EQ(V(range, "findings.total"), 3);
  Statistics june = Compute("2024-06");
  EXPECT_EQ(V(june, "cases.filed"), 2);
  EXPECT_EQ(V(june, "findings.total"), 0);
}

TEST_F(StatisticsTest, UnitSubtreeCountsOnlyItsUnitsAndThoseBelow) {
  Statistics s = Compute("2024", "street-01");
  EXPECT_EQ(s.unit_name, "一街道监察办公室");
  EXPECT_EQ(V(s, "clues.received"), 3);  // street-01 twice and community-01-a
  EXPECT_EQ(V(s, "clues.domain.一卡通"), 1);
  EXPECT_EQ(V(s, "cases.filed"), 1);
  EXPECT_EQ(V(s, "cases.filed_persons"), 2);
  EXPECT_EQ(V(s, "judicial.persons"), 1);
  EXPECT_EQ(V(s, "accountability.persons"), 1);
  EXPECT_EQ(D(s, "money.recovered"), "123.46");
  EXPECT_EQ(V(s, "money.losses_retrieved"), 0);
  EXPECT_EQ(V(s, "rectification.found"), 1);
  EXPECT_EQ(V(s, "rectification.overdue"), 1);
  EXPECT_EQ(V(s, "rectification.completed"), 0);
  EXPECT_EQ(V(s, "findings.total"), 2);  // persons of 一街道甲社区 only
  EXPECT_EQ(D(s, "findings.amount"), "0.13");

  Statistics community = Compute("2024", "community-01-a");
  EXPECT_EQ(V(community, "clues.received"), 1);
  EXPECT_EQ(V(community, "reports.received"), 1);
  EXPECT_EQ(V(community, "cases.filed"), 0);
  EXPECT_EQ(V(community, "findings.total"), 2);

  Statistics street2 = Compute("2024", "street-02");
  EXPECT_EQ(V(street2, "clues.received"), 3);
  EXPECT_EQ(V(street2, "cases.filed"), 1);
  EXPECT_EQ(D(street2, "money.losses_retrieved"), "5.00");
  EXPECT_EQ(V(street2, "money.recovered"), 0);
  EXPECT_EQ(V(street2, "rectification.completed"), 1);
  EXPECT_EQ(V(street2, "findings.total"), 0);
}

TEST_F(StatisticsTest, EveryFigureDrillsDownToTheRecordsItCounted) {
  Statistics s = Compute("2024");
  for (const Figure& f : s.figures) {
    if (f.kind == FigureKind::kCount) {
      EXPECT_EQ(static_cast<int64_t>(f.records.size()), f.value) << f.id;
    } else {
      int64_t sum = 0;
      for (const RecordRef& r : f.records) sum += r.amount;
      EXPECT_EQ(sum, f.value) << f.id;
    }
    EXPECT_FALSE(f.definition.empty()) << f.id;
  }
  const Figure& filed = s.Get("cases.filed");
  ASSERT_EQ(filed.records.size(), 2u);
  EXPECT_EQ(filed.records[0].kind, "case");
  EXPECT_EQ(filed.records[0].id, std::to_string(case_a_));
  EXPECT_EQ(filed.records[0].date, "2024-06-05");
  EXPECT_EQ(filed.records[0].unit, "street-01");
  const Figure& recovered = s.Get("money.recovered");
  ASSERT_EQ(recovered.records.size(), 2u);
  EXPECT_EQ(recovered.records[1].date, "2024-08-05");
  EXPECT_EQ(recovered.records[1].amount, 1);
}

TEST_F(StatisticsTest, EmptyPeriodYieldsZeros) {
  Statistics s = Compute("2023");
  ASSERT_FALSE(s.figures.empty());
  for (const Figure& f : s.figures) EXPECT_EQ(f.value, 0) << f.id;
  EXPECT_EQ(D(s, "money.recovered"), "0.00");
}

TEST_F(StatisticsTest, UnknownUnitIsNotFound) {
  auto p = ParseReportPeriod("2024");
  ASSERT_TRUE(p.has_value());
  auto stats = ComputeStatistics(*db_, *p, "street-99", qf::Today(clock_));
  ASSERT_FALSE(stats.has_value());
  EXPECT_EQ(stats.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(stats.error().message().find("street-99"), std::string::npos);
}

}  // namespace
}  // namespace qf::report::testing

namespace qf::report::testing {
namespace {

// Enterprise project findings (R21–R25) count in the 营商环境 section, collective ones (R17–R20,
// R26) in the 三资 section; neither has a period, so the check run's day places them (Q3 here).
TEST_F(CaseBookTest, ProjectAndCollectiveFindingsCountInTheirSections) {
  Sql("INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, ref, "
      "severity, amount, evidence, status, first_seen_run, last_seen_run, review) VALUES "
      "('p1', 'R22', '', '', '', '', 'XM01', '高', 1000000, 'e', 'new', 1, 1, 'open'), "
      "('p2', 'R25', '110105198001011238', '', '', '', 'XM02', '高', 2000000, 'e', 'new', 1, 1, "
      "'open'), "
      "('c1', 'R26', '', '', '', '', 'HT01', '中', 500000, 'e', 'new', 1, 1, 'open'), "
      "('c2', 'R19', '', '', '', '', 'HT02', '中', 700000, 'e', 'new', 1, 1, 'dismissed')");
  Statistics s = Compute("2024-Q3");
  EXPECT_EQ(s.Get("findings.domain.营商环境").value, 2);
  EXPECT_EQ(s.Get("findings.domain_amount.营商环境").Display(), "3.00");  // 30 000 元
  EXPECT_EQ(s.Get("findings.domain.三资").value, 1);  // the dismissed R19 is not counted
  EXPECT_EQ(s.Get("findings.domain_amount.三资").Display(), "0.50");  // 5 000 元
  EXPECT_EQ(s.Get("findings.rule.R26").value, 1);
  EXPECT_EQ(s.Get("findings.total").value, 4);  // with the R01 of August
}

}  // namespace
}  // namespace qf::report::testing
