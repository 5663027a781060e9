// `qingfeng demo [--persons N]`: the newcomer's one command. Generates a synthetic district,
// creates the store, imports the district, runs the comparison and serves the web UI — each
// stage exactly as its own subcommand runs it (stages.h).
#include <fmt/format.h>

#include <filesystem>

#include "cli/commands.h"
#include "cli/stages.h"

namespace qf::cli {
namespace {

struct DemoArgs {
  int64_t persons = 20000;
  uint64_t seed = 1;
  std::string data_dir = "var/demo";
  std::string listen = "127.0.0.1:8080";
  bool serve = true;
};

void RunDemo(const GlobalOptions& global, const DemoArgs& args) {
  const std::filesystem::path dir = args.data_dir;
  fmt::print(stderr, "【1/5】生成模拟区县（{} 人）→ {}\n", args.persons, (dir / "district").string());
  synth::SynthOptions synth;
  synth.persons = args.persons;
  synth.seed = args.seed;
  synth.out_dir = dir / "district";
  RunSynthStage(synth);

  fmt::print(stderr, "【2/5】建库 {}\n", global.db_url);
  RunInitStage(global);

  fmt::print(stderr, "【3/5】导入\n");
  RunImportStage(global, {synth.out_dir.string()}, /*skip_invalid=*/false);

  CheckArgs check;
  check.out = (dir / "findings.csv").string();
  fmt::print(stderr, "【4/5】比对，结果写入 {}\n", check.out);
  RunCheckStage(global, check);

  if (!args.serve) return;
  fmt::print(stderr, "【5/5】网页服务 http://{}/ （演示账户见 docs/web.md；Ctrl-C 停止）\n",
             args.listen);
  web::ServeOptions serve;
  serve.listen = args.listen;
  serve.demo_accounts = true;
  RunServeStage(global, serve);
}

}  // namespace

void AddDemoCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("demo", "生成演示区县数据，建库、导入、比对，然后启动网页服务");
  auto args = std::make_shared<DemoArgs>();
  cmd->add_option("--persons", args->persons, "演示人口数")->capture_default_str();
  cmd->add_option("--seed", args->seed, "随机种子")->capture_default_str();
  cmd->add_option("--data-dir", args->data_dir, "演示数据目录")->capture_default_str();
  cmd->add_option("--listen", args->listen, "网页服务监听地址")->capture_default_str();
  cmd->add_flag("!--no-serve", args->serve, "比对完成后不启动网页服务");
  cmd->callback([&global, args]() { RunDemo(global, *args); });
}

}  // namespace qf::cli
