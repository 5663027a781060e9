#include "oversight/congress.h"

#include <gtest/gtest.h>

#include "oversight_fixture.h"

namespace qf::oversight::testing {

class CongressTest : public OversightTest {
 protected:
  int64_t NewOpinion() {
    auto id = congress_->Create(clerk_, {.kind = "opinion",
                                         .received_on = "2024-06-01",
                                         .source = "区人大常委会第二十次会议",
                                         .doc_no = "区人常审〔2024〕3号",
                                         .title = "关于民生资金监管工作的审议意见",
                                         .body = "加强低保资金发放监督。"});
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message());
    return id.value_or(0);
  }
  int64_t Task(int64_t item, const std::string& unit, const std::string& due) {
    auto id = congress_->AddTask(clerk_, item,
                                 {.unit_code = unit, .due_on = due, .content = "开展低保入户复核"});
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message());
    return id.value_or(0);
  }
};

TEST_F(CongressTest, AnOpinionSplitIntoTasksRollsUpItsStatus) {
  int64_t item = NewOpinion();
  EXPECT_EQ(congress_->Get(clerk_, item)->status_label, "待交办");
  int64_t a = Task(item, "street-01", "2024-06-30");
  int64_t b = Task(item, "street-02", "2024-06-30");
  auto opinion = congress_->Get(clerk_, item);
  EXPECT_EQ(opinion->status_label, "未开始");
  EXPECT_EQ(opinion->summary, "共2项，已办结0项");
  ASSERT_TRUE(congress_->Respond(street1_, a, {.response = "复核 312 户", .done = true}));
  ASSERT_TRUE(congress_->Respond(street2_, b, {.response = "正在复核", .done = false}));
  opinion = congress_->Get(clerk_, item);
  EXPECT_EQ(opinion->status_label, "办理中");
  EXPECT_EQ(opinion->summary, "共2项，已办结1项");
  EXPECT_EQ(opinion->tasks[0].completed_on, "2024-06-05");
  ASSERT_TRUE(congress_->Respond(
      street2_, b, {.response = "复核完毕", .done = true, .completed_on = "2024-06-20"}));
  opinion = congress_->Get(clerk_, item);
  EXPECT_EQ(opinion->status_label, "已办结");
  EXPECT_EQ(opinion->summary, "共2项，已办结2项");
  EXPECT_EQ(congress_->Respond(street2_, b, {.response = "再答", .done = true}).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(AuditCount("congress.opinion.create"), 1);
  EXPECT_EQ(AuditCount("congress.task.create"), 2);
  EXPECT_EQ(AuditCount("congress.task.respond"), 3);
  // Every entry is on the item, so its 流转记录 shows them all.
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_log WHERE entity = 'congress_item' AND entity_id = '" +
            std::to_string(item) + "'"),
      6);
}

TEST_F(CongressTest, ATaskIsOverdueOnceItsDueDayHasPassedInBeijing) {
  int64_t item = NewOpinion();
  int64_t a = Task(item, "street-01", "2024-06-05");
  EXPECT_EQ(congress_->Get(clerk_, item)->tasks[0].status_label, "未开始");
  // 2024-06-06 01:00 Beijing is still 2024-06-05 in UTC.
  clock_.Advance(15 * 3600);
  auto opinion = congress_->Get(clerk_, item);
  EXPECT_EQ(opinion->tasks[0].status_label, "逾期");
  EXPECT_EQ(opinion->status_label, "逾期");
  EXPECT_EQ(opinion->summary, "共1项，已办结0项，逾期1项");
  ASSERT_TRUE(congress_->Respond(street1_, a, {.response = "已办结", .done = true}));
  EXPECT_EQ(congress_->Get(clerk_, item)->tasks[0].status_label, "已办结");
}

