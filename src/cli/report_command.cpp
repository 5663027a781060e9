// `qingfeng report --period P [--unit CODE] --format html|xlsx|md --out FILE [--template FILE]`:
// the statistics and the special work report (专项工作报告) for a period and a unit subtree.
// Exit 2 for an unknown period, unit or format; an empty period is a report of zeros.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/trail.h"
#include "core/clock.h"
#include "report/render.h"
#include "report/statistics.h"
#include "report/supervision_sources.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::cli {
namespace {

struct ReportOptions {
  std::string period, unit, format, out, template_file;
};

[[noreturn]] void Stop(const Error& error, int status) {
  fmt::print(stderr, "{}\n", error.message());
  throw ExitWith(status);
}

void RunReport(const GlobalOptions& global, const ReportOptions& opt) {
  auto period = report::ParseReportPeriod(opt.period);
  if (!period) Stop(period.error(), kExitUsage);
  auto format = report::ParseReportFormat(opt.format);
  if (!format) Stop(format.error(), kExitUsage);
  std::string tmpl;
  if (*format != report::ReportFormat::kXlsx) {
    if (opt.template_file.empty()) {
      auto loaded = report::LoadReportTemplate(*format);
      if (!loaded) Stop(loaded.error(), kExitRefused);
      tmpl = std::move(*loaded);
    } else {
      std::ifstream in(opt.template_file, std::ios::binary);
      if (!in)
        Stop(Error(ErrorCode::kIo, fmt::format("无法读取模板 {}", opt.template_file)), kExitUsage);
      std::ostringstream text;
      text << in.rdbuf();
      tmpl = text.str();
    }
  }
  auto db = store::Open(global.db_url);
  if (!db) Stop(db.error(), kExitRefused);
  if (auto v = store::Migrate(**db); !v) Stop(v.error(), kExitRefused);
  qf::SystemClock clock;
  auto stats = report::ComputeStatistics(**db, *period, opt.unit, qf::Today(clock),
                                         report::SupervisionSources());
  if (!stats) {
    Stop(stats.error(), stats.error().code() == ErrorCode::kNotFound ? kExitUsage : kExitRefused);
  }
  auto bytes = report::RenderReport(*stats, tmpl, *format);
  if (!bytes) Stop(bytes.error(), kExitRefused);
  auto trail = Trail::Open(global, **db);
  auto entry = ExportEntry("report.export", "report", opt.out, *bytes,
                           {{"period", opt.period}, {"unit", opt.unit}, {"format", opt.format}});
  if (opt.out == "-" && *format != report::ReportFormat::kXlsx) {
    trail->Record(**db, std::move(entry));
    std::cout << *bytes;
    std::cout.flush();
    return;
  }
  WriteAuditedExport(**db, *trail, opt.out, *bytes, std::move(entry));
  fmt::print(stderr, "已生成{}{}专项工作报告：{}（立案查处{}件{}人，移送司法{}人，追缴{}万元）\n",
             stats->period.Label(), stats->unit_name, opt.out, stats->Get("cases.filed").Display(),
             stats->Get("cases.filed_persons").Display(), stats->Get("judicial.persons").Display(),
             stats->Get("money.recovered").Display());
}

}  // namespace

void AddReportCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("report", "生成统计数据和专项工作报告（HTML、XLSX 或 Markdown）");
  auto opt = std::make_shared<ReportOptions>();
  cmd->add_option("--period", opt->period, "统计期间：2024、2024-Q3、2024-03 或 2024-01..2024-06")
      ->required();
  cmd->add_option("--unit", opt->unit, "单位代码：只统计该单位及其下级（默认全区）");
  cmd->add_option("--format", opt->format, "格式：html、xlsx 或 md")->required();
  cmd->add_option("--out", opt->out, "输出文件（html、md 可用 - 表示标准输出）")->required();
  cmd->add_option("--template", opt->template_file,
                  "报告模板（默认 config/report/report.<格式>.mustache）");
  cmd->callback([&global, opt]() { RunReport(global, *opt); });
}

}  // namespace qf::cli
