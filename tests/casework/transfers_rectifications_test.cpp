// Transfers with external organs (both directions, 同步介入, 一线双核) and rectification items
// (issued, evidence, verified closed), with the statistics they feed.
#include <gtest/gtest.h>

#include <algorithm>

#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class TransfersTest : public CaseworkTest {};

TEST_F(TransfersTest, DueListShortensALongSummaryOnACharacterBoundary) {
  int64_t clue = ClueInDisposal();
  // One ASCII byte first: a cut at a fixed byte count would fall inside a 3-byte character.
  std::string summary = "A";
  for (int i = 0; i < 40; ++i) summary += "涉";
  auto t = service_->CreateTransfer(handler_, {{"direction", "out"},
                                               {"organ", "police"},
                                               {"clue_id", clue},
                                               {"summary", summary},
                                               {"feedback_due", "2024-06-07"}});
  ASSERT_TRUE(t.has_value()) << t.error().message();
  auto due = service_->DueThisWeek(handler_);
  ASSERT_TRUE(due.has_value()) << due.error().message();
  std::string title;
  for (const auto& item : (*due)["items"]) {
    if (item["type"] == "transfer") title = item["title"];
  }
  EXPECT_EQ(title.size(), 88u);  // "A" + 29 whole characters: the 30th would end at byte 91
  EXPECT_TRUE(summary.starts_with(title));
  EXPECT_NO_THROW((void)Json(title).dump()) << "the title is not valid UTF-8";
}

TEST_F(TransfersTest, OutboundTransferIsAcknowledgedAndAnsweredByTheOrgan) {
  int64_t clue = ClueInDisposal();
  auto t = service_->CreateTransfer(handler_, {{"direction", "out"},
                                               {"organ", "police"},
                                               {"clue_id", clue},
                                               {"summary", "涉嫌诈骗低保资金"},
                                               {"feedback_due", "2024-07-01"},
                                               {"sync_intervention", true}});
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ((*t)["status"], "sent");
  EXPECT_TRUE((*t)["sync_intervention"].get<bool>());
  int64_t id = (*t)["id"];
  Actor police = MakeActor("police1", Role::kLiaison, "police");
  Actor court = MakeActor("court1", Role::kLiaison, "court");
  EXPECT_EQ(service_->GetTransfer(court, id).error().code(), ErrorCode::kNotFound);
  auto early = service_->TransitionTransfer(police, id, {{"event", "feedback"}, {"feedback", "x"}});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(service_->TransitionTransfer(police, id, {{"event", "acknowledge"}}));
  auto no_text = service_->TransitionTransfer(police, id, {{"event", "feedback"}});
  ASSERT_FALSE(no_text.has_value());
  EXPECT_EQ(no_text.error().field(), "feedback");
  auto done =
      service_->TransitionTransfer(police, id, {{"event", "feedback"}, {"feedback", "已立案侦查"}});
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ((*done)["status"], "feedback_received");
  EXPECT_EQ((*done)["feedback"], "已立案侦查");
}

TEST_F(TransfersTest, OrganMustBeExternalAndDueDateInTheFuture) {
  int64_t clue = ClueInDisposal();
  Json body = {{"direction", "out"},
               {"organ", "dept-civil"},
               {"clue_id", clue},
               {"summary", "s"},
               {"feedback_due", "2024-07-01"}};
  auto internal_unit = service_->CreateTransfer(handler_, body);
  ASSERT_FALSE(internal_unit.has_value());
  EXPECT_EQ(internal_unit.error().field(), "organ");
  body["organ"] = "police";
  body["feedback_due"] = "2024-01-01";
  auto past = service_->CreateTransfer(handler_, body);
  ASSERT_FALSE(past.has_value());
  EXPECT_EQ(past.error().field(), "feedback_due");
  body["feedback_due"] = "2024-07-01";
  body.erase("clue_id");
  auto nothing = service_->CreateTransfer(handler_, body);
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().field(), "clue_id");
  EXPECT_EQ(Count("SELECT count(*) FROM transfers"), 0);
}

TEST_F(TransfersTest, OrganMayBeNamedInChineseAndIsStoredByCode) {
  auto t = service_->CreateTransfer(handler_, {{"direction", "out"},
                                               {"organ", "区公安分局"},
                                               {"clue_id", ClueInDisposal()},
                                               {"summary", "涉嫌诈骗低保资金"},
                                               {"feedback_due", "2024-07-01"}});
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ((*t)["organ"], "police");
}

