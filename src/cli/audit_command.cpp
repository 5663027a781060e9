// `qingfeng audit verify`: recomputes the audit log's SM3 hash chain; exit status 1 naming the
// first broken entry.
#include <fmt/format.h>

#include "casework/audit_log.h"
#include "cli/commands.h"
#include "store/database.h"

namespace qf::cli {

void AddAuditCommand(CLI::App& app, GlobalOptions& global) {
  auto* audit = app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  auto* verify =
      audit->add_subcommand("verify", "校验审计日志的 SM3 哈希链，指出第一条被改动的记录");
  verify->callback([&global]() {
    auto db = store::Open(global.db_url);
    if (!db) {
      fmt::print(stderr, "{}\n", db.error().message());
      throw ExitWith(kExitRefused);
    }
    auto report = casework::VerifyAuditLog(**db);
    if (!report) {
      fmt::print(stderr, "{}\n", report.error().message());
      throw ExitWith(kExitRefused);
    }
    if (!report->ok) {
      fmt::print(stderr, "审计日志校验失败：{}\n（此前 {} 条完好）\n", report->problem,
                 report->entries);
      throw ExitWith(kExitRefused);
    }
    fmt::print("审计日志完整：共 {} 条，SM3 哈希链校验通过\n", report->entries);
  });
}

}  // namespace qf::cli
