#include "core/credit_code.h"

#include <gtest/gtest.h>

namespace qf {
namespace {

TEST(CreditCodeTest, AcceptsPublishedValidCodes) {
  for (const char* text : {"91350100M000100Y43", "91440300708461136T"}) {
    auto code = CreditCode::Parse(text);
    ASSERT_TRUE(code) << text << ": " << code.error().message();
    EXPECT_EQ(code->value(), text);
  }
}

TEST(CreditCodeTest, UpperCasesAndTrims) {
  auto code = CreditCode::Parse(" 91440300708461136t ");
  ASSERT_TRUE(code);
  EXPECT_EQ(code->value(), "91440300708461136T");
}

TEST(CreditCodeTest, RejectsWrongCheckCharacterLengthAndAlphabet) {
  for (const char* text : {"91350100M000100Y44", "91350100M000100Y4", "91350100M000100I43",
                           "91990100M000100Y43", ""}) {
    EXPECT_FALSE(CreditCode::Parse(text)) << text;
  }
}

TEST(CreditCodeTest, CheckCharacterMatchesTheStandard) {
  EXPECT_EQ(CreditCode::CheckCharacter("91350100M000100Y4"), '3');
  EXPECT_EQ(CreditCode::CheckCharacter("91440300708461136"), 'T');
}

}  // namespace
}  // namespace qf