TEST_F(TransfersTest, PermittedActionsFollowTheMatrixAndHideWhatCannotBeSeen) {
  auto t = service_->CreateTransfer(handler_, {{"direction", "out"},
                                               {"organ", "police"},
                                               {"clue_id", ClueInDisposal()},
                                               {"summary", "涉嫌诈骗低保资金"},
                                               {"feedback_due", "2024-07-01"}});
  ASSERT_TRUE(t.has_value()) << t.error().message();
  int64_t id = (*t)["id"];
  auto has = [](const std::vector<Action>& actions, Action a) {
    return std::find(actions.begin(), actions.end(), a) != actions.end();
  };
  auto mine = service_->PermittedActions(handler_, "transfer", id);
  ASSERT_TRUE(mine.has_value()) << mine.error().message();
  EXPECT_TRUE(has(*mine, Action::kManageTransfer));
  Actor police = MakeActor("police1", Role::kLiaison, "police");
  auto theirs = service_->PermittedActions(police, "transfer", id);
  ASSERT_TRUE(theirs.has_value());
  EXPECT_TRUE(has(*theirs, Action::kRespondTransfer));
  EXPECT_FALSE(has(*theirs, Action::kManageTransfer));
  Actor court = MakeActor("court1", Role::kLiaison, "court");
  auto hidden = service_->PermittedActions(court, "transfer", id);
  ASSERT_FALSE(hidden.has_value());
  EXPECT_EQ(hidden.error().code(), ErrorCode::kNotFound);
  auto intake = service_->PermittedActions(intake_, "clue", (*t)["clue_id"]);
  ASSERT_TRUE(intake.has_value());
  EXPECT_FALSE(has(*intake, Action::kProposeDisposal));
  EXPECT_TRUE(has(*intake, Action::kViewClue));
}

