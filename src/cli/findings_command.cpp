// `qingfeng findings export [--out FILE]`: the current (not gone) findings in the export format
// of spec/dataset.md.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/trail.h"
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
    auto db = OpenMigratedStore(global);
    auto findings = engine::CurrentFindings(*db);
    if (!findings) {
      fmt::print(stderr, "{}\n", findings.error().message());
      throw ExitWith(kExitRefused);
    }
    std::ostringstream csv;
    engine::WriteFindingsCsv(csv, *findings);
    std::string bytes = std::move(csv).str();
    auto trail = Trail::Open(global, *db);
    auto entry = ExportEntry("findings.export", "findings", out->empty() ? "-" : *out, bytes,
                             {{"findings", findings->size()}});
    if (out->empty()) {
      trail->Record(*db, std::move(entry));
      std::cout << bytes;
      std::cout.flush();
      return;
    }
    WriteAuditedExport(*db, *trail, *out, bytes, std::move(entry));
    fmt::print(stderr, "已导出 {} 条比对发现到 {}\n", findings->size(), *out);
  });
}

}  // namespace qf::cli
