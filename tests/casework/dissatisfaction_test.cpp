// A reporter rates the answer 不满意 (issue 15 point 5): a concluded clue goes back to 处置中 and
// the unit handling it gets a 待办; a clue still being handled keeps its state; a clue that became
// a case is left to the case.
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework {
namespace {

class DissatisfactionTest : public testing::CaseworkTest {
 protected:
  Result<bool> Reopen(int64_t clue) {
    auto tx = db_->Begin();
    EXPECT_TRUE(tx.has_value());
    auto reopened = service_->ReopenDissatisfiedInTransaction(clue, "码上行动回执");
    if (reopened) {
      EXPECT_TRUE((*tx)->Commit().has_value());
    }
    return reopened;
  }
  std::string Status(int64_t clue) {
    auto st = internal::Query(*db_, "SELECT status FROM clues WHERE clue_id = ?", clue);
    EXPECT_TRUE(st.has_value());
    auto row = (*st)->Step();
    EXPECT_TRUE(row.has_value() && *row);
    return (*st)->Text(0);
  }
};

TEST(ClueStateMachineTest, OnlyAConcludedClueReopensOnDissatisfactionIntoDisposal) {
  auto next = Next(ClueState::kConcluded, ClueEvent::kReopenDissatisfied);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, ClueState::kInDisposal);
  for (ClueState from :
       {ClueState::kRegistered, ClueState::kPendingApproval, ClueState::kInDisposal,
        ClueState::kPendingConclusion, ClueState::kShelved, ClueState::kCaseFiled}) {
    auto refused = Next(from, ClueEvent::kReopenDissatisfied);
    ASSERT_FALSE(refused.has_value()) << StateCode(from);
    EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);
  }
}

TEST_F(DissatisfactionTest, AConcludedClueReopensAndItsUnitGetsATodo) {
  int64_t clue = NewClue("street-01");
  ASSERT_TRUE(
      internal::Exec(*db_, "UPDATE clues SET status = 'concluded' WHERE clue_id = ?", clue));
  auto reopened = Reopen(clue);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message();
  EXPECT_TRUE(*reopened);
  EXPECT_EQ(Status(clue), "in_disposal");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'clue.reopen_dissatisfied' AND "
                  "actor = '码上行动回执' AND entity = 'clue'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'todo.create'"), 1);

  // The street's handler and leader read it among their 待办.
  for (Role role : {Role::kHandler, Role::kApprover}) {
    Actor reader = MakeActor(role == Role::kHandler ? "h1" : "l1", role, "street-01");
    auto todos = service_->ListTodos(reader);
    ASSERT_TRUE(todos.has_value()) << todos.error().message();
    ASSERT_EQ((*todos)["todos"].size(), 1u);
    EXPECT_EQ((*todos)["todos"][0]["clue_id"], clue);
    EXPECT_EQ((*todos)["todos"][0]["kind"], "citizen_dissatisfied");
  }
}

TEST_F(DissatisfactionTest, AClueStillBeingHandledKeepsItsStateButGetsATodo) {
  int64_t clue = NewClue("street-01");
  auto reopened = Reopen(clue);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message();
  EXPECT_FALSE(*reopened);
  EXPECT_EQ(Status(clue), "registered");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM todos WHERE kind = 'citizen_dissatisfied'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'clue.reopen_dissatisfied'"), 0);
}

TEST_F(DissatisfactionTest, AClueThatBecameACaseIsLeftToTheCase) {
  NewCase("street-01");
  int64_t clue = Count("SELECT MAX(clue_id) FROM clues");
  ASSERT_EQ(Status(clue), "case_filed");
  auto reopened = Reopen(clue);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message();
  EXPECT_FALSE(*reopened);
  EXPECT_EQ(Status(clue), "case_filed");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM todos"), 0);
}

}  // namespace
}  // namespace qf::casework
