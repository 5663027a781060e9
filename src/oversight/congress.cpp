#include "oversight/congress.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "casework/sealed_text.h"
#include "core/result_macros.h"
#include "oversight/internal/common.h"
#include "store/query.h"

namespace qf::oversight {
namespace {

using casework::Actor;
using casework::Role;
using casework::UnitTree;

bool ManagesCongress(const UnitTree& tree, const Actor& actor) {
  return internal::IsCommissionStaff(tree, actor) &&
         (actor.Has(Role::kIntake) || actor.Has(Role::kApprover));
}

Error FieldError(std::string message, std::string field) {
  return Error(ErrorCode::kInvalidArgument, std::move(message)).WithField(std::move(field));
}

Result<const casework::Unit*> RequireUnit(const UnitTree& tree, const std::string& code) {
  const casework::Unit* unit = tree.Find(code);
  if (!unit) return std::unexpected(FieldError(fmt::format("单位 '{}' 不存在", code), "unit"));
  return unit;
}

void Roll(CongressItem& item) {
  item.tasks_total = static_cast<int>(item.tasks.size());
  int started = 0;
  for (const CongressTask& t : item.tasks) {
    item.tasks_done += t.state == "done";
    item.tasks_overdue += t.overdue;
    started += t.state != "not_started";
  }
  if (item.tasks.empty()) {
    item.status_label = "待交办";
  } else if (item.tasks_done == item.tasks_total) {
    item.status_label = "已办结";
  } else if (item.tasks_overdue > 0) {
    item.status_label = "逾期";
  } else {
    item.status_label = started > 0 ? "办理中" : "未开始";
  }
  item.summary = fmt::format("共{}项，已办结{}项", item.tasks_total, item.tasks_done);
  if (item.tasks_overdue > 0) item.summary += fmt::format("，逾期{}项", item.tasks_overdue);
}

// Loads every task by item, each with its computed status; texts are stored with their ID numbers
// sealed (casework/sealed_text.h) and opened in full or masked (`full`).
Result<std::map<int64_t, std::vector<CongressTask>>> LoadTasks(store::Database& db,
                                                               const UnitTree& tree, Date today,
                                                               const crypto::FieldCipher& cipher,
                                                               bool full) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT task_id, item_id, unit_code, due_on, "
                                            "content, state, response, completed_on, "
                                            "responded_by, responded_at FROM congress_tasks "
                                            "ORDER BY task_id"));
  std::map<int64_t, std::vector<CongressTask>> tasks;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    CongressTask t{.id = st->Int(0),
                   .item_id = st->Int(1),
                   .unit_code = st->Text(2),
                   .unit_name = internal::UnitName(tree, st->Text(2)),
                   .due_on = st->Text(3),
                   .content = casework::OpenIds(cipher, st->Text(4), full),
                   .state = st->Text(5),
                   .status = "",
                   .status_label = "",
                   .overdue = false,
                   .response = casework::OpenIds(cipher, st->Text(6), full),
                   .completed_on = st->Text(7),
                   .responded_by = st->Text(8),
                   .responded_at = st->Text(9)};
    t.status = TaskStatus(t.state, t.due_on, today);
    t.status_label = TaskStatusLabel(t.status);
    t.overdue = t.status == "overdue";
    tasks[t.item_id].push_back(std::move(t));
  }
  return tasks;
}

}  // namespace

std::string_view CongressKindLabel(std::string_view kind) {
  if (kind == kOpinion) return "审议意见";
  if (kind == kSuggestion) return "代表建议";
  return kind;
}

std::string TaskStatus(const std::string& state, const std::string& due_on, Date today) {
  if (state == "done") return "done";
  if (today.ToString() > due_on) return "overdue";
  return state;
}

std::string TaskStatusLabel(const std::string& status) {
  if (status == "not_started") return "未开始";
  if (status == "in_progress") return "办理中";
  if (status == "done") return "已办结";
  if (status == "overdue") return "逾期";
  return status;
}

Result<bool> CongressBook::CanManage(const Actor& actor) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  return ManagesCongress(tree, actor);
}

