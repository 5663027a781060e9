// R05 一卡多人: an account receives payments for at least card_max_outsiders + 1 distinct
// recipients outside the card holder's household. An account absent from cards has no holder, so
// every recipient is an outsider.
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> keys(pay.size()), values(pay.size());
  for (size_t r = 0; r < pay.size(); ++r) {
    keys[r] = pay.amount[r] > 0 ? pay.account[r] : kNone;
    values[r] = static_cast<int32_t>(r);
  }
  Csr by_account = Csr::Build(s.accounts.size(), keys, values);
  const size_t limit = static_cast<size_t>(ctx.thresholds.card_max_outsiders) + 1;
  std::vector<int32_t> outsiders, rows;
  for (int32_t a = 0; a < s.accounts.size(); ++a) {
    auto payments = by_account.Of(a);
    if (payments.size() < limit) continue;
    int32_t holder = s.card_holder[static_cast<size_t>(a)];
    outsiders.clear();
    rows.clear();
    for (int32_t r : payments) {
      int32_t p = pay.person[static_cast<size_t>(r)];
      if (holder != kNone && SameHousehold(s, holder, p)) continue;
      outsiders.push_back(p);
      rows.push_back(r);
    }
    std::sort(outsiders.begin(), outsiders.end());
    outsiders.erase(std::unique(outsiders.begin(), outsiders.end()), outsiders.end());
    if (outsiders.size() < limit) continue;
    Finding f = MakeFinding(kR05);
    f.account_no = s.accounts.Get(a);
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    std::string owner = holder == kNone ? "不在一卡通账户表中，无持卡人"
                                        : "持卡人 " + NameAndId(s, holder);
    std::string people;
    for (size_t i = 0; i < outsiders.size() && i < 5; ++i) {
      if (i > 0) people += "、";
      people += NameAndId(s, outsiders[i]);
    }
    if (outsiders.size() > 5) people += "等";
    f.evidence = "账户 " + f.account_no + "（" + owner + "）收到 " +
                 std::to_string(outsiders.size()) + " 名非同户人员的补贴：" + people + "；" +
                 PaymentList(s, rows) + "，合计 " + Yuan(f.amount);
    out.push_back(std::move(f));
  }
}

}  // namespace

// persons is needed: without it no household is known and the holder's own household members
// would count as outsiders (the boundary review: do not accuse).
extern const RuleSpec kR05 = {"R05",
                              "一卡多人",
                              Severity::kHigh,
                              Bit(Table::kPayments) | Bit(Table::kCards) | Bit(Table::kPersons),
                              0,
                              "account_no",
                              Run};

}  // namespace qf::engine::internal
