// `qingfeng synth --persons N [--seed S] [--noise] --out DIR`: writes a synthetic district with
// planted problems and truth.csv (src/synth).
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/stages.h"
#include "synth/synth.h"

namespace qf::cli {

std::string RunSynthStage(synth::SynthOptions options) {
  if (StderrIsTerminal()) {
    options.progress = [](std::string_view stage, int64_t done, int64_t total) {
      if (total > 0) {
        fmt::print(stderr, "\r\033[K{} {}/{}", stage, done, total);
      } else {
        fmt::print(stderr, "\r\033[K{}", stage);
      }
    };
  }
  auto summary = synth::Generate(options);
  if (StderrIsTerminal()) fmt::print(stderr, "\r\033[K");
  if (!summary) {
    fmt::print(stderr, "生成失败：{}\n", summary.error().message());
    throw ExitWith(kExitRefused);
  }
  fmt::print("已生成模拟区县：{} 人，{} 户，{} 个村社区，写入 {}\n", summary->persons,
             summary->households, summary->communities, options.out_dir.string());
  for (const auto& [table, rows] : summary->rows_per_table)
    fmt::print("  {}.csv\t{} 行\n", table, rows);
  fmt::print("植入问题 {} 条（truth.csv），比对基准日 {}：\n", summary->truth_rows,
             summary->as_of);
  for (const auto& [rule, count] : summary->truth_per_rule) fmt::print("  {}\t{}\n", rule, count);
  return summary->as_of;
}

void AddSynthCommand(CLI::App& app, GlobalOptions& /*global*/) {
  auto* cmd =
      app.add_subcommand("synth", "生成模拟区县数据（标准数据模板），含植入问题及 truth.csv");
  auto options = std::make_shared<synth::SynthOptions>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--persons", options->persons, "户籍人口数（至少 500）")->required();
  cmd->add_option("--seed", options->seed, "随机种子（相同种子生成相同数据）");
  cmd->add_flag("--noise", options->noise, "加入格式噪声：GB18030、中文表头、15 位身份证号等");
  cmd->add_option("--out", *out, "输出目录")->required();
  cmd->callback([options, out]() {
    options->out_dir = *out;
    RunSynthStage(*options);
  });
}

}  // namespace qf::cli
