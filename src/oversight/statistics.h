// The figures of the work report (issue 15 point 6) that the institution and the People's Congress
// give, for a period and a unit subtree, each with the record ids behind it for the drill-down.
// src/report calls these; docs/oversight.md has the same definitions.
//
//   auto congress = oversight::CountCongressItems(db, first, last, "", as_of);
//   congress->opinions.value;          // 审议意见 received in the period
//   congress->opinions.ids;            // congress_items.item_id, for /congress/<id>
//
// Shared rules:
//   - `first`..`last` are Beijing days, both included; `unit_code` "" is the whole district, else
//     the unit and every unit below it; `as_of` is the day "done" and "overdue" are judged on
//     (the report passes min(period end, today)).
//   - An unknown unit is kNotFound.
//   - Unit counts: oversight/unit_counts.h (CountUnitsByKind).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::oversight {

// One count and the ids it counted (item, task or report ids, as each figure says), ascending.
struct CountedFigure {
  int64_t value = 0;
  std::vector<int64_t> ids;
  void Add(int64_t id) {
    ++value;
    ids.push_back(id);
  }
};

struct CongressCounts {
  // 审议意见 received in the period (ids: item ids); with a unit, those with a task in the subtree.
  CountedFigure opinions;
  // The tasks of those opinions (within the subtree; ids: task ids) …
  CountedFigure opinion_tasks;
  // … done by `as_of` (已办结, completed_on <= as_of) …
  CountedFigure opinion_tasks_done;
  // … and overdue on `as_of` (not done by then and due before it).
  CountedFigure opinion_tasks_overdue;
  // 代表建议 received in the period whose responsible unit is in the subtree (ids: item ids) …
  CountedFigure suggestions;
  // … answered (办结) by `as_of` …
  CountedFigure suggestions_answered;
  // … and rated 满意 or 基本满意 by the deputy.
  CountedFigure suggestions_satisfied;
};

Result<CongressCounts> CountCongressItems(store::Database& db, Date first, Date last,
                                          std::string_view unit_code, Date as_of);

// 三为主一报告 of the stationed groups (ids: report ids).
struct StationedReportCounts {
  CountedFigure due;        // reports due in the period (due_on in [first, last])
  CountedFigure submitted;  // of them, submitted (已报送 or 已阅)
  CountedFigure on_time;    // of them, submitted on or before the due day
  CountedFigure overdue;    // of them, not submitted and due before `as_of` (逾期未报)
};

Result<StationedReportCounts> CountStationedReports(store::Database& db, Date first, Date last,
                                                    std::string_view unit_code, Date as_of);

// The same counts per stationed group (key: unit code, label: its name) or per report period (key
// "2026-Q1", label "2026年第一季度报告"), in key order (a year's report after its quarters): the
// statistics table of /oversight/reports.
struct StationedReportRow {
  std::string key, label;
  StationedReportCounts counts;
};
enum class ReportBreakdown { kByUnit, kByPeriod };
Result<std::vector<StationedReportRow>> StationedReportsBy(store::Database& db, Date first,
                                                           Date last, std::string_view unit_code,
                                                           Date as_of, ReportBreakdown by);

}  // namespace qf::oversight
