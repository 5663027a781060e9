#include "ingest/internal/field_parser.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/citizen_id.h"
#include "core/credit_code.h"
#include "core/date.h"
#include "core/layout_controls.h"
#include "core/money.h"
#include "core/period.h"
#include "core/region_code.h"
#include "core/strings.h"

namespace qf::ingest::internal {
namespace {

bool ParseDouble(std::string_view s, double& out) {
  std::string copy(s);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return end != copy.c_str() && *end == '\0' && std::isfinite(out);
}

// Excel date serial number → date (the 1900 date system; serial 60 is Excel's fictitious
// 1900-02-29, so serials from 61 on count from 1899-12-30).
bool SerialToDate(double serial, Date& out) {
  if (serial < 1 || serial > 120000) return false;
  auto days = static_cast<int32_t>(std::floor(serial));
  int32_t base = DaysFromCivil(1899, 12, days >= 61 ? 30 : 31);
  out = Date::FromDays(base + days);
  return true;
}

bool LooksScientific(std::string_view s) {
  size_t e = s.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0 || e + 1 >= s.size()) return false;
  std::string_view mantissa = s.substr(0, e);
  std::string_view exponent = s.substr(e + 1);
  if (exponent.front() == '+') exponent.remove_prefix(1);
  size_t dot = mantissa.find('.');
  std::string_view whole = mantissa.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : mantissa.substr(dot + 1);
  return !whole.empty() && AllDigits(whole) && (frac.empty() || AllDigits(frac)) &&
         !exponent.empty() && AllDigits(exponent);
}

bool ParseDate(std::string_view text, bool numeric_cell, Date& out, std::string& reason) {
  if (numeric_cell && text.find_first_not_of("0123456789.") == std::string_view::npos &&
      !(text.size() == 8 && AllDigits(text))) {
    double serial = 0;
    if (ParseDouble(text, serial) && SerialToDate(serial, out)) return true;
  }
  auto date = Date::Parse(text);
  if (!date) {
    reason = date.error().message();
    return false;
  }
  out = *date;
  return true;
}

bool ParseMoneyCell(std::string_view text, bool numeric_cell, int64_t& fen, std::string& reason) {
  if (numeric_cell) {
    // An XLSX number is a binary double already: round it to fen when it is within float noise
    // of a whole fen ("1234.4999999999998"); anything finer is more than two decimals.
    double value = 0;
    if (ParseDouble(text, value) && std::fabs(value) < 9e13) {
      double cents = value * 100.0;
      double rounded = std::round(cents);
      if (std::fabs(cents - rounded) < 1e-6) {
        fen = static_cast<int64_t>(rounded);
        return true;
      }
    }
  }
  auto money = Money::Parse(text);
  if (!money) {
    reason = money.error().message();
    return false;
  }
  fen = money->fen();
  return true;
}

// Date::ToString and Period::ToString go through fmt; this runs for every date of ten million
// payment rows, so it writes the digits directly.
void AppendDigits(int value, int width, std::string& out) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
}

void IsoDate(Date date, std::string& out) {
  out.clear();
  AppendDigits(date.year(), 4, out);
  out += '-';
  AppendDigits(date.month(), 2, out);
  out += '-';
  AppendDigits(date.day(), 2, out);
}

void CanonicalPeriod(const Period& period, std::string& out) {
  if (period.kind() != PeriodKind::kMonth) {
    out = period.ToString();
    return;
  }
  out.clear();
  AppendDigits(period.year(), 4, out);
  out += '-';
  AppendDigits(period.index(), 2, out);
}

