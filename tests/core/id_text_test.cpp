// ID numbers found inside free text: only valid GB 11643 numbers that stand alone.
#include "core/id_text.h"

#include <gtest/gtest.h>

namespace qf {
namespace {

TEST(IdTextTest, FindsValidIdNumbersAndLeavesOtherDigitsAlone) {
  std::string text =
      "张三（110105198001011238）账户 6222000000001234567，错号 110105198001011239，"
      "李四 11010519491231002x";
  auto ids = FindIdNumbers(text);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0].value(), "110105198001011238");
  EXPECT_EQ(ids[1].value(), "11010519491231002X");
}

TEST(IdTextTest, AnIdInsideALongerRunOfDigitsIsNotOne) {
  EXPECT_TRUE(FindIdNumbers("9110105198001011238").empty());
  EXPECT_TRUE(FindIdNumbers("1101051980010112380").empty());
}

TEST(IdTextTest, ReplacesEachIdWithWhatTheCallerMakesOfIt) {
  EXPECT_EQ(ReplaceIdNumbers("张三（110105198001011238）",
                             [](const CitizenId& id) { return id.Masked(); }),
            "张三（110105********1238）");
}

}  // namespace
}  // namespace qf
