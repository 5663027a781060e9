// R14 代领: a payment into an account that is absent from cards, or whose holder is neither the
// recipient nor in the recipient's household. An account in cards (even 注销) is not absent.
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<std::pair<int32_t, int32_t>> hits;  // (account, row) within one program run
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    hits.clear();
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      if (pay.amount[u] <= 0) continue;
      int32_t holder = s.card_holder[static_cast<size_t>(pay.account[u])];
      if (holder != kNone && SameHousehold(s, p, holder)) continue;
      hits.emplace_back(pay.account[u], r);
    }
    if (hits.empty()) return;
    std::sort(hits.begin(), hits.end());
    const Program& prog = s.programs[static_cast<size_t>(program)];
    for (size_t i = 0; i < hits.size();) {
      int32_t account = hits[i].first;
      rows.clear();
      for (; i < hits.size() && hits[i].first == account; ++i) rows.push_back(hits[i].second);
      int32_t holder = s.card_holder[static_cast<size_t>(account)];
      Finding f = MakeFinding(kR14);
      f.id_number = s.Id(p);
      f.program_code = prog.code;
      f.account_no = s.accounts.Get(account);
      f.amount = SumAmount(s, rows);
      f.payment_rows = rows;
      std::string whose = holder == kNone ? "该账户不在一卡通账户表中"
                                          : "该账户持卡人为 " + NameAndId(s, holder) +
                                                "，非本人或同户人员";
      f.evidence = NameAndId(s, p) + "的" + ProgramLabel(prog) + "发放至账户 " + f.account_no +
                   "，" + whose + "：" + PaymentList(s, rows) + "，合计 " + Yuan(f.amount);
      out.push_back(std::move(f));
    }
  });
}

}  // namespace

// persons is needed: without it no household is known, and a payment into a household
// member's card would be taken for one into a stranger's (the boundary review: do not accuse).
extern const RuleSpec kR14 = {"R14",
                              "代领",
                              Severity::kHigh,
                              Bit(Table::kPayments) | Bit(Table::kCards) | Bit(Table::kPersons),
                              0,
                              "id_number, program_code, account_no",
                              Run};

}  // namespace qf::engine::internal
