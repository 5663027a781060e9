// R01 死亡人员冒领: a payment whose period starts after the recipient's death_date.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    int32_t death = s.death[static_cast<size_t>(p)];
    if (death == kNoDate) return;
    rows.clear();
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      if (pay.amount[u] > 0 && pay.period[u] != kNone && PeriodFirst(pay.period[u]) > death) {
        rows.push_back(r);
      }
    }
    if (rows.empty()) return;
    Finding f = MakeFinding(kR01);
    f.id_number = s.Id(p);
    f.program_code = s.programs[static_cast<size_t>(program)].code;
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    f.evidence = NameAndId(s, p) + "于 " + DateText(death) + " 死亡（来源：" +
                 s.death_source[static_cast<size_t>(p)] + "），其后所属期仍发放" +
                 ProgramLabel(s.programs[static_cast<size_t>(program)]) + "：" +
                 PaymentList(s, rows) + "，合计 " + Yuan(f.amount);
    out.push_back(std::move(f));
  });
}

}  // namespace

extern const RuleSpec kR01 = {"R01", "死亡人员冒领", Severity::kHigh,
                              Bit(Table::kPayments) | Bit(Table::kDeaths), 0,
                              "id_number, program_code", Run};

}  // namespace qf::engine::internal
