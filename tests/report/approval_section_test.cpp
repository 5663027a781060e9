// The report's 阳光审批 section on a small hand-made set of applications walked through the
// approval service, so every count is known:
//
//   幸福社区 (street-01), submitted 2024-06-05 (Q2):
//     A1  waits at 初审 (deadline 06-15; overdue by 2 days on 06-17)
//     A2  初审 approved on day 2 (06-07) → in 公示 (closable from 06-14; overdue by 3 days on
//     06-17),
//         with one objection
//     A3  rejected at 初审 the same day: 家庭收入超过标准
//     A4  the whole chain: 初审 day 0, 公示 closed day 7, 街道审核 day 9, 部门审批 day 9,
//         财政发放 day 10 → completed
//   和平社区 (street-02):
//     A5  rejected at 初审 the same day: 申报材料不全或不实
// The report is computed on 2024-06-17 (day 12).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "approval/approval_service.h"
#include "approval/config.h"
#include "crypto/crypto.h"
#include "report/render.h"
#include "report/report_tables.h"
#include "report/statistics.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::report {
namespace {

using approval::StepKind;
using casework::Role;

class TestClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return now_; }
  void AdvanceDays(int days) { now_ += int64_t{days} * 86400; }

 private:
  int64_t now_ = 1717552800;  // 2024-06-05 10:00 Beijing time
};

std::string WithCheckDigit(const std::string& first17) {
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kWeights[i];
  return first17 + kCheck[sum % 11];
}

casework::Actor Actor(const std::string& name, Role role, const std::string& unit) {
  return casework::Actor{0, name, {role}, unit};
}

class ApprovalSectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open("sqlite::memory:");
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    Run("INSERT INTO units(code, name, kind, parent_code) VALUES "
        "('street-01', '一街道监察办公室', 'street_office', 'commission'), "
        "('community-xf', '幸福社区', 'community', 'street-01'), "
        "('street-02', '二街道监察办公室', 'street_office', 'commission'), "
        "('community-hp', '和平社区', 'community', 'street-02'), "
        "('dept-civil', '区民政局', 'department', 'commission'), "
        "('dept-finance', '区财政局', 'department', 'commission')");
    Run("INSERT INTO programs(code, name, department, domain, means_tested, period, standard, "
        "max_amount, min_age, max_age, exclusive_group) VALUES "
        "('MZ01', '城乡最低生活保障', '民政局', '民生', 1, '月', 80000, NULL, NULL, NULL, NULL)");
    service_ = std::make_unique<approval::ApprovalService>(*db_, clock_, cipher_, config_);
    BuildApplications();
  }

  void Run(const std::string& sql) {
    auto ok = db_->Execute(sql);
    ASSERT_TRUE(ok.has_value()) << ok.error().message() << "\n" << sql;
  }

  int64_t Submit(int n, const std::string& community, const casework::Actor& clerk) {
    std::string id = WithCheckDigit("1101051980010" + std::to_string(1000 + n));
    std::string name = "申请人" + std::to_string(n);
    Run("INSERT INTO persons(id_number, name, sex, birth_date, region_code, community, "
        "household_id, relation) VALUES ('" +
        id + "', '" + name + "', '男', '1980-01-01', '110105', '" + community + "', 'H" +
        std::to_string(n) + "', '户主')");
    approval::ApplicationInput in;
    in.program_code = "MZ01";
    in.community = community;
    in.applicant_name = name;
    in.id_number = id;
    in.account_no = "62284800000000" + std::to_string(1000 + n);
    in.bank = "农业银行";
    in.declared_income = 50000;
    in.declared_assets = "无";
    in.reason = "收入低于低保标准";
    auto made = service_->SubmitByClerk(clerk, in);
    EXPECT_TRUE(made.has_value()) << made.error().message();
    return made ? made->application_id : 0;
  }

  void Decide(const casework::Actor& actor, int64_t id, approval::Decision decision) {
    auto done = service_->Decide(actor, id, decision);
    ASSERT_TRUE(done.has_value()) << done.error().message();
  }

  void Approve(const casework::Actor& actor, int64_t id, StepKind step) {
    Decide(actor, id, {.step = step, .reasons = "符合条件", .deliberation = "民主评议通过"});
  }

  void Reject(const casework::Actor& actor, int64_t id, const std::string& category) {
    Decide(actor, id,
           {.step = StepKind::kCommunityReview,
            .approve = false,
            .reason_category = category,
            .reasons = "经核实不符合条件"});
  }

  void BuildApplications() {
    a1_ = Submit(1, "幸福社区", xf_clerk_);
    a2_ = Submit(2, "幸福社区", xf_clerk_);
    a3_ = Submit(3, "幸福社区", xf_clerk_);
    a4_ = Submit(4, "幸福社区", xf_clerk_);
    a5_ = Submit(5, "和平社区", hp_clerk_);
    Reject(xf_reviewer_, a3_, "家庭收入超过标准");
    Reject(hp_reviewer_, a5_, "申报材料不全或不实");
    Approve(xf_reviewer_, a4_, StepKind::kCommunityReview);
    clock_.AdvanceDays(2);
    Approve(xf_reviewer_, a2_, StepKind::kCommunityReview);
    ASSERT_TRUE(service_->Object(a2_, {.content = "申请人家中有经营性商铺"}).has_value());
    clock_.AdvanceDays(5);  // day 7
    Approve(xf_reviewer_, a4_, StepKind::kPublicity);
    clock_.AdvanceDays(2);  // day 9
    Approve(street_, a4_, StepKind::kStreetReview);
    Approve(approver_, a4_, StepKind::kDepartmentApproval);
    clock_.AdvanceDays(1);  // day 10
    Approve(finance_, a4_, StepKind::kPayment);
    clock_.AdvanceDays(2);  // day 12: 2024-06-17
  }

  Statistics Compute(const std::string& period, const std::string& unit = "") {
    auto p = ParseReportPeriod(period);
    EXPECT_TRUE(p.has_value());
    auto stats = ComputeStatistics(*db_, *p, unit, *Date::Parse("2024-06-17"));
    EXPECT_TRUE(stats.has_value()) << (stats ? "" : stats.error().message());
    return stats ? *stats : Statistics{};
  }

  static std::vector<std::string> Ids(const Figure& f) {
    std::vector<std::string> ids;
    for (const RecordRef& r : f.records) ids.push_back(r.id);
    return ids;
  }

  std::string S(int64_t id) const { return std::to_string(id); }

  TestClock clock_;
  crypto::FieldCipher cipher_ = crypto::FieldCipher::FromMasterKey({});
  approval::ApprovalConfig config_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<approval::ApprovalService> service_;
  casework::Actor xf_clerk_ = Actor("clerk-xf", Role::kIntake, "community-xf");
  casework::Actor hp_clerk_ = Actor("clerk-hp", Role::kIntake, "community-hp");
  casework::Actor xf_reviewer_ = Actor("reviewer-xf", Role::kHandler, "community-xf");
  casework::Actor hp_reviewer_ = Actor("reviewer-hp", Role::kHandler, "community-hp");
  casework::Actor street_ = Actor("street", Role::kHandler, "street-01");
  casework::Actor approver_ = Actor("approver", Role::kApprover, "dept-civil");
  casework::Actor finance_ = Actor("finance", Role::kLiaison, "dept-finance");
  int64_t a1_ = 0, a2_ = 0, a3_ = 0, a4_ = 0, a5_ = 0;
};

