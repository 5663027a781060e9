// Role names and the separation-of-duties check.
#include "casework/roles.h"

#include <algorithm>

namespace qf::casework {
namespace {

struct RoleInfo {
  Role role;
  std::string_view code;
  std::string_view name;
};

constexpr RoleInfo kRoleInfo[] = {
    {Role::kIntake, "intake", "受理员"},
    {Role::kHandler, "handler", "承办人"},
    {Role::kApprover, "approver", "审核领导"},
    {Role::kLiaison, "liaison", "部门联络员"},
    {Role::kInternalSupervision, "internal_supervision", "干部监督室"},
    {Role::kSystemAdmin, "system_admin", "系统管理员"},
    {Role::kSecurityAdmin, "security_admin", "安全管理员"},
    {Role::kAuditAdmin, "audit_admin", "审计管理员"},
};

const RoleInfo& Info(Role role) {
  for (const RoleInfo& info : kRoleInfo) {
    if (info.role == role) return info;
  }
  return kRoleInfo[0];  // unreachable: every enumerator is in the table
}

}  // namespace

std::string_view RoleName(Role role) { return Info(role).name; }
std::string_view RoleCode(Role role) { return Info(role).code; }

std::optional<Role> ParseRole(std::string_view text) {
  for (const RoleInfo& info : kRoleInfo) {
    if (text == info.code || text == info.name) return info.role;
  }
  return std::nullopt;
}

bool IsAdminRole(Role role) {
  return role == Role::kSystemAdmin || role == Role::kSecurityAdmin || role == Role::kAuditAdmin;
}

std::string RoleListCode(const std::vector<Role>& roles) {
  std::string out;
  for (Role role : roles) {
    if (!out.empty()) out += ',';
    out += RoleCode(role);
  }
  return out;
}

std::optional<std::vector<Role>> ParseRoleList(std::string_view text) {
  std::vector<Role> roles;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    auto role = ParseRole(item);
    if (!role) return std::nullopt;
    if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return roles;
}

std::string RoleSeparationProblem(const std::vector<Role>& roles) {
  if (roles.empty()) return "至少需要一个角色";
  int admins = 0;
  for (Role role : roles) admins += IsAdminRole(role) ? 1 : 0;
  if (admins > 1) return "系统管理员、安全管理员、审计管理员三员分立，不能由同一账号兼任";
  if (admins == 1 && roles.size() > 1) {
    return "管理员账号不能同时担任业务角色（管理员不得接触案件内容）";
  }
  return "";
}

bool Actor::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool ShowsFullIds(const Actor& actor) {
  return actor.Has(Role::kHandler) || actor.Has(Role::kInternalSupervision);
}

}  // namespace qf::casework
