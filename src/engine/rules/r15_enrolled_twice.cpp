// R15 跨社区重复享受: a person has two overlapping enrolments in the same program in different
// communities.
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  for (int32_t p = 0; p < s.PersonCount(); ++p) {
    auto enrolled = s.enrolments_of.Of(p);
    if (enrolled.size() < 2) continue;
    for (size_t i = 0; i < enrolled.size();) {  // enrolments are sorted by program
      const int32_t program = s.enrolments[static_cast<size_t>(enrolled[i])].program;
      size_t j = i;
      while (j < enrolled.size() && s.enrolments[static_cast<size_t>(enrolled[j])].program == program) ++j;
      std::vector<std::pair<int32_t, int32_t>> windows;  // overlaps
      const Enrolment* first_a = nullptr;
      const Enrolment* first_b = nullptr;
      for (size_t a = i; a < j; ++a) {
        for (size_t b = a + 1; b < j; ++b) {
          const Enrolment& ea = s.enrolments[static_cast<size_t>(enrolled[a])];
          const Enrolment& eb = s.enrolments[static_cast<size_t>(enrolled[b])];
          if (ea.community == eb.community || ea.start > eb.end || eb.start > ea.end) continue;
          windows.emplace_back(std::max(ea.start, eb.start), std::min(ea.end, eb.end));
          if (first_a == nullptr) first_a = &ea, first_b = &eb;
        }
      }
      i = j;
      if (windows.empty()) continue;
      rows.clear();
      auto [begin, end] = pay.RowsOf(p);
      for (int32_t r = begin; r < end; ++r) {
        auto u = static_cast<size_t>(r);
        if (pay.program[u] != program || pay.amount[u] <= 0 || pay.period[u] == kNone) continue;
        int32_t first = PeriodFirst(pay.period[u]), last = PeriodLast(pay.period[u]);
        for (auto [from, to] : windows) {
          if (first <= to && from <= last) {
            rows.push_back(r);
            break;
          }
        }
      }
      const Program& prog = s.programs[static_cast<size_t>(program)];
      Finding f = MakeFinding(kR15);
      f.id_number = s.Id(p);
      f.program_code = prog.code;
      f.amount = SumAmount(s, rows);
      f.evidence = NameAndId(s, p) + "同时在" + s.communities.Get(first_a->community) + "（" +
                   DateText(first_a->start) + " 至 " + DateText(first_a->end) + "）与" +
                   s.communities.Get(first_b->community) + "（" + DateText(first_b->start) +
                   " 至 " + DateText(first_b->end) + "）登记享受" + ProgramLabel(prog) +
                   "；重叠期间发放 " + std::to_string(rows.size()) + " 笔，合计 " + Yuan(f.amount);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

extern const RuleSpec kR15 = {"R15", "跨社区重复享受", Severity::kMedium, Bit(Table::kEnrolments),
                              0, "id_number, program_code", Run};

}  // namespace qf::engine::internal
