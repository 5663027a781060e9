// R17 拆分支付: in one community, three or more 支 to the same counterparty within
// split_window_days (last date − first date ≤ window), each below approval_threshold and summing
// above it. ref = the counterparty.
#include <algorithm>
#include <map>
#include <tuple>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Thresholds& t = ctx.thresholds;
  std::vector<int32_t> candidates;
  for (size_t i = 0; i < s.transactions.size(); ++i) {
    const TransactionRow& tx = s.transactions[i];
    if (tx.expense && tx.amount > 0 && tx.amount < t.approval_threshold && tx.date != kNoDate) {
      candidates.push_back(static_cast<int32_t>(i));
    }
  }
  auto row = [&](int32_t i) -> const TransactionRow& { return s.transactions[static_cast<size_t>(i)]; };
  std::sort(candidates.begin(), candidates.end(), [&](int32_t a, int32_t b) {
    return std::tie(row(a).community, row(a).counterparty, row(a).date, row(a).txn_id) <
           std::tie(row(b).community, row(b).counterparty, row(b).date, row(b).txn_id);
  });
  std::map<std::string, std::vector<int32_t>> flagged;  // counterparty → transactions
  for (size_t g = 0; g < candidates.size();) {
    size_t h = g;
    while (h < candidates.size() && row(candidates[h]).community == row(candidates[g]).community &&
           row(candidates[h]).counterparty == row(candidates[g]).counterparty) {
      ++h;
    }
    std::vector<bool> mark(h - g, false);
    size_t j = g;
    int64_t sum = 0;
    for (size_t i = g; i < h; ++i) {  // sliding window [i, j)
      if (j < i) j = i, sum = 0;
      while (j < h && row(candidates[j]).date - row(candidates[i]).date <= t.split_window_days) {
        sum += row(candidates[j]).amount;
        ++j;
      }
      if (j - i >= 3 && sum > t.approval_threshold) {
        for (size_t k = i; k < j; ++k) mark[k - g] = true;
      }
      sum -= row(candidates[i]).amount;
    }
    for (size_t k = g; k < h; ++k) {
      if (mark[k - g]) flagged[row(candidates[k]).counterparty].push_back(candidates[k]);
    }
    g = h;
  }
  for (auto& [counterparty, txns] : flagged) {
    Finding f = MakeFinding(kR17);
    f.ref = counterparty;
    std::string list;
    for (size_t k = 0; k < txns.size(); ++k) {
      const TransactionRow& tx = row(txns[k]);
      f.amount += tx.amount;
      if (k < 8) {
        if (k > 0) list += "、";
        list += tx.txn_id + "（" + s.communities.Get(tx.community) + "，" + DateText(tx.date) +
                "，" + Yuan(tx.amount) + "）";
      }
    }
    if (txns.size() > 8) list += "等";
    f.evidence = "向“" + counterparty + "”在 " + std::to_string(t.split_window_days) +
                 " 天内连续支付 " + std::to_string(txns.size()) + " 笔，每笔低于审批限额 " +
                 Yuan(t.approval_threshold) + "，合计 " + Yuan(f.amount) + "：凭证号 " + list;
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR17 = {"R17", "拆分支付", Severity::kHigh,
                              Bit(Table::kCollectiveTransactions), 0, "ref", Run};

}  // namespace qf::engine::internal
