// What the casework pages show instead of codes, ISO times and field names (casework_view.h).
#include "web/internal/casework_view.h"

#include <gtest/gtest.h>

namespace qf::web::internal {
namespace {

TEST(CaseworkViewTest, ShownTimeIsTheBeijingMinute) {
  EXPECT_EQ(ShownTime("2026-12-06T02:42:19Z"), "2026-12-06 10:42");
  EXPECT_EQ(ShownTime("2026-12-31T16:00:00Z"), "2027-01-01 00:00");
  EXPECT_EQ(ShownTime("2026-12-06"), "2026-12-06");
  EXPECT_EQ(ShownTime(""), "");
}

TEST(CaseworkViewTest, FormMessageNamesTheFieldInChinese) {
  Error due = Error(ErrorCode::kInvalidArgument, "字段 due_date：日期无效").WithField("due_date");
  EXPECT_EQ(FormMessage(due), "整改期限：日期无效");
  Error nested =
      Error(ErrorCode::kInvalidArgument, "字段 clue.title：不能为空").WithField("clue.title");
  EXPECT_EQ(FormMessage(nested), "线索标题：不能为空");
  Error indexed = Error(ErrorCode::kInvalidArgument, "字段 subjects[0].id_number：校验位不对")
                      .WithField("subjects[0].id_number");
  EXPECT_EQ(FormMessage(indexed), "身份证号：校验位不对");
  Error unknown = Error(ErrorCode::kInvalidArgument, "字段 zzz：有误").WithField("zzz");
  EXPECT_EQ(FormMessage(unknown), "填写内容：有误");
  EXPECT_EQ(FormMessage(Error(ErrorCode::kConflict, "线索当前状态为「已受理」")),
            "线索当前状态为「已受理」");
}

TEST(CaseworkViewTest, CodesReadAsWords) {
  EXPECT_EQ(StateLabel("clue", "in_disposal"), "处置中");
  EXPECT_EQ(StateLabel("case", "investigating"), "调查中");
  EXPECT_NE(StateLabel("assignment", "feedback_submitted"), "feedback_submitted");
  EXPECT_NE(StateLabel("transfer", "feedback_received"), "feedback_received");
  EXPECT_EQ(DirectionLabel("in"), "移入（政法机关移来）");
  EXPECT_EQ(DirectionLabel("out"), "移出（移送政法机关）");
}

TEST(CaseworkViewTest, SelectOptionsMarkTheChosenValue) {
  Json options = SelectOptions({"approve", "reject"}, {"批准", "不批准"}, "reject");
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[0]["label"], "批准");
  EXPECT_FALSE(options[0]["selected"].get<bool>());
  EXPECT_TRUE(options[1]["selected"].get<bool>());
  EXPECT_EQ(SelectOptions({"信访"}, {}, "")[0]["label"], "信访");
}

}  // namespace
}  // namespace qf::web::internal
