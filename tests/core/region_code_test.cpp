#include "core/region_code.h"

#include <gtest/gtest.h>

namespace qf {
namespace {

TEST(RegionCodeTest, AcceptsSixDigitsUnderAKnownProvince) {
  auto code = RegionCode::Parse("330106");
  ASSERT_TRUE(code);
  EXPECT_EQ(code->province(), "330000");
  EXPECT_EQ(code->prefecture(), "330100");
  EXPECT_EQ(code->ProvinceName(), "浙江省");
}

TEST(RegionCodeTest, RejectsUnknownProvinceWrongLengthAndLetters) {
  for (const char* text : {"990106", "33010", "3301066", "33A106", ""}) {
    EXPECT_FALSE(RegionCode::Parse(text)) << text;
  }
}

}  // namespace
}  // namespace qf
