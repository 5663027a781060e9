// No ID number in clear in casework text (issue 12, point 5): clue summaries built from findings
// and every free-text field of clues, assignments, cases, transfers and rectification hold ID
// numbers sealed (SM4, like the subjects' id_number), open in full only for 承办人 and 干部监督室,
// and masked for everyone else. A scan of every text column of the casework tables finds no valid
// ID number in clear.
#include "casework/sealed_text.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "casework_fixture.h"
#include "core/id_text.h"

namespace qf::casework::testing {
namespace {

constexpr const char* kMaskedA = "110105********1238";

// Every text column of the casework tables (schema_v2_casework.sql).
const std::map<std::string, std::vector<std::string>> kCaseworkText = {
    {"users",
     {"username", "display_name", "unit_code", "roles", "id_number_enc", "id_number_index"}},
    {"clues",
     {"source", "source_ref", "domain", "title", "summary", "unit_code", "status", "disposal",
      "proposed_by", "approved_by", "created_by"}},
    {"clue_subjects", {"name", "id_number_enc", "id_number_index", "position"}},
    {"clue_findings", {"fingerprint"}},
    {"assignments",
     {"unit_code", "request", "feedback", "attachments", "feedback_by", "reviewed_by",
      "review_note"}},
    {"cases", {"title", "domain", "unit_code", "status", "filed_by"}},
    {"case_persons",
     {"name", "id_number_enc", "id_number_index", "position", "outcome", "outcome_detail",
      "receiving_organ"}},
    {"transfers",
     {"direction", "organ_code", "unit_code", "summary", "status", "feedback", "created_by"}},
    {"rectifications",
     {"kind", "issuing_unit", "unit_code", "content", "evidence", "attachments", "verified_by",
      "created_by"}},
    {"audit_log", {"actor", "action", "entity", "entity_id", "before", "after"}},
};

class SealedTextTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    intake_ = MakeActor("intake", Role::kIntake, "commission");
    handler_ = MakeActor("handler", Role::kHandler, "commission");
    approver_ = MakeActor("approver", Role::kApprover, "commission");
  }

  // "table.column: value" for every valid ID number in clear in the casework tables.
  std::vector<std::string> IdsInClear() {
    std::vector<std::string> found;
    for (const auto& [table, columns] : kCaseworkText) {
      for (const std::string& column : columns) {
        auto st = db_->Prepare("SELECT " + column + " FROM " + table);
        EXPECT_TRUE(st.has_value()) << table << "." << column;
        if (!st) continue;
        while (true) {
          auto row = (*st)->Step();
          if (!row || !*row) break;
          if ((*st)->IsNull(0)) continue;
          std::string text = (*st)->Text(0);
          for (const CitizenId& id : FindIdNumbers(text)) {
            found.push_back(table + "." + column + ": " + id.value() + " in " + text);
          }
        }
      }
    }
    return found;
  }
};

TEST_F(SealedTextTest, SealedTextOpensInFullOrMaskedAndSkipsWhatIsSealed) {
  std::string stored =
      SealIds(cipher_, std::string("张三（") + kCitizenA + "）账户 6222000000001234");
  EXPECT_TRUE(FindIdNumbers(stored).empty()) << stored;
  EXPECT_NE(stored.find("[[sm4:"), std::string::npos);
  EXPECT_EQ(OpenIds(cipher_, stored, true),
            std::string("张三（") + kCitizenA + "）账户 6222000000001234");
  EXPECT_EQ(OpenIds(cipher_, stored, false),
            std::string("张三（") + kMaskedA + "）账户 6222000000001234");
  EXPECT_EQ(SealIds(cipher_, stored), stored);  // sealing twice changes nothing
  // Text from before sealing: masked for the roles that may not see it.
  EXPECT_EQ(OpenIds(cipher_, std::string("旧摘要 ") + kCitizenA, false),
            std::string("旧摘要 ") + kMaskedA);
  // A forged token never shows its content.
  EXPECT_EQ(OpenIds(cipher_, "[[sm4:00ff]]", true), "******************");
}

TEST_F(SealedTextTest, ASummaryBuiltFromFindingsHoldsNoIdInClearAndOpensByRole) {
  std::string fp = AddFinding("00000000000000000000000000000004", kCitizenA, "张三", "一街道甲社区",
                              std::string("张三（") + kCitizenA + "）死亡后仍领取低保");
  auto clue = service_->PromoteFindings(intake_, {{"fingerprints", {fp}}});
  ASSERT_TRUE(clue.has_value()) << clue.error().message();
  int64_t id = (*clue)["id"];
  EXPECT_EQ(TextOf("SELECT summary FROM clues").find(kCitizenA), std::string::npos);
  EXPECT_NE((*clue)["summary"].get<std::string>().find(kMaskedA), std::string::npos)
      << (*clue)["summary"];  // the 受理员 who promoted it
  auto for_approver = service_->GetClue(approver_, id);
  ASSERT_TRUE(for_approver.has_value());
  EXPECT_EQ((*for_approver)["summary"].get<std::string>().find(kCitizenA), std::string::npos);
  EXPECT_NE((*for_approver)["summary"].get<std::string>().find(kMaskedA), std::string::npos);
  auto for_handler = service_->GetClue(handler_, id);
  ASSERT_TRUE(for_handler.has_value());
  EXPECT_NE((*for_handler)["summary"].get<std::string>().find(kCitizenA), std::string::npos);
  EXPECT_TRUE(IdsInClear().empty()) << ::testing::PrintToString(IdsInClear());
}

