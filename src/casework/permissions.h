// Who may do what: the permission matrix (role × action × scope) and the unit tree it is scoped
// by. Pure functions over data, so the whole matrix is testable without a database.
//
//   UnitTree tree = ...;                         // LoadUnitTree(db) in casework_service.h
//   Target clue{.unit_code = "street-01", .sent_to = {"dept-civil"}, .restricted = false};
//   Result<void> ok = Authorize(tree, actor, Action::kProposeDisposal, clue);
//
// Scope: a role acts either on items owned by its unit or a unit below it (a street office sees
// its street and the communities in it; the district commission sees everything), or — the
// liaison — only on items sent to its unit. Restricted items (clues about the commission's own
// staff) are reachable by 干部监督室 alone, whatever the unit; to everyone else they do not exist.
// Administrators act on the system (units, accounts, roles, the audit log), never on case content.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casework/roles.h"
#include "core/result.h"

namespace qf::casework {

enum class Action {
  // Casework, scoped by a Target.
  kViewClue,
  kCreateClue,       // register a clue (also: promote findings) under the target unit
  kProposeDisposal,  // 拟办: propose one of the four disposal types
  kApproveDisposal,  // 审批: sign off or reject the proposal
  kAssignClue,       // 交办: send to a unit for verification, with a deadline
  kSubmitFeedback,   // 核查反馈: the assigned unit answers
  kReviewFeedback,   // accept the feedback or return it for more
  kFileCase,         // 立案
  kViewCase,
  kUpdateCase,  // persons, outcomes, recoveries, links, investigation steps
  kCloseCase,   // 结案 (and sending a case back for more investigation)
  kViewTransfer,
  kManageTransfer,   // send to / receive from an external organ, record the outcome
  kRespondTransfer,  // the receiving side acknowledges and gives feedback
  kViewRectification,
  kIssueRectification,   // 监察建议 / 整改事项
  kSubmitEvidence,       // the unit reports its rectification done
  kVerifyRectification,  // 验收销号, or send back
  kViewStatistics,
  kViewFinding,           // open a comparison finding and its evidence
  kReviewFinding,         // 审核: confirm, dismiss or reopen a finding
  kRecordFindingOutcome,  // a finding's money outcome: 止付, 追回, or 移送
  kViewPersonFile,  // 一人一档: open one person's file (target: the person's community unit)
  kReclassify,  // 重新归类: change an item's domain (领域) and special-campaign tags (专项)
  // Administration, not scoped.
  kManageUnits,
  kManageUsers,
  kGrantRoles,
  kUnlockUser,
  kReadAudit,
};

inline constexpr Action kAllActions[] = {Action::kViewClue,          Action::kCreateClue,
                                         Action::kProposeDisposal,   Action::kApproveDisposal,
                                         Action::kAssignClue,        Action::kSubmitFeedback,
                                         Action::kReviewFeedback,    Action::kFileCase,
                                         Action::kViewCase,          Action::kUpdateCase,
                                         Action::kCloseCase,         Action::kViewTransfer,
                                         Action::kManageTransfer,    Action::kRespondTransfer,
                                         Action::kViewRectification, Action::kIssueRectification,
                                         Action::kSubmitEvidence,    Action::kVerifyRectification,
                                         Action::kViewStatistics,    Action::kViewFinding,
                                         Action::kReviewFinding,     Action::kRecordFindingOutcome,
                                         Action::kViewPersonFile,    Action::kReclassify,
                                         Action::kManageUnits,       Action::kManageUsers,
                                         Action::kGrantRoles,        Action::kUnlockUser,
                                         Action::kReadAudit};

// "提出处置意见" ...: for error messages.
std::string_view ActionName(Action action);
bool IsAdminAction(Action action);

enum class UnitKind {
  kCommission,      // 区纪委监委
  kStationedGroup,  // 派驻纪检监察组
  kStreetOffice,    // 街道监察办公室
  kCommunity,       // 社区
  kDepartment,      // 职能部门
  kExternal,        // 公安、检察院、法院、扫黑办、审计
};
std::string_view UnitKindCode(UnitKind kind);                  // "commission" ...
std::optional<UnitKind> ParseUnitKind(std::string_view text);  // code or 中文 name

struct Unit {
  std::string code;
  std::string name;
  UnitKind kind = UnitKind::kCommission;
  std::string parent_code;  // "" for a root
};

class UnitTree {
 public:
  void Add(Unit unit);
  const Unit* Find(std::string_view code) const;
  // True when `code` is `ancestor` or lies below it.
  bool Within(std::string_view code, std::string_view ancestor) const;
  const std::map<std::string, Unit, std::less<>>& units() const { return units_; }

 private:
  std::map<std::string, Unit, std::less<>> units_;
};

// What an action is performed on.
struct Target {
  std::string unit_code;             // the unit that owns (handles) the item
  std::vector<std::string> sent_to;  // units it was sent to: assignments, rectification, transfers
  bool restricted = false;
};

// Ok, or kPermissionDenied naming the action and why.
Result<void> Authorize(const UnitTree& tree, const Actor& actor, Action action,
                       const Target& target);
// Authorize for administrative actions (no target).
Result<void> AuthorizeAdmin(const Actor& actor, Action action);
// Whether the actor may see the item at all (kViewClue / kViewCase / ... semantics). Services
// answer kNotFound, not kPermissionDenied, for an item the actor may not see, so that restricted
// items do not reveal that they exist.
bool CanSee(const UnitTree& tree, const Actor& actor, Action view_action, const Target& target);

}  // namespace qf::casework
