#include "documents/document_book.h"

#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <thread>

#include "audit/audit_log.h"
#include "documents_fixture.h"

namespace qf::documents::testing {
namespace {

using casework::testing::kCitizenB;

class DocumentBookTest : public DocumentsTest {
 protected:
  // A case moved to 调查中 (investigating).
  int64_t InvestigatingCase() {
    int64_t id = NewCase();
    EXPECT_TRUE(service_->TransitionCase(handler_, id, {{"event", "investigate"}}).has_value());
    return id;
  }
};

TEST_F(DocumentBookTest, NumbersRunPerTypeAndYear) {
  int64_t first = NewCase();
  int64_t second = NewCase();
  EXPECT_EQ(IssueOk(handler_, "case", first, "filing"), "清监立〔2024〕1号");
  EXPECT_EQ(IssueOk(approver_, "case", second, "filing"), "清监立〔2024〕2号");
  int64_t working = InvestigatingCase();
  EXPECT_EQ(IssueOk(handler_, "case", working, "recommendation"), "清监建〔2024〕1号");
  EXPECT_EQ(IssueOk(handler_, "case", first, "filing"), "清监立〔2024〕3号");
  auto listed = book_->ListFor(handler_, "case", first);
  ASSERT_TRUE(listed.has_value()) << listed.error().message();
  ASSERT_EQ((*listed)["documents"].size(), 2u);
  EXPECT_EQ((*listed)["documents"][1]["number"], "清监立〔2024〕3号");
}

TEST_F(DocumentBookTest, TheYearIsTheBeijingYear) {
  int64_t id = NewCase();
  // 2024-12-31 23:59:59 in Beijing is still 15:59:59 UTC of the same day.
  clock_.Advance(1735660799 - casework::testing::FakeClock::kStart);
  EXPECT_EQ(IssueOk(handler_, "case", id, "filing"), "清监立〔2024〕1号");
  clock_.Advance(1);  // 2025-01-01 00:00:00 Beijing, 2024-12-31 16:00 UTC
  EXPECT_EQ(IssueOk(handler_, "case", id, "filing"), "清监立〔2025〕1号");
  EXPECT_EQ(IssueOk(handler_, "case", id, "filing"), "清监立〔2025〕2号");
  auto doc = book_->Get(handler_, 2);
  ASSERT_TRUE(doc.has_value()) << doc.error().message();
  EXPECT_EQ((*doc)["issued_date"], "二〇二五年一月一日");
}

TEST_F(DocumentBookTest, RendersTheItemsDataWithIdNumbersSealed) {
  int64_t id = NewCase();
  auto issued = book_->Issue(handler_, "case", id, "filing");
  ASSERT_TRUE(issued.has_value()) << issued.error().message();
  EXPECT_EQ(
      Count("SELECT count(*) FROM documents WHERE body LIKE '%" + std::string(kCitizenB) + "%'"),
      0);
  auto full = book_->Get(handler_, (*issued)["id"]);
  ASSERT_TRUE(full.has_value()) << full.error().message();
  std::string body = (*full)["body"];
  EXPECT_NE(body.find("被调查人：赵六，公民身份号码11010519491231002X。"), std::string::npos)
      << body;
  EXPECT_NE(body.find("“案件线索”一案"), std::string::npos) << body;
  EXPECT_NE(body.find("立案日期二〇二四年六月五日"), std::string::npos) << body;
  EXPECT_EQ((*full)["authority"], "区纪委监委");
  auto masked = book_->Get(approver_, (*issued)["id"]);
  ASSERT_TRUE(masked.has_value());
  std::string shown = (*masked)["body"];
  EXPECT_EQ(shown.find(kCitizenB), std::string::npos);
  EXPECT_NE(shown.find("110105********002X"), std::string::npos) << shown;
}

TEST_F(DocumentBookTest, AnEditIsANewVersionAndEachDocumentNamesItsVersion) {
  int64_t id = NewCase();
  auto before = book_->Issue(handler_, "case", id, "filing");
  ASSERT_TRUE(before.has_value());
  auto edited = book_->EditTemplate(approver_, "filing", "立案决定：{{case.title}}（{{number}}）\n",
                                    "精简格式", 1);
  ASSERT_TRUE(edited.has_value()) << edited.error().message();
  EXPECT_EQ((*edited)["version"], 2);
  auto after = book_->Issue(handler_, "case", id, "filing");
  ASSERT_TRUE(after.has_value());
  auto old_doc = book_->Get(handler_, (*before)["id"]);
  auto new_doc = book_->Get(handler_, (*after)["id"]);
  EXPECT_EQ((*old_doc)["template_version"], 1);
  EXPECT_EQ((*new_doc)["template_version"], 2);
  EXPECT_EQ((*new_doc)["body"], "立案决定：案件线索（清监立〔2024〕2号）\n");
  EXPECT_NE((*old_doc)["body"].get<std::string>().find("被调查人"), std::string::npos);
  auto tmpl = book_->GetTemplate(handler_, "filing", 1);
  ASSERT_TRUE(tmpl.has_value());
  EXPECT_EQ((*tmpl)["versions"].size(), 2u);
  EXPECT_EQ((*tmpl)["current"], 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'document_template.edit' AND "
                  "actor = 'approver' AND entity_id = 'filing'"),
            1);
}

TEST_F(DocumentBookTest, AnEditStartedFromAnOlderVersionIsRefused) {
  ASSERT_TRUE(book_->EditTemplate(approver_, "talk", "第二版正文", "", 1));
  Actor other = MakeActor("approver2", Role::kApprover, "commission");
  auto stale = book_->EditTemplate(other, "talk", "基于第一版的修改", "", 1);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_NE(stale.error().message().find("第 2 版"), std::string::npos);
  auto current = book_->GetTemplate(other, "talk");
  EXPECT_EQ((*current)["body"], "第二版正文");
}

TEST_F(DocumentBookTest, OnlyTheApproverEditsAndOnlyValidChangedTemplates) {
  auto by_handler = book_->EditTemplate(handler_, "filing", "新的正文", "", 1);
  ASSERT_FALSE(by_handler.has_value());
  EXPECT_EQ(by_handler.error().code(), ErrorCode::kPermissionDenied);
  auto sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  EXPECT_EQ(book_->ListTemplates(sysadmin).error().code(), ErrorCode::kPermissionDenied);
  auto broken = book_->EditTemplate(approver_, "filing", "{{#persons}}未闭合", "", 1);
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code(), ErrorCode::kInvalidArgument);
  auto current = book_->GetTemplate(approver_, "filing");
  auto same = book_->EditTemplate(approver_, "filing", (*current)["body"], "", 1);
  ASSERT_FALSE(same.has_value());
  EXPECT_EQ(same.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT count(*) FROM document_templates WHERE doc_type = 'filing'"), 1);
}

TEST_F(DocumentBookTest, IssuingNeedsTheWorkersRoleTheStateAndTheDisposal) {
  int64_t clue = NewClue("commission");
  auto by_intake = book_->Issue(intake_, "clue", clue, "verification");
  ASSERT_FALSE(by_intake.has_value());
  EXPECT_EQ(by_intake.error().code(), ErrorCode::kPermissionDenied);
  auto too_early = book_->Issue(handler_, "clue", clue, "verification");
  ASSERT_FALSE(too_early.has_value());
  EXPECT_EQ(too_early.error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(service_->ProposeDisposal(handler_, clue, {{"disposal", "谈话函询"}}));
  ASSERT_TRUE(service_->DecideDisposal(approver_, clue, {{"decision", "approve"}}));
  auto listed = book_->ListFor(handler_, "clue", clue);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ((*listed)["issuable"].size(), 1u);
  EXPECT_EQ((*listed)["issuable"][0]["code"], "talk");
  EXPECT_EQ(book_->Issue(handler_, "clue", clue, "verification").error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(IssueOk(handler_, "clue", clue, "talk"), "清监谈〔2024〕1号");
  EXPECT_EQ(book_->Issue(handler_, "clue", clue, "filing").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'document.issue' AND entity = "
                  "'clue' AND entity_id = '" +
                  std::to_string(clue) + "'"),
            1);
}

TEST_F(DocumentBookTest, AnotherStreetsHandlerDoesNotSeeTheItemOrItsDocuments) {
  int64_t id = NewCase("street-01");
  auto issued = book_->Issue(handler_, "case", id, "filing");
  ASSERT_TRUE(issued.has_value());
  Actor other = MakeActor("other", Role::kHandler, "street-02");
  EXPECT_EQ(book_->ListFor(other, "case", id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(book_->Get(other, (*issued)["id"]).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(book_->Issue(other, "case", id, "filing").error().code(), ErrorCode::kNotFound);
}

// Two workers on two connections issuing the same type in the same year: every number once.
// PostgreSQL only: an in-memory SQLite store has one connection.
TEST_F(DocumentBookTest, ConcurrentIssuancesNeverShareANumber) {
  if (!test_support::SuiteOnPostgres()) GTEST_SKIP() << "并发制发在 PostgreSQL 轮次中测试";
  int64_t id = NewCase();
  constexpr int kEach = 10;
  std::latch start(2);
  std::vector<std::string> numbers[2];
  auto worker = [&](int n) {
    auto db = store::Open(url_);
    ASSERT_TRUE(db.has_value());
    casework::CaseworkService service(**db, clock_, cipher_);
    DocumentBook book(**db, clock_, cipher_, service, *catalog_);
    start.arrive_and_wait();
    for (int i = 0; i < kEach; ++i) {
      auto issued = book.Issue(handler_, "case", id, "filing");
      ASSERT_TRUE(issued.has_value()) << issued.error().message();
      numbers[n].push_back((*issued)["number"]);
    }
  };
  std::thread other(worker, 1);
  worker(0);
  other.join();
  std::set<std::string> distinct(numbers[0].begin(), numbers[0].end());
  distinct.insert(numbers[1].begin(), numbers[1].end());
  EXPECT_EQ(distinct.size(), 2u * kEach);
  EXPECT_TRUE(distinct.contains("清监立〔2024〕20号"));
  auto report = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->problem;
}

}  // namespace
}  // namespace qf::documents::testing
