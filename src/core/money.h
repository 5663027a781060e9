// Money: an amount in integer fen (分). Floating point never touches money.
//
// Parses every amount format of spec/dataset.md: "1234.5", "1,234.50", "¥1234.50", "￥1234.50",
// "1234.50元", "-12.00" (a reversal); at most two decimals. Arithmetic is overflow-checked.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromFen(int64_t fen) { return Money(fen); }
  static Result<Money> Parse(std::string_view text);

  constexpr int64_t fen() const { return fen_; }
  // "1234.50", "-0.05": yuan with exactly two decimals, no grouping.
  std::string ToYuanString() const;

  // Overflow-checked arithmetic: nullopt when the result does not fit in int64.
  std::optional<Money> CheckedAdd(Money other) const;
  std::optional<Money> CheckedMul(int64_t factor) const;

  friend constexpr auto operator<=>(const Money&, const Money&) = default;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

}  // namespace qf
