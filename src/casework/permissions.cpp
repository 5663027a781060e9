// The permission matrix. One table row per (action, role) that is allowed, with its scope;
// anything absent is refused.
#include "casework/permissions.h"

#include <fmt/format.h>

#include <algorithm>

namespace qf::casework {
namespace {

enum class Scope {
  kOwnUnit,  // target.unit_code is the actor's unit or below it
  kSentTo,   // one of target.sent_to is the actor's unit or below it
  kSystem,   // administrative: no target
};

struct Grant {
  Action action;
  Role role;
  Scope scope;
};

// 干部监督室 is not listed: on restricted items it may do every casework action, and nothing on
// other items (see Authorize).
constexpr Grant kGrants[] = {
    {Action::kViewClue, Role::kIntake, Scope::kOwnUnit},
    {Action::kViewClue, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewClue, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewClue, Role::kLiaison, Scope::kSentTo},
    // A 承办人 of the unit a clue was assigned to must read it to answer (核查反馈).
    {Action::kViewClue, Role::kHandler, Scope::kSentTo},
    {Action::kCreateClue, Role::kIntake, Scope::kOwnUnit},
    {Action::kProposeDisposal, Role::kHandler, Scope::kOwnUnit},
    {Action::kApproveDisposal, Role::kApprover, Scope::kOwnUnit},
    {Action::kAssignClue, Role::kHandler, Scope::kOwnUnit},
    {Action::kSubmitFeedback, Role::kLiaison, Scope::kSentTo},
    {Action::kSubmitFeedback, Role::kHandler, Scope::kSentTo},
    {Action::kReviewFeedback, Role::kHandler, Scope::kOwnUnit},
    {Action::kFileCase, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewCase, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewCase, Role::kApprover, Scope::kOwnUnit},
    {Action::kUpdateCase, Role::kHandler, Scope::kOwnUnit},
    {Action::kCloseCase, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewTransfer, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewTransfer, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewTransfer, Role::kLiaison, Scope::kSentTo},
    {Action::kManageTransfer, Role::kHandler, Scope::kOwnUnit},
    {Action::kRespondTransfer, Role::kLiaison, Scope::kSentTo},
    {Action::kRespondTransfer, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewRectification, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewRectification, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewRectification, Role::kLiaison, Scope::kSentTo},
    // A 承办人 of the unit an item was issued to must read it to submit its evidence.
    {Action::kViewRectification, Role::kHandler, Scope::kSentTo},
    {Action::kIssueRectification, Role::kHandler, Scope::kOwnUnit},
    {Action::kSubmitEvidence, Role::kLiaison, Scope::kSentTo},
    {Action::kSubmitEvidence, Role::kHandler, Scope::kSentTo},
    {Action::kVerifyRectification, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewStatistics, Role::kIntake, Scope::kOwnUnit},
    {Action::kViewStatistics, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewStatistics, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewFinding, Role::kIntake, Scope::kOwnUnit},
    {Action::kViewFinding, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewFinding, Role::kApprover, Scope::kOwnUnit},
    {Action::kReviewFinding, Role::kIntake, Scope::kOwnUnit},
    {Action::kReviewFinding, Role::kHandler, Scope::kOwnUnit},
    {Action::kReviewFinding, Role::kApprover, Scope::kOwnUnit},
    // Money stopped or recovered and a transfer are the 承办人's work, signed off by the leader;
    // a 受理员 may confirm or dismiss a finding but not book money against it.
    {Action::kRecordFindingOutcome, Role::kHandler, Scope::kOwnUnit},
    {Action::kRecordFindingOutcome, Role::kApprover, Scope::kOwnUnit},
    {Action::kViewPersonFile, Role::kIntake, Scope::kOwnUnit},
    {Action::kViewPersonFile, Role::kHandler, Scope::kOwnUnit},
    {Action::kViewPersonFile, Role::kApprover, Scope::kOwnUnit},
    // The domain and campaigns an item is counted under are the 承办人's judgement, or the
    // leader's; on restricted items, 干部监督室's alone (Authorize).
    {Action::kReclassify, Role::kHandler, Scope::kOwnUnit},
    {Action::kReclassify, Role::kApprover, Scope::kOwnUnit},
    {Action::kManageUnits, Role::kSystemAdmin, Scope::kSystem},
    {Action::kManageUsers, Role::kSystemAdmin, Scope::kSystem},
    {Action::kGrantRoles, Role::kSecurityAdmin, Scope::kSystem},
    {Action::kUnlockUser, Role::kSecurityAdmin, Scope::kSystem},
    {Action::kReadAudit, Role::kAuditAdmin, Scope::kSystem},
};

bool InScope(const UnitTree& tree, const Actor& actor, Scope scope, const Target& target) {
  switch (scope) {
    case Scope::kOwnUnit:
      return tree.Within(target.unit_code, actor.unit_code);
    case Scope::kSentTo:
      return std::any_of(target.sent_to.begin(), target.sent_to.end(),
                         [&](const std::string& u) { return tree.Within(u, actor.unit_code); });
    case Scope::kSystem:
      return true;
  }
  return false;
}

Result<void> Denied(const Actor& actor, Action action, std::string_view why) {
  return Fail(ErrorCode::kPermissionDenied,
              fmt::format("用户 {} 无权{}：{}", actor.username, ActionName(action), why));
}

}  // namespace

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kViewClue:
      return "查看线索";
    case Action::kCreateClue:
      return "受理线索";
    case Action::kProposeDisposal:
      return "提出处置意见";
    case Action::kApproveDisposal:
      return "审批处置意见";
    case Action::kAssignClue:
      return "交办线索";
    case Action::kSubmitFeedback:
      return "提交核查反馈";
    case Action::kReviewFeedback:
      return "审查核查反馈";
    case Action::kFileCase:
      return "立案";
    case Action::kViewCase:
      return "查看案件";
    case Action::kUpdateCase:
      return "办理案件";
    case Action::kCloseCase:
      return "审批结案";
    case Action::kViewTransfer:
      return "查看移送";
    case Action::kManageTransfer:
      return "办理线索移送";
    case Action::kRespondTransfer:
      return "接收或反馈移送";
    case Action::kViewRectification:
      return "查看整改";
    case Action::kIssueRectification:
      return "下发监察建议或整改事项";
    case Action::kSubmitEvidence:
      return "提交整改材料";
    case Action::kVerifyRectification:
      return "验收整改";
    case Action::kViewStatistics:
      return "查看统计";
    case Action::kViewFinding:
      return "查看比对发现";
    case Action::kReviewFinding:
      return "审核比对发现";
    case Action::kRecordFindingOutcome:
      return "登记比对发现处理结果";
    case Action::kViewPersonFile:
      return "查看一人一档";
    case Action::kReclassify:
      return "重新归类";
    case Action::kManageUnits:
      return "管理单位";
    case Action::kManageUsers:
      return "管理账号";
    case Action::kGrantRoles:
      return "授予角色";
    case Action::kUnlockUser:
      return "解锁账号";
    case Action::kReadAudit:
      return "查阅审计日志";
  }
  return "操作";
}

