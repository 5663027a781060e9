// 督办 (issue 15 point 5): an open item past its deadline escalates, once, to a 审核领导's 待办 —
// a 交办核查 (assignment) not yet answered to the leader of the unit it was assigned to, and a
// rectification item (整改事项) still 已下发 with no evidence submitted to the leader of the unit
// that issued it, who presses the responsible unit (a department has no 审核领导 of its own here).
#include <fmt/format.h>

#include <optional>

#include "casework/casework_service.h"
#include "casework/internal/records.h"
#include "casework/internal/sql.h"
#include "core/result_macros.h"

namespace qf::casework {

using internal::Env;
using internal::Query;

namespace {

struct OverdueItem {
  std::string kind;  // "assignment", "rectification": with the id, the todo's fingerprint
  int64_t id = 0;
  std::optional<int64_t> clue, kase;
  std::string unit, due, what;  // unit: whose leader is told; what: the item in the 待办's words
  std::string Fingerprint() const { return fmt::format("{}:{}", kind, id); }
};

// Runs `sql` (columns: id, clue_id, case_id, the leader's unit, due date, description; one `?` for
// today) and keeps the rows not yet escalated. Deadlines are ISO dates: text order is date order.
Result<void> Collect(store::Database& db, std::string_view kind, const std::string& sql,
                     const Date& today, std::vector<OverdueItem>& found) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, today.ToString()));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return {};
    OverdueItem o;
    o.kind = kind;
    o.id = st->Int(0);
    if (!st->IsNull(1)) o.clue = st->Int(1);
    if (!st->IsNull(2)) o.kase = st->Int(2);
    o.unit = st->Text(3);
    o.due = st->Text(4);
    o.what = st->Text(5);
    found.push_back(std::move(o));
  }
}

constexpr std::string_view kNotEscalated =
    " AND NOT EXISTS (SELECT 1 FROM todos t WHERE t.kind = 'supervise' AND t.fingerprint = ";

Result<std::vector<OverdueItem>> FindOverdue(store::Database& db, const Date& today) {
  std::vector<OverdueItem> found;
  QF_RETURN_IF_ERROR(Collect(
      db, "assignment",
      fmt::format("SELECT a.assignment_id, a.clue_id, NULL, a.unit_code, a.deadline, '线索 ' || "
                  "CAST(a.clue_id AS TEXT) || ' 的交办核查' FROM assignments a WHERE a.status IN "
                  "('assigned', 'returned') AND a.deadline < ?{}'assignment:' || "
                  "CAST(a.assignment_id AS TEXT)) ORDER BY a.assignment_id",
                  kNotEscalated),
      today, found));
  QF_RETURN_IF_ERROR(Collect(
      db, "rectification",
      fmt::format("SELECT r.rectification_id, r.clue_id, r.case_id, r.issuing_unit, r.due_date, "
                  "'整改事项 ' || CAST(r.rectification_id AS TEXT) || '（责任单位：' || "
                  "COALESCE(u.name, r.unit_code) || '）' FROM rectifications r LEFT JOIN units u "
                  "ON u.code = r.unit_code WHERE r.status = 'issued' AND r.due_date < ?{}"
                  "'rectification:' || CAST(r.rectification_id AS TEXT)) ORDER BY "
                  "r.rectification_id",
                  kNotEscalated),
      today, found));
  return found;
}

}  // namespace

Result<Json> CaseworkService::EscalateOverdue() {
  const Actor system{.user_id = 0, .username = "逾期督办", .roles = {}, .unit_code = "commission"};
  Env env{db_, clock_, cipher_};
  const Date today = Today(clock_);
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(std::vector<OverdueItem> found, FindOverdue(db_, today));
  Json escalated = Json::array();
  for (const OverdueItem& o : found) {
    auto due = Date::Parse(o.due);
    int64_t days = due ? today.days() - due->days() : 0;
    std::string summary =
        fmt::format("逾期督办：{}已逾期 {} 天（期限 {}），请督促办理", o.what, days, o.due);
    QF_ASSIGN_OR_RETURN(
        int64_t todo_id,
        internal::Insert(db_,
                         "INSERT INTO todos(unit_code, kind, clue_id, case_id, fingerprint, "
                         "summary, created_at, role) VALUES (?, 'supervise', ?, ?, ?, ?, ?, "
                         "'approver')",
                         o.unit, o.clue, o.kase, o.Fingerprint(), summary,
                         IsoUtc(clock_.NowSeconds())));
    Json item = {{"todo", todo_id}, {o.kind, o.id}, {"unit", o.unit}, {"due", o.due}};
    if (o.clue) item["clue"] = *o.clue;
    if (o.kase) item["case"] = *o.kase;
    Json audited = item;
    audited["days_overdue"] = days;
    // An assignment's 督办 is part of its clue's 流转记录.
    const bool on_clue = o.kind == "assignment";
    QF_RETURN_IF_ERROR(internal::Audit(env, system, "todo.supervise", on_clue ? "clue" : o.kind,
                                       on_clue ? *o.clue : o.id, nullptr, audited));
    escalated.push_back(std::move(item));
  }
  QF_RETURN_IF_ERROR(tx->Commit());
  return Json{{"today", today.ToString()}, {"escalated", escalated}};
}

}  // namespace qf::casework
