// Finding reviews (issue 12, point 3): authorised by role and unit like clues, carrying the
// version the reviewer saw (a stale review is a 409 conflict that writes nothing, never
// last-write-wins), and audited in the same transaction as the review.
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class FindingReviewTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    // The community unit of the fixture is named 一街道甲社区: a finding about a person there
    // belongs to it (and so to street-01 and the commission above it).
    fp_ = AddFinding("00000000000000000000000000000001", kCitizenA, "张三", "一街道甲社区",
                     std::string("张三（") + kCitizenA + "）死亡后仍领取低保");
    handler_ = MakeActor("handler", Role::kHandler, "commission");
  }
  int64_t Audits(const std::string& action) {
    return Count("SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
  }
  std::string fp_;
};

TEST_F(FindingReviewTest, AReviewCarriesTheVersionSeenAndAStaleOneIsAConflict) {
  auto seen = service_->GetFinding(handler_, fp_);
  ASSERT_TRUE(seen.has_value()) << seen.error().message();
  EXPECT_EQ((*seen)["version"], 0);
  Actor colleague = MakeActor("colleague", Role::kHandler, "commission");

  auto first = service_->ReviewFinding(colleague, fp_, {{"decision", "confirmed"}, {"version", 0}});
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_EQ((*first)["version"], 1);
  EXPECT_EQ((*first)["review"], "confirmed");

  // The handler still has version 0 on screen: refused, the colleague's decision stands.
  auto stale = service_->ReviewFinding(
      handler_, fp_, {{"decision", "dismissed"}, {"reason", "已备案"}, {"version", 0}});
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_NE(stale.error().message().find("colleague"), std::string::npos)
      << stale.error().message();
  EXPECT_NE(stale.error().message().find("刷新"), std::string::npos);
  EXPECT_EQ(TextOf("SELECT review FROM findings"), "confirmed");
  EXPECT_EQ(TextOf("SELECT reviewed_by FROM findings"), "colleague");

  // With the current version the handler may change it.
  auto fresh = service_->ReviewFinding(
      handler_, fp_, {{"decision", "dismissed"}, {"reason", "已备案"}, {"version", 1}});
  ASSERT_TRUE(fresh.has_value()) << fresh.error().message();
  EXPECT_EQ((*fresh)["version"], 2);
}

TEST_F(FindingReviewTest, AReviewWithoutAVersionOrDismissalWithoutReasonIsRefused) {
  auto no_version = service_->ReviewFinding(handler_, fp_, {{"decision", "confirmed"}});
  ASSERT_FALSE(no_version.has_value());
  EXPECT_EQ(no_version.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(no_version.error().field(), "version");
  auto no_reason =
      service_->ReviewFinding(handler_, fp_, {{"decision", "dismissed"}, {"version", 0}});
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().field(), "reason");
  EXPECT_EQ(TextOf("SELECT review FROM findings"), "open");
  auto malformed = service_->GetFinding(handler_, "1");
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().field(), "fingerprint");
}

TEST_F(FindingReviewTest, AReviewIsAuditedWithBeforeAndAfterAndARefusedOneIsNot) {
  int64_t before = Count("SELECT count(*) FROM audit_log");
  ASSERT_TRUE(service_->ReviewFinding(
      handler_, fp_, {{"decision", "dismissed"}, {"reason", "经核实为误报"}, {"version", 0}}));
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), before + 1);
  EXPECT_EQ(Audits("finding.review"), 1);
  EXPECT_EQ(TextOf("SELECT entity_id FROM audit_log WHERE action = 'finding.review'"), fp_);
  EXPECT_EQ(TextOf("SELECT actor FROM audit_log WHERE action = 'finding.review'"), "handler");
  std::string after = TextOf("SELECT after FROM audit_log WHERE action = 'finding.review'");
  EXPECT_NE(after.find("dismissed"), std::string::npos);
  EXPECT_NE(after.find("经核实为误报"), std::string::npos);
  std::string was = TextOf("SELECT before FROM audit_log WHERE action = 'finding.review'");
  EXPECT_NE(was.find("open"), std::string::npos);
  // A stale review writes no entry.
  EXPECT_FALSE(service_->ReviewFinding(handler_, fp_, {{"decision", "open"}, {"version", 0}}));
  EXPECT_EQ(Audits("finding.review"), 1);
  auto verified = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(verified.has_value());
  EXPECT_TRUE(verified->ok) << verified->problem;
}

TEST_F(FindingReviewTest, OnlyTheFindingsUnitAndTheUnitsAboveItMayReviewIt) {
  Actor own_street = MakeActor("street1", Role::kIntake, "street-01");
  Actor other_street = MakeActor("street2", Role::kHandler, "street-02");
  Actor department = MakeActor("civil", Role::kHandler, "dept-civil");
  for (const Actor& outsider : {other_street, department}) {
    auto read = service_->GetFinding(outsider, fp_);
    ASSERT_FALSE(read.has_value()) << outsider.username;
    EXPECT_EQ(read.error().code(), ErrorCode::kNotFound) << outsider.username;
    auto review =
        service_->ReviewFinding(outsider, fp_, {{"decision", "confirmed"}, {"version", 0}});
    ASSERT_FALSE(review.has_value());
    EXPECT_EQ(review.error().code(), ErrorCode::kNotFound) << outsider.username;
  }
  EXPECT_EQ(TextOf("SELECT review FROM findings"), "open");
  auto scope = service_->FindingScopeFor(other_street);
  ASSERT_TRUE(scope.has_value());
  EXPECT_FALSE(scope->all_units);
  EXPECT_TRUE(scope->communities.empty());
  EXPECT_TRUE(service_->ReviewFinding(own_street, fp_, {{"decision", "confirmed"}, {"version", 0}})
                  .has_value());
}

TEST_F(FindingReviewTest, RolesWithoutTheRightCannotReviewEvenInTheirUnit) {
  Actor liaison = MakeActor("liaison", Role::kLiaison, "commission");
  Actor admin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  Actor supervision = MakeActor("supervision", Role::kInternalSupervision, "commission");
  for (const Actor& actor : {liaison, admin, supervision}) {
    auto review = service_->ReviewFinding(actor, fp_, {{"decision", "confirmed"}, {"version", 0}});
    ASSERT_FALSE(review.has_value()) << actor.username;
    EXPECT_EQ(review.error().code(), ErrorCode::kNotFound) << actor.username;
  }
  Actor approver = MakeActor("approver", Role::kApprover, "commission");
  auto seen = service_->GetFinding(approver, fp_);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ((*seen)["id_number"], "110105********1238");  // 审核领导 sees IDs masked
  EXPECT_EQ((*seen)["evidence"], "张三（110105********1238）死亡后仍领取低保");
  EXPECT_EQ((*service_->GetFinding(handler_, fp_))["id_number"], kCitizenA);
}

TEST_F(FindingReviewTest, PromotingAFindingAddsToItsVersion) {
  Actor intake = MakeActor("intake", Role::kIntake, "commission");
  ASSERT_TRUE(service_->PromoteFindings(intake, {{"fingerprints", {fp_}}}).has_value());
  EXPECT_EQ(Count("SELECT review_version FROM findings"), 1);
  auto stale = service_->ReviewFinding(handler_, fp_, {{"decision", "open"}, {"version", 0}});
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
}

}  // namespace
}  // namespace qf::casework::testing
