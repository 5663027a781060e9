// R08 互斥项目重复享受: a person is paid for two programs of the same exclusive_group for the same
// period. program_code = both codes, sorted, joined by '+'.
//
// The boundary review settled two readings: a program counts as paid for a period when its
// positive rows outnumber its reversals (a payment reversed and not paid again is not paid), and
// two periods are "the same" when they overlap (a month inside a quarter).
#include <algorithm>
#include <map>
#include <tuple>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

// One program's rows for one period of one person.
struct Paid {
  int32_t group = kNone, program = kNone, period = kNone;
  int32_t first = 0, last = 0;  // the period's days
  int positives = 0, reversals = 0;
  int64_t net = 0;  // fen, reversals included
  std::vector<int32_t> rows;
};

struct Pair {
  std::vector<std::string> periods;
  std::vector<int32_t> rows;
  int64_t amount = 0;
};

std::vector<int32_t> GroupOfPrograms(const Snapshot& s, Interner& groups) {
  std::vector<int32_t> group_of(s.programs.size(), kNone);
  for (size_t i = 0; i < s.programs.size(); ++i) {
    if (s.programs[i].listed && !s.programs[i].exclusive_group.empty()) {
      group_of[i] = groups.Intern(s.programs[i].exclusive_group);
    }
  }
  return group_of;
}

// The person's (program, period) entries of exclusive programs that count as paid. Rows arrive
// sorted by (program, period), so each entry is one run.
std::vector<Paid> PaidPeriods(const Snapshot& s, int32_t p, const std::vector<int32_t>& group_of) {
  const Payments& pay = s.payments;
  std::vector<Paid> out;
  auto [begin, end] = pay.RowsOf(p);
  for (int32_t r = begin; r < end; ++r) {
    auto u = static_cast<size_t>(r);
    int32_t g = group_of[static_cast<size_t>(pay.program[u])];
    if (g == kNone || pay.period[u] == kNone || pay.amount[u] == 0) continue;
    if (out.empty() || out.back().program != pay.program[u] || out.back().period != pay.period[u]) {
      out.push_back({g,
                     pay.program[u],
                     pay.period[u],
                     PeriodFirst(pay.period[u]),
                     PeriodLast(pay.period[u]),
                     0,
                     0,
                     0,
                     {}});
    }
    Paid& e = out.back();
    (pay.amount[u] > 0 ? e.positives : e.reversals)++;
    e.net += pay.amount[u];
    e.rows.push_back(r);
  }
  std::erase_if(out, [](const Paid& e) { return e.positives <= e.reversals; });
  return out;
}

Finding MakePairFinding(const Snapshot& s, int32_t p, const std::string& key, Pair& pair) {
  Finding f = MakeFinding(kR08);
  f.id_number = s.Id(p);
  f.program_code = key;
  f.amount = pair.amount;
  std::string periods;
  for (size_t k = 0; k < pair.periods.size() && k < 6; ++k) {
    if (k > 0) periods += "、";
    periods += pair.periods[k];
  }
  if (pair.periods.size() > 6) periods += "等";
  std::sort(pair.rows.begin(), pair.rows.end());
  pair.rows.erase(std::unique(pair.rows.begin(), pair.rows.end()), pair.rows.end());
  f.payment_rows = pair.rows;
  f.evidence = NameAndId(s, p) + "在所属期 " + periods + " 同时领取互斥项目 " + key + "：" +
               PaymentList(s, pair.rows) + "，重复享受金额 " + Yuan(f.amount);
  return f;
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  Interner groups;
  const std::vector<int32_t> group_of = GroupOfPrograms(s, groups);
  if (groups.size() == 0) return;
  for (int32_t p = 0; p < s.PersonCount(); ++p) {
    std::vector<Paid> paid = PaidPeriods(s, p, group_of);
    if (paid.size() < 2) continue;
    std::map<std::string, Pair> pairs;  // "A+B" → evidence
    for (size_t a = 0; a < paid.size(); ++a) {
      for (size_t b = a + 1; b < paid.size(); ++b) {
        const Paid& x = paid[a];
        const Paid& y = paid[b];
        if (x.group != y.group || x.program == y.program) continue;
        if (x.last < y.first || y.last < x.first) continue;  // the periods do not overlap
        const std::string& cx = s.programs[static_cast<size_t>(x.program)].code;
        const std::string& cy = s.programs[static_cast<size_t>(y.program)].code;
        Pair& pair = pairs[cx < cy ? cx + "+" + cy : cy + "+" + cx];
        pair.periods.push_back(x.period == y.period
                                   ? PeriodText(x.period)
                                   : PeriodText(x.period) + "/" + PeriodText(y.period));
        pair.amount += std::max<int64_t>(0, std::min(x.net, y.net));
        pair.rows.insert(pair.rows.end(), x.rows.begin(), x.rows.end());
        pair.rows.insert(pair.rows.end(), y.rows.begin(), y.rows.end());
      }
    }
    for (auto& [key, pair] : pairs) out.push_back(MakePairFinding(s, p, key, pair));
  }
}

}  // namespace

extern const RuleSpec kR08 = {"R08", "互斥项目重复享受", Severity::kMedium,
                              Bit(Table::kPayments) | Bit(Table::kPrograms), 0,
                              "id_number, program_code", Run};

}  // namespace qf::engine::internal
