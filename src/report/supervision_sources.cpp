#include "report/supervision_sources.h"

#include <fmt/format.h>

#include <map>

#include "activities/activity_counts.h"
#include "core/result_macros.h"
#include "oversight/statistics.h"
#include "oversight/unit_counts.h"
#include "store/query.h"

namespace qf::report {
namespace {

// What a drill-down row shows of one record, by id.
struct Line {
  std::string date, unit, label;
};
using Lines = std::map<int64_t, Line>;

// Reads `sql` (columns: id, date, unit code, label): the lines of a small ledger.
Result<Lines> ReadLines(store::Database& db, std::string_view sql) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db, sql));
  Lines lines;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return lines;
    lines[st->Int(0)] = {st->Text(1), st->Text(2), st->Text(3)};
  }
}

ProvidedFigure Figure(std::string id, int64_t value, std::string_view kind,
                      const std::vector<int64_t>& ids, const Lines& lines) {
  ProvidedFigure f{std::move(id), value, {}};
  for (int64_t record : ids) {
    auto it = lines.find(record);
    Line line = it == lines.end() ? Line{} : it->second;
    f.records.push_back(
        {std::string(kind), std::to_string(record), line.date, line.unit, line.label, 0});
  }
  return f;
}

Result<std::vector<ProvidedFigure>> ActivityFigures(const SourceQuery& q) {
  QF_ASSIGN_OR_RETURN(auto counts,
                      activities::CountActivities(q.db, q.period.first, q.period.last, q.units));
  QF_ASSIGN_OR_RETURN(Lines lines,
                      ReadLines(q.db,
                                "SELECT activity_id, held_on, unit_code, kind || '：' || "
                                "title FROM activities"));
  std::vector<ProvidedFigure> out;
  for (const activities::KindCount& k : counts.kinds) {
    const std::string id = "activities." + k.kind;
    out.push_back(Figure(id + ".count", k.activities, "activity", k.ids, lines));
    // The head count of a kind measured in 人次: those visited on a 走访, else those taking part.
    if (k.measure == "人次") {
      int64_t people = k.kind == "走访群众" ? k.visited : k.participants;
      out.push_back(Figure(id + ".people", people, "activity", k.ids, lines));
    }
    if (k.kind == "联合督查") {
      out.push_back(Figure(id + ".communities", k.communities, "activity", k.ids, lines));
    }
    if (k.kind == "制度机制") {
      out.push_back(
          Figure(id + ".established", k.established, "activity", k.established_ids, lines));
      out.push_back(Figure(id + ".revised", k.revised, "activity", k.revised_ids, lines));
    }
  }
  return out;
}

Result<std::vector<ProvidedFigure>> InstitutionFigures(const SourceQuery& q) {
  QF_ASSIGN_OR_RETURN(auto units, oversight::CountUnitsByKind(q.db, q.unit_code));
  QF_ASSIGN_OR_RETURN(auto reports, oversight::CountStationedReports(
                                        q.db, q.period.first, q.period.last, q.unit_code, q.as_of));
  QF_ASSIGN_OR_RETURN(
      Lines lines,
      ReadLines(q.db,
                "SELECT r.report_id, r.due_on, r.unit_code, COALESCE(u.name, r.unit_code) "
                "|| ' ' || r.period || ' 三为主一报告' FROM stationed_reports r LEFT JOIN "
                "units u ON u.code = r.unit_code"));
  std::vector<ProvidedFigure> out;
  for (auto [id, figure] : {std::pair{"units.stationed_group", &units.stationed_groups},
                            std::pair{"units.street_office", &units.street_offices}}) {
    ProvidedFigure f{id, figure->value, {}};
    for (const std::string& code : figure->codes)
      f.records.push_back({"unit", code, "", code, code, 0});
    out.push_back(std::move(f));
  }
  out.push_back(Figure("stationed_reports.due", reports.due.value, "stationed_report",
                       reports.due.ids, lines));
  out.push_back(Figure("stationed_reports.on_time", reports.on_time.value, "stationed_report",
                       reports.on_time.ids, lines));
  out.push_back(Figure("stationed_reports.overdue", reports.overdue.value, "stationed_report",
                       reports.overdue.ids, lines));
  return out;
}

Result<std::vector<ProvidedFigure>> CongressFigures(const SourceQuery& q) {
  QF_ASSIGN_OR_RETURN(auto c, oversight::CountCongressItems(q.db, q.period.first, q.period.last,
                                                            q.unit_code, q.as_of));
  QF_ASSIGN_OR_RETURN(Lines items, ReadLines(q.db,
                                             "SELECT item_id, received_on, '', title FROM "
                                             "congress_items"));
  QF_ASSIGN_OR_RETURN(Lines tasks,
                      ReadLines(q.db,
                                "SELECT t.task_id, t.due_on, t.unit_code, i.title || ' · "
                                "任务 ' || CAST(t.task_id AS TEXT) FROM congress_tasks t "
                                "JOIN congress_items i ON i.item_id = t.item_id"));
  return std::vector<ProvidedFigure>{
      Figure("congress.opinions", c.opinions.value, "congress_item", c.opinions.ids, items),
      Figure("congress.tasks", c.opinion_tasks.value, "congress_task", c.opinion_tasks.ids, tasks),
      Figure("congress.tasks_done", c.opinion_tasks_done.value, "congress_task",
             c.opinion_tasks_done.ids, tasks),
      Figure("suggestions.received", c.suggestions.value, "congress_item", c.suggestions.ids,
             items),
      Figure("suggestions.answered", c.suggestions_answered.value, "congress_item",
             c.suggestions_answered.ids, items),
      Figure("suggestions.satisfied", c.suggestions_satisfied.value, "congress_item",
             c.suggestions_satisfied.ids, items)};
}

}  // namespace

StatisticSources SupervisionSources() {
  return {ActivityFigures, InstitutionFigures, CongressFigures};
}

}  // namespace qf::report