Result<int64_t> CongressBook::Create(const Actor& actor, const NewCongressItem& in) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  if (!ManagesCongress(tree, actor)) {
    return Fail(ErrorCode::kPermissionDenied, "只有区纪委监委的受理员、审核领导可以登记");
  }
  const bool suggestion = in.kind == kSuggestion;
  if (!suggestion && in.kind != kOpinion) {
    return std::unexpected(FieldError("类别须为审议意见或代表建议", "kind"));
  }
  QF_ASSIGN_OR_RETURN(std::string received,
                      internal::RequireDate(in.received_on, "received_on", "收到日期"));
  QF_ASSIGN_OR_RETURN(
      std::string source,
      internal::RequireText(in.source, "source", suggestion ? "代表姓名" : "会议名称"));
  QF_ASSIGN_OR_RETURN(std::string doc_no,
                      internal::RequireText(in.doc_no, "doc_no", suggestion ? "建议号" : "文号"));
  QF_ASSIGN_OR_RETURN(std::string title, internal::RequireText(in.title, "title", "标题"));
  QF_ASSIGN_OR_RETURN(std::string body, internal::RequireText(in.body, "body", "内容"));
  std::string due;
  if (suggestion) {
    QF_RETURN_IF_ERROR(RequireUnit(tree, in.unit_code));
    QF_ASSIGN_OR_RETURN(due, internal::RequireDate(in.due_on, "due_on", "办理期限"));
  }
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(
      int64_t id,
      store::Insert(db_,
                    "INSERT INTO congress_items (kind, received_on, source, doc_no, title, body, "
                    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    in.kind, received, source, doc_no, casework::SealIds(cipher_, title),
                    casework::SealIds(cipher_, body), actor.username, IsoUtc(clock_.NowSeconds())));
  if (suggestion) {
    QF_RETURN_IF_ERROR(store::Exec(db_,
                                   "INSERT INTO congress_tasks (item_id, unit_code, due_on, "
                                   "content) VALUES (?, ?, ?, ?)",
                                   id, in.unit_code, due, casework::SealIds(cipher_, title)));
  }
  QF_RETURN_IF_ERROR(
      internal::Audit(db_, clock_, cipher_, actor, fmt::format("congress.{}.create", in.kind),
                      "congress_item", std::to_string(id),
                      {{"kind", in.kind},
                       {"doc_no", doc_no},
                       {"received_on", received},
                       {"unit", in.unit_code},
                       {"summary", fmt::format("登记{}「{}」（{}）", CongressKindLabel(in.kind),
                                               casework::MaskIds(title), doc_no)}}));
  QF_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<int64_t> CongressBook::AddTask(const Actor& actor, int64_t item_id,
                                      const NewCongressTask& in) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  if (!ManagesCongress(tree, actor)) {
    return Fail(ErrorCode::kPermissionDenied, "只有区纪委监委的受理员、审核领导可以分解交办");
  }
  QF_ASSIGN_OR_RETURN(CongressItem item, Get(actor, item_id));
  if (item.kind != kOpinion) {
    return Fail(ErrorCode::kConflict, "代表建议登记时已确定承办单位，不再分解");
  }
  QF_ASSIGN_OR_RETURN(const casework::Unit* unit, RequireUnit(tree, in.unit_code));
  QF_ASSIGN_OR_RETURN(std::string due, internal::RequireDate(in.due_on, "due_on", "办理期限"));
  QF_ASSIGN_OR_RETURN(std::string content,
                      internal::RequireText(in.content, "content", "任务内容"));
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(
      int64_t id, store::Insert(db_,
                                "INSERT INTO congress_tasks (item_id, unit_code, "
                                "due_on, content) VALUES (?, ?, ?, ?)",
                                item_id, in.unit_code, due, casework::SealIds(cipher_, content)));
  QF_RETURN_IF_ERROR(internal::Audit(
      db_, clock_, cipher_, actor, "congress.task.create", "congress_item", std::to_string(item_id),
      {{"task_id", id},
       {"unit", in.unit_code},
       {"due_on", due},
       {"summary",
        fmt::format("交办{}：{}（{}前）", unit->name, casework::MaskIds(content), due)}}));
  QF_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<CongressTask> CongressBook::TaskFor(const Actor& actor, int64_t task_id, int64_t* item_id) {
  QF_ASSIGN_OR_RETURN(auto found, store::QueryInt(db_,
                                                  "SELECT item_id FROM congress_tasks WHERE "
                                                  "task_id = ?",
                                                  task_id));
  auto missing = Fail(ErrorCode::kNotFound, fmt::format("任务 {} 不存在", task_id));
  if (!found) return missing;
  *item_id = *found;
  auto item = Get(actor, *found);
  if (!item) return missing;
  for (CongressTask& t : item->tasks) {
    if (t.id == task_id) return std::move(t);
  }
  return missing;
}