bool IsAdminAction(Action action) {
  return action == Action::kManageUnits || action == Action::kManageUsers ||
         action == Action::kGrantRoles || action == Action::kUnlockUser ||
         action == Action::kReadAudit;
}

namespace {
struct KindInfo {
  UnitKind kind;
  std::string_view code;
  std::string_view name;
};
constexpr KindInfo kKinds[] = {
    {UnitKind::kCommission, "commission", "纪委监委"},
    {UnitKind::kStationedGroup, "stationed_group", "派驻纪检监察组"},
    {UnitKind::kStreetOffice, "street_office", "街道监察办公室"},
    {UnitKind::kCommunity, "community", "社区"},
    {UnitKind::kDepartment, "department", "职能部门"},
    {UnitKind::kExternal, "external", "外部机关"},
};
}  // namespace

std::string_view UnitKindCode(UnitKind kind) {
  for (const KindInfo& info : kKinds) {
    if (info.kind == kind) return info.code;
  }
  return "commission";
}

std::optional<UnitKind> ParseUnitKind(std::string_view text) {
  for (const KindInfo& info : kKinds) {
    if (text == info.code || text == info.name) return info.kind;
  }
  return std::nullopt;
}

void UnitTree::Add(Unit unit) {
  std::string code = unit.code;
  units_[code] = std::move(unit);
}

const Unit* UnitTree::Find(std::string_view code) const {
  auto it = units_.find(code);
  return it == units_.end() ? nullptr : &it->second;
}

bool UnitTree::Within(std::string_view code, std::string_view ancestor) const {
  if (ancestor.empty()) return false;
  // Bounded walk: a cycle in bad data must not hang the server.
  for (std::size_t steps = 0; steps <= units_.size() && !code.empty(); ++steps) {
    if (code == ancestor) return true;
    const Unit* unit = Find(code);
    if (unit == nullptr) return false;
    code = unit->parent_code;
  }
  return false;
}

Result<void> AuthorizeAdmin(const Actor& actor, Action action) {
  return Authorize(UnitTree(), actor, action, Target());
}

Result<void> Authorize(const UnitTree& tree, const Actor& actor, Action action,
                       const Target& target) {
  if (!IsAdminAction(action) && target.restricted) {
    if (actor.Has(Role::kInternalSupervision)) return {};
    return Denied(actor, action, "该事项涉及本机关工作人员，仅干部监督室可以办理");
  }
  bool role_allowed = false;
  for (const Grant& grant : kGrants) {
    if (grant.action != action || !actor.Has(grant.role)) continue;
    role_allowed = true;
    if (InScope(tree, actor, grant.scope, target)) return {};
  }
  if (!role_allowed) return Denied(actor, action, "所持角色没有此项权限");
  return Denied(actor, action, "该事项不属于本单位（或未交办、移送给本单位）");
}

bool CanSee(const UnitTree& tree, const Actor& actor, Action view_action, const Target& target) {
  return Authorize(tree, actor, view_action, target).has_value();
}

}  // namespace qf::casework
