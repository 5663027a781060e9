// Roles and the Actor: who is calling a casework service method.
//
// Five business roles and the three separated administrators (三员分立). A user holds one or
// more business roles, or exactly one administrator role: an administrator never also holds a
// business role, so no administrator can read case content, and no administrator can do
// another's job.
//
//   Actor actor{.user_id = 7, .username = "wangwu", .roles = {Role::kHandler},
//               .unit_code = "street-01"};
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qf::casework {

enum class Role {
  kIntake,    // 受理员: registers clues
  kHandler,   // 承办人: handles clues and cases
  kApprover,  // 审核领导: signs off disposals, files and closes cases, closes rectification
  kLiaison,   // 部门联络员: sees and answers only what was sent to its unit
  kInternalSupervision,  // 干部监督室: the only role that sees clues about the commission's staff
  kSystemAdmin,          // 系统管理员: units and accounts
  kSecurityAdmin,        // 安全管理员: role grants, unlocking
  kAuditAdmin,           // 审计管理员: reads and verifies the audit log
};

inline constexpr Role kAllRoles[] = {Role::kIntake,
                                     Role::kHandler,
                                     Role::kApprover,
                                     Role::kLiaison,
                                     Role::kInternalSupervision,
                                     Role::kSystemAdmin,
                                     Role::kSecurityAdmin,
                                     Role::kAuditAdmin};

// "承办人" ...
std::string_view RoleName(Role role);
// "handler" ... (the API and the roles column use these)
std::string_view RoleCode(Role role);
// Accepts the code or the Chinese name.
std::optional<Role> ParseRole(std::string_view text);
bool IsAdminRole(Role role);

// "handler,approver" <-> roles. ParseRoleList returns nullopt on an unknown name.
std::string RoleListCode(const std::vector<Role>& roles);
std::optional<std::vector<Role>> ParseRoleList(std::string_view text);

// Why `roles` may not be held together (三员分立), or "" when they may. Also refuses an empty list.
std::string RoleSeparationProblem(const std::vector<Role>& roles);

struct Actor {
  int64_t user_id = 0;
  std::string username;
  std::vector<Role> roles;
  std::string unit_code;

  bool Has(Role role) const;
};

// The one rule for ID numbers on screen and in exports: the role needs the full number (承办人
// investigates; 干部监督室 handles restricted items); every other role sees it masked.
bool ShowsFullIds(const Actor& actor);

}  // namespace qf::casework
