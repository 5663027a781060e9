// `qingfeng init`: creates the store, or migrates it to this build's schema. Safe to run again.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/stages.h"
#include "cli/trail.h"
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
  // The key file (ID-number encryption, audit chain) lives outside the database; creating it is
  // the store's first audit entry.
  Trail::Open(global, **db);
}

void AddInitCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("init", "创建数据库或升级其结构（可重复运行）");
  cmd->callback([&global]() { RunInitStage(global); });
}

}  // namespace qf::cli