TEST_F(TransfersTest, InboundTransferRegistersItsClueInTheSameStep) {
  auto t = service_->CreateTransfer(
      handler_, {{"direction", "in"},
                 {"organ", "saohei"},
                 {"summary", "扫黑办移送涉黑线索"},
                 {"feedback_due", "2024-06-30"},
                 {"clue",
                  {{"domain", "扫黑除恶"},
                   {"title", "某村霸强揽工程"},
                   {"subjects", {{{"name", "吴十"}, {"id_number", kCitizenB}}}}}}});
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ((*t)["status"], "received");
  auto clue = service_->GetClue(handler_, (*t)["clue_id"]);
  ASSERT_TRUE(clue.has_value());
  EXPECT_EQ((*clue)["source"], "移送");
  EXPECT_EQ((*clue)["source_ref"], "区扫黑除恶办公室");
  EXPECT_EQ((*clue)["summary"], "扫黑办移送涉黑线索");
  auto answered = service_->TransitionTransfer(handler_, (*t)["id"],
                                               {{"event", "feedback"}, {"feedback", "已初核"}});
  ASSERT_TRUE(answered.has_value()) << answered.error().message();
  EXPECT_EQ((*answered)["status"], "feedback_sent");
  // A bad nested field names its path, and nothing is written.
  auto bad = service_->CreateTransfer(handler_,
                                      {{"direction", "in"},
                                       {"organ", "saohei"},
                                       {"summary", "s"},
                                       {"feedback_due", "2024-06-30"},
                                       {"clue",
                                        {{"domain", "扫黑除恶"},
                                         {"title", "t"},
                                         {"subjects", {{{"name", "x"}, {"id_number", "123"}}}}}}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field(), "subjects[0].id_number");
  EXPECT_EQ(Count("SELECT count(*) FROM transfers"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM clues"), 1);
}

TEST_F(TransfersTest, DualCheckClueIsConcludedOnlyAfterTheOrganAnswers) {
  int64_t clue = ClueInDisposal();
  auto t = service_->CreateTransfer(handler_, {{"direction", "out"},
                                               {"organ", "police"},
                                               {"clue_id", clue},
                                               {"summary", "一线双核"},
                                               {"feedback_due", "2024-07-01"},
                                               {"dual_check", true}});
  ASSERT_TRUE(t.has_value()) << t.error().message();
  auto early = service_->ProposeDisposal(handler_, clue, {{"disposal", "予以了结"}});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(service_->TransitionTransfer(handler_, (*t)["id"], {{"event", "acknowledge"}}));
  ASSERT_TRUE(service_->TransitionTransfer(handler_, (*t)["id"],
                                           {{"event", "feedback"}, {"feedback", "不构成犯罪"}}));
  EXPECT_TRUE(service_->ProposeDisposal(handler_, clue, {{"disposal", "予以了结"}}).has_value());
}

class RectificationTest : public CaseworkTest {
 protected:
  int64_t Issue(const std::string& due = "2024-06-20") {
    auto r = service_->IssueRectification(handler_, {{"kind", "监察建议"},
                                                     {"unit", "dept-civil"},
                                                     {"content", "建立死亡人员信息比对机制"},
                                                     {"due_date", due}});
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
    return r ? (*r)["id"].get<int64_t>() : 0;
  }
};

TEST_F(RectificationTest, IssuedEvidencedVerifiedClosed) {
  int64_t id = Issue();
  Actor civil = MakeActor("civil", Role::kLiaison, "dept-civil");
  Actor agri = MakeActor("agri", Role::kLiaison, "dept-agri");
  EXPECT_EQ(service_->GetRectification(agri, id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->VerifyRectification(approver_, id, {{"decision", "close"}}).error().code(),
            ErrorCode::kConflict);
  auto submitted = service_->SubmitEvidence(civil, id, {{"evidence", "已建立月度比对"}});
  ASSERT_TRUE(submitted.has_value()) << submitted.error().message();
  EXPECT_EQ((*submitted)["status"], "evidence_submitted");
  EXPECT_EQ(service_->VerifyRectification(civil, id, {{"decision", "close"}}).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->VerifyRectification(handler_, id, {{"decision", "close"}}).error().code(),
            ErrorCode::kPermissionDenied);
  auto returned = service_->VerifyRectification(approver_, id, {{"decision", "return"}});
  ASSERT_TRUE(returned.has_value());
  EXPECT_EQ((*returned)["status"], "issued");
  ASSERT_TRUE(service_->SubmitEvidence(civil, id, {{"evidence", "补充制度文件"}}));
  auto closed = service_->VerifyRectification(approver_, id, {{"decision", "close"}});
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ((*closed)["status"], "closed");
  EXPECT_EQ((*closed)["verified_by"], "approver");
  EXPECT_EQ(service_->SubmitEvidence(civil, id, {{"evidence", "x"}}).error().code(),
            ErrorCode::kConflict);
}

TEST_F(RectificationTest, BadInputNamesTheField) {
  auto past = service_->IssueRectification(
      handler_,
      {{"kind", "整改事项"}, {"unit", "dept-civil"}, {"content", "c"}, {"due_date", "2024-06-04"}});
  ASSERT_FALSE(past.has_value());
  EXPECT_EQ(past.error().field(), "due_date");
  auto kind = service_->IssueRectification(
      handler_,
      {{"kind", "批评"}, {"unit", "dept-civil"}, {"content", "c"}, {"due_date", "2024-06-24"}});
  ASSERT_FALSE(kind.has_value());
  EXPECT_EQ(kind.error().field(), "kind");
  auto unit = service_->IssueRectification(
      handler_, {{"kind", "整改事项"}, {"unit", 7}, {"content", "c"}, {"due_date", "2024-06-24"}});
  ASSERT_FALSE(unit.has_value());
  EXPECT_EQ(unit.error().field(), "unit");
  auto case_id = service_->IssueRectification(handler_, {{"kind", "整改事项"},
                                                         {"unit", "dept-civil"},
                                                         {"content", "c"},
                                                         {"due_date", "2024-06-24"},
                                                         {"case_id", 77}});
  ASSERT_FALSE(case_id.has_value());
  EXPECT_EQ(case_id.error().field(), "case_id");
  EXPECT_EQ(Count("SELECT count(*) FROM rectifications"), 0);
}

TEST_F(RectificationTest, StatisticsCountFoundDoneAndOverdue) {
  int64_t done = Issue("2024-06-10");
  Issue("2024-06-10");
  Issue("2024-06-30");
  Actor civil = MakeActor("civil", Role::kLiaison, "dept-civil");
  ASSERT_TRUE(service_->SubmitEvidence(civil, done, {{"evidence", "完成"}}));
  ASSERT_TRUE(service_->VerifyRectification(approver_, done, {{"decision", "close"}}));
  clock_.AdvanceDays(10);  // 2024-06-15
  auto stats = service_->Statistics(approver_);
  ASSERT_TRUE(stats.has_value()) << stats.error().message();
  EXPECT_EQ((*stats)["rectification"]["found"], 3);
  EXPECT_EQ((*stats)["rectification"]["done"], 1);
  EXPECT_EQ((*stats)["rectification"]["overdue"], 1);
  auto overdue = service_->Overdue(civil);
  ASSERT_TRUE(overdue.has_value());
  ASSERT_EQ((*overdue)["items"].size(), 1u);
  EXPECT_EQ((*overdue)["items"][0]["type"], "rectification");
  Actor auditor = MakeActor("auditor", Role::kAuditAdmin, "commission");
  EXPECT_EQ(service_->Statistics(auditor).error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(RectificationTest, StatisticsCountCasesOutcomesAndMoney) {
  int64_t id = NewCase();
  ASSERT_TRUE(service_->TransitionCase(handler_, id, {{"event", "investigate"}}));
  auto c = service_->GetCase(handler_, id);
  ASSERT_TRUE(service_->RecordOutcome(handler_, id, (*c)["persons"][0]["id"],
                                      {{"outcome", "党纪处分"}, {"detail", "严重警告"}}));
  ASSERT_TRUE(service_->RecordRecovery(handler_, id, {{"recovered", 88800}}));
  auto stats = service_->Statistics(handler_);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ((*stats)["cases"]["total"], 1);
  EXPECT_EQ((*stats)["persons_by_outcome"]["党纪处分"], 1);
  EXPECT_EQ((*stats)["recovered"], 88800);
  EXPECT_EQ((*stats)["clues"]["by_status"]["case_filed"], 1);
  Actor street2 = MakeActor("s2", Role::kApprover, "street-02");
  auto theirs = service_->Statistics(street2);
  ASSERT_TRUE(theirs.has_value());
  EXPECT_EQ((*theirs)["cases"]["total"], 0);
}

}  // namespace
}  // namespace qf::casework::testing
