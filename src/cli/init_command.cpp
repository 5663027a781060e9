// `qingfeng init`: creates the store, or migrates it to this build's schema. Safe to run again.
#include <fmt/format.h>

#include "casework/crypto.h"
#include "cli/commands.h"
#include "cli/stages.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::cli {

void RunInitStage(const GlobalOptions& global) {
  auto db = store::Open(global.db_url);
  if (!db) {
    fmt::print(stderr, "{}\n", db.error().message());
    throw ExitWith(kExitRefused);
  }
  auto version = store::Migrate(**db);
  if (!version) {
    fmt::print(stderr, "{}\n", version.error().message());
    throw ExitWith(kExitRefused);
  }
  fmt::print("数据库已就绪：{}，结构版本 {}\n", store::DisplayUrl(global.db_url), *version);
  // The key that encrypts ID numbers in casework tables lives outside the database.
  std::string key_path = casework::DefaultKeyFilePath(global.db_url);
  auto created = casework::EnsureKeyFile(key_path);
  if (!created) {
    fmt::print(stderr, "{}\n", created.error().message());
    throw ExitWith(kExitRefused);
  }
  if (*created) {
    fmt::print("已生成字段加密密钥 {}（请备份：丢失后已加密的身份证号无法解密）\n", key_path);
  }
}

void AddInitCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("init", "创建数据库或升级其结构（可重复运行）");
  cmd->callback([&global]() { RunInitStage(global); });
}

}  // namespace qf::cli
