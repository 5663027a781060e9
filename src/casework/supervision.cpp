// 督办 (issue 15 point 5): an open 交办核查 past its deadline escalates, once, to the 待办 of the
// 审核领导 of the unit it was assigned to.
#include <fmt/format.h>

#include "casework/casework_service.h"
#include "casework/internal/records.h"
#include "casework/internal/sql.h"
#include "core/result_macros.h"

namespace qf::casework {

using internal::Env;
using internal::Query;

Result<Json> CaseworkService::EscalateOverdue() {
  const Actor system{.user_id = 0, .username = "逾期督办", .roles = {}, .unit_code = "commission"};
  Env env{db_, clock_, cipher_};
  const Date today = Today(clock_);
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  struct Overdue {
    int64_t assignment = 0, clue = 0;
    std::string unit, due;
  };
  std::vector<Overdue> found;
  {
    // Deadlines are ISO dates, so text order is date order.
    QF_ASSIGN_OR_RETURN(auto st,
                        Query(db_,
                              "SELECT a.assignment_id, a.clue_id, a.unit_code, a.deadline FROM "
                              "assignments a WHERE a.status IN ('assigned', 'returned') AND "
                              "a.deadline < ? AND NOT EXISTS (SELECT 1 FROM todos t WHERE t.kind = "
                              "'supervise' AND t.fingerprint = 'assignment:' || "
                              "CAST(a.assignment_id AS TEXT)) ORDER BY a.assignment_id",
                              today.ToString()));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      found.push_back({st->Int(0), st->Int(1), st->Text(2), st->Text(3)});
    }
  }
  Json escalated = Json::array();
  for (const Overdue& o : found) {
    auto due = Date::Parse(o.due);
    int64_t days = due ? today.days() - due->days() : 0;
    std::string summary = fmt::format(
        "逾期督办：线索 {} 的交办核查已逾期 {} 天（期限 {}），请督促办理", o.clue, days, o.due);
    QF_ASSIGN_OR_RETURN(
        int64_t todo_id,
        internal::Insert(db_,
                         "INSERT INTO todos(unit_code, kind, clue_id, fingerprint, summary, "
                         "created_at, role) VALUES (?, 'supervise', ?, ?, ?, ?, 'approver')",
                         o.unit, o.clue, fmt::format("assignment:{}", o.assignment), summary,
                         IsoUtc(clock_.NowSeconds())));
    QF_RETURN_IF_ERROR(internal::Audit(env, system, "todo.supervise", "clue", o.clue, nullptr,
                                       {{"todo", todo_id},
                                        {"assignment", o.assignment},
                                        {"unit", o.unit},
                                        {"due", o.due},
                                        {"days_overdue", days}}));
    escalated.push_back(
        {{"assignment", o.assignment}, {"clue", o.clue}, {"unit", o.unit}, {"due", o.due}});
  }
  QF_RETURN_IF_ERROR(tx->Commit());
  return Json{{"today", today.ToString()}, {"escalated", escalated}};
}

}  // namespace qf::casework
