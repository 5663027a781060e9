// `qingfeng screen BATCH [--as-of DATE] [--out FILE] [--findings FILE]`: screens a payment batch
// before it is paid (spec/cli.md, docs/screening.md). Writes one decision per payment (通过 / 暂停)
// to FILE or stdout, the findings the batch would take part in to --findings, a summary to stderr.
// Exit 0 whatever the decisions; 1 when the batch itself is refused or the store fails; 2 for a
// usage error. The screening is recorded in the audit log (screen.run) with the SHA-256 of the
// batch and of each file written.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "cli/trail.h"
#include "core/atomic_file.h"
#include "core/date.h"
#include "core/money.h"
#include "crypto/crypto.h"
#include "engine/snapshot.h"
#include "engine/snapshot_file.h"
#include "engine/thresholds.h"
#include "ingest/importer.h"
#include "screening/screen.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::cli {
namespace {

struct ScreenArgs {
  std::string batch, as_of, out, findings, config = "config/rules.toml";
  int threads = 0;
};

void PrintRefusal(const ingest::TableReport& batch) {
  if (!batch.file_error.empty()) fmt::print(stderr, "{}\n", batch.file_error);
  size_t shown = 0;
  for (const auto& error : batch.errors) {
    if (shown++ == 100) break;
    fmt::print(stderr, "{}\n", ingest::DescribeRowError(error));
  }
  fmt::print(stderr, "该批次被拒绝（{} 行有误），未做比对；请更正后重新提交\n",
             batch.rows_rejected);
}

void PrintSummary(const screening::Screening& s) {
  fmt::print(stderr, "发放前比对：批次 {} 行，通过 {} 行，暂停 {} 行（{} 元），比对基准日 {}\n",
             s.rows.size(), static_cast<int64_t>(s.rows.size()) - s.HeldRows(), s.HeldRows(),
             Money::FromFen(s.HeldAmount()).ToYuanString(), Date::FromDays(s.as_of).ToString());
  std::map<std::string, int64_t> held_by_rule;
  for (const auto& row : s.rows) {
    for (const auto& rule : row.rules) ++held_by_rule[rule];
  }
  for (const auto& [rule, n] : held_by_rule) fmt::print(stderr, "  {}：暂停 {} 行\n", rule, n);
  for (const auto& skipped : s.skipped) fmt::print(stderr, "  未运行 {}\n", skipped);
  fmt::print(
      stderr,
      "用时：校验批次 {:.2f} 秒，载入快照 {:.2f} 秒，筛出涉及人员 {:.2f} 秒，精确比对 {:.2f} 秒\n",
      s.seconds.validate, s.seconds.ledger, s.seconds.detect, s.seconds.judge);
}

void WriteFile(const std::string& path, const std::string& bytes) {
  AtomicFile target(path);
  std::ofstream file(target.temp_path(), std::ios::binary | std::ios::trunc);
  file << bytes;
  file.close();
  if (!file || !target.Commit()) {
    fmt::print(stderr, "无法写入 {}\n", path);
    throw ExitWith(kExitRefused);
  }
}

audit::Entry ScreenEntry(const ScreenArgs& args, const screening::Screening& s,
                         const std::string& decisions, const std::string& findings) {
  nlohmann::json details = {{"batch", args.batch},
                            {"sha256", s.batch.sha256},
                            {"rows", s.rows.size()},
                            {"held", s.HeldRows()},
                            {"held_amount_fen", s.HeldAmount()},
                            {"findings", s.findings.size()},
                            {"as_of", Date::FromDays(s.as_of).ToString()},
                            {"out", args.out.empty() ? "-" : args.out},
                            {"out_sha256", crypto::Sha256Hex(decisions)}};
  if (!args.findings.empty()) {
    details["findings_file"] = args.findings;
    details["findings_sha256"] = crypto::Sha256Hex(findings);
  }
  return {.actor = "",
          .action = "screen.run",
          .entity = "payment_batch",
          .entity_id = args.batch,
          .before = "",
          .after = details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

void RunScreen(const GlobalOptions& global, const ScreenArgs& args) {
  screening::ScreenOptions options;
  options.as_of = ParseAsOfOption(args.as_of);
  options.thresholds = LoadThresholdsOption(args.config);
  options.threads = args.threads;
  auto db = OpenMigratedStore(global);
  auto trail = Trail::Open(global, *db);
  auto ledger = [&]() -> Result<std::shared_ptr<const engine::Snapshot>> {
    auto snap = engine::LoadSnapshotThrough(
        *db, engine::MoreConnectionsTo(global.db_url),
        engine::SnapshotFileFor(global.db_url, trail->cipher().snapshot_key()));
    if (!snap) return std::unexpected(snap.error());
    return std::make_shared<const engine::Snapshot>(std::move(*snap));
  };
  auto result = screening::ScreenBatch(ledger, args.batch, options);
  if (!result) {
    fmt::print(stderr, "发放前比对失败：{}\n", result.error().message());
    throw ExitWith(kExitRefused);
  }
  if (result->Refused()) {
    PrintRefusal(result->batch);
    throw ExitWith(kExitRefused);
  }
  std::ostringstream decisions, findings;
  screening::WriteDecisionsCsv(decisions, *result);
  if (!args.findings.empty()) engine::WriteFindingsCsv(findings, result->findings);
  // The trace first: a decision file exists only when its screening is in the audit log.
  trail->Record(*db, ScreenEntry(args, *result, decisions.str(), findings.str()));
  if (!args.findings.empty()) WriteFile(args.findings, findings.str());
  if (args.out.empty()) {
    std::cout << decisions.str();
    std::cout.flush();
  } else {
    WriteFile(args.out, decisions.str());
  }
  PrintSummary(*result);
}

}  // namespace

void AddScreenCommand(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<ScreenArgs>();
  auto* cmd = app.add_subcommand(
      "screen", "发放前比对：发放批次（发放明细格式，未导入）逐笔给出“通过”或“暂停”及所触发的规则");
  cmd->add_option("BATCH", args->batch, "发放批次文件（.csv 或 .xlsx，发放明细的列）")->required();
  cmd->add_option("--as-of", args->as_of, "比对基准日（默认：含本批次在内最晚的发放日期）");
  cmd->add_option("--out", args->out,
                  "逐笔结果文件 payment_id,decision,rules,evidence（默认标准输出）");
  cmd->add_option("--findings", args->findings, "本批次将参与的比对发现（比对发现导出格式）");
  cmd->add_option("--config", args->config, "规则阈值配置文件")->capture_default_str();
  cmd->add_option("--threads", args->threads, "并行线程数（0 = CPU 核数）");
  cmd->callback([&global, args]() { RunScreen(global, *args); });
}

}  // namespace qf::cli