TEST_F(ApprovalSectionTest, CountsEveryFigureOfTheWholeDistrict) {
  Statistics stats = Compute("2024-Q2");
  EXPECT_EQ(stats.Get("approval.submitted").value, 5);
  EXPECT_EQ(stats.Get("approval.in_progress").value, 2);
  EXPECT_EQ(stats.Get("approval.completed").value, 1);
  EXPECT_EQ(stats.Get("approval.rejected").value, 2);
  EXPECT_EQ(stats.Get("approval.step.community_review").value, 1);
  EXPECT_EQ(stats.Get("approval.step.publicity").value, 1);
  EXPECT_EQ(stats.Get("approval.step.street_review").value, 0);
  EXPECT_EQ(stats.Get("approval.rejection.家庭收入超过标准").value, 1);
  EXPECT_EQ(stats.Get("approval.rejection.申报材料不全或不实").value, 1);
  EXPECT_EQ(stats.Get("approval.rejection.其他").value, 0);
  EXPECT_EQ(stats.Get("approval.overdue").value, 2);
  // Each figure lists the applications behind it (the drill-down).
  EXPECT_EQ(Ids(stats.Get("approval.rejected")), (std::vector<std::string>{S(a3_), S(a5_)}));
  EXPECT_EQ(Ids(stats.Get("approval.completed")), (std::vector<std::string>{S(a4_)}));
  // Overdue, longest first: A2's 公示 (closable from 06-14) by 3 days, A1's 初审 by 2.
  EXPECT_EQ(Ids(stats.Get("approval.overdue")), (std::vector<std::string>{S(a2_), S(a1_)}));
  EXPECT_EQ(stats.Get("approval.overdue").records[0].kind, "application");

  // Time per step: 初审 decided for A2 (2 days), A3, A4, A5 (0 days); the rest once each.
  const auto& steps = stats.approval.steps;
  const auto& review = steps[static_cast<size_t>(StepKind::kCommunityReview)];
  EXPECT_EQ(review.decided, 4);
  EXPECT_EQ(review.rejected, 2);
  EXPECT_DOUBLE_EQ(review.average_days, 0.5);
  EXPECT_DOUBLE_EQ(review.max_days, 2.0);
  EXPECT_EQ(review.overdue, 1);
  EXPECT_DOUBLE_EQ(steps[static_cast<size_t>(StepKind::kPublicity)].average_days, 7.0);
  EXPECT_EQ(steps[static_cast<size_t>(StepKind::kPublicity)].overdue, 1);
  EXPECT_DOUBLE_EQ(steps[static_cast<size_t>(StepKind::kStreetReview)].average_days, 2.0);
  EXPECT_DOUBLE_EQ(steps[static_cast<size_t>(StepKind::kDepartmentApproval)].average_days, 0.0);
  EXPECT_EQ(steps[static_cast<size_t>(StepKind::kDepartmentApproval)].decided, 1);
  EXPECT_DOUBLE_EQ(steps[static_cast<size_t>(StepKind::kPayment)].average_days, 1.0);
}

