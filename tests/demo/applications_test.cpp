// The demo applications: one at each open step, one rejected with its reason, one objection in 公示
// that became a clue, one fully 发放 — and a second run writes nothing.
#include "demo/applications.h"

#include <gtest/gtest.h>

#include "approval/approval_fixture.h"

namespace qf::approval::testing {
namespace {

class DemoApplicationsTest : public ApprovalTest {
 protected:
  void SetUp() override {
    ApprovalTest::SetUp();
    // Six adults of 幸福社区 with the two of H1 (whose car the pre-check finds); one too young.
    for (int i = 0; i < 4; ++i) {
      AddPerson(WithCheckDigit("1101051985020" + std::to_string(3000 + i)),
                "居民" + std::to_string(i), "1985-02-03", "H" + std::to_string(10 + i), "户主");
    }
    AddPerson(WithCheckDigit("11010520200101456"), "幼儿", "2020-01-01", "H20", "户主");
  }

  int64_t Rows(const std::string& table) { return Count("SELECT COUNT(*) FROM " + table); }

  int64_t At(const std::string& step) {
    return Count(
        "SELECT COUNT(*) FROM approval_applications WHERE status = 'in_progress' AND "
        "current_step = '" +
        step + "'");
  }

  const Date today_ = *Date::Parse("2024-06-20");
};

TEST_F(DemoApplicationsTest, SeedsOneApplicationAtEachStageOnlyOnce) {
  auto seeded = demo::SeedDemoApplications(*db_, cipher_, config_, today_);
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message();
  ASSERT_TRUE(seeded->seeded) << seeded->skipped;
  EXPECT_EQ(seeded->applications, 6);
  EXPECT_EQ(seeded->program_code, "MZ01");
  EXPECT_EQ(seeded->community, "幸福社区");

  EXPECT_EQ(Rows("approval_applications"), 6);
  EXPECT_EQ(At("community_review"), 1);
  EXPECT_EQ(At("publicity"), 1);
  EXPECT_EQ(At("street_review"), 1);
  EXPECT_EQ(At("department_approval"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_applications WHERE status = 'rejected' AND "
                  "rejection_category = '家庭收入超过标准' AND rejection_reason <> ''"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_applications WHERE status = 'completed'"), 1);
  // The child is never an applicant.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_applications WHERE applicant_name = '幼儿'"), 0);
  // The objection became a clue; the payment wrote the enrolment.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_objections o JOIN clues c ON c.clue_id = "
                  "o.clue_id"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments WHERE program_code = 'MZ01'"), 1);
  // The step waiting at 街道审核 since 13 days ago (deadline 10 days) is overdue.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_steps WHERE decision IS NULL AND deadline < "
                  "'2024-06-20'"),
            1);
  // Every step is dated on or before today.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_steps WHERE started_on > '2024-06-20'"), 0);

  const int64_t applications = Rows("approval_applications"), steps = Rows("approval_steps"),
                clues = Rows("clues"), audit = Rows("audit_log"),
                hits = Rows("approval_precheck_hits");
  auto again = demo::SeedDemoApplications(*db_, cipher_, config_, today_);
  ASSERT_TRUE(again.has_value()) << again.error().message();
  EXPECT_FALSE(again->seeded);
  EXPECT_FALSE(again->skipped.empty());
  EXPECT_EQ(Rows("approval_applications"), applications);
  EXPECT_EQ(Rows("approval_steps"), steps);
  EXPECT_EQ(Rows("clues"), clues);
  EXPECT_EQ(Rows("audit_log"), audit);
  EXPECT_EQ(Rows("approval_precheck_hits"), hits);
}

TEST_F(DemoApplicationsTest, LeavesALedgerWithTooFewPeopleAlone) {
  Run("DELETE FROM persons WHERE name LIKE '居民%'");
  auto seeded = demo::SeedDemoApplications(*db_, cipher_, config_, today_);
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message();
  EXPECT_FALSE(seeded->seeded);
  EXPECT_EQ(Rows("approval_applications"), 0);
}

}  // namespace
}  // namespace qf::approval::testing
