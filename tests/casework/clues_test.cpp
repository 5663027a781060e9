// Clues: intake, restriction of clues about the commission's own staff, encrypted and masked ID
// numbers, the disposal flow with sign-off, assignment and feedback, due and overdue lists,
// promotion of findings, and bad input that names the field and writes nothing.
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class CluesTest : public CaseworkTest {
 protected:
  Json Body() {
    return {{"source", "信访"},
            {"domain", "民生"},
            {"title", "低保冒领"},
            {"summary", "群众反映"},
            {"amount", 5000},
            {"unit", "street-01"},
            {"subjects", {{{"name", "张三"}, {"id_number", kCitizenA}}}}};
  }
  int64_t AuditCount() { return Count("SELECT count(*) FROM audit_log"); }
};

TEST_F(CluesTest, IntakeRegistersAClueAndIdsAreMaskedUnlessTheRoleNeedsThem) {
  auto clue = service_->CreateClue(intake_, Body());
  ASSERT_TRUE(clue.has_value()) << clue.error().message();
  EXPECT_EQ((*clue)["status"], "registered");
  EXPECT_FALSE((*clue)["restricted"].get<bool>());
  EXPECT_EQ((*clue)["subjects"][0]["id_number"], "110105********1238");
  auto for_handler = service_->GetClue(handler_, (*clue)["id"]);
  ASSERT_TRUE(for_handler.has_value());
  EXPECT_EQ((*for_handler)["subjects"][0]["id_number"], kCitizenA);
  auto for_approver = service_->GetClue(approver_, (*clue)["id"]);
  ASSERT_TRUE(for_approver.has_value());
  EXPECT_EQ((*for_approver)["subjects"][0]["id_number"], "110105********1238");
}

TEST_F(CluesTest, TheDatabaseNeverHoldsThePlainIdNumber) {
  ASSERT_TRUE(service_->CreateClue(intake_, Body()).has_value());
  std::string stored = TextOf("SELECT id_number_enc FROM clue_subjects");
  EXPECT_TRUE(stored.starts_with("sm4:"));
  EXPECT_EQ(stored.find(kCitizenA), std::string::npos);
  EXPECT_EQ(*cipher_.Decrypt(stored), kCitizenA);
  std::string like = std::string("'%") + kCitizenA + "%'";
  EXPECT_EQ(Count("SELECT count(*) FROM clue_subjects WHERE id_number_enc LIKE " + like +
                  " OR id_number_index LIKE " + like),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE after LIKE " + like), 0);
}

TEST_F(CluesTest, ClueAboutAUserIsRestrictedToInternalSupervision) {
  ASSERT_TRUE(service_->AddUserFromCli("staff", "钱七", {Role::kHandler}, "commission",
                                       "password-staff", std::string(kCitizenA)));
  auto receipt = service_->CreateClue(intake_, Body());
  ASSERT_TRUE(receipt.has_value()) << receipt.error().message();
  EXPECT_TRUE((*receipt)["restricted"].get<bool>());
  EXPECT_FALSE(receipt->contains("subjects"));  // the clerk gets a receipt, not the content
  int64_t id = (*receipt)["id"];
  for (const Actor& actor : {intake_, handler_, approver_}) {
    auto read = service_->GetClue(actor, id);
    ASSERT_FALSE(read.has_value()) << actor.username;
    EXPECT_EQ(read.error().code(), ErrorCode::kNotFound) << actor.username;
    auto list = service_->ListClues(actor, Json::object());
    ASSERT_TRUE(list.has_value());
    EXPECT_TRUE((*list)["clues"].empty()) << actor.username;
  }
  EXPECT_EQ(service_->ProposeDisposal(handler_, id, {{"disposal", "初步核实"}}).error().code(),
            ErrorCode::kNotFound);

  int64_t reads_before =
      Count("SELECT count(*) FROM audit_log WHERE action = 'clue.read_restricted'");
  auto read = service_->GetClue(supervision_, id);
  ASSERT_TRUE(read.has_value()) << read.error().message();
  EXPECT_EQ((*read)["subjects"][0]["id_number"], kCitizenA);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'clue.read_restricted' AND "
                  "actor = 'supervision'"),
            reads_before + 1);
  // 干部监督室 handles it end to end.
  ASSERT_TRUE(service_->ProposeDisposal(supervision_, id, {{"disposal", "初步核实"}}));
}

