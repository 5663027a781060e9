// `qingfeng synth --persons N [--seed S] [--noise] [--density real] --out DIR`: writes a
// synthetic district with planted problems and truth.csv (src/synth).
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
  fmt::print("发放明细每人每年 {:.2f} 笔\n", summary->payments_per_person_year);
  fmt::print("植入问题 {} 条（truth.csv），比对基准日 {}：\n", summary->truth_rows, summary->as_of);
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
  auto density = std::make_shared<std::string>("default");
  cmd->add_option("--density", *density,
                  "发放密度：default（默认，约每人每年 4 笔）或 real（真实区县密度，约每人每年 10 "
                  "笔：60 岁以上居民养老金三项、农户耕地地力保护补贴、困难家庭多个按月项目；默认"
                  "部分不变）")
      ->check(CLI::IsMember({"default", "real"}));
  cmd->add_option("--out", *out, "输出目录")->required();
  cmd->callback([options, out, density]() {
    options->out_dir = *out;
    options->density = *density == "real" ? synth::Density::kReal : synth::Density::kDefault;
    RunSynthStage(*options);
  });
}

}  // namespace qf::cli
