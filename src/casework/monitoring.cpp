// Continuous monitoring (持续监测, issue 17): a new finding about a person who already is the
// subject of an open clue or case joins it, and the unit handling it gets a 待办.
#include <fmt/format.h>

#include "casework/casework_service.h"
#include "casework/internal/records.h"
#include "casework/internal/sql.h"
#include "core/money.h"
#include "core/result_macros.h"

namespace qf::casework {

using internal::Env;
using internal::Exec;
using internal::Insert;
using internal::Query;

namespace {

// A parked clue (暂存待查) waits for exactly this kind of new evidence, so it counts as open.
constexpr std::string_view kOpenClueStates =
    "('registered', 'pending_approval', 'in_disposal', 'pending_conclusion', 'shelved')";

struct NewFinding {
  std::string fingerprint, rule, id_number;
  int64_t amount = 0;
};

// The run's new findings about a person, not yet part of a clue or case.
Result<std::vector<NewFinding>> UnattachedNewFindings(store::Database& db, int64_t run_id) {
  QF_ASSIGN_OR_RETURN(
      auto st,
      Query(db,
            "SELECT fingerprint, rule, id_number, amount FROM findings WHERE status = 'new' AND "
            "last_seen_run = ? AND id_number <> '' AND fingerprint NOT IN (SELECT fingerprint "
            "FROM clue_findings) AND fingerprint NOT IN (SELECT fingerprint FROM case_findings) "
            "ORDER BY fingerprint",
            run_id));
  std::vector<NewFinding> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Int(3)});
  }
  return out;
}

// The oldest open clue or case naming the person: {"clue"|"case", id, unit}; kind empty if none.
struct Holder {
  std::string kind;
  int64_t id = 0;
  std::string unit_code;
};

Result<Holder> OpenHolderOf(const Env& env, const std::string& id_number) {
  const std::string index = env.cipher.Index(id_number);
  QF_ASSIGN_OR_RETURN(auto clue, Query(env.db,
                                       fmt::format("SELECT c.clue_id, c.unit_code FROM clues c "
                                                   "JOIN clue_subjects s ON s.clue_id = c.clue_id "
                                                   "WHERE s.id_number_index = ? AND c.status IN {} "
                                                   "ORDER BY c.clue_id LIMIT 1",
                                                   kOpenClueStates),
                                       index));
  QF_ASSIGN_OR_RETURN(bool has_clue, clue->Step());
  if (has_clue) return Holder{"clue", clue->Int(0), clue->Text(1)};
  QF_ASSIGN_OR_RETURN(auto kase, Query(env.db,
                                       "SELECT k.case_id, k.unit_code FROM cases k JOIN "
                                       "case_persons p ON p.case_id = k.case_id WHERE "
                                       "p.id_number_index = ? AND k.status <> 'closed' "
                                       "ORDER BY k.case_id LIMIT 1",
                                       index));
  QF_ASSIGN_OR_RETURN(bool has_case, kase->Step());
  if (has_case) return Holder{"case", kase->Int(0), kase->Text(1)};
  return Holder{};
}

Result<void> Attach(const Env& env, const Actor& system, const NewFinding& f, const Holder& h) {
  const bool clue = h.kind == "clue";
  QF_RETURN_IF_ERROR(Exec(env.db,
                          clue ? "INSERT INTO clue_findings(fingerprint, clue_id) VALUES (?, ?)"
                               : "INSERT INTO case_findings(fingerprint, case_id) VALUES (?, ?)",
                          f.fingerprint, h.id));
  // The summary names the rule and the money, never the person: a 待办 list is read by the whole
  // unit, the clue or case itself decides who may see whom.
  std::string summary =
      fmt::format("持续监测：新增比对发现 {}（{} 元），已并入{} {}", f.rule,
                  Money::FromFen(f.amount).ToYuanString(), clue ? "线索" : "案件", h.id);
  QF_ASSIGN_OR_RETURN(
      int64_t todo_id,
      Insert(env.db,
             "INSERT INTO todos(unit_code, kind, clue_id, case_id, fingerprint, summary, "
             "created_at) VALUES (?, 'finding_attached', ?, ?, ?, ?, ?)",
             h.unit_code, clue ? std::optional<int64_t>(h.id) : std::nullopt,
             clue ? std::nullopt : std::optional<int64_t>(h.id), f.fingerprint, summary,
             IsoUtc(env.clock.NowSeconds())));
  QF_ASSIGN_OR_RETURN(int64_t seq,
                      internal::Audit(env, system, "finding.attach", h.kind, h.id, nullptr,
                                      {{"fingerprint", f.fingerprint},
                                       {"rule", f.rule},
                                       {"todo", todo_id},
                                       {"unit", h.unit_code}}));
  (void)seq;
  return {};
}

