// `qingfeng check [--as-of DATE] [--rules R01,R05] [--out FILE]`: runs the comparison rules,
// records the findings (new / present / gone), writes the findings export to FILE or stdout and
// a summary per rule to stderr. Findings are not a failure: exit 0; 1 when the data could not be
// checked; 2 for a usage error (unknown rule, bad date).
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/stages.h"
#include "cli/trail.h"
#include "core/atomic_file.h"
#include "core/date.h"
#include "core/money.h"
#include "engine/check.h"
#include "engine/finding.h"
#include "engine/rule.h"
#include "engine/thresholds.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::cli {
namespace {

std::string SnapshotSourceText(const engine::SnapshotLoad& how) {
  switch (how.source) {
    case engine::SnapshotSource::kFile:
      return "读快照文件";
    case engine::SnapshotSource::kParts:
      return fmt::format("{} 张表从库读取，其余取自快照分表文件", how.tables_from_store);
    case engine::SnapshotSource::kStore:
      break;
  }
  return "从库读取";
}

void PrintSummary(const engine::CheckReport& report) {
  const auto& ev = report.evaluation;
  fmt::print(stderr, "比对基准日 {}，第 {} 次比对\n", Date::FromDays(ev.as_of).ToString(),
             report.run_id);
  fmt::print(stderr, "{:<5}{:>8}{:>8}{:>8}{:>18}{:>10}  {}\n", "规则", "发现", "新增", "消失",
             "涉及金额(元)", "耗时ms", "名称");
  int64_t total = 0, total_new = 0, total_gone = 0, money = 0;
  for (const engine::RuleSummary& r : ev.rules) {
    if (!r.skipped.empty()) {
      fmt::print(stderr, "{:<5}  跳过：{}  {}\n", r.rule, r.skipped, r.name);
      continue;
    }
    fmt::print(stderr, "{:<5}{:>8}{:>8}{:>8}{:>18}{:>10.0f}  {}\n", r.rule, r.findings,
               r.new_findings, r.gone_findings, Money::FromFen(r.amount).ToYuanString(),
               r.milliseconds, r.name);
    total += r.findings;
    total_new += r.new_findings;
    total_gone += r.gone_findings;
    money += r.amount;
  }
  fmt::print(stderr, "{:<5}{:>8}{:>8}{:>8}{:>18}\n", "合计", total, total_new, total_gone,
             Money::FromFen(money).ToYuanString());
  fmt::print(stderr, "用时：载入快照 {:.2f} 秒（{}），规则 {:.2f} 秒，记录发现 {:.2f} 秒\n",
             report.load_seconds, SnapshotSourceText(report.snapshot_load), report.rules_seconds,
             report.record_seconds);
  std::string skipped;
  for (const engine::RuleSummary& r : ev.rules) {
    if (!r.skipped.empty()) skipped += (skipped.empty() ? "" : "、") + r.rule;
  }
  if (!skipped.empty()) {
    fmt::print(stderr,
               "未运行的规则：{}（所需的表未导入或只有表头，原因见上；其原有发现保持不变）\n",
               skipped);
  }
}

}  // namespace

void RunCheckStage(const GlobalOptions& global, const CheckArgs& args) {
  engine::CheckOptions options;
  if (auto as_of = ParseAsOfOption(args.as_of)) options.as_of = as_of->days();
  std::stringstream list(args.rules);
  for (std::string id; std::getline(list, id, ',');) {
    while (!id.empty() && id.front() == ' ') id.erase(id.begin());
    while (!id.empty() && id.back() == ' ') id.pop_back();
    if (id.empty()) continue;
    if (engine::FindRule(id) == nullptr) {
      fmt::print(stderr, "未知的规则编号：{}（可用 R01 至 R26）\n", id);
      throw ExitWith(kExitUsage);
    }
    options.rules.push_back(id);
  }
  options.thresholds = LoadThresholdsOption(args.config);
  options.threads = args.threads;

  auto db = OpenMigratedStore(global);
  auto trail = Trail::Open(global, *db);
  options.recorder = &trail->recorder();
  options.actor = trail->actor();
  options.more_connections = engine::MoreConnectionsTo(global.db_url);  // tables read in parallel
  options.snapshot_file = engine::SnapshotFileFor(global.db_url, trail->cipher().snapshot_key());
  if (args.from_store) engine::RemoveSnapshotFiles(options.snapshot_file);
  auto report = engine::RunCheck(*db, options);
  if (!report) {
    fmt::print(stderr, "比对失败：{}\n", report.error().message());
    throw ExitWith(kExitRefused);
  }
  if (args.out.empty()) {
    engine::WriteFindingsCsv(std::cout, report->evaluation.findings);
    std::cout.flush();
  } else {
    // Beside the destination, then renamed onto it: never half a file under its name.
    AtomicFile target(args.out);
    std::ofstream file(target.temp_path(), std::ios::binary | std::ios::trunc);
    if (file) engine::WriteFindingsCsv(file, report->evaluation.findings);
    file.close();
    if (!file || !target.Commit()) {
      fmt::print(stderr, "无法写入 {}\n", args.out);
      throw ExitWith(kExitRefused);
    }
  }
  PrintSummary(*report);
}

void AddCheckCommand(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand("check", "运行比对规则，记录比对发现并导出");
  cmd->add_option("--as-of", args->as_of, "比对基准日（默认：发放明细中最晚的发放日期）");
  cmd->add_option("--rules", args->rules, "只运行这些规则，逗号分隔，如 R01,R05");
  cmd->add_option("--out", args->out, "比对发现导出文件（CSV；默认写到标准输出）");
  cmd->add_option("--config", args->config, "规则阈值配置文件")->capture_default_str();
  cmd->add_option("--threads", args->threads, "并行线程数（0 = CPU 核数）");
  cmd->add_flag("--from-store", args->from_store,
                "不用快照文件，从库重新载入全部表（并重写快照文件）");
  cmd->callback([&global, args]() { RunCheckStage(global, *args); });
}

}  // namespace qf::cli