TEST_F(ApprovalSectionTest, KeepsToThePeriodAndTheUnitSubtree) {
  EXPECT_EQ(Compute("2024-Q3").Get("approval.submitted").value, 0);

  Statistics street2 = Compute("2024-Q2", "street-02");
  EXPECT_EQ(street2.Get("approval.submitted").value, 1);
  EXPECT_EQ(street2.Get("approval.rejected").value, 1);
  EXPECT_EQ(street2.Get("approval.rejection.申报材料不全或不实").value, 1);
  EXPECT_EQ(street2.Get("approval.overdue").value, 0);

  Statistics street1 = Compute("2024-Q2", "street-01");
  EXPECT_EQ(street1.Get("approval.submitted").value, 4);
  EXPECT_EQ(street1.Get("approval.rejection.申报材料不全或不实").value, 0);
  EXPECT_EQ(street1.Get("approval.overdue").value, 2);

  // A department's report counts the applications that reached a step at the department.
  Statistics civil = Compute("2024-Q2", "dept-civil");
  EXPECT_EQ(civil.Get("approval.submitted").value, 1);
  EXPECT_EQ(civil.Get("approval.completed").value, 1);
}

TEST_F(ApprovalSectionTest, AppearsInTheTemplatesAndTheWorkbook) {
  Statistics stats = Compute("2024-Q2");
  auto md_template = LoadReportTemplate(ReportFormat::kMarkdown);
  ASSERT_TRUE(md_template.has_value()) << md_template.error().message();
  auto md = RenderReport(stats, *md_template, ReportFormat::kMarkdown);
  ASSERT_TRUE(md.has_value());
  EXPECT_NE(md->find("受理审批申请**5**件，审批通过并发放**1**件，审批未通过**2**件（其中家庭收入"
                     "超过标准1件、申报材料不全或不实1件），尚在审批中**2**件；逾期未办结审批环节**"
                     "2**项"),
            std::string::npos)
      << *md;
  EXPECT_NE(md->find("| 村/社区初审 | 1 | 4 | 2 | 0.5 | 1 |"), std::string::npos);

  auto html_template = LoadReportTemplate(ReportFormat::kHtml);
  ASSERT_TRUE(html_template.has_value());
  auto html = RenderReport(stats, *html_template, ReportFormat::kHtml);
  ASSERT_TRUE(html.has_value());
  EXPECT_NE(html->find("受理审批申请<span class=\"figure\">5</span>件"), std::string::npos);
  EXPECT_NE(html->find("<td>公示</td><td>1</td><td>1</td><td>0</td><td>7.0</td><td>1</td>"),
            std::string::npos);

  std::vector<Table> tables = ReportTables(stats);
  auto sheet = std::find_if(tables.begin(), tables.end(),
                            [](const Table& t) { return t.sheet == "阳光审批"; });
  ASSERT_NE(sheet, tables.end());
  EXPECT_EQ(sheet->rows[0],
            (std::vector<std::string>{"村/社区初审", "1", "4", "2", "0.5", "2.0", "1"}));
  auto reasons = std::find_if(tables.begin(), tables.end(),
                              [](const Table& t) { return t.sheet == "审批未通过原因"; });
  ASSERT_NE(reasons, tables.end());
  EXPECT_EQ(reasons->rows.back(), (std::vector<std::string>{"合计", "2"}));
}

TEST_F(ApprovalSectionTest, AnEmptyPeriodLeavesTheParagraphOut) {
  Statistics stats = Compute("2024-Q3");
  auto md_template = LoadReportTemplate(ReportFormat::kMarkdown);
  ASSERT_TRUE(md_template.has_value());
  auto md = RenderReport(stats, *md_template, ReportFormat::kMarkdown);
  ASSERT_TRUE(md.has_value());
  EXPECT_EQ(md->find("推行“一卡通”阳光审批"), std::string::npos);
}

}  // namespace
}  // namespace qf::report
