// 灯下黑 everywhere (issue 12, point 4): findings, clues and case persons that name a commission
// staff member — by ID number, or without one by name equality (spaces, zero-width characters and
// traditional forms do not slip past) — exist for 干部监督室 alone, and every read of one is
// audited. Business accounts must carry an ID number.
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class StaffRestrictionTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    intake_ = MakeActor("intake", Role::kIntake, "commission");
    handler_ = MakeActor("handler", Role::kHandler, "commission");
    approver_ = MakeActor("approver", Role::kApprover, "commission");
    supervision_ = MakeActor("supervision", Role::kInternalSupervision, "commission");
    // 钱七 works at the commission as a handler; staff_id_ is his ID number.
    auto staff = service_->AddUserFromCli("qianqi", "钱七", {Role::kHandler}, "commission",
                                          "password-qianqi", staff_id_);
    ASSERT_TRUE(staff.has_value()) << staff.error().message();
    staff_ = Actor{(*staff)["id"].get<int64_t>(), "qianqi", {Role::kHandler}, "commission"};
  }
  int64_t Reads(const std::string& entity) {
    return Count("SELECT count(*) FROM audit_log WHERE action = '" + entity + ".read_restricted'");
  }
  const std::string staff_id_ = AccountIdNumber(777);
  Actor staff_;
};

TEST_F(StaffRestrictionTest, AFindingNamingStaffIsHiddenFromThemAndTheirColleagues) {
  // The recipient is 钱七's household member; the evidence names 钱七 with his ID number.
  std::string fp = AddFinding("00000000000000000000000000000002", kCitizenA, "张三", "一街道甲社区",
                              std::string("张三（") + kCitizenA + "）领取低保；同户人员 钱七（" +
                                  staff_id_ + "）为区纪委监委科员");
  for (const Actor& actor : {staff_, handler_, intake_, approver_}) {
    auto read = service_->GetFinding(actor, fp);
    ASSERT_FALSE(read.has_value()) << actor.username;
    EXPECT_EQ(read.error().code(), ErrorCode::kNotFound) << actor.username;
    // The staff member named in it cannot reset its review either.
    auto reset = service_->ReviewFinding(actor, fp, {{"decision", "open"}, {"version", 0}});
    ASSERT_FALSE(reset.has_value()) << actor.username;
    EXPECT_EQ(reset.error().code(), ErrorCode::kNotFound) << actor.username;
    auto scope = service_->FindingScopeFor(actor);
    ASSERT_TRUE(scope.has_value());
    EXPECT_FALSE(scope->restricted_only);
    EXPECT_EQ(scope->restricted, std::vector<std::string>{fp}) << actor.username;
  }
  auto promote = service_->PromoteFindings(intake_, {{"fingerprints", {fp}}});
  ASSERT_FALSE(promote.has_value());
  EXPECT_EQ(promote.error().code(), ErrorCode::kNotFound);

  auto read = service_->GetFinding(supervision_, fp);
  ASSERT_TRUE(read.has_value()) << read.error().message();
  EXPECT_TRUE((*read)["restricted"].get<bool>());
  EXPECT_EQ(Reads("finding"), 1);
  ASSERT_TRUE(service_->GetFinding(supervision_, fp).has_value());
  EXPECT_EQ(Reads("finding"), 2);  // every read
  EXPECT_TRUE(service_->ReviewFinding(supervision_, fp, {{"decision", "confirmed"}, {"version", 0}})
                  .has_value());
  auto scope = service_->FindingScopeFor(supervision_);
  ASSERT_TRUE(scope.has_value());
  EXPECT_TRUE(scope->restricted_only);
}

TEST_F(StaffRestrictionTest, AFindingWithoutAnIdMatchesStaffByName) {
  // A collective-funds finding has no id_number: the counterparty it quotes is matched by name.
  std::string fp = AddFinding("00000000000000000000000000000003", "", "", "一街道甲社区",
                              "向“錢 七”在 30 天内支付 3 笔", "錢 七");
  auto read = service_->GetFinding(handler_, fp);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(service_->GetFinding(supervision_, fp).has_value());
}

