// The casework fixture plus an ActivityBook over the same store, a recorder holding both staff
// roles (受理员 registers the clues, 承办人 issues the 整改事项), and the fields of a valid
// activity.
#pragma once

#include <memory>

#include "activities/activity_book.h"
#include "casework/casework_fixture.h"

namespace qf::activities::testing {

using casework::Actor;
using casework::Role;

class ActivitiesTest : public casework::testing::CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    if (HasFatalFailure()) return;
    book_ = std::make_unique<ActivityBook>(*db_, clock_, cipher_, *service_);
    clerk_ = MakeActor("clerk", {Role::kIntake, Role::kHandler}, "commission");
  }

  static ActivityFields Talk() {
    return {{"kind", "座谈会"},      {"held_on", "2024-05-10"},
            {"title", "民生座谈会"}, {"unit", "street-01"},
            {"domain", "民生"},      {"campaigns", "ZX-JC"},
            {"participants", "25"},  {"places", "一街道甲社区、街道会议室"},
            {"summary", "听取意见"}};
  }

  Result<int64_t> CreateFrom(const Actor& actor, const ActivityFields& fields) {
    auto tree = casework::LoadUnitTree(*db_);
    if (!tree) return std::unexpected(tree.error());
    auto input = ParseActivity(fields, *tree);
    if (!input) return std::unexpected(input.error());
    return book_->Create(actor, *input);
  }

  std::unique_ptr<ActivityBook> book_;
  Actor clerk_;
};

}  // namespace qf::activities::testing
