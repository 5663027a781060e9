// R16 无名册发放: a payment for a period that no enrolment of that person in that program covers
// (the period must lie inside the union of the person's [start_date, end_date] in the program).
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

// True when the person's enrolments in `program` together cover [first, last] (the boundary
// review: one enrolment ending on 03-31 and the next starting on 04-01 cover a quarter).
// `enrolled` is sorted by (program, start), so one sweep from `first` suffices.
bool Covered(const Snapshot& s, std::span<const int32_t> enrolled, int32_t program, int32_t first,
             int32_t last) {
  int64_t next = first;  // the first day not yet covered; 64 bits: an open end is INT32_MAX
  for (int32_t ei : enrolled) {
    const Enrolment& e = s.enrolments[static_cast<size_t>(ei)];
    if (e.program != program || e.start == kNoDate) continue;
    if (e.start > next) break;
    next = std::max<int64_t>(next, int64_t{e.end} + 1);
    if (next > last) return true;
  }
  return false;
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    auto enrolled = s.enrolments_of.Of(p);
    rows.clear();
    std::string roster;
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      if (pay.amount[u] <= 0 || pay.period[u] == kNone) continue;
      int32_t first = PeriodFirst(pay.period[u]), last = PeriodLast(pay.period[u]);
      if (!Covered(s, enrolled, program, first, last)) rows.push_back(r);
    }
    if (rows.empty()) return;
    for (int32_t ei : enrolled) {
      const Enrolment& e = s.enrolments[static_cast<size_t>(ei)];
      if (e.program != program) continue;
      if (!roster.empty()) roster += "、";
      roster += DateText(e.start) + " 至 " + DateText(e.end);
    }
    const Program& prog = s.programs[static_cast<size_t>(program)];
    Finding f = MakeFinding(kR16);
    f.id_number = s.Id(p);
    f.program_code = prog.code;
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    f.evidence = NameAndId(s, p) + "的" + ProgramLabel(prog) + "发放所属期不在名册有效期内（名册：" +
                 (roster.empty() ? std::string("无") : roster) + "）：" + PaymentList(s, rows) +
                 "，合计 " + Yuan(f.amount);
    out.push_back(std::move(f));
  });
}

}  // namespace

extern const RuleSpec kR16 = {"R16", "无名册发放", Severity::kHigh,
                              Bit(Table::kPayments) | Bit(Table::kEnrolments), 0,
                              "id_number, program_code", Run};

}  // namespace qf::engine::internal
