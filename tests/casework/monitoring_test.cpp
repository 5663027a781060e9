// Continuous monitoring (issue 17): a new finding about the subject of an open clue or case joins
// it and becomes a 待办 of the unit handling it; the rest stays in the findings queue.
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework {
namespace {

using testing::kCitizenA;
using testing::kCitizenB;

class MonitoringTest : public testing::CaseworkTest {
 protected:
  // A finding of comparison run `run` as the engine stores it ('new' in that run).
  void AddNewFinding(const std::string& fingerprint, const std::string& id_number, int64_t run) {
    ASSERT_TRUE(internal::Exec(*db_,
                               "INSERT INTO findings(fingerprint, rule, id_number, program_code, "
                               "period, account_no, ref, severity, amount, evidence, status, "
                               "first_seen_run, last_seen_run) VALUES (?, 'R01', ?, 'DB', '', '', "
                               "'', '高', 45000, '死亡后仍发放', 'new', ?, ?)",
                               fingerprint, id_number, run, run));
  }
};

TEST_F(MonitoringTest, ANewFindingAboutAnOpenClueSubjectJoinsTheClueAndBecomesItsUnitsTodo) {
  int64_t clue = NewClue("street-01", {{{"name", "张三"}, {"id_number", kCitizenA}}});
  AddNewFinding("fp-a", kCitizenA, 3);
  AddNewFinding("fp-other", "110105194912310029", 3);  // nobody's clue: stays in the queue
  AddNewFinding("fp-old", kCitizenA, 2);               // an earlier run's: not this run's news

  auto attached = service_->AttachNewFindings(3);
  ASSERT_TRUE(attached.has_value()) << attached.error().message();
  ASSERT_EQ((*attached)["attached"].size(), 1u);
  EXPECT_EQ((*attached)["attached"][0]["clue"], clue);
  EXPECT_EQ(Count("SELECT clue_id FROM clue_findings WHERE fingerprint = 'fp-a'"), clue);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clue_findings"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'finding.attach' AND "
                  "actor = '持续监测'"),
            1);

  // The street's handler sees the 待办; the summary names the rule and money, not the person.
  Actor street = MakeActor("s1handler", Role::kHandler, "street-01");
  auto todos = service_->ListTodos(street);
  ASSERT_TRUE(todos.has_value()) << todos.error().message();
  ASSERT_EQ((*todos)["todos"].size(), 1u);
  const Json& todo = (*todos)["todos"][0];
  EXPECT_EQ(todo["clue_id"], clue);
  EXPECT_NE(todo["summary"].get<std::string>().find("R01"), std::string::npos);
  EXPECT_EQ(todo["summary"].get<std::string>().find(kCitizenA), std::string::npos);
  // Another unit's handler does not.
  Actor other = MakeActor("s2handler", Role::kHandler, "street-02");
  EXPECT_TRUE((*service_->ListTodos(other))["todos"].empty());
  EXPECT_FALSE(service_->CompleteTodo(other, todo["id"].get<int64_t>()).has_value());

  // Done once, audited, and gone from the list.
  ASSERT_TRUE(service_->CompleteTodo(street, todo["id"].get<int64_t>()).has_value());
  EXPECT_TRUE((*service_->ListTodos(street))["todos"].empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'todo.done'"), 1);

  // Attaching again changes nothing: the finding already belongs to the clue.
  auto again = service_->AttachNewFindings(3);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE((*again)["attached"].empty());
}

TEST_F(MonitoringTest, AFindingAboutACasePersonJoinsTheOpenCase) {
  int64_t kase = NewCase("street-01");  // its person: kCitizenB; its clue is now case_filed
  AddNewFinding("fp-b", kCitizenB, 5);
  auto attached = service_->AttachNewFindings(5);
  ASSERT_TRUE(attached.has_value()) << attached.error().message();
  ASSERT_EQ((*attached)["attached"].size(), 1u);
  EXPECT_EQ((*attached)["attached"][0]["case"], kase);
  EXPECT_EQ(Count("SELECT case_id FROM case_findings WHERE fingerprint = 'fp-b'"), kase);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM todos WHERE case_id IS NOT NULL"), 1);
}

TEST_F(MonitoringTest, ConcludedCluesDoNotCollectNewFindings) {
  int64_t clue = NewClue("street-01", {{{"name", "张三"}, {"id_number", kCitizenA}}});
  ASSERT_TRUE(internal::Exec(*db_, "UPDATE clues SET status = 'concluded' WHERE clue_id = ?", clue));
  AddNewFinding("fp-a", kCitizenA, 3);
  auto attached = service_->AttachNewFindings(3);
  ASSERT_TRUE(attached.has_value());
  EXPECT_TRUE((*attached)["attached"].empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM todos"), 0);
}

}  // namespace
}  // namespace qf::casework
