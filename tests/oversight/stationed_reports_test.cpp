#include "oversight/stationed_reports.h"

#include <gtest/gtest.h>

#include "oversight/report_schedule.h"
#include "oversight_fixture.h"

namespace qf::oversight::testing {

class StationedReportsTest : public OversightTest {};

TEST(ReportScheduleTest, QuartersAreDueTheFifteenthAfterAndTheYearAtTheEndOfJanuary) {
  auto due = ReportsDue(2024);
  ASSERT_EQ(due.size(), 5u);
  EXPECT_EQ(due[0].period, "2024-Q1");
  EXPECT_EQ(due[0].due.ToString(), "2024-04-15");
  EXPECT_EQ(due[3].due.ToString(), "2025-01-15");
  EXPECT_EQ(due[4].period, "2024");
  EXPECT_EQ(due[4].kind, "year");
  EXPECT_EQ(due[4].due.ToString(), "2025-01-31");
  EXPECT_EQ(ReportPeriodName("2024-Q3"), "2024年第三季度报告");
  EXPECT_EQ(ReportPeriodName("2024"), "2024年度报告");
}

TEST_F(StationedReportsTest, ScheduleCreatesEachGroupsYearOnceAndIsAudited) {
  auto created = reports_->Schedule(clerk_, 2024);
  ASSERT_TRUE(created.has_value()) << created.error().message();
  EXPECT_EQ(*created, 10);  // two groups × (four quarters + the year)
  auto again = reports_->Schedule(clerk_, 2024);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(AuditCount("stationed_report.schedule"), 1);
  EXPECT_EQ(reports_->Schedule(group1_, 2025).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT count(*) FROM stationed_reports"), 10);
}

TEST_F(StationedReportsTest, OverdueIsJudgedOnTheBeijingDay) {
  ASSERT_TRUE(reports_->Schedule(clerk_, 2024));
  const int64_t q2 = ReportOf("stationed-1", "2024-Q2");  // due 2024-07-15
  // 2024-07-15 23:30 Beijing (15:30 UTC): still the due day.
  clock_.Advance((40 * 86400) + 13 * 3600 + 1800);
  EXPECT_EQ(reports_->Get(clerk_, q2)->status_label, "待报送");
  // 2024-07-16 00:30 Beijing, still 07-15 in UTC: overdue.
  clock_.Advance(3600);
  auto late = reports_->Get(clerk_, q2);
  EXPECT_EQ(late->status, "overdue");
  EXPECT_EQ(late->status_label, "逾期未报");
  EXPECT_TRUE(late->overdue);
}

TEST_F(StationedReportsTest, TheGroupSubmitsTheCommissionReadsOrReturns) {
  ASSERT_TRUE(reports_->Schedule(clerk_, 2024));
  const int64_t q2 = ReportOf("stationed-1", "2024-Q2");
  ReportFile file{.name = "附件/二季度.pdf", .content_type = "application/pdf", .bytes = "%PDF"};
  auto submitted = reports_->Submit(group1_, q2, "二季度开展日常监督 12 次。", file);
  ASSERT_TRUE(submitted.has_value()) << submitted.error().message();
  auto r = reports_->Get(leader_, q2);
  EXPECT_EQ(r->status_label, "已报送");
  EXPECT_TRUE(r->on_time);
  EXPECT_EQ(r->file_name, "二季度.pdf");
  EXPECT_EQ(reports_->Download(leader_, q2)->bytes, "%PDF");
  EXPECT_EQ(AuditCount("stationed_report.download"), 1);
  EXPECT_EQ(reports_->Submit(group1_, q2, "再报一次", std::nullopt).error().code(),
            ErrorCode::kConflict);
  // 退回 needs a reason; the group submits again; then 已阅.
  EXPECT_EQ(reports_->Review(leader_, q2, false, " ").error().field(), "note");
  ASSERT_TRUE(reports_->Review(leader_, q2, false, "请补充整改情况"));
  EXPECT_EQ(reports_->Get(group1_, q2)->status_label, "退回");
  ASSERT_TRUE(reports_->Submit(group1_, q2, "已补充整改情况。", std::nullopt));
  ASSERT_TRUE(reports_->Review(leader_, q2, true, ""));
  EXPECT_EQ(reports_->Get(group1_, q2)->status_label, "已阅");
  EXPECT_EQ(AuditCount("stationed_report.submit"), 2);
  EXPECT_EQ(AuditCount("stationed_report.return"), 1);
  EXPECT_EQ(AuditCount("stationed_report.read"), 1);
}

TEST_F(StationedReportsTest, AGroupSeesAndSubmitsOnlyItsOwnReports) {
  ASSERT_TRUE(reports_->Schedule(clerk_, 2024));
  const int64_t other = ReportOf("stationed-2", "2024-Q2");
  EXPECT_EQ(reports_->Get(group1_, other).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(reports_->Submit(group1_, other, "越权报送", std::nullopt).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(reports_->List(group1_)->size(), 5u);
  EXPECT_EQ(reports_->List(clerk_)->size(), 10u);
  EXPECT_TRUE(reports_->List(street1_)->empty());
  // The commission sees the report but does not submit it for the group.
  EXPECT_EQ(reports_->Submit(leader_, other, "代报", std::nullopt).error().code(),
            ErrorCode::kPermissionDenied);
  // A group cannot mark its own report read.
  ASSERT_TRUE(reports_->Submit(group2_, other, "二季度工作", std::nullopt));
  EXPECT_EQ(reports_->Review(group2_, other, true, "").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(AuditCount("stationed_report.submit"), 1);
}

TEST_F(StationedReportsTest, AnEmptyReportIsRefusedNamingTheField) {
  ASSERT_TRUE(reports_->Schedule(clerk_, 2024));
  auto refused = reports_->Submit(group1_, ReportOf("stationed-1", "2024-Q2"), "  ", std::nullopt);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field(), "body");
  EXPECT_EQ(AuditCount("stationed_report.submit"), 0);
}

}  // namespace qf::oversight::testing
