#include "core/strings.h"

#include <gtest/gtest.h>

namespace qf {
namespace {

TEST(Utf8PrefixTest, KeepsShortTextWhole) {
  EXPECT_EQ(Utf8Prefix("张三", 6), "张三");
  EXPECT_EQ(Utf8Prefix("", 0), "");
}

TEST(Utf8PrefixTest, CutsBeforeACharacterThatWouldBeSplit) {
  EXPECT_EQ(Utf8Prefix("张三", 5), "张");  // 三 would need bytes 3..5
  EXPECT_EQ(Utf8Prefix("张三", 3), "张");
  EXPECT_EQ(Utf8Prefix("张三", 2), "");
  EXPECT_EQ(Utf8Prefix("a张", 2), "a");
  EXPECT_EQ(Utf8Prefix("ab", 1), "a");
  EXPECT_EQ(Utf8Prefix("a😀b", 4), "a");  // a 4-byte character is kept whole or not at all
  EXPECT_EQ(Utf8Prefix("a😀b", 5), "a😀");
}

}  // namespace
}  // namespace qf
