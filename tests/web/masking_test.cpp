#include "web/masking.h"

#include <gtest/gtest.h>

namespace qf::web {
namespace {

TEST(MaskNameTest, MiddlePolicyMasksTheMiddleCharacterOfAThreeCharacterName) {
  EXPECT_EQ(MaskName("张三丰", MaskPolicy::kMiddle), "张*丰");
}

TEST(MaskNameTest, MiddlePolicyKeepsOnlyTheSurnameOfATwoCharacterName) {
  EXPECT_EQ(MaskName("张三", MaskPolicy::kMiddle), "张*");
}

TEST(MaskNameTest, MiddlePolicyMasksEveryMiddleCharacterOfALongName) {
  EXPECT_EQ(MaskName("欧阳娜娜", MaskPolicy::kMiddle), "欧**娜");
  EXPECT_EQ(MaskName("阿依古丽·买买提", MaskPolicy::kMiddle), "阿******提");
}

TEST(MaskNameTest, OneCharacterNameIsFullyMasked) {
  EXPECT_EQ(MaskName("张", MaskPolicy::kMiddle), "*");
  EXPECT_EQ(MaskName("张", MaskPolicy::kSurnameOnly), "*");
}

TEST(MaskNameTest, SurnameAndFullPolicies) {
  EXPECT_EQ(MaskName("张三丰", MaskPolicy::kSurnameOnly), "张**");
  EXPECT_EQ(MaskName("张三丰", MaskPolicy::kFull), "***");
}

TEST(MaskNameTest, SurroundingSpacesAreIgnoredAndEmptyStaysEmpty) {
  EXPECT_EQ(MaskName("  李四  ", MaskPolicy::kMiddle), "李*");
  EXPECT_EQ(MaskName("", MaskPolicy::kMiddle), "");
}

TEST(MaskNameTest, InvalidUtf8IsMaskedNotPassedThrough) {
  std::string masked = MaskName("\xff\xfe\xfd", MaskPolicy::kMiddle);
  EXPECT_EQ(masked.size(), 3u);
  EXPECT_EQ(masked[1], '*');
}

TEST(MaskPolicyTest, ParsesTheThreeNames) {
  EXPECT_EQ(ParseMaskPolicy("middle"), MaskPolicy::kMiddle);
  EXPECT_EQ(ParseMaskPolicy("surname"), MaskPolicy::kSurnameOnly);
  EXPECT_EQ(ParseMaskPolicy("full"), MaskPolicy::kFull);
  EXPECT_EQ(ParseMaskPolicy("none"), std::nullopt);
}

}  // namespace
}  // namespace qf::web
