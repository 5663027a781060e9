// R04 重复发放: for one id_number, program_code and period (one-time programs: ever, empty period),
// the positive payments outnumber the reversals (negative amounts) by two or more.
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Emit(const Snapshot& s, int32_t p, const Program& prog, int32_t period,
          std::span<const int32_t> rows, std::vector<Finding>& out) {
  int positives = 0, reversals = 0;
  int64_t net = 0, largest = 0;
  for (int32_t r : rows) {
    int64_t a = s.payments.amount[static_cast<size_t>(r)];
    if (a > 0) ++positives, largest = std::max(largest, a);
    if (a < 0) ++reversals;
    net += a;
  }
  if (positives - reversals < 2) return;
  Finding f = MakeFinding(kR04);
  f.id_number = s.Id(p);
  f.program_code = prog.code;
  f.period = period == kNone ? std::string() : PeriodText(period);
  f.amount = std::max<int64_t>(0, net - largest);
  f.payment_rows.assign(rows.begin(), rows.end());
  f.evidence = NameAndId(s, p) + (period == kNone ? "一次性项目" : "所属期 " + f.period + " ") +
               ProgramLabel(prog) + "发放 " + std::to_string(positives) + " 笔、冲正 " +
               std::to_string(reversals) + " 笔：" + PaymentList(s, rows, 8) + "，重复金额 " +
               Yuan(f.amount);
  out.push_back(std::move(f));
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    const Program& prog = s.programs[static_cast<size_t>(program)];
    if (prog.cycle == ProgramCycle::kOnce) {
      rows.clear();
      for (int32_t r = begin; r < end; ++r) rows.push_back(r);
      Emit(s, p, prog, kNone, rows, out);
      return;
    }
    int32_t i = begin;
    while (i < end) {  // rows are sorted by period within the run
      int32_t j = i;
      rows.clear();
      while (j < end && pay.period[static_cast<size_t>(j)] == pay.period[static_cast<size_t>(i)]) {
        rows.push_back(j++);
      }
      if (pay.period[static_cast<size_t>(i)] != kNone) {
        Emit(s, p, prog, pay.period[static_cast<size_t>(i)], rows, out);
      }
      i = j;
    }
  });
}

}  // namespace

extern const RuleSpec kR04 = {"R04", "重复发放", Severity::kHigh,
                              Bit(Table::kPayments) | Bit(Table::kPrograms), 0,
                              "id_number, program_code, period", Run};

}  // namespace qf::engine::internal