bool HasHighBytes(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

std::string ChoiceList(std::span<const std::string_view> choices) {
  std::string out;
  for (auto c : choices) {
    if (!out.empty()) out += "、";
    out += c;
  }
  return out;
}

std::string MangledAccount(std::string_view text) {
  return fmt::format(
      "账号“{}”已被 Excel 转成数字（科学计数法或末尾变成 0），原账号无法还原；"
      "请把该列设为文本格式后重新导出",
      text);
}

// A ratio as an exact decimal fraction: "0.3", "30%", "30％", ".25" → canonical "0.3", "0.25".
// An XLSX number cell holds a binary double: it is rounded to 6 decimals first. The value must
// lie in [0, 1]; the digits are kept exactly so that R22 compares investment × ratio without
// rounding.
bool ParseRatio(std::string_view text, bool numeric_cell, std::string& out, std::string& reason) {
  std::string half = HalfWidth(text);
  std::string_view s = half;
  std::string rounded;
  if (numeric_cell) {
    double value = 0;
    if (ParseDouble(s, value)) {
      rounded = fmt::format("{:.6f}", value);
      s = rounded;
    }
  }
  int shift = 0;
  if (s.ends_with('%')) {
    s.remove_suffix(1);
    shift = 2;
  }
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  bool digits_ok = (whole.empty() || AllDigits(whole)) && (frac.empty() || AllDigits(frac));
  if ((whole.empty() && frac.empty()) || !digits_ok || frac.size() + shift > 9 ||
      whole.size() > 3) {
    reason = fmt::format("比例“{}”无效：应为 0.3 或 30% 这样的写法", text);
    return false;
  }
  // digits = whole frac, with `scale` decimals.
  std::string digits = std::string(whole) + std::string(frac);
  int scale = static_cast<int>(frac.size()) + shift;
  while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
  std::string int_part = digits.substr(0, digits.size() - scale);
  std::string frac_part = digits.substr(digits.size() - scale);
  while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  if (int_part != "0" && !(int_part == "1" && frac_part.empty())) {
    reason = fmt::format("比例“{}”无效：应在 0 到 1（100%）之间", text);
    return false;
  }
  out = frac_part.empty() ? int_part : int_part + "." + frac_part;
  return true;
}

}  // namespace

