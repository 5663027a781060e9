// Statistics: every figure of the special work report, computed from the store for a period and
// a unit subtree, each with the records it counted (the drill-down behind "立案查处12件15人").
//
//   auto period = qf::report::ParseReportPeriod("2024-Q3");
//   auto stats = qf::report::ComputeStatistics(db, *period, "street-01", today);
//   const Figure& filed = stats->Get("cases.filed");   // filed.value == 12, filed.records ...
//
// One definition per figure (docs/report.md lists them all, with the same text as
// Figure::definition). Counting rules shared by all figures:
//   - An event belongs to the period when its Beijing calendar date lies in [first, last]
//     (stored timestamps are UTC; +8 h is applied).
//   - An item belongs to the unit subtree when its handling unit (unit_code) is the unit or lies
//     below it; with no unit every item counts.
//   - Restricted items (防止"灯下黑") are counted like any other; their drill-down record shows no
//     title.
// Figure ids are stable (the web UI and the templates refer to them); the breakdown ids carry the
// Chinese term: "clues.source.信访", "clues.domain.一卡通", "disposals.谈话函询",
// "findings.rule.R01", "cases.filed.domain.扫黑除恶" (see docs/report.md).
//
// Thread safety: reads only; the Database is used by the calling thread for the call's duration.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "approval/statistics.h"
#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "report/report_period.h"
#include "store/database.h"

namespace qf::report {

// One record a figure counted: enough to find it in the UI (kind + id) and to read it in a list.
struct RecordRef {
  std::string kind;    // "clue", "case", "case_person", "transfer", "rectification", "finding"
  std::string id;      // the item's id (a finding's fingerprint)
  std::string date;    // the date that placed it in the period, "2024-07-03"
  std::string unit;    // the handling unit's code ("" for findings without a unit)
  std::string label;   // one line of Chinese text
  int64_t amount = 0;  // fen this record contributed to a money figure, else 0
};

enum class FigureKind { kCount, kMoney };

struct Figure {
  std::string id;    // "cases.filed"
  std::string name;  // "立案查处案件"
  FigureKind kind = FigureKind::kCount;
  std::string measure;     // "件", "人", "条", "项", "万元"
  int64_t value = 0;       // a count, or fen for kMoney
  std::string definition;  // how it is counted, in Chinese
  std::vector<RecordRef> records;
  // False for a figure another library computes (StatisticSources) when no provider filled it:
  // the report leaves its clause out and the web page shows "未接入".
  bool provided = true;

  Money money() const { return Money::FromFen(value); }
  // "12" for counts, "123.46" (万元, see wan_yuan.h) for money.
  std::string Display() const;
};

struct Statistics {
  ReportPeriod period;
  std::string unit_code;  // "" = the whole district
  std::string unit_name;  // "全区" when unit_code is empty
  Date as_of;             // min(period.last, today): "overdue" is judged on this day
  std::vector<Figure> figures;
  // Sunshine approval (阳光审批) for the period and the unit subtree, as
  // approval::ComputeApprovalStatistics counts it; its counts are also figures "approval.*".
  approval::ApprovalStatistics approval;
  // The street offices and communities of the subtree, each street followed by its communities:
  // the rows of the 三资 table, each with figures "sanzi.<family>.<unit code>".
  struct UnitLine {
    std::string code, name;
    bool street = false;
  };
  std::vector<UnitLine> sanzi_units;

  // The figure with `id`; a figure id that was never defined is a programming error (asserts)
  // except for breakdown ids, which read as a zero figure.
  const Figure& Get(std::string_view id) const;
  const Figure* Find(std::string_view id) const;
};

// What a provider of outside figures is asked for: the period, the day overdue is judged on, and
// the report's unit subtree (`units` lists its codes; empty = the whole district, no filter).
struct SourceQuery {
  store::Database& db;
  const ReportPeriod& period;
  Date as_of;
  std::string unit_code;
  std::vector<std::string> units;
};

// One figure a provider computed: the id of a registered outside figure, its value and records.
struct ProvidedFigure {
  std::string id;
  int64_t value = 0;
  std::vector<RecordRef> records;
};

using StatisticProvider =
    std::function<Result<std::vector<ProvidedFigure>>(const SourceQuery& query)>;

// The hook through which the libraries that keep the other ledgers fill their figures, so that
// report does not link them: the web and CLI layers pass providers in. A provider left empty
// leaves its figures absent (Figure::provided false, value 0, left out of the prose). Each
// provider may fill any of the ids that docs/report.md lists under "Outside figures":
//   activities — activities.<kind>.count for every activity kind of the taxonomy,
//                activities.<kind>.people for the kinds measured in 人次 (走访群众, 专题培训),
//                activities.联合督查.communities, activities.制度机制.established / .revised;
//   oversight  — units.stationed_group, units.street_office, stationed_reports.due / .on_time /
//                .overdue;
//   congress   — congress.opinions / .tasks / .tasks_done, suggestions.received / .answered /
//                .satisfied.
// An id that is not registered is a programming error: ComputeStatistics fails with
// kInvalidArgument naming it.
struct StatisticSources {
  StatisticProvider activities;
  StatisticProvider oversight;
  StatisticProvider congress;
};

// Computes every figure. `unit_code` "" means the whole district; an unknown unit is kNotFound
// ("单位 'x' 不存在"). `today` decides what is overdue. A period with no activity yields zeros.
Result<Statistics> ComputeStatistics(store::Database& db, const ReportPeriod& period,
                                     std::string_view unit_code, Date today,
                                     const StatisticSources& sources = {});

// The families every report section (taxonomy Sections()) and every special campaign counts, as
// "section.<section>.<family>" and "campaign.<code>.<family>": problems (问题 个), cases (立案 件),
// persons (立案 人), judicial (移送司法 人), recovered (追缴 万元), rectifications (督促整改 个),
// accountability_cases (追责问责 件), accountability_persons (追责问责 人).
std::vector<std::string_view> SliceFamilies();

// A rule's confirmation rate for the period (how often its findings are right): the figures
// findings.rule_confirmed.<rule> ÷ findings.rule_decided.<rule> ("findings.confirmed" ÷
// "findings.decided" for `rule` ""), as "75.0%"; "—" when nothing was decided.
std::string ConfirmationRate(const Statistics& stats, std::string_view rule);

// The domains of the earlier report's "work progress" part (before the taxonomy's sections), with
// their casework domain term: 扫黑除恶, 一卡通, 营商环境, 民生, 自身建设 (plus 三资, 其他 in the
// tables).
std::vector<std::string_view> ReportDomains();

// The period a report page opens with: the year of the latest case filed or comparison as-of
// date, never after `today`'s year; `today`'s year for an empty store. Clues alone do not move it:
// a report is read for its cases and its ledger, and a citizen's report or an objection registered
// this January would otherwise open a year with nothing filed yet.
Result<ReportPeriod> DefaultReportPeriod(store::Database& db, Date today);

}  // namespace qf::report
