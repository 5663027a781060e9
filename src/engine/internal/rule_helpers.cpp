#include <algorithm>
#include <tuple>

#include "core/date.h"
#include "core/money.h"
#include "core/period.h"
#include "engine/internal/rules.h"

namespace qf::engine::internal {

std::string PeriodText(int32_t code) {
  if (code == kNone) return "?";
  return Period::FromCode(code).ToString();
}
int32_t PeriodFirst(int32_t code) { return Period::FromCode(code).First().days(); }
int32_t PeriodLast(int32_t code) { return Period::FromCode(code).Last().days(); }

std::string DateText(int32_t days) {
  if (days == kNoDate) return "—";
  if (days == kOpenEnd) return "至今";
  return Date::FromDays(days).ToString();
}

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToYuanString() + "元"; }

std::string ProgramLabel(const Program& program) {
  if (program.name.empty()) return program.code;
  return program.name + "（" + program.code + "）";
}

std::string_view DisplayName(const Snapshot& s, int32_t person) {
  std::string_view name = s.PersonName(person);
  if (!name.empty()) return name;
  auto [begin, end] = s.payments.RowsOf(person);
  if (begin < end) return s.names.Get(s.payments.name[static_cast<size_t>(begin)]);
  return {};
}

std::string NameAndId(const Snapshot& s, int32_t person) {
  return std::string(DisplayName(s, person)) + "（" + s.Id(person) + "）";
}

std::string PaymentList(const Snapshot& s, std::span<const int32_t> rows, size_t max) {
  std::string out = "流水号 ";
  size_t shown = std::min(max, rows.size());
  for (size_t i = 0; i < shown; ++i) {
    auto r = static_cast<size_t>(rows[i]);
    if (i > 0) out += "、";
    out += s.payments.payment_id[r];
    out += "（" + PeriodText(s.payments.period[r]) + "，" + Yuan(s.payments.amount[r]) + "）";
  }
  if (rows.size() > shown) out += "等";
  out += "共 " + std::to_string(rows.size()) + " 笔";
  return out;
}

int64_t SumAmount(const Snapshot& s, std::span<const int32_t> rows) {
  int64_t sum = 0;
  for (int32_t r : rows) sum += s.payments.amount[static_cast<size_t>(r)];
  return sum;
}

bool Contains(std::span<const int32_t> items, int32_t value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

bool SameHousehold(const Snapshot& s, int32_t a, int32_t b) {
  if (a == b) return true;
  int32_t ha = s.household[static_cast<size_t>(a)];
  return ha != kNone && ha == s.household[static_cast<size_t>(b)];
}

int64_t ContractValue(const ContractRow& c) {
  if (c.start == kNoDate || c.end == kNoDate || c.end <= c.start) return 0;
  Int128 v = static_cast<Int128>(c.annual_rent) * (c.end - c.start) / 365;
  return static_cast<int64_t>(v);
}

const ProjectRow* FindProject(const Snapshot& s, std::string_view project_id) {
  auto it =
      std::lower_bound(s.projects.begin(), s.projects.end(), project_id,
                       [](const ProjectRow& p, std::string_view id) { return p.project_id < id; });
  return it != s.projects.end() && it->project_id == project_id ? &*it : nullptr;
}

std::span<const ProjectPaymentRow> PaymentsOfProject(const Snapshot& s,
                                                     std::string_view project_id) {
  auto first = std::lower_bound(
      s.project_payments.begin(), s.project_payments.end(), project_id,
      [](const ProjectPaymentRow& p, std::string_view id) { return p.project_id < id; });
  auto last = first;
  while (last != s.project_payments.end() && last->project_id == project_id) ++last;
  return {first, last};
}

std::string ProjectLabel(const ProjectRow& p) {
  return "项目 " + p.project_id + "「" + p.project_name + "」（" + p.program + "，" + p.department +
         "；申报企业 " + p.company_name + " " + p.credit_code + "）";
}

CompanyIndex::CompanyIndex(const Snapshot& s) : s_(s) {
  by_code_.reserve(s.companies.size());
  for (const CompanyRow& c : s.companies) by_code_.push_back(&c);
  std::stable_sort(by_code_.begin(), by_code_.end(), [](const CompanyRow* a, const CompanyRow* b) {
    return a->credit_code < b->credit_code;
  });
}

std::vector<const CompanyRow*> CompanyIndex::Rows(std::string_view credit_code) const {
  auto begin = std::lower_bound(
      by_code_.begin(), by_code_.end(), credit_code,
      [](const CompanyRow* row, std::string_view code) { return row->credit_code < code; });
  auto end = std::upper_bound(
      begin, by_code_.end(), credit_code,
      [](std::string_view code, const CompanyRow* row) { return code < row->credit_code; });
  std::vector<const CompanyRow*> rows(begin, end);
  // The store's row order differs between backends; the evidence must not.
  std::sort(rows.begin(), rows.end(), [&](const CompanyRow* a, const CompanyRow* b) {
    return std::tie(s_.Id(a->person), a->role, a->registered, a->company_name) <
           std::tie(s_.Id(b->person), b->role, b->registered, b->company_name);
  });
  return rows;
}

Finding MakeFinding(const RuleSpec& rule) {
  Finding f;
  f.rule = std::string(rule.id);
  f.severity = rule.severity;
  return f;
}

}  // namespace qf::engine::internal
