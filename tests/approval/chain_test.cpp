// The chain end to end: an application walks 申请 → 初审 → 公示 (with an objection that becomes a
// clue) → 街道审核 → 部门审批 (blocked by a pre-check hit until acknowledged) → 财政发放 (the
// enrolment and the card appear in the ledger); a rejection reaches the applicant with its reason;
// a cadre relative needs a 备案; units outside the chain cannot act.
#include <gtest/gtest.h>

#include "approval/receipt.h"
#include "approval/statistics.h"
#include "approval_fixture.h"
#include "audit/audit_log.h"

namespace qf::approval::testing {
namespace {

const PrecheckHitView* FindHit(const ApplicationView& app, const std::string& rule) {
  for (const PrecheckHitView& hit : app.hits) {
    if (hit.rule == rule) return &hit;
  }
  return nullptr;
}

TEST_F(ApprovalTest, WalksEveryStepWithObjectionPrecheckAndPayment) {
  auto made = service_->SubmitByClerk(clerk_, Input(kApplicant, "李建国"));
  ASSERT_TRUE(made.has_value()) << made.error().message();
  EXPECT_TRUE(IsReceiptCode(made->receipt_code));
  const int64_t id = made->application_id;
  // Only the hash of the receipt code is stored, and the ID number only encrypted.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_applications WHERE receipt_hash = '" +
                  ReceiptHash(made->receipt_code) + "'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_applications WHERE id_number_enc LIKE '%" +
                  kApplicant + "%' OR receipt_hash = '" + made->receipt_code + "'"),
            0);

  auto app = service_->Get(reviewer_, id);
  ASSERT_TRUE(app.has_value()) << app.error().message();
  EXPECT_EQ(app->current_step, StepKind::kCommunityReview);
  ASSERT_EQ(app->steps.size(), 2u);
  EXPECT_EQ(app->steps[0].decision, "approved");
  EXPECT_EQ(app->steps[1].unit_code, "community-xf");
  EXPECT_EQ(app->steps[1].deadline, "2024-06-15");
  EXPECT_EQ(app->id_masked, "110105********" + kApplicant.substr(14));

