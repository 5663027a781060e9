// R26 应收未收: rent due on a contract by the as-of date exceeds the 收 transactions that carry its
// contract_id. A contract's years are [start + (k − 1) years, start + k years − 1 day], the last
// cut at end_date (a 02-29 start has its anniversaries on 02-28 in other years); a year is due when
// its last day is more than grace_days before the as-of date; a cut year is due pro rata, its days
// counted inclusively, × annual_rent / 365 rounded half up to the fen. Received is every 收 with
// the contract's id dated on or before the as-of date, whatever year it was meant for (rent paid
// ahead counts). Only contracts of communities whose own 收 rows carry a contract_id at least once
// are tested: elsewhere the column is not kept and the data cannot say.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "engine/contract_rent.h"
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

struct Due {
  int64_t total = 0;
  std::string years;  // "第1年（2021-01-01 至 2021-12-31）应收 3000.00元，已收 0.00元；…"
};

// The due years, each with the receipts dated inside it; receipts of other days (paid ahead,
// or outside the contract term) are summed apart. Up to 15 years are spelled out.
Due RentDue(const ContractRow& c, std::span<const TransactionRow* const> receipts, int32_t as_of,
            int32_t grace_days) {
  Due due;
  int64_t inside = 0;
  for (const RentYear& y : ContractRentYears(c.start, c.end, c.annual_rent)) {
    if (!RentYearDue(y, as_of, grace_days)) break;
    due.total += y.rent;
    int64_t got = 0;
    for (const TransactionRow* t : receipts) {
      if (t->date >= y.first && t->date <= y.last) got += t->amount;
    }
    inside += got;
    if (y.index <= 15) {
      due.years += "第" + std::to_string(y.index) + "年（" + DateText(y.first) + " 至 " +
                   DateText(y.last) + (y.cut ? "，不足一年按日折算" : "") + "）应收 " +
                   Yuan(y.rent) + "，已收 " + Yuan(got) + (got < y.rent ? "（欠）" : "") + "；";
    } else if (y.index == 16) {
      due.years += "……；";
    }
  }
  int64_t all = 0;
  for (const TransactionRow* t : receipts) all += t->amount;
  if (all != inside) due.years += "其他日期的收款（预收等）" + Yuan(all - inside) + "；";
  return due;
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  std::set<int32_t> keeping;  // communities whose 收 rows carry contract_id
  std::map<std::string_view, std::vector<const TransactionRow*>> receipts_of;
  for (const TransactionRow& t : s.transactions) {
    if (t.expense || t.contract_id.empty()) continue;
    keeping.insert(t.community);
    if (t.date <= ctx.as_of) receipts_of[t.contract_id].push_back(&t);
  }
  for (const ContractRow& c : s.contracts) {
    if (!keeping.contains(c.community) || c.start == kNoDate || c.end == kNoDate) continue;
    std::vector<const TransactionRow*> receipts;
    if (auto it = receipts_of.find(c.contract_id); it != receipts_of.end()) receipts = it->second;
    Due due = RentDue(c, receipts, ctx.as_of, ctx.thresholds.grace_days);
    if (due.total == 0) continue;
    int64_t received = 0;
    for (const TransactionRow* t : receipts) received += t->amount;
    if (received >= due.total) continue;
    std::sort(receipts.begin(), receipts.end(),
              [](const TransactionRow* a, const TransactionRow* b) {
                return std::tie(a->date, a->txn_id) < std::tie(b->date, b->txn_id);
              });
    std::string got;
    for (size_t i = 0; i < receipts.size() && i < 5; ++i) {
      if (!got.empty()) got += "、";
      got += receipts[i]->txn_id + "（" + DateText(receipts[i]->date) + "，" +
             Yuan(receipts[i]->amount) + "）";
    }
    if (receipts.size() > 5) got += "等共 " + std::to_string(receipts.size()) + " 笔";
    Finding f = MakeFinding(kR26);
    f.ref = c.contract_id;
    f.amount = due.total - received;
    f.evidence = "合同 " + c.contract_id + "（" + s.communities.Get(c.community) + "，" + c.asset +
                 c.asset_type + "，承包方“" + c.counterparty + "”，" + DateText(c.start) + " 至 " +
                 DateText(c.end) + "，年租金 " + Yuan(c.annual_rent) + "）截至 " +
                 DateText(ctx.as_of) + "：" + due.years + "合计应收 " + Yuan(due.total) +
                 "，已收 " + Yuan(received) +
                 (got.empty() ? "（无带此合同编号的收款凭证）" : "（" + got + "）") + "，差额 " +
                 Yuan(f.amount);
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR26 = {
    "R26",
    "应收未收",
    Severity::kMedium,
    Bit(Table::kCollectiveContracts) | Bit(Table::kCollectiveTransactions),
    0,
    "ref",
    Run};

}  // namespace qf::engine::internal
