#include "core/citizen_id.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace qf {
namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckChars[] = "10X98765432";

// Excel's scientific notation: digits, one '.', then E+ and digits ("1.10101E+17").
bool LooksScientific(std::string_view s) {
  size_t e = s.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0) return false;
  std::string_view mantissa = s.substr(0, e);
  std::string_view exponent = s.substr(e + 1);
  if (exponent.starts_with('+')) exponent.remove_prefix(1);
  size_t dot = mantissa.find('.');
  std::string_view whole = mantissa.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : mantissa.substr(dot + 1);
  return AllDigits(whole) && (frac.empty() || AllDigits(frac)) && AllDigits(exponent);
}

// 15-digit legacy number → 18: century 19 inserted before the 2-digit year, check digit appended.
std::string Upgrade15(std::string_view fifteen) {
  std::string out;
  out.reserve(18);
  out.append(fifteen.substr(0, 6));
  out.append("19");
  out.append(fifteen.substr(6));
  out.push_back(CitizenId::CheckCharacter(out));
  return out;
}

}  // namespace

char CitizenId::CheckCharacter(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

std::string CitizenId::Normalize(std::string_view text) {
  std::string s = HalfWidth(TrimSpaces(text));
  std::string_view v = TrimSpaces(s);
  while (v.starts_with('\'') || v.starts_with('`')) v.remove_prefix(1);
  v = TrimSpaces(v);
  std::string out(v);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (out.size() == 15 && AllDigits(out)) return Upgrade15(out);
  return out;
}

IdErrorKind CitizenId::Classify(std::string_view text) {
  auto parsed = Parse(text);
  if (parsed) return IdErrorKind::kEmpty;  // unused for valid input; callers check Parse first
  std::string n = Normalize(text);
  if (n.empty()) return IdErrorKind::kEmpty;
  if (LooksScientific(n)) return IdErrorKind::kExcelMangled;
  if (n.size() != 18) return IdErrorKind::kBadLength;
  for (int i = 0; i < 17; ++i) {
    if (n[i] < '0' || n[i] > '9') return IdErrorKind::kBadCharacter;
  }
  if (!((n[17] >= '0' && n[17] <= '9') || n[17] == 'X')) return IdErrorKind::kBadCharacter;
  if (CheckCharacter(n) != n[17] && n.ends_with("000")) return IdErrorKind::kExcelMangled;
  int y = std::stoi(n.substr(6, 4)), m = std::stoi(n.substr(10, 2)), d = std::stoi(n.substr(12, 2));
  if (!IsValidYmd(y, m, d)) return IdErrorKind::kBadBirthDate;
  return IdErrorKind::kBadCheckDigit;
}

Result<CitizenId> CitizenId::Parse(std::string_view text) {
  std::string n = Normalize(text);
  auto fail = [&](IdErrorKind kind) {
    return Fail(ErrorCode::kInvalidArgument, DescribeIdError(kind, text));
  };
  if (n.empty()) return fail(IdErrorKind::kEmpty);
  if (LooksScientific(n)) return fail(IdErrorKind::kExcelMangled);
  if (n.size() != 18) return fail(IdErrorKind::kBadLength);
  for (int i = 0; i < 17; ++i) {
    if (n[i] < '0' || n[i] > '9') return fail(IdErrorKind::kBadCharacter);
  }
  if (!((n[17] >= '0' && n[17] <= '9') || n[17] == 'X')) return fail(IdErrorKind::kBadCharacter);
  bool check_ok = CheckCharacter(n) == n[17];
  // Excel keeps 15 significant digits: an 18-digit ID typed as a number ends in 000.
  if (!check_ok && n.ends_with("000")) return fail(IdErrorKind::kExcelMangled);
  // The region prefix is not part of the check (spec/rules.md, "Identity check"): 81/82/83
  // (港澳台居民居住证) and 9x (外国人永久居留身份证) numbers are valid.
  int y = std::stoi(n.substr(6, 4)), m = std::stoi(n.substr(10, 2)), d = std::stoi(n.substr(12, 2));
  if (!IsValidYmd(y, m, d)) return fail(IdErrorKind::kBadBirthDate);
  if (!check_ok) return fail(IdErrorKind::kBadCheckDigit);
  Sex sex = (n[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return CitizenId(std::move(n), Date::FromDays(DaysFromCivil(y, m, d)), sex);
}

std::string CitizenId::Masked() const {
  return value_.substr(0, 6) + std::string(8, '*') + value_.substr(14);
}

std::string CitizenId::MaskedPublic() const {
  return value_.substr(0, 1) + std::string(16, '*') + value_.substr(17);
}

std::string DescribeIdError(IdErrorKind kind, std::string_view text) {
  switch (kind) {
    case IdErrorKind::kEmpty:
      return "身份证号为空";
    case IdErrorKind::kExcelMangled:
      return fmt::format(
          "身份证号“{}”已被 Excel 转成数字（科学计数法或末尾变成 0），原号码无法还原；"
          "请把该列设为文本格式后重新导出",
          text);
    case IdErrorKind::kBadLength:
      return fmt::format("身份证号“{}”长度不对：应为 18 位（或 15 位旧号码）", text);
    case IdErrorKind::kBadCharacter:
      return fmt::format("身份证号“{}”含有非法字符：前 17 位应为数字，末位为数字或 X", text);
    case IdErrorKind::kBadRegion:
      return fmt::format("身份证号“{}”的地址码不是有效的行政区划代码", text);
    case IdErrorKind::kBadBirthDate:
      return fmt::format("身份证号“{}”的出生日期不存在", text);
    case IdErrorKind::kBadCheckDigit:
      return fmt::format("身份证号“{}”校验码错误（GB 11643）", text);
  }
  return "身份证号无效";
}

}  // namespace qf