  // 初审 needs the 民主评议 record.
  auto no_record = service_->Decide(reviewer_, id, {.step = StepKind::kCommunityReview});
  ASSERT_FALSE(no_record.has_value());
  EXPECT_EQ(no_record.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(service_
                  ->Decide(reviewer_, id,
                           {.step = StepKind::kCommunityReview,
                            .reasons = "符合低保条件",
                            .deliberation = "6月5日村民代表民主评议，到会 15 人，同意 14 人"})
                  .has_value());

  // 公示: listed publicly for the community, and an objection becomes a clue.
  auto listed = service_->Publicity(CommunityKey("幸福社区"));
  ASSERT_TRUE(listed.has_value() && listed->has_value());
  ASSERT_EQ((*listed)->size(), 1u);
  EXPECT_EQ((**listed)[0].applicant_name, "李建国");
  EXPECT_EQ((**listed)[0].from, "2024-06-05");
  EXPECT_EQ((**listed)[0].to, "2024-06-11");
  auto clue = service_->Object(id, {.content = "申请人配偶有一辆小汽车，不符合低保条件"});
  ASSERT_TRUE(clue.has_value()) << clue.error().message();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues WHERE clue_id = " + std::to_string(*clue) +
                  " AND source = '群众举报' AND title LIKE '公示异议%'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clue_subjects WHERE clue_id = " + std::to_string(*clue)),
            1);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM approval_objections WHERE clue_id = " + std::to_string(*clue)),
      1);

  // The period is not over yet; afterwards the objection must be answered.
  auto early = service_->Decide(reviewer_, id, {.step = StepKind::kPublicity});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code(), ErrorCode::kConflict);
  clock_.AdvanceDays(7);
  auto late_objection = service_->Object(id, {.content = "补充异议"});
  ASSERT_FALSE(late_objection.has_value());
  EXPECT_EQ(late_objection.error().code(), ErrorCode::kConflict);
  auto unanswered = service_->Decide(reviewer_, id, {.step = StepKind::kPublicity});
  ASSERT_FALSE(unanswered.has_value());
  EXPECT_EQ(unanswered.error().field(), "reasons");
  ASSERT_TRUE(service_
                  ->Decide(reviewer_, id,
                           {.step = StepKind::kPublicity,
                            .reasons = "经核实车辆登记在配偶名下，已转纪检监察机关核查"})
                  .has_value());

  // 街道审核 by the street office above the community.
  auto wrong_street = service_->Decide(Actor("other", casework::Role::kHandler, "street-02"), id,
                                       {.step = StepKind::kStreetReview});
  ASSERT_FALSE(wrong_street.has_value());
  EXPECT_EQ(wrong_street.error().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(service_->Decide(street_, id, {.step = StepKind::kStreetReview, .reasons = "同意"})
                  .has_value());

  // 部门审批: the pre-check ran when the step opened and found the spouse's car (R09).
  app = service_->Get(approver_, id);
  ASSERT_TRUE(app.has_value());
  EXPECT_EQ(app->current_step, StepKind::kDepartmentApproval);
  EXPECT_EQ(app->steps.back().unit_code, "dept-civil");
  const PrecheckHitView* r09 = FindHit(*app, "R09");
  ASSERT_NE(r09, nullptr);
  EXPECT_NE(r09->evidence.find("京A12345"), std::string::npos) << r09->evidence;
  // Stored evidence names people by masked ID only.
  EXPECT_EQ(r09->evidence.find(kSpouse), std::string::npos) << r09->evidence;
  EXPECT_NE(r09->evidence.find(kSpouse.substr(0, 6) + "********"), std::string::npos);
  EXPECT_TRUE(service_->Allowed(approver_, *app).precheck);
  EXPECT_TRUE(service_->Allowed(approver_, *app).decide);
  EXPECT_FALSE(service_->Allowed(street_, *app).decide);
  auto blocked = service_->Decide(approver_, id, {.step = StepKind::kDepartmentApproval});
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code(), ErrorCode::kConflict);
  EXPECT_NE(blocked.error().message().find("确认"), std::string::npos);
  // Only the approver acknowledges, and only with a note.
  EXPECT_FALSE(service_->Acknowledge(street_, id, {r09->hit_id}, "看过").has_value());
  EXPECT_FALSE(service_->Acknowledge(approver_, id, {r09->hit_id}, "").has_value());
  // A re-run keeps the hit (same fingerprint) and it is still unacknowledged.
  auto rerun = service_->RunPrecheck(approver_, id);
  ASSERT_TRUE(rerun.has_value()) << rerun.error().message();
  for (const PrecheckHitView& hit : *rerun) {
    ASSERT_TRUE(service_->Acknowledge(approver_, id, {hit.hit_id}, "车辆已于申请前转让，见过户证明")
                    .has_value());
  }
  ASSERT_TRUE(
      service_->Decide(approver_, id, {.step = StepKind::kDepartmentApproval, .reasons = "批准"})
          .has_value());

  // 财政发放 by the finance department's liaison: the ledger gets the enrolment and the card.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments WHERE id_number = '" + kApplicant + "'"), 0);
  ASSERT_TRUE(
      service_->Decide(finance_, id, {.step = StepKind::kPayment, .reasons = "已纳入发放名册"})
          .has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments WHERE id_number = '" + kApplicant +
                  "' AND program_code = 'MZ01' AND community = '幸福社区' AND end_date IS NULL"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cards WHERE id_number = '" + kApplicant +
                  "' AND status = '正常'"),
            1);

  // The applicant's progress shows every step with its unit and date.
  auto progress = service_->ProgressByReceipt(made->receipt_code);
  ASSERT_TRUE(progress.has_value() && progress->has_value());
  EXPECT_EQ((*progress)->status, "已发放");
  ASSERT_EQ((*progress)->steps.size(), 6u);
  EXPECT_EQ((*progress)->steps[1].unit, "幸福社区");
  EXPECT_EQ((*progress)->steps[3].unit, "一街道监察办公室");
  EXPECT_EQ((*progress)->steps[4].unit, "区民政局");
  EXPECT_EQ((*progress)->steps[5].unit, "区财政局");
  EXPECT_EQ((*progress)->steps[5].decided_on, "2024-06-12");
  EXPECT_EQ((*progress)->steps[5].result, "通过");
  auto wrong = service_->ProgressByReceipt("0000000000000000");
  ASSERT_TRUE(wrong.has_value());
  EXPECT_FALSE(wrong->has_value());

  // Closed: nothing more can be decided, and every change is in an intact audit chain.
  EXPECT_FALSE(service_->Decide(finance_, id, {.step = StepKind::kPayment}).has_value());
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'application'"), 8);
  auto verified = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(verified.has_value());
  EXPECT_TRUE(verified->ok) << verified->problem;

  auto stats = ComputeApprovalStatistics(*db_, *Date::Parse("2024-06-01"),
                                         *Date::Parse("2024-06-30"), qf::Today(clock_));
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->submitted, 1);
  EXPECT_EQ(stats->completed, 1);
  const StepStatistics& publicity = stats->steps[static_cast<size_t>(StepKind::kPublicity)];
  EXPECT_EQ(publicity.decided, 1);
  EXPECT_DOUBLE_EQ(publicity.average_days, 7.0);
}

