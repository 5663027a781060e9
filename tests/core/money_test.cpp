#include "core/money.h"

#include <gtest/gtest.h>

#include <climits>

namespace qf {
namespace {

struct MoneyCase {
  const char* input;
  int64_t fen;
};

TEST(MoneyTest, ParsesEveryAmountFormatOfTheSpec) {
  const MoneyCase cases[] = {
      {"1234.5", 123450},     {"1234.50", 123450},   {"1,234.50", 123450},
      {"¥1234.50", 123450},   {"￥1234.50", 123450},  {"1234.50元", 123450},
      {"1234", 123400},       {"0.05", 5},           {"-12.00", -1200},
      {"¥-12.00", -1200},     {" 880 ", 88000},      {"１２３４.５", 123450},
      {"1,234,567.89", 123456789}, {"0", 0},
  };
  for (const auto& c : cases) {
    auto money = Money::Parse(c.input);
    ASSERT_TRUE(money) << c.input << ": " << money.error().message();
    EXPECT_EQ(money->fen(), c.fen) << c.input;
  }
}

TEST(MoneyTest, RejectsMalformedAmounts) {
  for (const char* text : {"", "元", "12.345", "1,23.00", "12a", "1.2.3", "--5", ",123",
                           "99999999999999999999"}) {
    EXPECT_FALSE(Money::Parse(text)) << text;
  }
}

TEST(MoneyTest, FormatsAsYuanWithTwoDecimals) {
  EXPECT_EQ(Money::FromFen(123450).ToYuanString(), "1234.50");
  EXPECT_EQ(Money::FromFen(-5).ToYuanString(), "-0.05");
  EXPECT_EQ(Money::FromFen(0).ToYuanString(), "0.00");
  EXPECT_EQ(Money::FromFen(INT64_MIN).ToYuanString(), "-92233720368547758.08");
}

TEST(MoneyTest, ArithmeticReportsOverflowInsteadOfWrapping) {
  EXPECT_EQ(Money::FromFen(1).CheckedAdd(Money::FromFen(2))->fen(), 3);
  EXPECT_EQ(Money::FromFen(INT64_MAX).CheckedAdd(Money::FromFen(1)), std::nullopt);
  EXPECT_EQ(Money::FromFen(-3).CheckedMul(4)->fen(), -12);
  EXPECT_EQ(Money::FromFen(INT64_MAX / 2 + 1).CheckedMul(2), std::nullopt);
}

}  // namespace
}  // namespace qf