// A todo is the actor's when they may see the clue or case it is about.
Result<bool> TodoVisible(const Env& env, const UnitTree& tree, const Actor& actor,
                         const Json& todo) {
  // A rectification item's 督办 is seen by whoever may see the item.
  if (std::string_view fp = todo.value("fingerprint", ""); fp.starts_with("rectification:")) {
    int64_t id = std::stoll(std::string(fp.substr(fp.find(':') + 1)));
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadRectification(env.db, id));
    return row &&
           CanSee(tree, actor, Action::kViewRectification, internal::RectificationTarget(*row));
  }
  if (todo.contains("clue_id")) {
    QF_ASSIGN_OR_RETURN(auto clue, internal::LoadClue(env.db, todo["clue_id"].get<int64_t>()));
    if (!clue) return false;
    QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(env.db, *clue));
    return CanSee(tree, actor, Action::kViewClue, target);
  }
  if (todo.contains("case_id")) {
    QF_ASSIGN_OR_RETURN(auto kase, internal::LoadCase(env.db, todo["case_id"].get<int64_t>()));
    return kase && CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(*kase));
  }
  return false;
}

}  // namespace

Result<Json> CaseworkService::AttachNewFindings(int64_t run_id) {
  const Actor system{.user_id = 0, .username = "持续监测", .roles = {}, .unit_code = "commission"};
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(std::vector<NewFinding> found, UnattachedNewFindings(db_, run_id));
  Json attached = Json::array();
  for (const NewFinding& f : found) {
    QF_ASSIGN_OR_RETURN(Holder holder, OpenHolderOf(env, f.id_number));
    if (holder.kind.empty()) continue;
    QF_RETURN_IF_ERROR(Attach(env, system, f, holder));
    attached.push_back({{"fingerprint", f.fingerprint}, {holder.kind, holder.id}});
  }
  QF_RETURN_IF_ERROR(tx->Commit());
  return Json{{"run_id", run_id}, {"attached", attached}};
}

Result<Json> CaseworkService::ListTodos(const Actor& actor) {
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                     "SELECT todo_id, kind, clue_id, case_id, fingerprint, "
                                     "summary, created_at, COALESCE(role, '') FROM todos WHERE "
                                     "unit_code = ? AND done_at IS NULL ORDER BY todo_id",
                                     actor.unit_code));
  Json todos = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    Json todo = {{"id", st->Int(0)},
                 {"kind", st->Text(1)},
                 {"fingerprint", st->Text(4)},
                 {"summary", st->Text(5)},
                 {"created_at", st->Text(6)}};
    if (!st->IsNull(2)) todo["clue_id"] = st->Int(2);
    if (!st->IsNull(3)) todo["case_id"] = st->Int(3);
    // A 待办 for one role (督办 for 审核领导) only to that role.
    if (std::string role = st->Text(7); !role.empty()) {
      auto wanted = ParseRole(role);
      if (!wanted || !actor.Has(*wanted)) continue;
    }
    QF_ASSIGN_OR_RETURN(bool visible, TodoVisible(env, tree, actor, todo));
    if (visible) todos.push_back(std::move(todo));
  }
  return Json{{"todos", todos}};
}

Result<Json> CaseworkService::CompleteTodo(const Actor& actor, int64_t todo_id) {
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(Json list, ListTodos(actor));
  const Json* todo = nullptr;
  for (const Json& t : list["todos"]) {
    if (t.value("id", int64_t{0}) == todo_id) todo = &t;
  }
  if (todo == nullptr) return std::unexpected(internal::NotFound("待办", todo_id, ""));
  QF_RETURN_IF_ERROR(Exec(db_, "UPDATE todos SET done_at = ?, done_by = ? WHERE todo_id = ?",
                          IsoUtc(clock_.NowSeconds()), actor.username, todo_id));
  QF_ASSIGN_OR_RETURN(int64_t seq,
                      internal::Audit(env, actor, "todo.done", "todo", todo_id, nullptr, *todo));
  (void)seq;
  QF_RETURN_IF_ERROR(tx->Commit());
  return Json{{"id", todo_id}, {"done", true}};
}

}  // namespace qf::casework