TEST_F(ApprovalTest, RejectionReturnsToTheApplicantWithItsReason) {
  auto made = service_->SubmitByCitizen(Input(kApplicant, "李建国"));
  ASSERT_TRUE(made.has_value()) << made.error().message();
  const int64_t id = made->application_id;
  auto no_reason = service_->Decide(reviewer_, id,
                                    {.step = StepKind::kCommunityReview,
                                     .approve = false,
                                     .reason_category = "家庭财产不符合条件"});
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().field(), "reasons");
  ASSERT_TRUE(service_
                  ->Decide(reviewer_, id,
                           {.step = StepKind::kCommunityReview,
                            .approve = false,
                            .reason_category = "家庭财产不符合条件",
                            .reasons = "家庭成员名下有小型汽车一辆"})
                  .has_value());
  auto progress = service_->ProgressByReceipt(made->receipt_code);
  ASSERT_TRUE(progress.has_value() && progress->has_value());
  EXPECT_EQ((*progress)->status, "未通过");
  EXPECT_EQ((*progress)->rejection_category, "家庭财产不符合条件");
  EXPECT_EQ((*progress)->rejection_reason, "家庭成员名下有小型汽车一辆");
  EXPECT_EQ((*progress)->steps[1].result, "不予通过：家庭成员名下有小型汽车一辆");
  EXPECT_TRUE((*progress)->steps[2].pending);
  auto again = service_->Decide(reviewer_, id, {.step = StepKind::kCommunityReview});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  // A rejected application no longer blocks a new one.
  EXPECT_TRUE(service_->SubmitByCitizen(Input(kApplicant, "李建国")).has_value());

  auto stats = ComputeApprovalStatistics(*db_, *Date::Parse("2024-06-01"),
                                         *Date::Parse("2024-06-30"), qf::Today(clock_));
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->submitted, 2);
  EXPECT_EQ(stats->rejected, 1);
  ASSERT_EQ(stats->rejections.size(), 1u);
  EXPECT_EQ(stats->rejections[0].category, "家庭财产不符合条件");
  EXPECT_EQ(stats->steps[static_cast<size_t>(StepKind::kCommunityReview)].open, 1);
  clock_.AdvanceDays(11);
  stats = ComputeApprovalStatistics(*db_, *Date::Parse("2024-06-01"), *Date::Parse("2024-06-30"),
                                    qf::Today(clock_));
  ASSERT_TRUE(stats.has_value());
  ASSERT_EQ(stats->overdue.size(), 1u);
  EXPECT_EQ(stats->overdue[0].step, StepKind::kCommunityReview);
  EXPECT_EQ(stats->overdue[0].days_over, 1);
}

TEST_F(ApprovalTest, CadreRelativeNeedsFiledDeclarationAndShowsInPublicity) {
  // The applicant's brother is a cadre of the same community (R03).
  const std::string cadre = WithCheckDigit("11010519750505345");
  AddPerson(cadre, "李建军", "1975-05-05", "H2", "户主");
  Run("INSERT INTO kinship(id_number_a, id_number_b, relation) VALUES ('" + kApplicant + "', '" +
      cadre + "', '兄弟')");
  Run("INSERT INTO officials(id_number, name, unit, position, category, community, start_date, "
      "end_date) VALUES ('" +
      cadre +
      "', '李建军', '幸福社区居委会', '主任', '社区干部', "
      "'幸福社区', '2021-01-01', NULL)");
  auto made = service_->SubmitByClerk(clerk_, Input(kApplicant, "李建国"));
  ASSERT_TRUE(made.has_value()) << made.error().message();
  auto app = service_->Get(reviewer_, made->application_id);
  ASSERT_TRUE(app.has_value());
  EXPECT_TRUE(app->cadre_relative);
  ASSERT_NE(FindHit(*app, "R03"), nullptr);

  Decision approve{.step = StepKind::kCommunityReview, .deliberation = "民主评议通过"};
  auto blocked = service_->Decide(reviewer_, made->application_id, approve);
  ASSERT_FALSE(blocked.has_value());
  EXPECT_NE(blocked.error().message().find("备案"), std::string::npos);
  ASSERT_TRUE(service_
                  ->FileDeclaration(clerk_, made->application_id,
                                    "申请人之兄为社区居委会主任，已回避评议，报街道备案")
                  .has_value());
  ASSERT_TRUE(service_->Decide(reviewer_, made->application_id, approve).has_value());
  auto listed = service_->Publicity(CommunityKey("幸福社区"));
  ASSERT_TRUE(listed.has_value() && listed->has_value() && (*listed)->size() == 1u);
  EXPECT_TRUE((**listed)[0].cadre_relative);
  EXPECT_TRUE((**listed)[0].declaration_filed);

  // Declaring at submission works as well, and is then required to have a text.
  ApplicationInput declared = Input(kSpouse, "王秀英", "MZ03");
  declared.cadre_relative = true;
  auto refused = service_->SubmitByClerk(clerk_, declared);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field(), "declaration");
}

