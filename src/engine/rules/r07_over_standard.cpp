// R07 超标准发放: one payment above the program's standard or max_amount (whichever is set, the
// larger if both). Keyed by id_number, program_code, period.
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    const Program& prog = s.programs[static_cast<size_t>(program)];
    int64_t limit = std::max(prog.standard, prog.max_amount);
    if (limit < 0) return;
    int32_t i = begin;
    while (i < end) {
      int32_t period = pay.period[static_cast<size_t>(i)];
      int32_t j = i;
      rows.clear();
      int64_t excess = 0;
      for (; j < end && pay.period[static_cast<size_t>(j)] == period; ++j) {
        int64_t a = pay.amount[static_cast<size_t>(j)];
        if (a > limit) {
          rows.push_back(j);
          excess += a - limit;
        }
      }
      i = j;
      if (rows.empty() || period == kNone) continue;
      Finding f = MakeFinding(kR07);
      f.id_number = s.Id(p);
      f.program_code = prog.code;
      f.period = PeriodText(period);
      f.amount = excess;
      f.payment_rows = rows;
      f.evidence = NameAndId(s, p) + "所属期 " + f.period + " " + ProgramLabel(prog) +
                   "单笔上限 " + Yuan(limit) + "，" + PaymentList(s, rows) + "，超出 " +
                   Yuan(excess);
      out.push_back(std::move(f));
    }
  });
}

}  // namespace

extern const RuleSpec kR07 = {"R07", "超标准发放", Severity::kMedium,
                              Bit(Table::kPayments) | Bit(Table::kPrograms), 0,
                              "id_number, program_code, period", Run};

}  // namespace qf::engine::internal
