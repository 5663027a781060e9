// Citizens rate the answer to their report by receipt code (issue 15 point 5), on the store the
// test backend names (SQLite, or PostgreSQL with QF_TEST_BACKEND=postgresql): one rating per
// answer, a newer answer rated again, the comment stored encrypted with its ID numbers sealed,
// and 不满意 reopening a concluded clue in the rating's transaction.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "casework/casework_service.h"
#include "core/clock.h"
#include "crypto/crypto.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/query.h"
#include "support/test_store.h"
#include "web/internal/public_store.h"

namespace qf::web::internal {
namespace {

class FixedClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return 1766188800; }  // 2025-12-20T00:00:00Z
};

crypto::FieldCipher TestCipher() {
  crypto::FieldCipher::MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 11 + 3);
  return crypto::FieldCipher::FromMasterKey(key);
}

constexpr char kIdInComment[] = "110105198001011238";

class RatingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(test_support::TestStoreUrl());
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    ReportInput input;
    input.category = "冒领骗取补贴";
    input.content = "有人冒领低保";
    auto code = CreateReport(*db_, clock_, cipher_, options_, input);
    ASSERT_TRUE(code.has_value()) << code.error().message();
    code_ = *code;
    auto view = LoadReportByReceipt(*db_, cipher_, code_);
    ASSERT_TRUE(view.has_value() && view->has_value());
    report_ = (*view)->report_id;
    clue_ = (*view)->clue_id;
  }
  void Answer(const std::string& body) {
    ASSERT_TRUE(
        AddReportMessage(*db_, cipher_, clock_, report_, "受理单位", "chengban", body, "2025-12-20")
            .has_value());
  }
  Result<bool> Rate(const std::string& rating, const std::string& comment = "") {
    return RateReport(*db_, clock_, cipher_, options_, report_, rating, comment, "2025-12-20");
  }
  ReportView View() {
    auto view = LoadReportByReceipt(*db_, cipher_, code_);
    EXPECT_TRUE(view.has_value() && view->has_value());
    return **view;
  }
  int64_t Count(const std::string& sql) {
    auto n = store::QueryInt(*db_, sql);
    EXPECT_TRUE(n.has_value() && n->has_value());
    return n && *n ? **n : -1;
  }

  FixedClock clock_;
  crypto::FieldCipher cipher_ = TestCipher();
  casework::CaseworkOptions options_{.password_cost = casework::PasswordCost::Minimal()};
  std::unique_ptr<store::Database> db_;
  std::string code_;
  int64_t report_ = 0, clue_ = 0;
};

TEST_F(RatingTest, NothingToRateBeforeAnAnswer) {
  EXPECT_EQ(View().unrated_answer, 0);
  auto refused = Rate("满意");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM public_report_ratings"), 0);
}

TEST_F(RatingTest, OneRatingPerAnswerAndANewAnswerIsRatedAgain) {
  Answer("已受理，正在核实");
  EXPECT_NE(View().unrated_answer, 0);
  auto rated = Rate("基本满意");
  ASSERT_TRUE(rated.has_value()) << rated.error().message();
  EXPECT_FALSE(*rated);
  EXPECT_EQ(View().unrated_answer, 0);
  auto twice = Rate("满意");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);

  Answer("经核实，已停发并追回");
  ASSERT_TRUE(Rate("满意").has_value());
  ReportView view = View();
  ASSERT_EQ(view.ratings.size(), 2u);
  EXPECT_EQ(view.ratings[0].rating, "基本满意");
  EXPECT_EQ(view.ratings[1].rating, "满意");
  // Audited by the receipt channel, never a person.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.rate' AND actor = "
                  "'码上行动回执'"),
            2);
}

TEST_F(RatingTest, AnUnknownRatingIsRefused) {
  Answer("已处理");
  auto refused = Rate("非常满意");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(RatingTest, TheCommentIsEncryptedWithItsIdNumbersSealed) {
  Answer("已处理");
  ASSERT_TRUE(Rate("不满意", std::string("冒领人身份证") + kIdInComment).has_value());
  EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM public_report_ratings WHERE comment LIKE "
                              "'%") +
                  kIdInComment + "%'"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM public_report_ratings WHERE comment LIKE 'sm4:%'"), 1);
  ReportView view = View();
  ASSERT_EQ(view.ratings.size(), 1u);
  EXPECT_EQ(view.ratings[0].comment.find(kIdInComment), std::string::npos);
  EXPECT_NE(view.ratings[0].comment.find("110105"), std::string::npos);  // masked, not gone
}

