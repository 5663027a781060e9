// `qingfeng findings export [--out FILE]`: the current (not gone) findings in the export format
// of spec/dataset.md.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "core/atomic_file.h"
#include "engine/finding.h"
#include "engine/findings_store.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::cli {

void AddFindingsCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("findings", "比对发现");
  cmd->require_subcommand(1);
  auto out = std::make_shared<std::string>();
  auto* exp = cmd->add_subcommand("export", "导出当前的比对发现（CSV）");
  exp->add_option("--out", *out, "导出文件（默认写到标准输出）");
  exp->callback([&global, out]() {
    auto db = store::Open(global.db_url);
    if (!db) {
      fmt::print(stderr, "{}\n", db.error().message());
      throw ExitWith(kExitRefused);
    }
    if (auto v = store::Migrate(**db); !v) {
      fmt::print(stderr, "{}\n", v.error().message());
      throw ExitWith(kExitRefused);
    }
    auto findings = engine::CurrentFindings(**db);
    if (!findings) {
      fmt::print(stderr, "{}\n", findings.error().message());
      throw ExitWith(kExitRefused);
    }
    if (out->empty()) {
      engine::WriteFindingsCsv(std::cout, *findings);
      std::cout.flush();
      return;
    }
    // Beside the destination, then renamed onto it: never half a file under its name.
    AtomicFile target(*out);
    std::ofstream file(target.temp_path(), std::ios::binary | std::ios::trunc);
    if (file) engine::WriteFindingsCsv(file, *findings);
    file.close();
    if (!file || !target.Commit()) {
      fmt::print(stderr, "无法写入 {}\n", *out);
      throw ExitWith(kExitRefused);
    }
    fmt::print(stderr, "已导出 {} 条比对发现到 {}\n", findings->size(), *out);
  });
}

}  // namespace qf::cli
