#include "activities/activity_counts.h"

#include <gtest/gtest.h>

#include "activities_fixture.h"

namespace qf::activities::testing {

TEST_F(ActivitiesTest, CountsEachKindWithTheActivitiesBehindIt) {
  auto add = [&](ActivityFields changes) {
    ActivityFields fields = Talk();
    for (auto& [k, v] : changes) fields[k] = v;
    auto id = CreateFrom(clerk_, fields);
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message());
    return id.value_or(0);
  };
  int64_t talk = add({});
  add({{"held_on", "2023-12-31"}});  // before the period
  int64_t visit1 = add({{"kind", "走访群众"}, {"participants", "100"}, {"places", "一街道甲社区"}});
  int64_t visit2 = add({{"kind", "走访群众"}, {"participants", "50"}, {"unit", "street-02"}});
  int64_t joint1 = add({{"kind", "联合督查"}, {"places", "一街道甲社区、二社区、三社区"}});
  int64_t joint2 = add({{"kind", "联合督查"},
                        {"places", "community-01-a、三社区"},
                        {"clue_problems", "问题一；问题二"}});
  int64_t made = add({{"kind", "制度机制"}, {"mechanism", "建立"}, {"participants", ""}});
  int64_t revised = add({{"kind", "制度机制"}, {"mechanism", "修订"}, {"participants", ""}});

  Date from = *Date::Parse("2024-01-01"), to = *Date::Parse("2024-12-31");
  auto counts = CountActivities(*db_, from, to, {});
  ASSERT_TRUE(counts.has_value()) << counts.error().message();
  ASSERT_EQ(counts->kinds.size(), 8u);  // every configured kind, zeros included
  const KindCount* talks = counts->Find("座谈会");
  EXPECT_EQ(talks->activities, 1);
  EXPECT_EQ(talks->ids, std::vector<int64_t>{talk});
  const KindCount* visits = counts->Find("走访群众");
  EXPECT_EQ(visits->participants, 150);
  EXPECT_EQ(visits->measure, "人次");
  EXPECT_EQ(visits->ids, (std::vector<int64_t>{visit1, visit2}));
  const KindCount* joint = counts->Find("联合督查");
  EXPECT_EQ(joint->communities, 3);  // the community by name and by code is one
  EXPECT_EQ(joint->problems, 2);
  EXPECT_EQ(joint->clues, 2);
  EXPECT_EQ(joint->with_problems, std::vector<int64_t>{joint2});
  EXPECT_EQ(joint->ids, (std::vector<int64_t>{joint1, joint2}));
  const KindCount* mechanisms = counts->Find("制度机制");
  EXPECT_EQ(mechanisms->established, 1);
  EXPECT_EQ(mechanisms->revised, 1);
  EXPECT_EQ(mechanisms->established_ids, std::vector<int64_t>{made});
  EXPECT_EQ(mechanisms->revised_ids, std::vector<int64_t>{revised});
  EXPECT_EQ(counts->Find("专题培训")->activities, 0);

  auto street2 = CountActivities(*db_, from, to, {"street-02"});
  ASSERT_TRUE(street2.has_value());
  EXPECT_EQ(street2->Find("走访群众")->participants, 50);
  EXPECT_EQ(street2->Find("座谈会")->activities, 0);
}

}  // namespace qf::activities::testing