TEST_F(RatingTest, DissatisfiedReopensAConcludedClueAndMakesATodo) {
  Answer("经核实，反映不属实，予以了结");
  ASSERT_TRUE(store::Exec(*db_, "UPDATE clues SET status = 'concluded' WHERE clue_id = ?", clue_)
                  .has_value());
  auto rated = Rate("不满意", "没有人来核实");
  ASSERT_TRUE(rated.has_value()) << rated.error().message();
  EXPECT_TRUE(*rated);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues WHERE status = 'in_disposal' AND clue_id = " +
                  std::to_string(clue_)),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM todos WHERE kind = 'citizen_dissatisfied' AND "
                  "unit_code = 'commission' AND clue_id = " +
                  std::to_string(clue_)),
            1);
  EXPECT_TRUE(View().ratings.at(0).reopened);
}

TEST_F(RatingTest, TheBoardCountsReceivedClosedAndSatisfiedByMonth) {
  // December: the fixture's report plus two more; one concluded, one filed as a case.
  for (int i = 0; i < 2; ++i) {
    ReportInput input;
    input.category = "其他";
    input.content = "反映" + std::to_string(i);
    ASSERT_TRUE(CreateReport(*db_, clock_, cipher_, options_, input).has_value());
  }
  ASSERT_TRUE(store::Exec(*db_,
                          "UPDATE clues SET status = 'concluded' WHERE clue_id = (SELECT "
                          "MIN(clue_id) FROM public_reports)")
                  .has_value());
  ASSERT_TRUE(store::Exec(*db_,
                          "UPDATE clues SET status = 'case_filed' WHERE clue_id = (SELECT "
                          "MAX(clue_id) FROM public_reports)")
                  .has_value());
  // A report of March, and one of last year's November (outside the 12 months).
  ASSERT_TRUE(store::Exec(*db_,
                          "UPDATE public_reports SET created_on = '2025-03-05' WHERE report_id = "
                          "(SELECT MAX(report_id) FROM public_reports)")
                  .has_value());
  ReportInput old;
  old.category = "其他";
  old.content = "去年的反映";
  ASSERT_TRUE(CreateReport(*db_, clock_, cipher_, options_, old).has_value());
  ASSERT_TRUE(store::Exec(*db_,
                          "UPDATE public_reports SET created_on = '2024-11-30' WHERE report_id = "
                          "(SELECT MAX(report_id) FROM public_reports)")
                  .has_value());
  // Three ratings in December: 满意, 基本满意, 不满意.
  Answer("答复一");
  ASSERT_TRUE(Rate("满意").has_value());
  Answer("答复二");
  ASSERT_TRUE(Rate("基本满意").has_value());
  Answer("答复三");
  ASSERT_TRUE(Rate("不满意").has_value());  // reopens the concluded clue: no longer 办结

  auto board = LoadBoard(*db_, "2025-12-20");
  ASSERT_TRUE(board.has_value()) << board.error().message();
  ASSERT_EQ(board->size(), 12u);
  EXPECT_EQ(board->front().month, "2025-01");
  const BoardMonth& dec = board->back();
  EXPECT_EQ(dec.month, "2025-12");
  EXPECT_EQ(dec.received, 2);
  EXPECT_EQ(dec.closed, 0);
  EXPECT_EQ(dec.rated, 3);
  EXPECT_EQ(dec.satisfied, 2);
  const BoardMonth& mar = (*board)[2];
  EXPECT_EQ(mar.month, "2025-03");
  EXPECT_EQ(mar.received, 1);
  EXPECT_EQ(mar.closed, 1);  // the case_filed one
  int64_t total = 0;
  for (const BoardMonth& b : *board) total += b.received;
  EXPECT_EQ(total, 3);  // November 2024 is out
}

}  // namespace
}  // namespace qf::web::internal