bool ParseField(const ColumnProfile& column, bool ledger, std::string_view value, bool numeric_cell,
                FieldValue& out, std::string& reason) {
  std::string_view text = TrimSpaces(value);
  if (text.empty()) {
    // A ledger keeps a row whose ID number is missing: it is an invalid identity (rule R11).
    if (column.kind == FieldKind::kCitizenId && ledger) {
      out.type = FieldValue::Type::kText;
      out.text.clear();
      return true;
    }
    if (column.optional) {
      out.type = FieldValue::Type::kNull;
      return true;
    }
    reason = "必填字段为空";
    return false;
  }
  out.type = FieldValue::Type::kText;
  switch (column.kind) {
    case FieldKind::kText:
      out.text.assign(text);
      return true;
    case FieldKind::kName:
      // A line break, a control character or a bidirectional override in a name hides or
      // reorders letters on screen and in evidence: refused (issue 12, point 8).
      if (auto control = FindLayoutControl(value)) {
        reason = fmt::format(
            "姓名含有控制字符或双向文字控制符 {}（第 {} 字节处），会隐藏或颠倒显示的文字；"
            "请删除该字符后重新导出",
            CodePointName(control->code_point), control->offset + 1);
        return false;
      }
      out.text.assign(value);
      return true;
    case FieldKind::kCitizenId: {
      auto id = CitizenId::Parse(text);
      if (id) {
        out.text = id->value();
        return true;
      }
      if (!ledger || CitizenId::Classify(text) == IdErrorKind::kExcelMangled) {
        reason = id.error().message();
        return false;
      }
      out.text = CitizenId::Normalize(text);
      return true;
    }
    case FieldKind::kCreditCode: {
      auto code = CreditCode::Parse(text);
      if (!code) {
        reason = code.error().message();
        return false;
      }
      out.text = code->value();
      return true;
    }
    case FieldKind::kIdOrCredit: {
      if (auto code = CreditCode::Parse(text)) {
        out.text = code->value();
        return true;
      }
      auto id = CitizenId::Parse(text);
      if (id) {
        out.text = id->value();
        return true;
      }
      if (CitizenId::Classify(text) == IdErrorKind::kExcelMangled) {
        reason = id.error().message();
      } else {
        reason = fmt::format("“{}”既不是有效的身份证号，也不是有效的统一社会信用代码", text);
      }
      return false;
    }
    case FieldKind::kAccountNo: {
      std::string account;
      std::string_view a = text;
      if (HasHighBytes(text)) {
        account = HalfWidth(text);
        a = account;
      }
      if (a.starts_with('\'')) a.remove_prefix(1);
      // Excel keeps 15 significant digits: a longer number cell, or scientific notation, has
      // lost the real account number.
      if (LooksScientific(a) || (numeric_cell && a.size() > 15)) {
        reason = MangledAccount(text);
        return false;
      }
      out.text.assign(a);
      return true;
    }
    case FieldKind::kRegionCode: {
      auto code = RegionCode::Parse(text);
      if (!code) {
        reason = code.error().message();
        return false;
      }
      out.text = code->value();
      return true;
    }
    case FieldKind::kDate: {
      Date date;
      if (!ParseDate(text, numeric_cell, date, reason)) return false;
      IsoDate(date, out.text);
      return true;
    }
    case FieldKind::kPeriod: {
      auto period = Period::Parse(text);
      if (!period && numeric_cell) {
        // Excel turns a typed "2024-03" into the date 2024-03-01.
        Date date;
        std::string ignored;
        if (ParseDate(text, true, date, ignored)) {
          period = Period::Month(date.year(), date.month());
        }
      }
      if (!period) {
        reason = period.error().message();
        return false;
      }
      CanonicalPeriod(*period, out.text);
      return true;
    }
    case FieldKind::kMoney: {
      int64_t fen = 0;
      if (!ParseMoneyCell(text, numeric_cell, fen, reason)) return false;
      out.type = FieldValue::Type::kInt;
      out.number = fen;
      return true;
    }
    case FieldKind::kAge: {
      int age = -1;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), age);
      if (ec != std::errc() || end != text.data() + text.size() || age < 0 || age > 150) {
        reason = fmt::format("年龄“{}”无效：应为 0 到 150 的整数", text);
        return false;
      }
      out.type = FieldValue::Type::kInt;
      out.number = age;
      return true;
    }
    case FieldKind::kDecimal: {
      double number = 0;
      bool plain = text.find_first_not_of("0123456789.") == std::string_view::npos &&
                   text.find('.') == text.rfind('.') && text.front() != '.' && text.back() != '.';
      if (!(plain || (numeric_cell && ParseDouble(text, number))) || number < 0) {
        reason = fmt::format("“{}”不是有效的非负数", text);
        return false;
      }
      out.text.assign(text);
      return true;
    }
    case FieldKind::kChoice: {
      for (auto choice : column.choices) {
        if (text == choice) {
          out.text.assign(choice);
          return true;
        }
      }
      std::string half = HalfWidth(text);
      for (auto choice : column.choices) {
        if (half == choice) {
          out.text.assign(choice);
          return true;
        }
      }
      reason = fmt::format("“{}”不是允许的值（允许：{}）", text, ChoiceList(column.choices));
      return false;
    }
    case FieldKind::kRatio:
      return ParseRatio(text, numeric_cell, out.text, reason);
    case FieldKind::kCode: {
      out.text.assign(text);
      for (char& c : out.text) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
      return true;
    }
    case FieldKind::kYesNo: {
      std::string half = HalfWidth(text);
      out.type = FieldValue::Type::kInt;
      if (half == "是" || half == "1" || half == "Y" || half == "y" || half == "TRUE") {
        out.number = 1;
        return true;
      }
      if (half == "否" || half == "0" || half == "N" || half == "n" || half == "FALSE") {
        out.number = 0;
        return true;
      }
      reason = fmt::format("“{}”不是允许的值（允许：是、否）", text);
      return false;
    }
  }
  reason = "未知的字段类型";
  return false;
}

}  // namespace qf::ingest::internal
