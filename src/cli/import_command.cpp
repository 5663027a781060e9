// `qingfeng import PATH... [--skip-invalid] [--replace] [--as-of DATE]`: imports canonical tables
// (spec/cli.md). Prints one summary line per table, lists rejected rows on stderr, and exits 1 when
// a table was refused (any row rejected) or a file could not be read. With --skip-invalid the valid
// rows are applied, the rejected ones go to ./rejected.csv, and the exit status is 0 unless a file
// failed. With --replace each file is the full extract: stored rows it lacks are removed (and a
// rejected row refuses the table, --skip-invalid notwithstanding).
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/stages.h"
#include "cli/trail.h"
#include "core/date.h"
#include "ingest/importer.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::cli {
namespace {

constexpr size_t kErrorsShownPerTable = 100;
constexpr const char* kRejectedFile = "rejected.csv";

void DrawProgress(const ingest::ImportProgress& p) {
  double rate = p.seconds > 0 ? static_cast<double>(p.rows) / p.seconds : 0;
  std::string eta = "--";
  if (p.bytes_read > 0 && p.bytes_total > p.bytes_read && p.seconds > 0) {
    double left = p.seconds * static_cast<double>(p.bytes_total - p.bytes_read) /
                  static_cast<double>(p.bytes_read);
    eta = fmt::format("{:.0f} 秒", left);
  }
  int percent = p.bytes_total > 0 ? static_cast<int>(100 * p.bytes_read / p.bytes_total) : 0;
  fmt::print(stderr, "\r\033[K{}：{}%，{} 行，{:.0f} 行/秒，剩余约 {}", p.file, percent, p.rows,
             rate, eta);
  std::fflush(stderr);
}

}  // namespace

void RunImportStage(const GlobalOptions& global, const std::vector<std::string>& paths,
                    bool skip_invalid, bool replace, const std::string& as_of) {
  ingest::ImportOptions import;
  import.as_of = ParseAsOfOption(as_of);
  auto db = OpenMigratedStore(global);
  auto trail = Trail::Open(global, *db);
  import.skip_invalid = skip_invalid;
  import.replace = replace;
  if (skip_invalid) import.rejected_path = kRejectedFile;
  import.imported_by = trail->actor();
  import.recorder = &trail->recorder();
  const bool terminal = StderrIsTerminal();
  if (terminal) import.on_progress = DrawProgress;
  auto report = ingest::ImportPaths(*db, paths, import);
  if (terminal) fmt::print(stderr, "\r\033[K");
  if (!report) {
    fmt::print(stderr, "{}\n", report.error().message());
    throw ExitWith(kExitRefused);
  }
  for (const auto& table : report->tables) {
    if (!table.file_error.empty()) fmt::print(stderr, "{}\n", table.file_error);
    size_t shown = 0;
    for (const auto& error : table.errors) {
      if (shown++ == kErrorsShownPerTable) break;
      fmt::print(stderr, "{}\n", ingest::DescribeRowError(error));
    }
    if (table.rows_rejected > 0 && table.errors.size() > kErrorsShownPerTable) {
      fmt::print(
          stderr, "……还有更多被拒绝的行{}\n",
          skip_invalid ? "，全部见 rejected.csv" : "；用 --skip-invalid 可全部写入 rejected.csv");
    }
    fmt::print("{}\n", ingest::SummaryLine(table));
  }
  if (skip_invalid && report->RowsRejected() > 0) {
    fmt::print(stderr, "被拒绝的 {} 行已写入 {}\n", report->RowsRejected(), kRejectedFile);
  }
  // With --skip-invalid, skipped rows are what was asked for: only a table that could not be
  // applied at all makes the import fail.
  for (const auto& table : report->tables) {
    if (table.outcome == ingest::TableOutcome::kRefused ||
        table.outcome == ingest::TableOutcome::kFailed) {
      throw ExitWith(kExitRefused);
    }
  }
}

void AddImportCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand(
      "import", "导入标准数据表（文件夹或 .csv/.xlsx 文件）；每张表要么整表导入，要么不导入");
  struct Options {
    std::vector<std::string> paths;
    bool skip_invalid = false;
    bool replace = false;
    std::string as_of;
  };
  auto options = std::make_shared<Options>();
  cmd->add_option("PATH", options->paths, "文件夹或文件")->required();
  cmd->add_flag("--skip-invalid", options->skip_invalid,
                "导入有效行，跳过被拒绝的行并写入当前目录的 rejected.csv");
  cmd->add_flag("--replace", options->replace,
                "每个文件是主管部门的全量数据：库中有而文件中没有的行被删除（计数、审计并报告）");
  cmd->add_option("--as-of", options->as_of,
                  "数据基准日（默认今天）：出生日期或发放日期晚于它的行被拒绝");
  cmd->callback([&global, options]() {
    RunImportStage(global, options->paths, options->skip_invalid, options->replace,
                   options->as_of);
  });
}

}  // namespace qf::cli