TEST_F(StaffRestrictionTest, NameVariantsOfAStaffMemberDoNotSlipPast) {
  for (const char* written : {"钱七", "钱 七", " 钱七 ", "钱\u200b七", "錢七", "钱\u3000七"}) {
    auto receipt = service_->CreateClue(intake_, {{"source", "信访"},
                                                  {"domain", "自身建设"},
                                                  {"title", "反映干部问题"},
                                                  {"summary", "群众反映"},
                                                  {"unit", "commission"},
                                                  {"subjects", {{{"name", written}}}}});
    ASSERT_TRUE(receipt.has_value()) << written;
    EXPECT_TRUE((*receipt)["restricted"].get<bool>()) << "'" << written << "' slipped past";
  }
  // Someone else of a different name is not restricted.
  auto other = service_->CreateClue(intake_, {{"source", "信访"},
                                              {"domain", "民生"},
                                              {"title", "低保"},
                                              {"summary", "群众反映"},
                                              {"unit", "commission"},
                                              {"subjects", {{{"name", "孙八"}}}}});
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE((*other)["restricted"].get<bool>());
}

TEST_F(StaffRestrictionTest, ACasePersonWhoIsStaffRestrictsTheCaseAndItsClue) {
  int64_t case_id = NewCase("commission");
  ASSERT_TRUE(service_->GetCase(handler_, case_id).has_value());
  auto receipt =
      service_->AddCasePerson(handler_, case_id, {{"name", "钱七"}, {"id_number", staff_id_}});
  ASSERT_TRUE(receipt.has_value()) << receipt.error().message();
  EXPECT_TRUE((*receipt)["restricted"].get<bool>());
  EXPECT_FALSE(receipt->contains("persons"));  // a receipt, not the content
  for (const Actor& actor : {handler_, approver_, staff_}) {
    auto read = service_->GetCase(actor, case_id);
    ASSERT_FALSE(read.has_value()) << actor.username;
    EXPECT_EQ(read.error().code(), ErrorCode::kNotFound);
    auto cases = service_->ListCases(actor, Json::object());
    ASSERT_TRUE(cases.has_value());
    EXPECT_TRUE((*cases)["cases"].empty()) << actor.username;
    auto clues = service_->ListClues(actor, Json::object());
    ASSERT_TRUE(clues.has_value());
    EXPECT_TRUE((*clues)["clues"].empty()) << actor.username;
  }
  auto read = service_->GetCase(supervision_, case_id);
  ASSERT_TRUE(read.has_value()) << read.error().message();
  EXPECT_EQ(Reads("case"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'case.restrict'"), 1);
}

TEST_F(StaffRestrictionTest, ACasePersonWithoutAnIdIsMatchedByName) {
  int64_t case_id = NewCase("commission");
  auto receipt = service_->AddCasePerson(handler_, case_id, {{"name", "錢 七"}});
  ASSERT_TRUE(receipt.has_value()) << receipt.error().message();
  EXPECT_TRUE((*receipt)["restricted"].get<bool>());
  EXPECT_EQ(service_->GetCase(handler_, case_id).error().code(), ErrorCode::kNotFound);
}

TEST_F(StaffRestrictionTest, FilingACaseNamingStaffRestrictsIt) {
  int64_t clue = ClueInDisposal("commission");
  auto filed = service_->FileCase(
      approver_, {{"clue_id", clue}, {"persons", {{{"name", "钱七"}, {"id_number", staff_id_}}}}});
  ASSERT_TRUE(filed.has_value()) << filed.error().message();
  EXPECT_TRUE((*filed)["restricted"].get<bool>());
  EXPECT_EQ(service_->GetCase(approver_, (*filed)["id"]).error().code(), ErrorCode::kNotFound);
}

TEST_F(StaffRestrictionTest, AnAccountCreatedLaterRestrictsWhatAlreadyNamesItsHolder) {
  int64_t clue = NewClue("commission", {{{"name", "孙八"}, {"id_number", kCitizenA}}});
  ASSERT_TRUE(service_->GetClue(intake_, clue).has_value());
  ASSERT_TRUE(service_->AddUserFromCli("sunba", "孙八", {Role::kApprover}, "commission",
                                       "password-sunba", std::string(kCitizenA)));
  EXPECT_EQ(service_->GetClue(intake_, clue).error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(service_->GetClue(supervision_, clue).has_value());
}

TEST_F(StaffRestrictionTest, TheCachedAnswerFollowsNewStaffAndNewFindings) {
  FindingRestrictionCache cache;
  CaseworkOptions options{.password_cost = PasswordCost::Minimal()};
  options.finding_restrictions = &cache;
  CaseworkService cached(*db_, clock_, cipher_, options);
  std::string fp = AddFinding("00000000000000000000000000000005", kCitizenA, "孙八", "一街道甲社区",
                              std::string("孙八（") + kCitizenA + "）死亡后仍领取低保");
  auto before = cached.FindingScopeFor(handler_);
  ASSERT_TRUE(before.has_value());
  EXPECT_TRUE(before->restricted.empty());
  EXPECT_TRUE(cached.FindingScopeFor(handler_)->restricted.empty());  // from the cache
  // 孙八 joins the commission: the same question now has another answer.
  ASSERT_TRUE(cached.AddUserFromCli("sunba", "孙八", {Role::kIntake}, "commission", "",
                                    std::string(kCitizenA)));
  EXPECT_EQ(cached.FindingScopeFor(handler_)->restricted, std::vector<std::string>{fp});
  std::string fp2 = AddFinding("00000000000000000000000000000006", AccountIdNumber(778), "周九",
                               "一街道甲社区", "同户人员 孙八（" + std::string(kCitizenA) + "）");
  EXPECT_EQ(cached.FindingScopeFor(handler_)->restricted, (std::vector<std::string>{fp, fp2}));
}

TEST_F(StaffRestrictionTest, BusinessAccountsMustCarryAnIdNumber) {
  auto cli = service_->AddUserFromCli("noid", "无证件", {Role::kIntake}, "commission", "", {});
  ASSERT_FALSE(cli.has_value());
  EXPECT_EQ(cli.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cli.error().field(), "id_number");
  Actor sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  auto api = service_->CreateUser(
      sysadmin, {{"username", "noid2"}, {"display_name", "无证件"}, {"unit", "commission"}});
  ASSERT_FALSE(api.has_value());
  EXPECT_EQ(api.error().field(), "id_number");
  EXPECT_EQ(Count("SELECT count(*) FROM users WHERE username IN ('noid', 'noid2')"), 0);
  // An account from before the rule gets no business role until it has a number.
  ASSERT_TRUE(internal::Exec(*db_,
                             "INSERT INTO users(username, display_name, unit_code, roles, "
                             "password_hash, created_at) VALUES ('legacy', '旧账号', 'commission', "
                             "'', 'x', '2024-01-01T00:00:00Z')")
                  .has_value());
  int64_t legacy = Count("SELECT user_id FROM users WHERE username = 'legacy'");
  Actor security = MakeActor("security", Role::kSecurityAdmin, "commission");
  auto grant = service_->SetUserRoles(security, legacy, {{"roles", {"handler"}}});
  ASSERT_FALSE(grant.has_value());
  EXPECT_EQ(grant.error().field(), "id_number");
  // Administrators never read case content: the bootstrap may create them without one.
  EXPECT_TRUE(
      service_->AddUserFromCli("auditor", "审计", {Role::kAuditAdmin}, "commission", "", {}));
}

}  // namespace
}  // namespace qf::casework::testing
