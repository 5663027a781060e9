// `qingfeng user add NAME --role ROLE [--unit CODE]`: creates a user (the bootstrap for the first
// administrators, and for scripted set-up). The password is read from stdin when stdin is not a
// terminal, else generated and printed once.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "casework/casework_service.h"
#include "cli/commands.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::cli {
namespace {

struct UserAddOptions {
  std::string username;
  std::vector<std::string> roles;
  std::string unit = "commission";
  std::string display_name;
  std::string id_number;
};

[[noreturn]] void Refuse(const std::string& message) {
  fmt::print(stderr, "{}\n", message);
  throw ExitWith(kExitRefused);
}

void RunUserAdd(const UserAddOptions& options, const GlobalOptions& global) {
  std::vector<casework::Role> roles;
  for (const std::string& item : options.roles) {
    auto parsed = casework::ParseRoleList(item);
    if (!parsed) {
      fmt::print(stderr, "无法识别的角色 '{}'：可用 ", item);
      for (casework::Role role : casework::kAllRoles) {
        fmt::print(stderr, "{}（{}） ", casework::RoleCode(role), casework::RoleName(role));
      }
      fmt::print(stderr, "\n");
      throw ExitWith(kExitUsage);
    }
    for (casework::Role role : *parsed) roles.push_back(role);
  }
  std::string password;
  if (isatty(STDIN_FILENO) != 1) {
    std::getline(std::cin, password);
    while (!password.empty() && (password.back() == '\r' || password.back() == ' ')) {
      password.pop_back();
    }
  }
  auto db = store::Open(global.db_url);
  if (!db) Refuse(db.error().message());
  if (auto version = store::Migrate(**db); !version) Refuse(version.error().message());
  std::string key_path = crypto::DefaultKeyFilePath(global.db_url);
  auto cipher = crypto::FieldCipher::FromKeyFile(key_path);
  if (!cipher) Refuse(cipher.error().message());
  qf::SystemClock clock;
  casework::CaseworkService service(**db, clock, *cipher);
  auto user = service.AddUserFromCli(
      options.username, options.display_name, roles, options.unit, password,
      options.id_number.empty() ? std::nullopt : std::optional<std::string>(options.id_number));
  if (!user) Refuse(user.error().message());
  fmt::print("已创建用户 {}（{}），单位 {}，角色 {}\n", (*user)["username"].get<std::string>(),
             (*user)["display_name"].get<std::string>(), (*user)["unit"].get<std::string>(),
             casework::RoleListCode(roles));
  if (user->contains("password")) {
    fmt::print("初始密码（只显示这一次，请妥善转交）：{}\n",
               (*user)["password"].get<std::string>());
  }
}

}  // namespace

void AddUserCommand(CLI::App& app, GlobalOptions& global) {
  auto* user = app.add_subcommand("user", "管理用户账号");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "创建用户：密码从标准输入读取，未提供则生成并显示一次");
  auto options = std::make_shared<UserAddOptions>();
  add->add_option("NAME", options->username, "用户名（字母、数字、_ . -）")->required();
  add->add_option("--role", options->roles,
                  "角色，可重复或用逗号分隔：intake 受理员、handler 承办人、approver 审核领导、"
                  "liaison 部门联络员、internal_supervision 干部监督室、system_admin 系统管理员、"
                  "security_admin 安全管理员、audit_admin 审计管理员")
      ->required();
  add->add_option("--unit", options->unit, "所属单位代码（默认 commission，即区纪委监委）");
  add->add_option("--display-name", options->display_name, "姓名（默认同用户名）");
  add->add_option("--id-number", options->id_number,
                  "身份证号（加密保存；用于识别涉及本机关工作人员的线索）");
  add->callback([options, &global]() { RunUserAdd(*options, global); });
}

}  // namespace qf::cli
