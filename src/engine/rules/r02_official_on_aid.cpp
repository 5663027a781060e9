// R02 财政供养人员违规享受: a means-tested payment where the recipient or a household member is an
// active official of category 公务员/参公/事业编/国企 in the payment's period.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    const Program& prog = s.programs[static_cast<size_t>(program)];
    if (!prog.means_tested) return;
    rows.clear();
    const Official* witness = nullptr;
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      if (pay.amount[u] <= 0 || pay.period[u] == kNone) continue;
      int32_t first = PeriodFirst(pay.period[u]), last = PeriodLast(pay.period[u]);
      const Official* found = nullptr;
      for (int32_t member : s.Household(p)) {
        for (int32_t o : s.officials_of.Of(member)) {
          const Official& off = s.officials[static_cast<size_t>(o)];
          if (off.IsFinanced() && off.start <= last && first <= off.end) {
            found = &off;
            break;
          }
        }
        if (found != nullptr) break;
      }
      if (found == nullptr) continue;
      rows.push_back(r);
      if (witness == nullptr) witness = found;
    }
    if (rows.empty()) return;
    Finding f = MakeFinding(kR02);
    f.id_number = s.Id(p);
    f.program_code = prog.code;
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    std::string who = witness->person == p ? "本人" : "同户人员 " + NameAndId(s, witness->person);
    f.evidence = NameAndId(s, p) + "领取经济困难审核项目" + ProgramLabel(prog) + "：" +
                 PaymentList(s, rows) + "，合计 " + Yuan(f.amount) + "；" + who + "为" +
                 witness->unit + witness->position + "（财政供养人员，任职 " +
                 DateText(witness->start) + " 至 " + DateText(witness->end) + "）";
    out.push_back(std::move(f));
  });
}

}  // namespace

extern const RuleSpec kR02 = {
    "R02", "财政供养人员违规享受", Severity::kHigh,
    Bit(Table::kPayments) | Bit(Table::kPrograms) | Bit(Table::kOfficials), 0,
    "id_number, program_code", Run};

}  // namespace qf::engine::internal
