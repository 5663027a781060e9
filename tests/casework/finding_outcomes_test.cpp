// Outcomes per finding (issue 17 point 4): 排除 with a reason, 确认, 止付 and 追回 with an amount,
// 移送 with the receiving organ — checked by role, versioned like a review (a stale one is a 409
// that writes nothing), and audited in the same transaction.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class FindingOutcomeTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    fp_ = AddFinding("00000000000000000000000000000002", kCitizenA, "张三", "一街道甲社区",
                     std::string("张三（") + kCitizenA + "）死亡后仍领取低保");
    handler_ = MakeActor("handler", Role::kHandler, "commission");
  }
  int64_t Audits(const std::string& action) {
    return Count("SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
  }
  Result<Json> Record(const Actor& actor, Json body) {
    return service_->RecordFindingOutcome(actor, fp_, body);
  }
  std::string fp_;
};

TEST_F(FindingOutcomeTest, StoppedThenRecoveredMoneyAddsUpAndConfirmsTheFinding) {
  auto stopped = Record(handler_, {{"outcome", "止付"}, {"amount", 56500}, {"version", 0}});
  ASSERT_TRUE(stopped.has_value()) << stopped.error().message();
  EXPECT_EQ((*stopped)["outcome"], "止付");
  EXPECT_EQ((*stopped)["review"], "confirmed");
  EXPECT_EQ((*stopped)["version"], 1);
  EXPECT_EQ((*stopped)["stopped"], 56500);
  clock_.Advance(86400);
  // 追回 in two instalments.
  ASSERT_TRUE(Record(handler_, {{"outcome", "追回"}, {"amount", 30000}, {"version", 1}}));
  auto second = Record(
      handler_,
      {{"outcome", "追回"}, {"amount", 26500}, {"note", "第二笔，已退回财政专户"}, {"version", 2}});
  ASSERT_TRUE(second.has_value()) << second.error().message();
  EXPECT_EQ((*second)["recovered"], 56500);
  EXPECT_EQ((*second)["stopped"], 56500);
  ASSERT_EQ((*second)["outcomes"].size(), 3u);
  EXPECT_EQ((*second)["outcomes"][2]["note"], "第二笔，已退回财政专户");
  EXPECT_EQ((*second)["outcomes"][2]["recorded_by"], "handler");
  EXPECT_EQ(Count("SELECT count(*) FROM finding_outcomes"), 3);
  EXPECT_EQ(Count("SELECT SUM(amount) FROM finding_outcomes WHERE outcome = '追回'"), 56500);
  EXPECT_EQ(TextOf("SELECT outcome FROM findings"), "追回");
  auto read = service_->GetFinding(handler_, fp_);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ((*read)["recovered"], 56500);
}

TEST_F(FindingOutcomeTest, EachOutcomeAsksForWhatItNeeds) {
  struct Case {
    Json body;
    std::string field;
  };
  const Case cases[] = {
      {{{"outcome", "止付"}, {"version", 0}}, "amount"},
      {{{"outcome", "追回"}, {"amount", 0}, {"version", 0}}, "amount"},
      {{{"outcome", "追回"}, {"amount", -5}, {"version", 0}}, "amount"},
      {{{"outcome", "确认"}, {"amount", 100}, {"version", 0}}, "amount"},
      {{{"outcome", "排除"}, {"version", 0}}, "note"},
      {{{"outcome", "移送"}, {"version", 0}}, "note"},
      {{{"outcome", "止付"}, {"amount", 100}}, "version"},
      {{{"outcome", "罚款"}, {"version", 0}}, "outcome"},
  };
  for (const Case& c : cases) {
    auto r = Record(handler_, c.body);
    ASSERT_FALSE(r.has_value()) << c.body.dump();
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << c.body.dump();
    EXPECT_EQ(r.error().field(), c.field) << c.body.dump() << " " << r.error().message();
  }
  EXPECT_EQ(Count("SELECT count(*) FROM finding_outcomes"), 0);
  EXPECT_EQ(TextOf("SELECT review FROM findings"), "open");
  EXPECT_TRUE(Record(handler_, {{"outcome", "移送"}, {"note", "区公安分局"}, {"version", 0}}));
}

