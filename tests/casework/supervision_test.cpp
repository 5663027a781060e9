// 督办 (issue 15 point 5): an open 交办核查 past its deadline becomes, once, a 待办 of the
// assigned unit's 审核领导, with the clock injected.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework {
namespace {

class SupervisionTest : public testing::CaseworkTest {
 protected:
  // A clue in disposal assigned to street-01 with a deadline (the clock starts 2024-06-05).
  int64_t Assigned(const std::string& deadline) {
    int64_t clue = ClueInDisposal();
    auto assigned = service_->AssignClue(
        handler_, clue, {{"unit", "street-01"}, {"deadline", deadline}, {"request", "核实"}});
    EXPECT_TRUE(assigned.has_value()) << assigned.error().message();
    return clue;
  }
};

TEST_F(SupervisionTest, AnOverdueAssignmentEscalatesOnceToTheLeadersTodo) {
  int64_t late = Assigned("2024-06-10");
  Assigned("2024-06-30");  // not due yet
  // On the deadline itself nothing is overdue.
  clock_.AdvanceDays(5);
  auto none = service_->EscalateOverdue();
  ASSERT_TRUE(none.has_value()) << none.error().message();
  EXPECT_TRUE((*none)["escalated"].empty());

  clock_.AdvanceDays(1);  // 2024-06-11
  auto first = service_->EscalateOverdue();
  ASSERT_TRUE(first.has_value()) << first.error().message();
  ASSERT_EQ((*first)["escalated"].size(), 1u);
  EXPECT_EQ((*first)["escalated"][0]["clue"], late);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'todo.supervise' AND actor = "
                  "'逾期督办'"),
            1);

  // Idempotent: the next runs add nothing for the same item.
  clock_.AdvanceDays(3);
  auto again = service_->EscalateOverdue();
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE((*again)["escalated"].empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM todos WHERE kind = 'supervise'"), 1);

  // For the unit's 审核领导, not its 承办人.
  Actor leader = MakeActor("s1leader", Role::kApprover, "street-01");
  Actor handler = MakeActor("s1handler", Role::kHandler, "street-01");
  auto todos = service_->ListTodos(leader);
  ASSERT_TRUE(todos.has_value()) << todos.error().message();
  ASSERT_EQ((*todos)["todos"].size(), 1u);
  EXPECT_EQ((*todos)["todos"][0]["kind"], "supervise");
  EXPECT_EQ((*todos)["todos"][0]["clue_id"], late);
  EXPECT_NE((*todos)["todos"][0]["summary"].get<std::string>().find("逾期督办"), std::string::npos);
  EXPECT_TRUE((*service_->ListTodos(handler))["todos"].empty());
}

TEST_F(SupervisionTest, AnsweredAssignmentsAreNotEscalated) {
  int64_t clue = Assigned("2024-06-10");
  ASSERT_TRUE(internal::Exec(*db_,
                             "UPDATE assignments SET status = 'feedback_submitted' WHERE "
                             "clue_id = ?",
                             clue));
  clock_.AdvanceDays(30);
  auto run = service_->EscalateOverdue();
  ASSERT_TRUE(run.has_value()) << run.error().message();
  EXPECT_TRUE((*run)["escalated"].empty());
}

TEST_F(SupervisionTest, AnOverdueRectificationItemEscalatesToTheIssuingLeader) {
  auto issued = service_->IssueRectification(handler_, {{"kind", "监察建议"},
                                                        {"unit", "dept-civil"},
                                                        {"content", "建立死亡人员信息比对机制"},
                                                        {"due_date", "2024-06-10"}});
  ASSERT_TRUE(issued.has_value()) << issued.error().message();
  int64_t id = (*issued)["id"].get<int64_t>();
  auto answered = service_->IssueRectification(handler_, {{"kind", "整改事项"},
                                                          {"unit", "dept-civil"},
                                                          {"content", "补发少发的补贴"},
                                                          {"due_date", "2024-06-10"}});
  ASSERT_TRUE(answered.has_value());
  Actor civil = MakeActor("civil", Role::kLiaison, "dept-civil");
  ASSERT_TRUE(
      service_->SubmitEvidence(civil, (*answered)["id"].get<int64_t>(), {{"evidence", "已补发"}})
          .has_value());
  clock_.AdvanceDays(6);  // 2024-06-11
  auto run = service_->EscalateOverdue();
  ASSERT_TRUE(run.has_value()) << run.error().message();
  ASSERT_EQ((*run)["escalated"].size(), 1u);  // the answered item waits for verification only
  EXPECT_EQ((*run)["escalated"][0]["rectification"], id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'todo.supervise' AND entity = "
                  "'rectification'"),
            1);
  EXPECT_TRUE((*service_->EscalateOverdue())["escalated"].empty());  // once

  auto todos = service_->ListTodos(approver_);  // the issuing unit's 审核领导
  ASSERT_TRUE(todos.has_value()) << todos.error().message();
  ASSERT_EQ((*todos)["todos"].size(), 1u);
  std::string summary = (*todos)["todos"][0]["summary"];
  EXPECT_NE(summary.find("整改事项"), std::string::npos) << summary;
  EXPECT_NE(summary.find("逾期 1 天"), std::string::npos) << summary;
  EXPECT_EQ((*todos)["todos"][0]["fingerprint"], fmt::format("rectification:{}", id));
}

}  // namespace
}  // namespace qf::casework