TEST_F(SealedTextTest, NoCaseworkTableHoldsAnIdNumberInClear) {
  std::string a = kCitizenA;
  std::string b = kCitizenB;
  auto created = service_->CreateClue(
      intake_, {{"source", "信访"},
                {"source_ref", "信访件 " + a},
                {"domain", "民生"},
                {"title", "张三 " + a + " 冒领"},
                {"summary", "群众反映张三（" + a + "）与李四（" + b + "）冒领"},
                {"unit", "commission"},
                {"subjects", {{{"name", "张三"}, {"id_number", a}, {"position", "村民 " + a}}}}});
  ASSERT_TRUE(created.has_value()) << created.error().message();
  int64_t clue = (*created)["id"];
  ASSERT_TRUE(
      service_->ProposeDisposal(handler_, clue, {{"disposal", "初步核实"}, {"note", "核实 " + a}}));
  ASSERT_TRUE(service_->DecideDisposal(approver_, clue, {{"decision", "approve"}}));
  auto assigned = service_->AssignClue(
      handler_, clue,
      {{"unit", "street-01"}, {"deadline", "2099-01-01"}, {"request", "请核实 " + a}});
  ASSERT_TRUE(assigned.has_value()) << assigned.error().message();
  int64_t assignment = (*assigned)["assignments"][0]["id"];
  Actor street = MakeActor("street", Role::kLiaison, "street-01");
  ASSERT_TRUE(service_->SubmitFeedback(street, assignment, {{"feedback", "已核实 " + a}}));
  ASSERT_TRUE(service_->ReviewFeedback(handler_, assignment,
                                       {{"decision", "return"}, {"note", "补充 " + b}}));
  auto filed = service_->FileCase(approver_, {{"clue_id", clue}, {"title", "立案 " + a}});
  ASSERT_TRUE(filed.has_value()) << filed.error().message();
  int64_t case_id = (*filed)["id"];
  ASSERT_TRUE(service_->TransitionCase(handler_, case_id, {{"event", "investigate"}}));
  auto person = service_->AddCasePerson(
      handler_, case_id, {{"name", "李四"}, {"id_number", b}, {"position", "会计 " + b}});
  ASSERT_TRUE(person.has_value()) << person.error().message();
  int64_t person_id = (*person)["persons"][1]["id"];
  ASSERT_TRUE(service_->RecordOutcome(handler_, case_id, person_id,
                                      {{"outcome", "政务处分"}, {"detail", "记过 " + b}}));
  auto transfer = service_->CreateTransfer(handler_, {{"direction", "out"},
                                                      {"organ", "police"},
                                                      {"case_id", case_id},
                                                      {"summary", "移送 " + a},
                                                      {"feedback_due", "2099-01-01"}});
  ASSERT_TRUE(transfer.has_value()) << transfer.error().message();
  Actor police = MakeActor("police", Role::kLiaison, "police");
  ASSERT_TRUE(service_->TransitionTransfer(police, (*transfer)["id"], {{"event", "acknowledge"}}));
  ASSERT_TRUE(service_->TransitionTransfer(police, (*transfer)["id"],
                                           {{"event", "feedback"}, {"feedback", "查明 " + b}}));
  auto rect = service_->IssueRectification(handler_, {{"kind", "整改事项"},
                                                      {"unit", "street-01"},
                                                      {"content", "清退 " + a},
                                                      {"due_date", "2099-01-01"},
                                                      {"case_id", case_id}});
  ASSERT_TRUE(rect.has_value()) << rect.error().message();
  ASSERT_TRUE(service_->SubmitEvidence(street, (*rect)["id"], {{"evidence", "已清退 " + a}}));

  EXPECT_EQ(IdsInClear(), std::vector<std::string>{});

  // The same text opens in full for 承办人 and masked for 审核领导, on every item.
  auto for_handler = service_->GetCase(handler_, case_id);
  ASSERT_TRUE(for_handler.has_value());
  EXPECT_EQ((*for_handler)["title"], "立案 " + a);
  EXPECT_EQ((*for_handler)["persons"][1]["outcome_detail"], "记过 " + b);
  auto for_approver = service_->GetCase(approver_, case_id);
  ASSERT_TRUE(for_approver.has_value());
  EXPECT_EQ((*for_approver)["title"], std::string("立案 ") + kMaskedA);
  auto clue_for_approver = service_->GetClue(approver_, clue);
  ASSERT_TRUE(clue_for_approver.has_value());
  std::string dumped = clue_for_approver->dump();
  EXPECT_TRUE(FindIdNumbers(dumped).empty()) << dumped;
  auto rect_for_handler = service_->GetRectification(handler_, (*rect)["id"]);
  ASSERT_TRUE(rect_for_handler.has_value());
  EXPECT_EQ((*rect_for_handler)["content"], "清退 " + a);
  auto transfer_for_approver = service_->GetTransfer(approver_, (*transfer)["id"]);
  ASSERT_TRUE(transfer_for_approver.has_value());
  EXPECT_TRUE(FindIdNumbers(transfer_for_approver->dump()).empty());
}

}  // namespace
}  // namespace qf::casework::testing
