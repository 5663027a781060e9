#include "core/money.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace qf {
namespace {

Result<Money> BadAmount(std::string_view text, std::string_view why) {
  return Fail(ErrorCode::kInvalidArgument, fmt::format("金额“{}”无效：{}", text, why));
}

}  // namespace

Result<Money> Money::Parse(std::string_view text) {
  std::string half = HalfWidth(TrimSpaces(text));
  std::string_view s = TrimSpaces(half);
  bool negative = false;
  if (s.starts_with('-')) {
    negative = true;
    s.remove_prefix(1);
  } else if (s.starts_with('+')) {
    s.remove_prefix(1);
  }
  // Currency marks: ¥ (U+00A5) and ￥ (U+FFE5, not mapped by HalfWidth) before, 元 after.
  for (std::string_view mark : {std::string_view("\xC2\xA5"), std::string_view("\xEF\xBF\xA5")}) {
    if (s.starts_with(mark)) s.remove_prefix(mark.size());
  }
  if (!negative && s.starts_with('-')) {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.ends_with("元")) s.remove_suffix(std::string_view("元").size());
  s = TrimSpaces(s);
  if (s.empty()) return BadAmount(text, "为空");

  int64_t yuan = 0;
  int64_t fen = 0;
  int decimals = -1;  // -1: before the decimal point
  int digits_since_comma = -1;
  bool any_digit = false;
  constexpr int64_t kMaxYuan = INT64_MAX / 100 - 1;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (decimals < 0) {
        if (yuan > (kMaxYuan - (c - '0')) / 10) return BadAmount(text, "数值过大");
        yuan = yuan * 10 + (c - '0');
        if (digits_since_comma >= 0) ++digits_since_comma;
      } else {
        if (decimals == 2) return BadAmount(text, "最多两位小数");
        fen = fen * 10 + (c - '0');
        ++decimals;
      }
    } else if (c == ',' && decimals < 0) {
      // Thousands separators must group exactly three digits.
      if (!any_digit || (digits_since_comma >= 0 && digits_since_comma != 3)) {
        return BadAmount(text, "千位分隔符位置不对");
      }
      digits_since_comma = 0;
    } else if (c == '.' && decimals < 0) {
      if (digits_since_comma >= 0 && digits_since_comma != 3) {
        return BadAmount(text, "千位分隔符位置不对");
      }
      digits_since_comma = -1;
      decimals = 0;
    } else {
      return BadAmount(text, "含有非数字字符");
    }
  }
  if (!any_digit) return BadAmount(text, "没有数字");
  if (digits_since_comma >= 0 && digits_since_comma != 3) {
    return BadAmount(text, "千位分隔符位置不对");
  }
  if (decimals == 1) fen *= 10;
  int64_t total = yuan * 100 + fen;
  return Money(negative ? -total : total);
}

std::string Money::ToYuanString() const {
  // Work in unsigned to format INT64_MIN safely.
  uint64_t magnitude = fen_ < 0 ? 0 - static_cast<uint64_t>(fen_) : static_cast<uint64_t>(fen_);
  return fmt::format("{}{}.{:02d}", fen_ < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

std::optional<Money> Money::CheckedAdd(Money other) const {
  int64_t out = 0;
  if (__builtin_add_overflow(fen_, other.fen_, &out)) return std::nullopt;
  return Money(out);
}

std::optional<Money> Money::CheckedMul(int64_t factor) const {
  int64_t out = 0;
  if (__builtin_mul_overflow(fen_, factor, &out)) return std::nullopt;
  return Money(out);
}

}  // namespace qf