TEST_F(ApprovalTest, OnlyTheRightRolesAndUnitsAct) {
  auto outsider = service_->SubmitByClerk(Actor("x", casework::Role::kIntake, "street-02"),
                                          Input(kApplicant, "李建国"));
  ASSERT_FALSE(outsider.has_value());
  EXPECT_EQ(outsider.error().code(), ErrorCode::kPermissionDenied);
  auto made = service_->SubmitByClerk(clerk_, Input(kApplicant, "李建国"));
  ASSERT_TRUE(made.has_value());
  // A second open application of the same person for the same program is refused.
  auto twice = service_->SubmitByClerk(clerk_, Input(kApplicant, "李建国"));
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);
  // 受理员 submits but does not review.
  auto intake = service_->Decide(clerk_, made->application_id,
                                 {.step = StepKind::kCommunityReview, .deliberation = "x"});
  ASSERT_FALSE(intake.has_value());
  EXPECT_EQ(intake.error().code(), ErrorCode::kPermissionDenied);
  // Administrators have no part; the commission reaches everything.
  auto admin =
      service_->Get(Actor("sys", casework::Role::kSystemAdmin, "commission"), made->application_id);
  ASSERT_FALSE(admin.has_value());
  EXPECT_EQ(admin.error().code(), ErrorCode::kNotFound);
  auto listed = service_->List(Actor("lead", casework::Role::kApprover, "commission"), {});
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(listed->size(), 1u);
  auto other_street = service_->List(Actor("h", casework::Role::kHandler, "street-02"), {});
  ASSERT_TRUE(other_street.has_value());
  EXPECT_TRUE(other_street->empty());
  // A bad ID number is a field error.
  ApplicationInput bad = Input(kApplicant, "李建国", "MZ03");
  bad.id_number = "110105198001011230";
  auto invalid = service_->SubmitByClerk(clerk_, bad);
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().field(), "id_number");
}

TEST_F(ApprovalTest, ChainFromConfigSkipsStepsItDoesNotName) {
  ChainConfig short_chain;
  short_chain.steps = {StepKind::kApply, StepKind::kCommunityReview, StepKind::kDepartmentApproval,
                       StepKind::kPayment};
  config_.programs.emplace("MZ03", short_chain);
  const std::string elder = WithCheckDigit("11010519400202456");
  AddPerson(elder, "张桂兰", "1940-02-02", "H3", "户主");
  auto made = service_->SubmitByClerk(clerk_, Input(elder, "张桂兰", "MZ03"));
  ASSERT_TRUE(made.has_value()) << made.error().message();
  ASSERT_TRUE(service_
                  ->Decide(reviewer_, made->application_id,
                           {.step = StepKind::kCommunityReview, .deliberation = "评议通过"})
                  .has_value());
  auto app = service_->Get(approver_, made->application_id);
  ASSERT_TRUE(app.has_value());
  EXPECT_EQ(app->current_step, StepKind::kDepartmentApproval);
  EXPECT_EQ(app->chain.size(), 4u);
  // Nothing to acknowledge: an 84-year-old with no assets passes the pre-check.
  EXPECT_TRUE(app->hits.empty());
  EXPECT_TRUE(
      service_->Decide(approver_, made->application_id, {.step = StepKind::kDepartmentApproval})
          .has_value());
}

}  // namespace
}  // namespace qf::approval::testing
