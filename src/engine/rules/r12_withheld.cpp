// R12 截留或延迟发放: an enrolment covers a period that ended more than grace_days before the as-of
// date and no payment row (even a later-reversed one) exists for it. Periods before the program's
// earliest period in payments are outside the data and never fire. One-time programs are checked
// month by month.
#include <algorithm>
#include <set>
#include <utility>

#include "core/period.h"
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

Period FirstPeriodFrom(ProgramCycle cycle, Date day) {
  switch (cycle) {
    case ProgramCycle::kQuarter: return Period::Quarter(day.year(), (day.month() - 1) / 3 + 1);
    case ProgramCycle::kYear: return Period::Year(day.year());
    default: return Period::Month(day.year(), day.month());
  }
}

Period Next(ProgramCycle cycle, const Period& p) {
  switch (cycle) {
    case ProgramCycle::kQuarter:
      return p.index() == 4 ? Period::Quarter(p.year() + 1, 1)
                            : Period::Quarter(p.year(), p.index() + 1);
    case ProgramCycle::kYear: return Period::Year(p.year() + 1);
    default: return p.NextMonth();
  }
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  const int32_t latest_last = ctx.as_of - ctx.thresholds.grace_days - 1;  // last day may be ≤ this
  std::set<std::pair<int32_t, int32_t>> missing;  // (program, period code) of one person
  std::vector<std::pair<int32_t, int32_t>> paid;  // (program, period) rows of one person
  for (int32_t p = 0; p < s.PersonCount(); ++p) {
    auto enrolled = s.enrolments_of.Of(p);
    if (enrolled.empty()) continue;
    missing.clear();
    paid.clear();
    auto [begin, end] = pay.RowsOf(p);
    for (int32_t r = begin; r < end; ++r) {
      paid.emplace_back(pay.program[static_cast<size_t>(r)], pay.period[static_cast<size_t>(r)]);
    }
    std::sort(paid.begin(), paid.end());
    for (int32_t ei : enrolled) {
      const Enrolment& e = s.enrolments[static_cast<size_t>(ei)];
      const Program& prog = s.programs[static_cast<size_t>(e.program)];
      if (prog.earliest_period == kNone || e.start == kNoDate) continue;
      int32_t data_start = PeriodFirst(prog.earliest_period);
      int32_t from = std::max(e.start, data_start);
      Period period = FirstPeriodFrom(prog.cycle, Date::FromDays(from));
      for (; period.Last().days() <= latest_last; period = Next(prog.cycle, period)) {
        int32_t first = period.First().days(), last = period.Last().days();
        if (last > e.end) break;
        if (first < e.start || first < data_start) continue;
        int32_t code = period.Code();
        if (std::binary_search(paid.begin(), paid.end(), std::pair(e.program, code))) continue;
        missing.emplace(e.program, code);
      }
    }
    for (auto [program, code] : missing) {
      const Program& prog = s.programs[static_cast<size_t>(program)];
      Finding f = MakeFinding(kR12);
      f.id_number = s.Id(p);
      f.program_code = prog.code;
      f.period = PeriodText(code);
      f.amount = std::max<int64_t>(0, prog.standard >= 0 ? prog.standard : prog.max_amount);
      std::string enrolment;
      for (int32_t ei : enrolled) {
        const Enrolment& e = s.enrolments[static_cast<size_t>(ei)];
        if (e.program != program || e.start > PeriodFirst(code) || PeriodLast(code) > e.end) continue;
        enrolment = s.communities.Get(e.community) + "名册 " + DateText(e.start) + " 至 " +
                    DateText(e.end);
        break;
      }
      f.evidence = NameAndId(s, p) + "在" + ProgramLabel(prog) + enrolment + "，所属期 " +
                   f.period + "（止于 " + DateText(PeriodLast(code)) + "）至 " +
                   DateText(ctx.as_of) + " 已超过 " + std::to_string(ctx.thresholds.grace_days) +
                   " 天仍无发放记录";
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

extern const RuleSpec kR12 = {
    "R12", "截留或延迟发放", Severity::kLow,
    Bit(Table::kEnrolments) | Bit(Table::kPrograms) | Bit(Table::kPayments), 0,
    "id_number, program_code, period", Run};

}  // namespace qf::engine::internal
