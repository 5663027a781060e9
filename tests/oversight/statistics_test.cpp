#include "oversight/statistics.h"

#include <gtest/gtest.h>

#include "oversight/unit_counts.h"
#include "oversight_fixture.h"

namespace qf::oversight::testing {

class OversightStatisticsTest : public OversightTest {
 protected:
  Date D(const char* text) { return *Date::Parse(text); }
};

TEST_F(OversightStatisticsTest, UnitsAreCountedByKindWithinASubtree) {
  auto all = CountUnitsByKind(*db_, "");
  ASSERT_TRUE(all.has_value()) << all.error().message();
  EXPECT_EQ(all->stationed_groups.value, 2);
  EXPECT_EQ(all->stationed_groups.codes, (std::vector<std::string>{"stationed-1", "stationed-2"}));
  EXPECT_EQ(all->street_offices.value, 2);
  EXPECT_EQ(all->communities.value, 1);
  EXPECT_EQ(all->departments.value, 3);
  auto street = CountUnitsByKind(*db_, "street-01");
  EXPECT_EQ(street->street_offices.value, 1);
  EXPECT_EQ(street->stationed_groups.value, 0);
  EXPECT_EQ(street->communities.codes, std::vector<std::string>{"community-01-a"});
  EXPECT_EQ(CountUnitsByKind(*db_, "nowhere").error().code(), ErrorCode::kNotFound);
}

TEST_F(OversightStatisticsTest, StationedReportsCountDueSubmittedOnTimeAndOverdue) {
  ASSERT_TRUE(reports_->Schedule(clerk_, 2024));
  // Today is 2024-06-05: Q1 (due 04-15) was submitted on time by group 1 and never by group 2.
  const int64_t q1a = ReportOf("stationed-1", "2024-Q1");
  const int64_t q1b = ReportOf("stationed-2", "2024-Q1");
  ASSERT_TRUE(reports_->Submit(group1_, q1a, "一季度工作", std::nullopt));  // 06-05: late
  auto c = CountStationedReports(*db_, D("2024-01-01"), D("2024-06-30"), "", D("2024-06-05"));
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(c->due.value, 2);
  EXPECT_EQ(c->submitted.ids, std::vector<int64_t>{q1a});
  EXPECT_EQ(c->on_time.value, 0);  // submitted 06-05, due 04-15
  EXPECT_EQ(c->overdue.ids, std::vector<int64_t>{q1b});
  auto group1 =
      CountStationedReports(*db_, D("2024-01-01"), D("2024-12-31"), "stationed-1", D("2024-06-05"));
  EXPECT_EQ(group1->due.value, 3);  // Q1-Q3 due in 2024; Q4 and the year in 2025
  EXPECT_EQ(group1->overdue.value, 0);
  auto by_unit = StationedReportsBy(*db_, D("2024-01-01"), D("2024-12-31"), "", D("2024-06-05"),
                                    ReportBreakdown::kByUnit);
  ASSERT_EQ(by_unit->size(), 2u);
  EXPECT_EQ((*by_unit)[1].label, "派驻第二纪检监察组");
  EXPECT_EQ((*by_unit)[1].counts.overdue.value, 1);
  auto by_period = StationedReportsBy(*db_, D("2024-01-01"), D("2024-12-31"), "", D("2024-06-05"),
                                      ReportBreakdown::kByPeriod);
  ASSERT_EQ(by_period->size(), 3u);
  EXPECT_EQ((*by_period)[0].label, "2024年第一季度报告");
  EXPECT_EQ((*by_period)[0].counts.due.value, 2);
}

TEST_F(OversightStatisticsTest, CongressItemsCountWithTheirIds) {
  auto opinion = congress_->Create(clerk_, {.kind = "opinion",
                                            .received_on = "2024-03-01",
                                            .source = "会议",
                                            .doc_no = "〔2024〕1号",
                                            .title = "意见",
                                            .body = "内容"});
  auto empty = congress_->Create(clerk_, {.kind = "opinion",
                                          .received_on = "2024-04-01",
                                          .source = "会议",
                                          .doc_no = "〔2024〕2号",
                                          .title = "未分解",
                                          .body = "内容"});
  ASSERT_TRUE(opinion && empty);
  auto t1 = congress_->AddTask(clerk_, *opinion, {"street-01", "2024-05-31", "任务一"});
  auto t2 = congress_->AddTask(clerk_, *opinion, {"street-02", "2024-05-31", "任务二"});
  auto t3 = congress_->AddTask(clerk_, *opinion, {"street-02", "2024-12-31", "任务三"});
  ASSERT_TRUE(t1 && t2 && t3);
  ASSERT_TRUE(congress_->Respond(street1_, *t1,
                                 {.response = "完成", .done = true, .completed_on = "2024-05-20"}));
  auto s1 = congress_->Create(clerk_, {.kind = "suggestion",
                                       .received_on = "2024-02-01",
                                       .source = "王建华",
                                       .doc_no = "第1号",
                                       .title = "建议一",
                                       .body = "内容",
                                       .unit_code = "street-01",
                                       .due_on = "2024-05-01"});
  auto s2 = congress_->Create(clerk_, {.kind = "suggestion",
                                       .received_on = "2024-02-02",
                                       .source = "李秀英",
                                       .doc_no = "第2号",
                                       .title = "建议二",
                                       .body = "内容",
                                       .unit_code = "street-02",
                                       .due_on = "2024-09-01"});
  auto s3 = congress_->Create(clerk_, {.kind = "suggestion",
                                       .received_on = "2023-12-30",
                                       .source = "张国栋",
                                       .doc_no = "第3号",
                                       .title = "去年的",
                                       .body = "内容",
                                       .unit_code = "street-01",
                                       .due_on = "2024-03-01"});
  ASSERT_TRUE(s1 && s2 && s3);
  ASSERT_TRUE(congress_->Respond(street1_, congress_->Get(clerk_, *s1)->tasks[0].id,
                                 {.response = "完成", .done = true}));
  ASSERT_TRUE(congress_->Rate(clerk_, *s1, "满意"));

  auto c = CountCongressItems(*db_, D("2024-01-01"), D("2024-12-31"), "", D("2024-06-05"));
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(c->opinions.ids, (std::vector<int64_t>{*opinion, *empty}));
  EXPECT_EQ(c->opinion_tasks.value, 3);
  EXPECT_EQ(c->opinion_tasks_done.ids, std::vector<int64_t>{*t1});
  EXPECT_EQ(c->opinion_tasks_overdue.ids, std::vector<int64_t>{*t2});
  EXPECT_EQ(c->suggestions.ids, (std::vector<int64_t>{*s1, *s2}));  // s3 came in 2023
  EXPECT_EQ(c->suggestions_answered.ids, std::vector<int64_t>{*s1});
  EXPECT_EQ(c->suggestions_satisfied.ids, std::vector<int64_t>{*s1});

  // A street's subtree: the opinion with its task there, and its own suggestion.
  auto street2 =
      CountCongressItems(*db_, D("2024-01-01"), D("2024-12-31"), "street-02", D("2024-06-05"));
  EXPECT_EQ(street2->opinions.ids, std::vector<int64_t>{*opinion});
  EXPECT_EQ(street2->opinion_tasks.ids, (std::vector<int64_t>{*t2, *t3}));
  EXPECT_EQ(street2->suggestions.ids, std::vector<int64_t>{*s2});
  EXPECT_EQ(street2->suggestions_answered.value, 0);
  // As of a day before the answer, nothing was done yet.
  auto earlier = CountCongressItems(*db_, D("2024-01-01"), D("2024-12-31"), "", D("2024-05-10"));
  EXPECT_EQ(earlier->opinion_tasks_done.value, 0);
  EXPECT_EQ(earlier->opinion_tasks_overdue.value, 0);
}

}  // namespace qf::oversight::testing
