#include "oversight/statistics.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/result_macros.h"
#include "oversight/internal/common.h"
#include "oversight/report_schedule.h"
#include "store/query.h"

namespace qf::oversight {
namespace {

using casework::UnitTree;

Result<UnitTree> TreeFor(store::Database& db, std::string_view unit_code) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db));
  if (!unit_code.empty() && !tree.Find(unit_code)) {
    return Fail(ErrorCode::kNotFound, fmt::format("单位 '{}' 不存在", unit_code));
  }
  return tree;
}

bool InScope(const UnitTree& tree, std::string_view unit_code, const std::string& code) {
  return unit_code.empty() || tree.Within(code, unit_code);
}

struct TaskRow {
  int64_t task_id, item_id;
  std::string kind, unit, due_on, state, completed_on, satisfaction;
};

Result<std::vector<TaskRow>> TasksReceived(store::Database& db, Date first, Date last) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT t.task_id, i.item_id, i.kind, t.unit_code, "
                                            "t.due_on, t.state, t.completed_on, i.satisfaction "
                                            "FROM congress_items i JOIN congress_tasks t ON "
                                            "t.item_id = i.item_id WHERE i.received_on >= ? AND "
                                            "i.received_on <= ? ORDER BY t.task_id",
                                            first.ToString(), last.ToString()));
  std::vector<TaskRow> rows;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    rows.push_back({st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5),
                    st->Text(6), st->Text(7)});
  }
  return rows;
}

void AddOnce(CountedFigure& figure, std::set<int64_t>& seen, int64_t id) {
  if (seen.insert(id).second) figure.Add(id);
}

void Sort(CountedFigure& figure) { std::sort(figure.ids.begin(), figure.ids.end()); }

}  // namespace

Result<CongressCounts> CountCongressItems(store::Database& db, Date first, Date last,
                                          std::string_view unit_code, Date as_of) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, TreeFor(db, unit_code));
  const std::string today = as_of.ToString();
  CongressCounts c;
  std::set<int64_t> opinions, suggestions, answered, satisfied;
  std::map<int64_t, bool> suggestion_done;
  if (unit_code.empty()) {  // the whole district: an opinion not yet split counts too
    QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                              "SELECT item_id FROM congress_items WHERE kind = "
                                              "'opinion' AND received_on >= ? AND received_on "
                                              "<= ? ORDER BY item_id",
                                              first.ToString(), last.ToString()));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      AddOnce(c.opinions, opinions, st->Int(0));
    }
  }
  QF_ASSIGN_OR_RETURN(auto rows, TasksReceived(db, first, last));
  for (const TaskRow& t : rows) {
    if (!InScope(tree, unit_code, t.unit)) continue;
    const bool done = t.state == "done" && !t.completed_on.empty() && t.completed_on <= today;
    if (t.kind == "opinion") {
      AddOnce(c.opinions, opinions, t.item_id);
      c.opinion_tasks.Add(t.task_id);
      if (done) c.opinion_tasks_done.Add(t.task_id);
      if (!done && t.due_on < today) c.opinion_tasks_overdue.Add(t.task_id);
    } else {
      AddOnce(c.suggestions, suggestions, t.item_id);
      auto [it, fresh] = suggestion_done.emplace(t.item_id, done);
      if (!fresh) it->second = it->second && done;
    }
  }
  for (const TaskRow& t : rows) {
    if (t.kind != "suggestion" || !suggestion_done.contains(t.item_id)) continue;
    if (!suggestion_done[t.item_id]) continue;
    AddOnce(c.suggestions_answered, answered, t.item_id);
    if (t.satisfaction == "满意" || t.satisfaction == "基本满意") {
      AddOnce(c.suggestions_satisfied, satisfied, t.item_id);
    }
  }
  for (CountedFigure* f :
       {&c.opinions, &c.suggestions, &c.suggestions_answered, &c.suggestions_satisfied}) {
    Sort(*f);
  }
  return c;
}

namespace {

struct ReportRow {
  int64_t id;
  std::string unit, period, due_on, state, submitted_on;
};

Result<std::vector<ReportRow>> ReportsDueIn(store::Database& db, const UnitTree& tree, Date first,
                                            Date last, std::string_view unit_code) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT report_id, unit_code, period, due_on, state, "
                                            "submitted_on FROM stationed_reports WHERE due_on >= "
                                            "? AND due_on <= ? ORDER BY report_id",
                                            first.ToString(), last.ToString()));
  std::vector<ReportRow> rows;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ReportRow r{st->Int(0), st->Text(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5)};
    if (InScope(tree, unit_code, r.unit)) rows.push_back(std::move(r));
  }
  return rows;
}

void Count(StationedReportCounts& c, const ReportRow& r, const std::string& as_of) {
  c.due.Add(r.id);
  const bool submitted = (r.state == "submitted" || r.state == "read") && !r.submitted_on.empty() &&
                         r.submitted_on <= as_of;
  if (submitted) c.submitted.Add(r.id);
  if (submitted && r.submitted_on <= r.due_on) c.on_time.Add(r.id);
  if (!submitted && r.due_on < as_of) c.overdue.Add(r.id);
}

}  // namespace

Result<StationedReportCounts> CountStationedReports(store::Database& db, Date first, Date last,
                                                    std::string_view unit_code, Date as_of) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, TreeFor(db, unit_code));
  QF_ASSIGN_OR_RETURN(auto rows, ReportsDueIn(db, tree, first, last, unit_code));
  StationedReportCounts c;
  for (const ReportRow& r : rows) Count(c, r, as_of.ToString());
  return c;
}

Result<std::vector<StationedReportRow>> StationedReportsBy(store::Database& db, Date first,
                                                           Date last, std::string_view unit_code,
                                                           Date as_of, ReportBreakdown by) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, TreeFor(db, unit_code));
  QF_ASSIGN_OR_RETURN(auto rows, ReportsDueIn(db, tree, first, last, unit_code));
  std::map<std::string, StationedReportRow> table;
  for (const ReportRow& r : rows) {
    const std::string& key = by == ReportBreakdown::kByUnit ? r.unit : r.period;
    // A year's report ("2025") sorts after its quarters ("2025-Q4").
    StationedReportRow& row = table[key.size() == 4 ? key + "-Y" : key];
    if (row.key.empty()) {
      row.key = key;
      row.label =
          by == ReportBreakdown::kByUnit ? internal::UnitName(tree, key) : ReportPeriodName(key);
    }
    Count(row.counts, r, as_of.ToString());
  }
  std::vector<StationedReportRow> out;
  for (auto& [key, row] : table) out.push_back(std::move(row));
  return out;
}

}  // namespace qf::oversight