TEST_F(FindingOutcomeTest, AStaleOutcomeIsAConflictThatWritesNothing) {
  Actor colleague = MakeActor("colleague", Role::kHandler, "commission");
  ASSERT_TRUE(Record(colleague, {{"outcome", "确认"}, {"version", 0}}));
  int64_t audits = Count("SELECT count(*) FROM audit_log");
  auto stale = Record(handler_, {{"outcome", "止付"}, {"amount", 100}, {"version", 0}});
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_NE(stale.error().message().find("colleague"), std::string::npos);
  EXPECT_NE(stale.error().message().find("确认"), std::string::npos) << stale.error().message();
  EXPECT_EQ(Count("SELECT count(*) FROM finding_outcomes"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audits);
}

TEST_F(FindingOutcomeTest, DismissingAfterMoneyKeepsTheHistoryAndTheReviewFollowsTheOutcome) {
  ASSERT_TRUE(Record(handler_, {{"outcome", "止付"}, {"amount", 100}, {"version", 0}}));
  auto dismissed =
      Record(handler_, {{"outcome", "排除"}, {"note", "死亡登记有误"}, {"version", 1}});
  ASSERT_TRUE(dismissed.has_value()) << dismissed.error().message();
  EXPECT_EQ((*dismissed)["review"], "dismissed");
  EXPECT_EQ((*dismissed)["review_reason"], "死亡登记有误");
  EXPECT_EQ((*dismissed)["outcomes"].size(), 2u);
  // A review through ReviewFinding records its outcome too; reopening clears the latest one.
  ASSERT_TRUE(service_->ReviewFinding(handler_, fp_, {{"decision", "confirmed"}, {"version", 2}}));
  EXPECT_EQ(TextOf("SELECT outcome FROM findings"), "确认");
  EXPECT_EQ(Count("SELECT count(*) FROM finding_outcomes"), 3);
  ASSERT_TRUE(service_->ReviewFinding(handler_, fp_, {{"decision", "open"}, {"version", 3}}));
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE outcome IS NULL"), 1);
}

TEST_F(FindingOutcomeTest, MoneyOutcomesAreForHandlersAndApproversOfTheFindingsUnit) {
  Actor intake = MakeActor("intake2", Role::kIntake, "commission");
  auto refused = Record(intake, {{"outcome", "止付"}, {"amount", 100}, {"version", 0}});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  // An intake clerk may still confirm or dismiss, as with a review.
  ASSERT_TRUE(Record(intake, {{"outcome", "确认"}, {"version", 0}}));
  Actor other_street = MakeActor("street2", Role::kHandler, "street-02");
  auto hidden = Record(other_street, {{"outcome", "追回"}, {"amount", 100}, {"version", 1}});
  ASSERT_FALSE(hidden.has_value());
  EXPECT_EQ(hidden.error().code(), ErrorCode::kNotFound);
  Actor own_street = MakeActor("approver1", Role::kApprover, "street-01");
  EXPECT_TRUE(Record(own_street, {{"outcome", "追回"}, {"amount", 100}, {"version", 1}}));
  EXPECT_EQ(Count("SELECT count(*) FROM finding_outcomes"), 2);
}

TEST_F(FindingOutcomeTest, AnOutcomeIsAuditedWithItsAmountInTheSameTransaction) {
  int64_t before = Count("SELECT count(*) FROM audit_log");
  ASSERT_TRUE(Record(handler_, {{"outcome", "追回"}, {"amount", 12345}, {"version", 0}}));
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), before + 1);
  EXPECT_EQ(Audits("finding.outcome"), 1);
  EXPECT_EQ(TextOf("SELECT entity_id FROM audit_log WHERE action = 'finding.outcome'"), fp_);
  std::string after = TextOf("SELECT after FROM audit_log WHERE action = 'finding.outcome'");
  EXPECT_NE(after.find("追回"), std::string::npos) << after;
  EXPECT_NE(after.find("12345"), std::string::npos) << after;
  auto verified = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(verified.has_value());
  EXPECT_TRUE(verified->ok) << verified->problem;
}

}  // namespace
}  // namespace qf::casework::testing
