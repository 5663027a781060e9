// The rule definitions (one per file in src/engine/rules/) and the helpers they share.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.h"

namespace qf::engine::internal {

// Wide integers for exact money × days and rent / area arithmetic (GCC extension).
__extension__ typedef __int128 Int128;

extern const RuleSpec kR01, kR02, kR03, kR04, kR05, kR06, kR07, kR08, kR09, kR10, kR11, kR12, kR13,
    kR14, kR15, kR16, kR17, kR18, kR19, kR20, kR21, kR22, kR23, kR24, kR25, kR26;

// "2024-03", "2024-Q1", "2024".
std::string PeriodText(int32_t code);
int32_t PeriodFirst(int32_t code);  // days
int32_t PeriodLast(int32_t code);   // days
// "2024-03-05"; "—" for kNoDate, "至今" for kOpenEnd.
std::string DateText(int32_t days);
// "300.00元".
std::string Yuan(int64_t fen);
// "低保（DB01）".
std::string ProgramLabel(const Program& program);
// The person's name: persons.name, else the name on their first payment row, else "".
std::string_view DisplayName(const Snapshot& s, int32_t person);
// "张三（110105194912310029）".
std::string NameAndId(const Snapshot& s, int32_t person);
// "流水号 P1（2024-03，300.00元）、P2（2024-04，300.00元）等共 7 笔" (at most `max` listed).
std::string PaymentList(const Snapshot& s, std::span<const int32_t> rows, size_t max = 5);
// Σ amount of the rows (fen).
int64_t SumAmount(const Snapshot& s, std::span<const int32_t> rows);
bool Contains(std::span<const int32_t> items, int32_t value);
// True when both people are in persons and share a household_id, or are the same person.
bool SameHousehold(const Snapshot& s, int32_t a, int32_t b);
// Contract value: annual_rent × (end − start) / 365, in fen (rounded down; 0 if dates unknown).
int64_t ContractValue(const ContractRow& c);

Finding MakeFinding(const RuleSpec& rule);

// Enterprise project funds (R21–R25). nullptr when project_id is not in enterprise_projects.
const ProjectRow* FindProject(const Snapshot& s, std::string_view project_id);
// The project's rows of project_payments, in (paid, payment_id) order.
std::span<const ProjectPaymentRow> PaymentsOfProject(const Snapshot& s,
                                                     std::string_view project_id);
// "项目 XM001「智能产线改造」（技改专项，区经信局；申报企业 某某公司 9132…）".
std::string ProjectLabel(const ProjectRow& p);
// The rows of `companies` by credit code, indexed once per rule run: a rule that asks for every
// project's company must not scan the whole registry per project.
class CompanyIndex {
 public:
  explicit CompanyIndex(const Snapshot& s);
  // A credit code's rows, sorted by (ID number, role, registered, name).
  std::vector<const CompanyRow*> Rows(std::string_view credit_code) const;

 private:
  const Snapshot& s_;
  std::vector<const CompanyRow*> by_code_;  // sorted by credit_code
};

// Calls fn(person, program, begin, end) for each run of one person's payments in one program.
template <typename Fn>
void ForEachProgramRun(const Snapshot& s, Fn&& fn) {
  const Payments& pay = s.payments;
  for (int32_t p = 0; p < s.PersonCount(); ++p) {
    auto [begin, end] = pay.RowsOf(p);
    int32_t i = begin;
    while (i < end) {
      int32_t j = i;
      while (j < end && pay.program[static_cast<size_t>(j)] == pay.program[static_cast<size_t>(i)])
        ++j;
      fn(p, pay.program[static_cast<size_t>(i)], i, j);
      i = j;
    }
  }
}

}  // namespace qf::engine::internal