TEST_F(CluesTest, InternalSupervisionRegistersRestrictedClues) {
  Json body = Body();
  body["subjects"] = Json::array();
  auto clue = service_->CreateClue(supervision_, body);
  ASSERT_TRUE(clue.has_value()) << clue.error().message();
  EXPECT_TRUE((*clue)["restricted"].get<bool>());
  EXPECT_EQ((*clue)["title"], "低保冒领");  // 干部监督室 sees what it registered
  EXPECT_EQ(service_->GetClue(handler_, (*clue)["id"]).error().code(), ErrorCode::kNotFound);
  // An intake clerk may mark a clue restricted by hand; then it is gone from the clerk's view.
  body["restricted"] = true;
  auto by_hand = service_->CreateClue(intake_, body);
  ASSERT_TRUE(by_hand.has_value());
  EXPECT_TRUE((*by_hand)["restricted"].get<bool>());
  EXPECT_FALSE(by_hand->contains("title"));
}

TEST_F(CluesTest, ClueAboutAnActiveCommissionOfficialIsRestricted) {
  ASSERT_TRUE(internal::Exec(*db_,
                             "INSERT INTO officials VALUES (?, '孙八', '区纪委监委', '科员', "
                             "'公务员', NULL, '2020-01-01', NULL)",
                             kCitizenB)
                  .has_value());
  Json body = Body();
  body["subjects"] = {{{"name", "孙八"}, {"id_number", kCitizenB}}};
  auto receipt = service_->CreateClue(intake_, body);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_TRUE((*receipt)["restricted"].get<bool>());
}

TEST_F(CluesTest, OfficialsOfOtherUnitsOrFormerStaffAreNotRestricted) {
  ASSERT_TRUE(
      internal::Exec(*db_,
                     "INSERT INTO officials VALUES (?, '孙八', '区民政局', '科员', '公务员', "
                     "NULL, '2020-01-01', NULL), (?, '张三', '区纪委监委', '科员', "
                     "'公务员', NULL, '2010-01-01', '2015-12-31')",
                     kCitizenB, kCitizenA)
          .has_value());
  Json body = Body();
  body["subjects"] = {{{"name", "孙八"}, {"id_number", kCitizenB}},
                      {{"name", "张三"}, {"id_number", kCitizenA}}};
  auto clue = service_->CreateClue(intake_, body);
  ASSERT_TRUE(clue.has_value());
  EXPECT_FALSE((*clue)["restricted"].get<bool>());
}

