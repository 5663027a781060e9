#include "ingest/internal/plausibility.h"

#include <fmt/format.h>

#include <ctime>
#include <optional>
#include <string_view>

#include "core/citizen_id.h"

namespace qf::ingest::internal {
namespace {

// Index of `name` among the profile's columns, or -1.
int ColumnIndex(const TableProfile& profile, std::string_view name) {
  for (size_t c = 0; c < profile.columns.size(); ++c) {
    if (profile.columns[c].name == name) return static_cast<int>(c);
  }
  return -1;
}

// The stored ISO date of a column ("2024-03-05", as the field parser writes it), when it holds
// one. Read by hand: this runs for every row of a ten-million-row payments file.
std::optional<Date> DateOf(const FieldValue* values, int column) {
  if (column < 0 || values[column].type != FieldValue::Type::kText) return std::nullopt;
  const std::string& t = values[column].text;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!IsValidYmd(y, m, d)) return std::nullopt;
  return Date::FromDays(DaysFromCivil(y, m, d));
}

void CheckPersons(const TableProfile& profile, const FieldValue* values, Date as_of,
                  std::vector<Implausible>& out) {
  const int birth_column = ColumnIndex(profile, "birth_date");
  const auto birth = DateOf(values, birth_column);
  if (!birth) return;
  if (*birth > as_of) {
    out.push_back({static_cast<size_t>(birth_column),
                   fmt::format("出生日期 {} 晚于数据基准日 {}：不可能在数据截止之后出生"
                               "（基准日为 --as-of，未指定时为今天）",
                               birth->ToString(), as_of.ToString())});
  }
  const int id_column = ColumnIndex(profile, "id_number");
  if (id_column < 0 || values[id_column].type != FieldValue::Type::kText) return;
  auto id = CitizenId::Parse(values[id_column].text);
  if (id && id->birth_date() != *birth) {
    out.push_back({static_cast<size_t>(birth_column),
                   fmt::format("出生日期 {} 与身份证号 {} 中的出生日期 {} 不符", birth->ToString(),
                               id->value(), id->birth_date().ToString())});
  }
}

void CheckPayments(const TableProfile& profile, const FieldValue* values, Date as_of,
                   std::vector<Implausible>& out) {
  const int paid_column = ColumnIndex(profile, "paid_date");
  const auto paid = DateOf(values, paid_column);
  if (paid && *paid > as_of) {
    out.push_back({static_cast<size_t>(paid_column),
                   fmt::format("发放日期 {} 晚于数据基准日 {}：不能记录未来的发放"
                               "（基准日为 --as-of，未指定时为今天）",
                               paid->ToString(), as_of.ToString())});
  }
}

}  // namespace

Date ResolveAsOf(const ImportOptions& options) {
  if (options.as_of) return *options.as_of;
  if (options.today) return options.today();
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return Date::FromDays(DaysFromCivil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
}

std::vector<Implausible> CheckPlausibility(const TableProfile& profile, const FieldValue* values,
                                           Date as_of) {
  std::vector<Implausible> out;
  if (profile.name == "persons") CheckPersons(profile, values, as_of, out);
  if (profile.name == "payments") CheckPayments(profile, values, as_of, out);
  return out;
}

}  // namespace qf::ingest::internal
