// `qingfeng demo [--persons N]`: the newcomer's one command. Generates a synthetic district,
// creates the store, imports the district, runs the comparison, seeds a year of casework (only
// into a store without any), the stationed groups' reports and the People's Congress's opinions,
// a year of activities, a handful of sunshine-approval applications (each only into a store
// without any) and serves the web UI — each stage but the seeding exactly as its own
// subcommand runs it (stages.h).
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "approval/config.h"
#include "cli/commands.h"
#include "cli/stages.h"
#include "core/clock.h"
#include "crypto/crypto.h"
#include "demo/activities.h"
#include "demo/applications.h"
#include "demo/case_book.h"
#include "demo/oversight_book.h"
#include "store/database.h"

namespace qf::cli {
namespace {

struct DemoArgs {
  int64_t persons = 20000;
  uint64_t seed = 1;
  std::string data_dir = "var/demo";
  std::string listen = "127.0.0.1:8080";
  bool serve = true;
};

[[noreturn]] void Refuse(const Error& error) {
  fmt::print(stderr, "{}\n", error.message());
  throw ExitWith(kExitRefused);
}

// The store and the field cipher every seeding stage writes with; a failure ends the command.
struct SeedTarget {
  std::unique_ptr<store::Database> db;
  crypto::FieldCipher cipher;
  qf::SystemClock clock;
};

SeedTarget OpenSeedTarget(const GlobalOptions& global) {
  auto db = store::Open(global.db_url);
  if (!db) Refuse(db.error());
  auto cipher = crypto::FieldCipher::FromKeyFile(crypto::DefaultKeyFilePath(global.db_url));
  if (!cipher) Refuse(cipher.error());
  return {std::move(*db), std::move(*cipher), {}};
}

// Seeds the demo case book (demo::SeedDemoCaseBook): clues, cases, transfers and
// rectification, so that the work report has figures beyond the comparison's. Returns the year
// the book is dated in (0 when the store already had casework and was left alone).
int RunCaseBookStage(const GlobalOptions& global) {
  SeedTarget t = OpenSeedTarget(global);
  auto seeded = demo::SeedDemoCaseBook(*t.db, t.cipher,
                                       {.casework = {}, .fallback_today = qf::Today(t.clock)});
  if (!seeded) Refuse(seeded.error());
  if (!seeded->seeded) {
    fmt::print("库中已有线索或案件，未再写入演示案件\n");
    return 0;
  }
  fmt::print("演示案件：{} 年，线索 {} 件，立案 {} 件，比对发现处理结果 {} 条，新建单位 {} 个\n",
             seeded->year, seeded->clues, seeded->cases, seeded->finding_outcomes, seeded->units);
  return seeded->year;
}

// Seeds the stationed groups, their 三为主一报告 and the People's Congress's opinions and
// suggestions (demo::SeedDemoOversight) after the case book, whose staff it needs; a store that
// already has them is left alone.
void RunOversightStage(const GlobalOptions& global) {
  SeedTarget t = OpenSeedTarget(global);
  auto seeded = demo::SeedDemoOversight(*t.db, t.cipher,
                                        {.casework = {}, .fallback_today = qf::Today(t.clock)});
  if (!seeded) Refuse(seeded.error());
  if (!seeded->seeded) {
    fmt::print("库中已有三为主一报告或人大审议意见，未再写入\n");
    return;
  }
  fmt::print(
      "演示派驻监督与人大工作：{} 年，新建单位 {} 个，三为主一报告 {} 份，审议意见 {} 件，代表建议 "
      "{} 件\n",
      seeded->year, seeded->units, seeded->reports, seeded->opinions, seeded->suggestions);
}

// Seeds the demo activity ledger (demo::SeedDemoActivities) after the case book, whose staff
// enter it; a store that already has activities is left alone.
void RunActivitiesStage(const GlobalOptions& global) {
  SeedTarget t = OpenSeedTarget(global);
  auto seeded = demo::SeedDemoActivities(*t.db, t.cipher, {.fallback_today = qf::Today(t.clock)});
  if (!seeded) Refuse(seeded.error());
  if (!seeded->seeded) {
    fmt::print("{}，未写入演示活动台账\n", seeded->skipped);
    return;
  }
  fmt::print("演示活动台账：{} 年，活动 {} 项，发现问题 {} 个，见 /activities\n", seeded->year,
             seeded->activities, seeded->problems);
}

// Seeds the demo applications (demo::SeedDemoApplications), dated up to today so that the
// public 公示 and the staff pages show open steps; a store that already has applications is left
// alone. The configuration is the one the server reads (approval/config.h), defaults when absent.
void RunApprovalStage(const GlobalOptions& global) {
  SeedTarget t = OpenSeedTarget(global);
  auto config = approval::LoadApprovalConfig(approval::DefaultApprovalConfigPath("web"));
  if (!config) Refuse(config.error());
  auto seeded = demo::SeedDemoApplications(*t.db, t.cipher, *config, qf::Today(t.clock));
  if (!seeded) Refuse(seeded.error());
  if (!seeded->seeded) {
    fmt::print("{}，未写入演示审批申请\n", seeded->skipped);
    return;
  }
  fmt::print("演示审批申请：{} 件（{}，{}），见 /applications 与 /m/gs\n", seeded->applications,
             seeded->program_code, seeded->community);
}

void RunDemo(const GlobalOptions& global, const DemoArgs& args) {
  const std::filesystem::path dir = args.data_dir;
  fmt::print(stderr, "【1/6】生成模拟区县（{} 人）→ {}\n", args.persons,
             (dir / "district").string());
  synth::SynthOptions synth;
  synth.persons = args.persons;
  synth.seed = args.seed;
  synth.out_dir = dir / "district";
  const std::string as_of = RunSynthStage(synth);

  fmt::print(stderr, "【2/6】建库 {}\n", global.db_url);
  RunInitStage(global);

  fmt::print(stderr, "【3/6】导入\n");
  // The district is dated: its plausibility is judged as of its own as-of date, not today.
  RunImportStage(global, {synth.out_dir.string()}, /*skip_invalid=*/false, /*replace=*/false,
                 as_of);

  CheckArgs check;
  check.out = (dir / "findings.csv").string();
  fmt::print(stderr, "【4/6】比对，结果写入 {}\n", check.out);
  RunCheckStage(global, check);

  fmt::print(
      stderr,
      "【5/"
      "6】演示案件（线索、处置、立案、移送、整改）、派驻监督与人大工作、活动台账与阳光审批申请\n");
  int year = RunCaseBookStage(global);
  RunOversightStage(global);
  RunActivitiesStage(global);
  RunApprovalStage(global);

  if (!args.serve) return;
  fmt::print(stderr, "【6/6】网页服务 http://{}/ （演示账户见 docs/web.md；Ctrl-C 停止）\n",
             args.listen);
  if (year != 0) {
    fmt::print(stderr, "专项工作报告：http://{}/report?period={}\n", args.listen, year);
  }
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
