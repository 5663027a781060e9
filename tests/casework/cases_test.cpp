// Cases: filing from a clue, persons and outcomes, recoveries, the case state machine through the
// service, 一案三查 links.
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class CasesTest : public CaseworkTest {};

TEST_F(CasesTest, FilingTakesTheCluesSubjectsAndMovesTheClue) {
  int64_t case_id = NewCase();
  auto c = service_->GetCase(handler_, case_id);
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ((*c)["status"], "filed");
  ASSERT_EQ((*c)["persons"].size(), 1u);
  EXPECT_EQ((*c)["persons"][0]["name"], "赵六");
  EXPECT_EQ((*c)["persons"][0]["id_number"], kCitizenB);
  auto masked = service_->GetCase(approver_, case_id);
  EXPECT_EQ((*masked)["persons"][0]["id_number"], "110105********002X");
  auto clue = service_->GetClue(handler_, (*c)["clue_id"]);
  EXPECT_EQ((*clue)["status"], "case_filed");
}

TEST_F(CasesTest, OnlyTheApproverFilesAndUnknownClueNamesTheField) {
  int64_t clue = ClueInDisposal();
  EXPECT_EQ(service_->FileCase(handler_, {{"clue_id", clue}}).error().code(),
            ErrorCode::kPermissionDenied);
  auto unknown = service_->FileCase(approver_, {{"clue_id", 4242}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().field(), "clue_id");
  auto wrong_type = service_->FileCase(approver_, {{"clue_id", "1"}});
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_EQ(wrong_type.error().field(), "clue_id");
  EXPECT_EQ(Count("SELECT count(*) FROM cases"), 0);
}

TEST_F(CasesTest, WalksTheStateMachineWithTheRightRoles) {
  int64_t id = NewCase();
  auto step = [&](const Actor& actor, const char* event) {
    return service_->TransitionCase(actor, id, {{"event", event}});
  };
  EXPECT_EQ(step(handler_, "submit_review").error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(step(handler_, "investigate"));
  ASSERT_TRUE(step(handler_, "submit_review"));
  EXPECT_EQ(step(handler_, "close").error().code(), ErrorCode::kPermissionDenied);
  auto back = step(approver_, "send_back");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ((*back)["status"], "investigating");
  ASSERT_TRUE(step(handler_, "submit_review"));
  auto closed = step(approver_, "close");
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ((*closed)["status"], "closed");
  EXPECT_EQ(step(handler_, "investigate").error().code(), ErrorCode::kConflict);
  auto bad = step(handler_, "explode");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field(), "event");
}

TEST_F(CasesTest, OutcomesPerPersonAndJudicialTransferNeedsAnOrgan) {
  int64_t id = NewCase();
  auto c = service_->GetCase(handler_, id);
  int64_t person = (*c)["persons"][0]["id"];
  auto too_early =
      service_->RecordOutcome(handler_, id, person, {{"outcome", "党纪处分"}, {"detail", "警告"}});
  ASSERT_FALSE(too_early.has_value());
  EXPECT_EQ(too_early.error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(service_->TransitionCase(handler_, id, {{"event", "investigate"}}));
  auto no_organ = service_->RecordOutcome(handler_, id, person,
                                          {{"outcome", "移送司法"}, {"detail", "涉嫌诈骗"}});
  ASSERT_FALSE(no_organ.has_value());
  EXPECT_EQ(no_organ.error().field(), "receiving_organ");
  auto not_external = service_->RecordOutcome(
      handler_, id, person,
      {{"outcome", "移送司法"}, {"detail", "涉嫌诈骗"}, {"receiving_organ", "dept-civil"}});
  ASSERT_FALSE(not_external.has_value());
  EXPECT_EQ(not_external.error().field(), "receiving_organ");
  auto unknown_person =
      service_->RecordOutcome(handler_, id, 999, {{"outcome", "政务处分"}, {"detail", "记过"}});
  ASSERT_FALSE(unknown_person.has_value());
  EXPECT_EQ(unknown_person.error().code(), ErrorCode::kNotFound);
  auto ok = service_->RecordOutcome(
      handler_, id, person,
      {{"outcome", "移送司法"}, {"detail", "涉嫌诈骗"}, {"receiving_organ", "procuratorate"}});
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
  EXPECT_EQ((*ok)["persons"][0]["outcome"], "移送司法");
  EXPECT_EQ((*ok)["persons"][0]["receiving_organ"], "procuratorate");
  auto added = service_->AddCasePerson(handler_, id, {{"name", "周九"}, {"position", "村会计"}});
  ASSERT_TRUE(added.has_value());
  EXPECT_EQ((*added)["persons"].size(), 2u);
}

TEST_F(CasesTest, JudicialTransferTakesTheOrgansChineseNameAndStoresItsCode) {
  int64_t id = NewCase();
  int64_t person = (*service_->GetCase(handler_, id))["persons"][0]["id"];
  ASSERT_TRUE(service_->TransitionCase(handler_, id, {{"event", "investigate"}}));
  auto ok = service_->RecordOutcome(
      handler_, id, person,
      {{"outcome", "移送司法"}, {"detail", "涉嫌贪污"}, {"receiving_organ", "区人民检察院"}});
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
  EXPECT_EQ((*ok)["persons"][0]["receiving_organ"], "procuratorate");
  auto unknown = service_->RecordOutcome(
      handler_, id, person,
      {{"outcome", "移送司法"}, {"detail", "涉嫌贪污"}, {"receiving_organ", "市人民检察院"}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().field(), "receiving_organ");
}

TEST_F(CasesTest, RecoveriesAccumulateInFen) {
  int64_t id = NewCase();
  ASSERT_TRUE(service_->TransitionCase(handler_, id, {{"event", "investigate"}}));
  ASSERT_TRUE(service_->RecordRecovery(handler_, id, {{"recovered", 45000}}));
  auto total =
      service_->RecordRecovery(handler_, id, {{"recovered", 5000}, {"losses_retrieved", 120000}});
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ((*total)["recovered"], 50000);
  EXPECT_EQ((*total)["losses_retrieved"], 120000);
  auto nothing = service_->RecordRecovery(handler_, id, Json::object());
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().field(), "recovered");
  auto fractional = service_->RecordRecovery(handler_, id, {{"recovered", 12.5}});
  ASSERT_FALSE(fractional.has_value());
  EXPECT_EQ(fractional.error().field(), "recovered");
}

TEST_F(CasesTest, GangCaseLinksTheThreeExaminations) {
  int64_t gang = NewCase("street-01", "扫黑除恶");
  int64_t umbrella = NewCase("street-01", "自身建设");
  int64_t ordinary = NewCase("street-01", "民生");
  auto linked =
      service_->LinkCases(handler_, gang, {{"linked_case_id", umbrella}, {"aspect", "保护伞"}});
  ASSERT_TRUE(linked.has_value()) << linked.error().message();
  ASSERT_EQ((*linked)["links"].size(), 1u);
  EXPECT_EQ((*linked)["links"][0]["aspect"], "保护伞");
  auto other_side = service_->GetCase(handler_, umbrella);
  EXPECT_EQ((*other_side)["links"][0]["direction"], "examined_by");
  EXPECT_EQ(
      service_->LinkCases(handler_, gang, {{"linked_case_id", umbrella}, {"aspect", "保护伞"}})
          .error()
          .code(),
      ErrorCode::kConflict);
  EXPECT_EQ(
      service_
          ->LinkCases(handler_, ordinary, {{"linked_case_id", umbrella}, {"aspect", "腐败问题"}})
          .error()
          .code(),
      ErrorCode::kConflict);
  auto missing =
      service_->LinkCases(handler_, gang, {{"linked_case_id", 999}, {"aspect", "监管失职"}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().field(), "linked_case_id");
  auto bad_aspect =
      service_->LinkCases(handler_, gang, {{"linked_case_id", ordinary}, {"aspect", "其他"}});
  ASSERT_FALSE(bad_aspect.has_value());
  EXPECT_EQ(bad_aspect.error().field(), "aspect");
}

TEST_F(CasesTest, OtherStreetCannotSeeOrTouchTheCase) {
  int64_t id = NewCase("street-01");
  Actor street2 = MakeActor("s2handler", Role::kHandler, "street-02");
  EXPECT_EQ(service_->GetCase(street2, id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->TransitionCase(street2, id, {{"event", "investigate"}}).error().code(),
            ErrorCode::kNotFound);
  Actor street1 = MakeActor("s1handler", Role::kHandler, "street-01");
  EXPECT_TRUE(service_->TransitionCase(street1, id, {{"event", "investigate"}}).has_value());
}

}  // namespace
}  // namespace qf::casework::testing
