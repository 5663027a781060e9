// R08 互斥项目重复享受: a person is paid (a positive payment in each) for two programs of the same
// exclusive_group for the same period. program_code = both codes, sorted, joined by '+'.
#include <algorithm>
#include <map>
#include <tuple>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

struct Pair {
  std::vector<int32_t> periods;
  std::vector<int32_t> rows;
  int64_t amount = 0;
};

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  // Programs of each exclusive group, as small integers.
  Interner groups;
  std::vector<int32_t> group_of(s.programs.size(), kNone);
  for (size_t i = 0; i < s.programs.size(); ++i) {
    if (s.programs[i].listed && !s.programs[i].exclusive_group.empty()) {
      group_of[i] = groups.Intern(s.programs[i].exclusive_group);
    }
  }
  if (groups.size() == 0) return;
  struct Entry {
    int32_t group, period, program, row;
  };
  std::vector<Entry> entries;
  for (int32_t p = 0; p < s.PersonCount(); ++p) {
    auto [begin, end] = pay.RowsOf(p);
    entries.clear();
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      int32_t g = group_of[static_cast<size_t>(pay.program[u])];
      if (g == kNone || pay.amount[u] <= 0 || pay.period[u] == kNone) continue;
      entries.push_back({g, pay.period[u], pay.program[u], r});
    }
    if (entries.size() < 2) continue;
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.group, a.period, a.program, a.row) <
             std::tie(b.group, b.period, b.program, b.row);
    });
    std::map<std::string, Pair> pairs;  // "A+B" → evidence
    size_t i = 0;
    while (i < entries.size()) {
      size_t j = i;
      while (j < entries.size() && entries[j].group == entries[i].group &&
             entries[j].period == entries[i].period) {
        ++j;
      }
      // Per program in this (group, period): its rows and their sum.
      std::vector<std::tuple<int32_t, int64_t, std::vector<int32_t>>> progs;
      for (size_t k = i; k < j; ++k) {
        if (progs.empty() || std::get<0>(progs.back()) != entries[k].program) {
          progs.emplace_back(entries[k].program, 0, std::vector<int32_t>());
        }
        std::get<1>(progs.back()) += pay.amount[static_cast<size_t>(entries[k].row)];
        std::get<2>(progs.back()).push_back(entries[k].row);
      }
      for (size_t a = 0; a < progs.size(); ++a) {
        for (size_t b = a + 1; b < progs.size(); ++b) {
          const std::string& ca = s.programs[static_cast<size_t>(std::get<0>(progs[a]))].code;
          const std::string& cb = s.programs[static_cast<size_t>(std::get<0>(progs[b]))].code;
          std::string key = ca < cb ? ca + "+" + cb : cb + "+" + ca;
          Pair& pair = pairs[key];
          pair.periods.push_back(entries[i].period);
          pair.amount += std::min(std::get<1>(progs[a]), std::get<1>(progs[b]));
          for (int32_t r : std::get<2>(progs[a])) pair.rows.push_back(r);
          for (int32_t r : std::get<2>(progs[b])) pair.rows.push_back(r);
        }
      }
      i = j;
    }
    for (auto& [key, pair] : pairs) {
      Finding f = MakeFinding(kR08);
      f.id_number = s.Id(p);
      f.program_code = key;
      f.amount = pair.amount;
      std::string periods;
      for (size_t k = 0; k < pair.periods.size() && k < 6; ++k) {
        if (k > 0) periods += "、";
        periods += PeriodText(pair.periods[k]);
      }
      if (pair.periods.size() > 6) periods += "等";
      std::sort(pair.rows.begin(), pair.rows.end());
      f.evidence = NameAndId(s, p) + "在所属期 " + periods + " 同时领取互斥项目 " + key + "：" +
                   PaymentList(s, pair.rows) + "，重复享受金额 " + Yuan(f.amount);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

extern const RuleSpec kR08 = {"R08", "互斥项目重复享受", Severity::kMedium,
                              Bit(Table::kPayments) | Bit(Table::kPrograms), 0,
                              "id_number, program_code", Run};

}  // namespace qf::engine::internal
