// 农村集体“三资” by community and street: the comparison findings of the collective rules, placed
// in the community whose collective they concern, and the 三资 clues and cases by their handling
// unit, each also counted in the street office above it.
#include <fmt/format.h>

#include <algorithm>

#include "report/internal/figure_families.h"
#include "report/wan_yuan.h"
#include "taxonomy/taxonomy.h"

namespace qf::report::internal {
namespace {

constexpr std::string_view kCommunity = "community";
constexpr std::string_view kStreet = "street_office";

// The streets of the subtree, each followed by its communities; communities under no street of
// the subtree (a report for one community) at the end.
std::vector<Statistics::UnitLine> UnitLines(const Builder& b, const CaseBook& book) {
  std::vector<Statistics::UnitLine> lines;
  std::vector<std::string> placed;
  for (const auto& [code, street] : book.units) {
    if (street.kind != kStreet || !b.InUnit(code)) continue;
    lines.push_back({code, street.name, true});
    for (const auto& [child, unit] : book.units) {
      if (unit.kind != kCommunity || unit.parent != code) continue;
      lines.push_back({child, unit.name, false});
      placed.push_back(child);
    }
  }
  for (const auto& [code, unit] : book.units) {
    if (unit.kind != kCommunity || !b.InUnit(code)) continue;
    if (std::find(placed.begin(), placed.end(), code) == placed.end()) {
      lines.push_back({code, unit.name, false});
    }
  }
  return lines;
}

// Counts `ref` in "sanzi.<family>.<u>" for `unit` and each unit above it (only the units of the
// table have such a figure; the others are ignored).
void CountUp(Builder& b, const CaseBook& book, std::string_view family, std::string unit,
             const RecordRef& ref) {
  for (int depth = 0; depth < 64 && !unit.empty(); ++depth) {
    b.Count(fmt::format("sanzi.{}.{}", family, unit), ref);
    auto it = book.units.find(unit);
    if (it == book.units.end()) return;
    unit = it->second.parent;
  }
}

bool IsSanzi(std::string_view domain) {
  const taxonomy::Domain* d = taxonomy::Active().FindDomain(domain);
  return d != nullptr && (d->name == "三资" || d->group == "三资");
}

}  // namespace

void AddSanziFigures(Builder& b, const CaseBook& book, std::vector<Statistics::UnitLine>& lines) {
  lines = UnitLines(b, book);
  for (const Statistics::UnitLine& line : lines) {
    std::string where = line.street ? fmt::format("{}（含所辖社区）", line.name) : line.name;
    b.Add(
        fmt::format("sanzi.findings.{}", line.code),
        fmt::format("{}：“三资”比对发现问题", line.name), "条",
        fmt::format("规则 R17–R20、R26 发现、集体经济组织属于{}的问题（按所属期，口径同“大数据比对"
                    "发现问题”；社区按合同或凭证所属的集体）",
                    where));
    b.Add(fmt::format("sanzi.amount.{}", line.code),
          fmt::format("{}：“三资”比对发现问题涉及金额", line.name), "万元",
          fmt::format("上述问题涉及资金之和；{}", kWanYuanRule), FigureKind::kMoney);
    b.Add(fmt::format("sanzi.clues.{}", line.code), fmt::format("{}：“三资”问题线索", line.name),
          "件", fmt::format("统计期间内受理、领域为“三资”、承办单位属于{}的问题线索", where));
    b.Add(fmt::format("sanzi.cases.{}", line.code), fmt::format("{}：“三资”立案", line.name), "件",
          fmt::format("统计期间内立案、领域为“三资”、承办单位属于{}的案件", where));
  }
  for (const FindingRow& f : book.findings) {
    if (FindingSection(f.rule) != "三资" || !b.InPeriod(f.placed)) continue;
    std::string unit = !f.community_unit.empty() ? f.community_unit : f.clue_unit;
    RecordRef ref{"finding",
                  f.fingerprint,
                  Day(f.placed),
                  unit,
                  fmt::format("{} {} {}", f.rule, f.id_number, f.period),
                  f.amount};
    CountUp(b, book, "findings", unit, ref);
    CountUp(b, book, "amount", unit, ref);
  }
  for (const ClueRow& clue : book.clues) {
    if (!IsSanzi(clue.domain) || !b.InPeriod(clue.created)) continue;
    CountUp(b, book, "clues", clue.unit,
            {"clue", std::to_string(clue.id), Day(clue.created), clue.unit,
             Shown(clue.restricted, clue.title), 0});
  }
  for (const auto& [id, c] : book.cases) {
    if (!IsSanzi(c.domain) || !b.InPeriod(c.filed)) continue;
    CountUp(b, book, "cases", c.unit,
            {"case", std::to_string(id), Day(c.filed), c.unit, Shown(c.restricted, c.title), 0});
  }
}

}  // namespace qf::report::internal