Result<void> CongressBook::Respond(const Actor& actor, int64_t task_id, const TaskResponse& in) {
  int64_t item_id = 0;
  QF_ASSIGN_OR_RETURN(CongressTask task, TaskFor(actor, task_id, &item_id));
  if (actor.unit_code != task.unit_code || !internal::HasBusinessRole(actor)) {
    return Fail(ErrorCode::kPermissionDenied,
                fmt::format("该任务由{}办理，只有其工作人员可以答复", task.unit_name));
  }
  if (task.state == "done") return Fail(ErrorCode::kConflict, "该任务已办结");
  QF_ASSIGN_OR_RETURN(std::string response,
                      internal::RequireText(in.response, "response", "办理情况"));
  std::string completed;
  if (in.done) {
    if (in.completed_on.empty()) {
      completed = Today(clock_).ToString();
    } else {
      QF_ASSIGN_OR_RETURN(completed,
                          internal::RequireDate(in.completed_on, "completed_on", "办结日期"));
    }
  }
  const char* state = in.done ? "done" : "in_progress";
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_RETURN_IF_ERROR(store::Exec(db_,
                                 "UPDATE congress_tasks SET state = ?, response = ?, "
                                 "completed_on = ?, responded_by = ?, responded_at = ? WHERE "
                                 "task_id = ?",
                                 state, casework::SealIds(cipher_, response), completed,
                                 actor.username, IsoUtc(clock_.NowSeconds()), task_id));
  QF_RETURN_IF_ERROR(internal::Audit(
      db_, clock_, cipher_, actor, "congress.task.respond", "congress_item",
      std::to_string(item_id),
      {{"task_id", task_id},
       {"state", state},
       {"completed_on", completed},
       {"summary", fmt::format("{}答复：{}（{}）", task.unit_name, casework::MaskIds(response),
                               in.done ? "已办结" : "办理中")}}));
  return tx->Commit();
}

Result<void> CongressBook::Rate(const Actor& actor, int64_t item_id,
                                const std::string& satisfaction) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  if (!ManagesCongress(tree, actor)) {
    return Fail(ErrorCode::kPermissionDenied, "只有区纪委监委的受理员、审核领导可以登记代表满意度");
  }
  QF_ASSIGN_OR_RETURN(CongressItem item, Get(actor, item_id));
  if (item.kind != kSuggestion) return Fail(ErrorCode::kConflict, "只有代表建议登记满意度");
  if (std::find(std::begin(kSatisfactions), std::end(kSatisfactions), satisfaction) ==
      std::end(kSatisfactions)) {
    return std::unexpected(FieldError("满意度须为满意、基本满意或不满意", "satisfaction"));
  }
  if (item.tasks_total == 0 || item.tasks_done < item.tasks_total) {
    return Fail(ErrorCode::kConflict, "建议办结后才能登记代表满意度");
  }
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_RETURN_IF_ERROR(store::Exec(
      db_, "UPDATE congress_items SET satisfaction = ? WHERE item_id = ?", satisfaction, item_id));
  QF_RETURN_IF_ERROR(internal::Audit(
      db_, clock_, cipher_, actor, "congress.suggestion.rate", "congress_item",
      std::to_string(item_id),
      {{"satisfaction", satisfaction},
       {"summary",
        fmt::format("代表{}对建议{}的答复：{}", item.source, item.doc_no, satisfaction)}}));
  return tx->Commit();
}

Result<std::vector<CongressItem>> CongressBook::Load(const Actor& actor, std::string_view where,
                                                     int64_t id) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  const bool all = internal::IsCommissionStaff(tree, actor);
  const bool full = casework::ShowsFullIds(actor);
  QF_ASSIGN_OR_RETURN(auto tasks, LoadTasks(db_, tree, Today(clock_), cipher_, full));
  const std::string sql = fmt::format(
      "SELECT item_id, kind, received_on, source, doc_no, title, body, satisfaction, created_by "
      "FROM congress_items {} ORDER BY received_on DESC, item_id DESC",
      where);
  auto st = where.empty() ? store::Query(db_, sql) : store::Query(db_, sql, id);
  if (!st) return std::unexpected(st.error());
  std::vector<CongressItem> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, (*st)->Step());
    if (!row) break;
    auto& s = **st;
    CongressItem item{.id = s.Int(0),
                      .kind = s.Text(1),
                      .kind_label = std::string(CongressKindLabel(s.Text(1))),
                      .received_on = s.Text(2),
                      .source = s.Text(3),
                      .doc_no = s.Text(4),
                      .title = casework::OpenIds(cipher_, s.Text(5), full),
                      .body = casework::OpenIds(cipher_, s.Text(6), full),
                      .satisfaction = s.Text(7),
                      .created_by = s.Text(8)};
    for (CongressTask& t : tasks[item.id]) {
      if (all || internal::InActorSubtree(tree, actor, t.unit_code)) item.tasks.push_back(t);
    }
    if (!all && item.tasks.empty()) continue;
    Roll(item);
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<CongressItem>> CongressBook::List(const Actor& actor, std::string_view kind) {
  QF_ASSIGN_OR_RETURN(auto items, Load(actor, "", 0));
  if (kind.empty()) return items;
  std::erase_if(items, [&](const CongressItem& i) { return i.kind != kind; });
  return items;
}

Result<CongressItem> CongressBook::Get(const Actor& actor, int64_t id) {
  QF_ASSIGN_OR_RETURN(auto items, Load(actor, "WHERE item_id = ?", id));
  if (items.empty()) return Fail(ErrorCode::kNotFound, fmt::format("事项 {} 不存在", id));
  return std::move(items.front());
}

}  // namespace qf::oversight
