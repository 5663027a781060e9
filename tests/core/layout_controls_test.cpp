#include "core/layout_controls.h"

#include <gtest/gtest.h>

namespace qf {
namespace {

TEST(LayoutControlsTest, FindsLineBreaksControlsAndBidiOverrides) {
  EXPECT_FALSE(FindLayoutControl("张三"));
  EXPECT_FALSE(FindLayoutControl("阿依古丽·买买提"));
  EXPECT_FALSE(FindLayoutControl("张\u200b三\ufeff"));  // zero-width: spaces, not controls
  for (char32_t c : {0x0AU, 0x0DU, 0x09U, 0x00U, 0x7FU, 0x85U, 0x9FU, 0x2028U, 0x200EU, 0x200FU,
                     0x202AU, 0x202EU, 0x2066U, 0x2069U}) {
    EXPECT_TRUE(IsLayoutControl(c)) << CodePointName(c);
  }
  auto found = FindLayoutControl("张\u202e三");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->offset, 3u);
  EXPECT_EQ(found->code_point, 0x202EU);
  EXPECT_EQ(CodePointName(found->code_point), "U+202E");
}

TEST(LayoutControlsTest, ReplacesEveryRunByOneSpace) {
  EXPECT_EQ(ReplaceLayoutControls("张\r\n三"), "张 三");
  EXPECT_EQ(ReplaceLayoutControls("a\u2066b\u2069c"), "a b c");
  EXPECT_EQ(ReplaceLayoutControls("无控制字符"), "无控制字符");
  EXPECT_EQ(ReplaceLayoutControls(std::string("a\0b", 3)), "a b");
}

}  // namespace
}  // namespace qf