TEST_F(CluesTest, BadInputNamesTheFieldAndWritesNothing) {
  int64_t audit_before = AuditCount();
  struct Case {
    const char* what;
    Json body;
    const char* field;
  };
  Json missing_title = Body();
  missing_title.erase("title");
  Json wrong_type = Body();
  wrong_type["amount"] = "很多";
  Json oversize = Body();
  oversize["summary"] = std::string(10001 * 3, 'x').replace(0, 3, "长");
  Json bad_id = Body();
  bad_id["subjects"].push_back({{"name", "李四"}, {"id_number", "1.10101E+17"}});
  Json bad_source = Body();
  bad_source["source"] = "小道消息";
  Json nameless = Body();
  nameless["subjects"][0].erase("name");
  Json subjects_not_array = Body();
  subjects_not_array["subjects"] = "张三";
  Json negative = Body();
  negative["amount"] = -1;
  Json flag = Body();
  flag["restricted"] = "yes";
  for (const Case& c :
       {Case{"missing title", missing_title, "title"}, Case{"amount is text", wrong_type, "amount"},
        Case{"summary too long", oversize, "summary"},
        Case{"Excel-mangled ID", bad_id, "subjects[1].id_number"},
        Case{"unknown source", bad_source, "source"},
        Case{"subject without name", nameless, "subjects[0].name"},
        Case{"subjects not an array", subjects_not_array, "subjects"},
        Case{"negative amount", negative, "amount"},
        Case{"restricted not bool", flag, "restricted"},
        Case{"not an object", Json::array(), "(body)"}}) {
    auto result = service_->CreateClue(intake_, c.body);
    ASSERT_FALSE(result.has_value()) << c.what;
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(result.error().field(), c.field) << c.what << ": " << result.error().message();
    EXPECT_NE(result.error().message().find(c.field), std::string::npos) << c.what;
  }
  Json unknown_unit = Body();
  unknown_unit["unit"] = "street-99";
  auto result = service_->CreateClue(intake_, unknown_unit);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(result.error().field(), "unit");
  EXPECT_EQ(Count("SELECT count(*) FROM clues"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM clue_subjects"), 0);
  EXPECT_EQ(AuditCount(), audit_before);
}

TEST_F(CluesTest, UnknownClueIsNotFound) {
  EXPECT_EQ(service_->GetClue(handler_, 999).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->ProposeDisposal(handler_, 999, {{"disposal", "初步核实"}}).error().code(),
            ErrorCode::kNotFound);
}

TEST_F(CluesTest, StreetOfficeRegistersOnlyForItsOwnStreet) {
  Actor street_intake = MakeActor("s1intake", Role::kIntake, "street-01");
  Json body = Body();
  body["unit"] = "street-02";
  auto other = service_->CreateClue(street_intake, body);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code(), ErrorCode::kPermissionDenied);
  body["unit"] = "community-01-a";
  EXPECT_TRUE(service_->CreateClue(street_intake, body).has_value());
}

TEST_F(CluesTest, DisposalNeedsSignOffBySomeoneElse) {
  int64_t id = NewClue();
  Actor both = MakeActor("both", {Role::kHandler, Role::kApprover}, "commission");
  ASSERT_TRUE(service_->ProposeDisposal(both, id, {{"disposal", "谈话函询"}}));
  auto self = service_->DecideDisposal(both, id, {{"decision", "approve"}});
  ASSERT_FALSE(self.has_value());
  EXPECT_EQ(self.error().code(), ErrorCode::kPermissionDenied);
  auto by_handler = service_->DecideDisposal(handler_, id, {{"decision", "approve"}});
  ASSERT_FALSE(by_handler.has_value());
  EXPECT_EQ(by_handler.error().code(), ErrorCode::kPermissionDenied);
  auto approved = service_->DecideDisposal(approver_, id, {{"decision", "approve"}});
  ASSERT_TRUE(approved.has_value()) << approved.error().message();
  EXPECT_EQ((*approved)["status"], "in_disposal");
  EXPECT_EQ((*approved)["disposal"], "谈话函询");
  EXPECT_EQ((*approved)["approved_by"], "approver");
}

TEST_F(CluesTest, IllegalTransitionsAreRefusedWithConflict) {
  int64_t id = NewClue();
  auto early = service_->DecideDisposal(approver_, id, {{"decision", "approve"}});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code(), ErrorCode::kConflict);
  EXPECT_NE(early.error().message().find("已受理"), std::string::npos);
  EXPECT_EQ(service_->ReopenClue(handler_, id).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(service_->FileCase(approver_, {{"clue_id", id}}).error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(service_->ProposeDisposal(handler_, id, {{"disposal", "初步核实"}}));
  EXPECT_EQ(service_->ProposeDisposal(handler_, id, {{"disposal", "初步核实"}}).error().code(),
            ErrorCode::kConflict);
}

TEST_F(CluesTest, ShelvedClueCanBeReopenedAndConcludedClueIsFinal) {
  int64_t id = NewClue();
  ASSERT_TRUE(service_->ProposeDisposal(handler_, id, {{"disposal", "暂存待查"}}));
  auto shelved = service_->DecideDisposal(approver_, id, {{"decision", "approve"}});
  ASSERT_TRUE(shelved.has_value());
  EXPECT_EQ((*shelved)["status"], "shelved");
  auto reopened = service_->ReopenClue(handler_, id);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message();
  EXPECT_EQ((*reopened)["status"], "registered");
  EXPECT_TRUE((*reopened)["disposal"].is_null());
  ASSERT_TRUE(service_->ProposeDisposal(handler_, id, {{"disposal", "予以了结"}}));
  auto concluded = service_->DecideDisposal(approver_, id, {{"decision", "approve"}});
  ASSERT_TRUE(concluded.has_value());
  EXPECT_EQ((*concluded)["status"], "concluded");
  EXPECT_EQ(service_->ProposeDisposal(handler_, id, {{"disposal", "初步核实"}}).error().code(),
            ErrorCode::kConflict);
}

TEST_F(CluesTest, RejectedProposalReturnsToRegistered) {
  int64_t id = NewClue();
  ASSERT_TRUE(service_->ProposeDisposal(handler_, id, {{"disposal", "予以了结"}}));
  auto rejected =
      service_->DecideDisposal(approver_, id, {{"decision", "reject"}, {"note", "再核"}});
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ((*rejected)["status"], "registered");
  auto bad = service_->DecideDisposal(approver_, id, {{"decision", "maybe"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field(), "decision");
}

TEST_F(CluesTest, VerifiedClueIsConcludedOnlyWithSignOff) {
  int64_t id = ClueInDisposal();
  auto wrong = service_->ProposeDisposal(handler_, id, {{"disposal", "谈话函询"}});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().field(), "disposal");
  auto proposed = service_->ProposeDisposal(handler_, id, {{"disposal", "予以了结"}});
  ASSERT_TRUE(proposed.has_value());
  EXPECT_EQ((*proposed)["status"], "pending_conclusion");
  auto back = service_->DecideDisposal(approver_, id, {{"decision", "reject"}});
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ((*back)["status"], "in_disposal");
}

TEST_F(CluesTest, AssignmentDeadlineInThePastIsRefusedAndNothingWritten) {
  int64_t id = ClueInDisposal();
  int64_t audit_before = AuditCount();
  auto past = service_->AssignClue(
      handler_, id, {{"unit", "dept-civil"}, {"deadline", "2024-06-04"}, {"request", "核实"}});
  ASSERT_FALSE(past.has_value());
  EXPECT_EQ(past.error().field(), "deadline");
  auto bad_date = service_->AssignClue(
      handler_, id, {{"unit", "dept-civil"}, {"deadline", "2024-02-30"}, {"request", "核实"}});
  ASSERT_FALSE(bad_date.has_value());
  EXPECT_EQ(bad_date.error().field(), "deadline");
  auto no_unit = service_->AssignClue(
      handler_, id, {{"unit", "dept-none"}, {"deadline", "2024-06-20"}, {"request", "核实"}});
  ASSERT_FALSE(no_unit.has_value());
  EXPECT_EQ(no_unit.error().field(), "unit");
  EXPECT_EQ(Count("SELECT count(*) FROM assignments"), 0);
  EXPECT_EQ(AuditCount(), audit_before);
}

TEST_F(CluesTest, AssignmentOnlyAfterApproval) {
  int64_t id = NewClue();
  auto early = service_->AssignClue(
      handler_, id, {{"unit", "dept-civil"}, {"deadline", "2024-06-20"}, {"request", "核实"}});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code(), ErrorCode::kConflict);
}

TEST_F(CluesTest, LiaisonSeesAndAnswersOnlyWhatWasSentToItsDepartment) {
  int64_t id = ClueInDisposal();
  int64_t unrelated = NewClue("street-02");
  Actor civil = MakeActor("civil", Role::kLiaison, "dept-civil");
  Actor agri = MakeActor("agri", Role::kLiaison, "dept-agri");
  EXPECT_EQ(service_->GetClue(civil, id).error().code(), ErrorCode::kNotFound);
  auto assigned = service_->AssignClue(
      handler_, id, {{"unit", "dept-civil"}, {"deadline", "2024-06-20"}, {"request", "核实发放"}});
  ASSERT_TRUE(assigned.has_value()) << assigned.error().message();
  int64_t assignment = (*assigned)["assignments"][0]["id"];
  auto seen = service_->GetClue(civil, id);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ((*seen)["subjects"].size(), 0u);
  EXPECT_EQ(service_->GetClue(agri, id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetClue(civil, unrelated).error().code(), ErrorCode::kNotFound);
  auto list = service_->ListClues(civil, Json());
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ((*list)["clues"].size(), 1u);

  EXPECT_EQ(service_->SubmitFeedback(agri, assignment, {{"feedback", "x"}}).error().code(),
            ErrorCode::kNotFound);
  auto no_text = service_->SubmitFeedback(civil, assignment, {{"attachments", Json::array()}});
  ASSERT_FALSE(no_text.has_value());
  EXPECT_EQ(no_text.error().field(), "feedback");
  auto bad_attachment = service_->SubmitFeedback(
      civil, assignment, {{"feedback", "已核实"}, {"attachments", {{{"name", "a.pdf"}}}}});
  ASSERT_FALSE(bad_attachment.has_value());
  EXPECT_EQ(bad_attachment.error().field(), "attachments[0].ref");
  auto fed = service_->SubmitFeedback(
      civil, assignment,
      {{"feedback", "已核实，停发"}, {"attachments", {{{"name", "核查表.pdf"}, {"ref", "f/1"}}}}});
  ASSERT_TRUE(fed.has_value()) << fed.error().message();
  EXPECT_EQ((*fed)["status"], "feedback_submitted");
  EXPECT_EQ(service_->SubmitFeedback(civil, assignment, {{"feedback", "again"}}).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(service_->ReviewFeedback(civil, assignment, {{"decision", "accept"}}).error().code(),
            ErrorCode::kPermissionDenied);
  auto returned = service_->ReviewFeedback(handler_, assignment, {{"decision", "return"}});
  ASSERT_TRUE(returned.has_value());
  EXPECT_EQ((*returned)["status"], "returned");
  ASSERT_TRUE(service_->SubmitFeedback(civil, assignment, {{"feedback", "补充材料"}}));
  auto accepted = service_->ReviewFeedback(handler_, assignment, {{"decision", "accept"}});
  ASSERT_TRUE(accepted.has_value());
  EXPECT_EQ((*accepted)["status"], "accepted");
  auto clue = service_->GetClue(handler_, id);
  EXPECT_EQ((*clue)["assignments"][0]["attachments"].size(), 0u);  // replaced by the resubmission
  EXPECT_EQ((*clue)["assignments"][0]["feedback"], "补充材料");
}

TEST_F(CluesTest, DueThisWeekAndOverdueFollowTheFakeClock) {
  int64_t id = ClueInDisposal();
  int64_t other = ClueInDisposal("street-02");
  // Today is Wednesday 2024-06-05; Sunday is 2024-06-09.
  ASSERT_TRUE(service_->AssignClue(
      handler_, id, {{"unit", "dept-civil"}, {"deadline", "2024-06-07"}, {"request", "核实"}}));
  ASSERT_TRUE(service_->AssignClue(
      handler_, id, {{"unit", "dept-agri"}, {"deadline", "2024-06-12"}, {"request", "核实"}}));
  ASSERT_TRUE(service_->AssignClue(
      handler_, other, {{"unit", "dept-agri"}, {"deadline", "2024-06-06"}, {"request", "核实"}}));
  Actor street1 = MakeActor("s1handler", Role::kHandler, "street-01");
  auto due = service_->DueThisWeek(street1);
  ASSERT_TRUE(due.has_value()) << due.error().message();
  ASSERT_EQ((*due)["items"].size(), 1u);
  EXPECT_EQ((*due)["items"][0]["due"], "2024-06-07");
  EXPECT_TRUE((*service_->Overdue(street1))["items"].empty());

  clock_.AdvanceDays(3);  // Saturday 2024-06-08
  auto overdue = service_->Overdue(street1);
  ASSERT_TRUE(overdue.has_value());
  ASSERT_EQ((*overdue)["items"].size(), 1u);
  EXPECT_EQ((*overdue)["items"][0]["days_overdue"], 1);
  auto district = service_->Overdue(handler_);
  ASSERT_TRUE(district.has_value());
  EXPECT_EQ((*district)["items"].size(), 2u);
  // Answered items leave the list.
  int64_t assignment = (*overdue)["items"][0]["id"];
  Actor civil = MakeActor("civil", Role::kLiaison, "dept-civil");
  ASSERT_TRUE(service_->SubmitFeedback(civil, assignment, {{"feedback", "已核实"}}));
  EXPECT_TRUE((*service_->Overdue(street1))["items"].empty());
}

class PromoteTest : public CluesTest {
 protected:
  void SetUp() override {
    CluesTest::SetUp();
    ASSERT_TRUE(internal::Exec(*db_,
                               "INSERT INTO persons VALUES (?, '张三', '女', '1949-12-31', "
                               "'110105', '甲社区', 'H1', '户主')",
                               kCitizenA));
    ASSERT_TRUE(internal::Exec(
        *db_,
        "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, ref, "
        "severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES "
        "('fp1', 'R01', ?, 'DB', '2024-03', '', '', '高', 45000, '死亡后仍发放', 'new', 1, 1), "
        "('fp2', 'R04', ?, 'DB', '2024-04', '', '', '中', 30000, '同期重复发放', 'new', 1, 1)",
        kCitizenA, kCitizenA));
  }
};

TEST_F(PromoteTest, ManyFindingsBecomeOneClueInOneStep) {
  auto clue = service_->PromoteFindings(intake_, {{"fingerprints", {"fp1", "fp2"}}});
  ASSERT_TRUE(clue.has_value()) << clue.error().message();
  EXPECT_EQ((*clue)["source"], "比对发现");
  EXPECT_EQ((*clue)["domain"], "一卡通");
  EXPECT_EQ((*clue)["amount"], 75000);
  EXPECT_EQ((*clue)["findings"], Json({"fp1", "fp2"}));
  ASSERT_EQ((*clue)["subjects"].size(), 1u);
  EXPECT_EQ((*clue)["subjects"][0]["name"], "张三");
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE review = 'confirmed'"), 2);
  auto again = service_->PromoteFindings(intake_, {{"fingerprints", {"fp2"}}});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.error().field(), "fingerprints[0]");
}

TEST_F(PromoteTest, UnknownFingerprintWritesNothing) {
  auto result = service_->PromoteFindings(intake_, {{"fingerprints", {"fp1", "nope"}}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(result.error().field(), "fingerprints[1]");
  EXPECT_EQ(Count("SELECT count(*) FROM clues"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM clue_findings"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE review = 'confirmed'"), 0);
  auto empty = service_->PromoteFindings(intake_, {{"fingerprints", Json::array()}});
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().field(), "fingerprints");
  auto dup = service_->PromoteFindings(intake_, {{"fingerprints", {"fp1", "fp1"}}});
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().field(), "fingerprints[1]");
}

TEST_F(PromoteTest, HandlerCannotPromote) {
  auto result = service_->PromoteFindings(handler_, {{"fingerprints", {"fp1"}}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace qf::casework::testing