TEST_F(CongressTest, AUnitSeesAndAnswersOnlyItsOwnTasks) {
  int64_t item = NewOpinion();
  int64_t a = Task(item, "street-01", "2024-06-30");
  int64_t b = Task(item, "street-02", "2024-06-30");
  auto refused = congress_->Respond(street1_, b, {.response = "越权答复", .done = true});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kNotFound);  // street-02's task is not visible
  auto seen = congress_->Get(street1_, item);
  ASSERT_TRUE(seen.has_value());
  ASSERT_EQ(seen->tasks.size(), 1u);
  EXPECT_EQ(seen->tasks[0].id, a);
  // The commission sees both tasks but answers neither: each is its unit's.
  EXPECT_EQ(congress_->Get(leader_, item)->tasks.size(), 2u);
  EXPECT_EQ(congress_->Respond(leader_, a, {.response = "代答", .done = true}).error().code(),
            ErrorCode::kPermissionDenied);
  // A unit with no task does not see the item at all.
  Actor civil = MakeActor("civil", Role::kLiaison, "dept-civil");
  EXPECT_EQ(congress_->Get(civil, item).error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(congress_->List(civil, "")->empty());
  // Only the commission's 受理员 / 审核领导 register and split.
  EXPECT_EQ(congress_
                ->AddTask(street1_, item,
                          {.unit_code = "street-01", .due_on = "2024-07-01", .content = "x"})
                .error()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(AuditCount("congress.task.respond"), 0);
}

TEST_F(CongressTest, ASuggestionHasOneTaskAndTheDeputysSatisfaction) {
  auto id = congress_->Create(clerk_, {.kind = "suggestion",
                                       .received_on = "2024-03-02",
                                       .source = "王建华",
                                       .doc_no = "第2024012号",
                                       .title = "关于加强三资监管的建议",
                                       .body = "建议按季度公开三资台账。",
                                       .unit_code = "dept-housing",
                                       .due_on = "2024-07-31"});
  ASSERT_TRUE(id.has_value()) << id.error().message();
  auto item = congress_->Get(clerk_, *id);
  ASSERT_EQ(item->tasks.size(), 1u);
  EXPECT_EQ(item->tasks[0].unit_name, "区住建局");
  // The stationed group above the department sees it (its subtree) but does not answer it.
  EXPECT_EQ(congress_->Get(group1_, *id)->tasks.size(), 1u);
  EXPECT_EQ(congress_->Respond(group1_, item->tasks[0].id, {.response = "x", .done = true})
                .error()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(congress_->Rate(clerk_, *id, "满意").error().code(), ErrorCode::kConflict);
  Actor housing = MakeActor("housing", Role::kLiaison, "dept-housing");
  ASSERT_TRUE(congress_->Respond(housing, item->tasks[0].id, {.response = "已公开", .done = true}));
  EXPECT_EQ(congress_->Rate(clerk_, *id, "还行").error().field(), "satisfaction");
  ASSERT_TRUE(congress_->Rate(clerk_, *id, "基本满意"));
  EXPECT_EQ(congress_->Get(clerk_, *id)->satisfaction, "基本满意");
  EXPECT_EQ(AuditCount("congress.suggestion.create"), 1);
  EXPECT_EQ(AuditCount("congress.suggestion.rate"), 1);
}

TEST_F(CongressTest, AMissingFieldIsNamedAndNothingIsWritten) {
  auto refused = congress_->Create(clerk_, {.kind = "suggestion",
                                            .received_on = "2024-03-02",
                                            .source = "王建华",
                                            .doc_no = "第2024012号",
                                            .title = "建议",
                                            .body = "内容",
                                            .unit_code = "dept-housing",
                                            .due_on = "七月底"});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field(), "due_on");
  EXPECT_EQ(congress_
                ->Create(clerk_, {.kind = "opinion",
                                  .received_on = "2024-03-02",
                                  .source = "",
                                  .doc_no = "1",
                                  .title = "t",
                                  .body = "b"})
                .error()
                .field(),
            "source");
  EXPECT_EQ(Count("SELECT count(*) FROM congress_items"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action LIKE 'congress.%'"), 0);
}

TEST_F(CongressTest, IdNumbersInTextsAreSealedAtRestAndShownByRole) {
  using casework::testing::kCitizenA;
  int64_t item = NewOpinion();
  int64_t task = Task(item, "street-01", "2024-06-30");
  const std::string response = std::string("已核实低保对象 ") + kCitizenA + " 不符合条件";
  ASSERT_TRUE(congress_->Respond(street1_, task, {.response = response, .done = true}));
  EXPECT_EQ(Count("SELECT count(*) FROM congress_tasks WHERE response LIKE '%" +
                  std::string(kCitizenA) + "%'"),
            0);
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_log WHERE after LIKE '%" + std::string(kCitizenA) + "%'"),
      0);
  EXPECT_EQ(congress_->Get(clerk_, item)->tasks[0].response,
            "已核实低保对象 110105********1238 不符合条件");
  Actor handler = MakeActor("handler2", Role::kHandler, "commission");
  EXPECT_EQ(congress_->Get(handler, item)->tasks[0].response, response);
}

}  // namespace qf::oversight::testing
