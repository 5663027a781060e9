// The figure builder the statistics' definitions share: figures registered in order, records
// counted into them, the period and unit-subtree tests. Internal to report.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/internal/case_book.h"
#include "report/statistics.h"

namespace qf::report::internal {

inline constexpr std::string_view kJudicial = "移送司法";
// 追责问责: the outcomes that hold a person to account short of a criminal transfer
// (casework::Outcomes() less 移送司法).
inline constexpr std::string_view kAccountabilityOutcomes[] = {"党纪处分", "政务处分", "组织处理"};

inline bool IsAccountability(std::string_view outcome) {
  for (std::string_view o : kAccountabilityOutcomes) {
    if (o == outcome) return true;
  }
  return false;
}

class Builder {
 public:
  Builder(const CaseBook& book, const ReportPeriod& period, std::string unit)
      : book_(book), period_(period), unit_(std::move(unit)) {}

  bool InPeriod(const std::optional<Date>& d) const { return d && period_.Contains(*d); }

  // True when `code` is the report's unit or lies below it (always true for the whole district).
  bool InUnit(std::string_view code) const {
    if (unit_.empty()) return true;
    std::string current(code);
    for (int depth = 0; depth < 64 && !current.empty(); ++depth) {
      if (current == unit_) return true;
      auto it = book_.units.find(current);
      if (it == book_.units.end()) return false;
      current = it->second.parent;
    }
    return false;
  }

  void Add(std::string id, std::string name, std::string measure, std::string definition,
           FigureKind kind = FigureKind::kCount) {
    Figure f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.kind = kind;
    f.measure = kind == FigureKind::kMoney ? "万元" : std::move(measure);
    f.definition = std::move(definition);
    index_[f.id] = figures_.size();
    figures_.push_back(std::move(f));
  }

  // Adds `record` to a figure: +1 for counts, +record.amount for money. An id that was not
  // defined (a term outside the controlled vocabularies) is ignored: the totals still count it.
  void Count(const std::string& id, const RecordRef& record) {
    auto it = index_.find(id);
    if (it == index_.end()) return;
    Figure& f = figures_[it->second];
    f.value += f.kind == FigureKind::kMoney ? record.amount : 1;
    f.records.push_back(record);
  }

  // The figure last added (to mark it as an outside figure).
  Figure& Last() { return figures_.back(); }

  // True when a finding placed in `community_unit` or promoted to a clue of `clue_unit` belongs
  // to the report's unit (every finding does for the whole district).
  bool FindingInUnit(const std::string& community_unit, const std::string& clue_unit) const {
    return InUnit("") || (!community_unit.empty() && InUnit(community_unit)) ||
           (!clue_unit.empty() && InUnit(clue_unit));
  }

  std::vector<Figure> Take() { return std::move(figures_); }

 private:
  const CaseBook& book_;
  const ReportPeriod& period_;
  std::string unit_;
  std::vector<Figure> figures_;
  std::map<std::string, std::size_t> index_;
};

inline std::string Day(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

inline std::string Shown(bool restricted, const std::string& title) {
  return restricted ? std::string("（受限事项，内容不予显示）") : title;
}

// A person of a case as the drill-down shows them: filed with the case (dated by the filing), or
// with their outcome (dated by it). A restricted case's persons are not named.
inline RecordRef FiledPerson(const PersonRow& p, const CaseRow& c) {
  std::string who = c.restricted ? std::string("（受限案件人员）") : p.name;
  return {"case_person",
          std::to_string(p.id),
          Day(c.filed),
          c.unit,
          who + "（案件 " + std::to_string(c.id) + "）",
          0};
}
inline RecordRef PersonOutcome(const PersonRow& p, const CaseRow& c) {
  std::string who = c.restricted ? std::string("（受限案件人员）") : p.name;
  return {"case_person",
          std::to_string(p.id),
          Day(p.outcome_date),
          c.unit,
          who + "：" + p.outcome + "（案件 " + std::to_string(c.id) + "）",
          0};
}

// The report section a rule's findings belong to: the ledger rules (R01–R16) are 一卡通 work,
// enterprise project funds (R21–R25) 营商环境, the collective rules (R17–R20, R26) 三资.
inline std::string_view FindingSection(std::string_view rule) {
  if (rule >= "R21" && rule <= "R25") return "营商环境";
  if ((rule >= "R17" && rule <= "R20") || rule == "R26") return "三资";
  if (rule >= "R01" && rule <= "R16") return "一卡通";
  return "";
}

}  // namespace qf::report::internal
