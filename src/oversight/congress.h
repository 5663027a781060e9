// The People's Congress: 审议意见 received from the standing committee, split into tasks each with
// its responsible unit and due day and answered by that unit; 代表建议 (deputies' suggestions),
// one task each, answered likewise and rated by the deputy (满意 / 基本满意 / 不满意). The status
// an opinion shows — "共3项，已办结2项" — is what the next work report cites.
//
//   CongressBook book(db, clock, cipher);
//   auto id = book.Create(clerk, {.kind = "opinion", .received_on = "2026-03-02",
//                                 .source = "区人大常委会第十二次会议", .doc_no =
//                                 "区人常审〔2026〕3号", .title = "……", .body = "……"});
//   auto task = book.AddTask(clerk, *id, {.unit_code = "street-01", .due_on = "2026-06-30",
//                                         .content = "……"});
//   book.Respond(street_staff, *task, {.response = "……", .done = true, .completed_on = ""});
//
// Who: the commission's 受理员 and 审核领导 (business roles in the unit of kind 区纪委监委)
// register items, split them into tasks and record a deputy's satisfaction; the commission sees
// everything. Another unit sees the items with a task assigned to its unit subtree, and of them
// only those tasks; the staff of a task's own unit answer it (another unit's task:
// kPermissionDenied; an item with no task the actor may see: kNotFound). Every change is audited in
// its transaction, on the item ("congress_item", its id): congress.opinion.create,
// congress.suggestion.create, congress.task.create, congress.task.respond,
// congress.suggestion.rate.
//
// Task status (computed against Beijing today): 未开始, 办理中, 已办结, 逾期 (not 已办结 and past
// its due day). Item status: 待交办 (no task yet), 已办结 (every task done), 逾期 (a task overdue),
// 办理中 (some task answered), 未开始.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "casework/roles.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::oversight {

inline constexpr std::string_view kOpinion = "opinion";        // 审议意见
inline constexpr std::string_view kSuggestion = "suggestion";  // 代表建议
std::string_view CongressKindLabel(std::string_view kind);     // 审议意见, 代表建议
// 满意, 基本满意, 不满意
inline constexpr std::string_view kSatisfactions[] = {"满意", "基本满意", "不满意"};

struct CongressTask {
  int64_t id = 0, item_id = 0;
  std::string unit_code, unit_name, due_on, content;
  std::string state;         // stored: not_started, in_progress, done
  std::string status;        // computed: not_started, in_progress, done, overdue
  std::string status_label;  // 未开始, 办理中, 已办结, 逾期
  bool overdue = false;
  std::string response, completed_on, responded_by, responded_at;
};

struct CongressItem {
  int64_t id = 0;
  std::string kind, kind_label;
  std::string received_on;
  std::string source;  // the session or meeting (审议意见), the deputy's name (代表建议)
  std::string doc_no;  // 文号 / 建议号
  std::string title, body, satisfaction, created_by;
  std::vector<CongressTask> tasks = {};  // those the actor may see
  int tasks_total = 0, tasks_done = 0, tasks_overdue = 0;
  std::string status_label = {};  // 待交办, 未开始, 办理中, 已办结, 逾期
  std::string summary = {};       // "共3项，已办结2项" (+ "，逾期1项")
};

struct NewCongressItem {
  std::string kind;  // kOpinion or kSuggestion
  std::string received_on, source, doc_no, title, body;
  // A suggestion's one task: its responsible unit and due day (ignored for an opinion).
  std::string unit_code = {}, due_on = {};
};

struct NewCongressTask {
  std::string unit_code, due_on, content;
};

struct TaskResponse {
  std::string response;
  bool done = false;              // 已办结; else 办理中
  std::string completed_on = {};  // defaults to Beijing today when done
};

// The status of a task in `state` due `due_on`, as of `today`.
std::string TaskStatus(const std::string& state, const std::string& due_on, Date today);
std::string TaskStatusLabel(const std::string& status);

class CongressBook {
 public:
  // All are borrowed and must outlive the book.
  CongressBook(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher)
      : db_(db), clock_(clock), cipher_(cipher) {}

  // Returns the item id. kInvalidArgument naming the field for a missing or malformed one.
  Result<int64_t> Create(const casework::Actor& actor, const NewCongressItem& item);
  // Returns the task id.
  Result<int64_t> AddTask(const casework::Actor& actor, int64_t item_id,
                          const NewCongressTask& task);
  Result<void> Respond(const casework::Actor& actor, int64_t task_id, const TaskResponse& response);
  // A suggestion whose tasks are all done: the deputy's 满意 / 基本满意 / 不满意.
  Result<void> Rate(const casework::Actor& actor, int64_t item_id, const std::string& satisfaction);
  // The items the actor may see ("" = both kinds), newest received first.
  Result<std::vector<CongressItem>> List(const casework::Actor& actor, std::string_view kind);
  Result<CongressItem> Get(const casework::Actor& actor, int64_t id);
  // Whether the actor may register items and split them into tasks.
  Result<bool> CanManage(const casework::Actor& actor);

 private:
  Result<std::vector<CongressItem>> Load(const casework::Actor& actor, std::string_view where,
                                         int64_t id);
  Result<CongressTask> TaskFor(const casework::Actor& actor, int64_t task_id, int64_t* item_id);

  store::Database& db_;
  const Clock& clock_;
  const crypto::FieldCipher& cipher_;
};

}  // namespace qf::oversight
