#include "core/credit_code.h"

#include <fmt/format.h>

#include "core/region_code.h"
#include "core/strings.h"

namespace qf {
namespace {

// GB 32100 alphabet: digits and upper-case letters without I, O, Z, S, V; index = code value.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int ValueOf(char c) {
  size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char CreditCode::CheckCharacter(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += ValueOf(first17[i]) * kWeights[i];
  int check = (31 - sum % 31) % 31;
  return kAlphabet[check];
}

Result<CreditCode> CreditCode::Parse(std::string_view text) {
  std::string s(TrimSpaces(HalfWidth(TrimSpaces(text))));
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  auto fail = [&](std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("统一社会信用代码“{}”无效：{}", text, why));
  };
  if (s.size() != 18) return fail("应为 18 位");
  for (char c : s) {
    if (ValueOf(c) < 0) return fail("含有不允许的字符（I、O、Z、S、V 及符号不用）");
  }
  if (!AllDigits(std::string_view(s).substr(2, 6)) ||
      !RegionCode::IsPlausible(std::string_view(s).substr(2, 6))) {
    return fail("第 3–8 位不是有效的行政区划代码");
  }
  if (CheckCharacter(s) != s[17]) return fail("校验码错误（GB 32100）");
  return CreditCode(std::move(s));
}

}  // namespace qf
