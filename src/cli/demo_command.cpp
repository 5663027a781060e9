// `qingfeng demo [--persons N]`: the newcomer's one command. Generates a synthetic district,
// creates the store, imports the district, runs the comparison, seeds a year of casework (only
// into a store without any), a handful of sunshine-approval applications (only into a store
// without any) and serves the web UI — each stage but the seeding exactly as its own
// subcommand runs it (stages.h).
#include <fmt/format.h>

#include <filesystem>

#include "approval/config.h"
#include "cli/commands.h"
#include "cli/stages.h"
#include "core/clock.h"
#include "crypto/crypto.h"
#include "demo/activities.h"
#include "demo/applications.h"
#include "demo/case_book.h"
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

// Seeds the demo case book (demo::SeedDemoCaseBook): clues, cases, transfers and
// rectification, so that the work report has figures beyond the comparison's. Returns the year
// the book is dated in (0 when the store already had casework and was left alone).
int RunCaseBookStage(const GlobalOptions& global) {
  auto fail = [](const Error& error) {
    fmt::print(stderr, "{}\n", error.message());
    throw ExitWith(kExitRefused);
  };
  auto db = store::Open(global.db_url);
  if (!db) fail(db.error());
  auto cipher = crypto::FieldCipher::FromKeyFile(crypto::DefaultKeyFilePath(global.db_url));
  if (!cipher) fail(cipher.error());
  qf::SystemClock clock;
  auto seeded =
      demo::SeedDemoCaseBook(**db, *cipher, {.casework = {}, .fallback_today = qf::Today(clock)});
  if (!seeded) fail(seeded.error());
  if (!seeded->seeded) {
    fmt::print("库中已有线索或案件，未再写入演示案件\n");
    return 0;
  }
  fmt::print("演示案件：{} 年，线索 {} 件，立案 {} 件，比对发现处理结果 {} 条，新建单位 {} 个\n",
             seeded->year, seeded->clues, seeded->cases, seeded->finding_outcomes, seeded->units);
  return seeded->year;
}

// Seeds the demo activity ledger (demo::SeedDemoActivities) after the case book, whose staff
// enter it; a store that already has activities is left alone.
void RunActivitiesStage(const GlobalOptions& global) {
  auto fail = [](const Error& error) {
    fmt::print(stderr, "{}\n", error.message());
    throw ExitWith(kExitRefused);
  };
  auto db = store::Open(global.db_url);
  if (!db) fail(db.error());
  auto cipher = crypto::FieldCipher::FromKeyFile(crypto::DefaultKeyFilePath(global.db_url));
  if (!cipher) fail(cipher.error());
  qf::SystemClock clock;
  auto seeded = demo::SeedDemoActivities(**db, *cipher, {.fallback_today = qf::Today(clock)});
  if (!seeded) fail(seeded.error());
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
  auto fail = [](const Error& error) {
    fmt::print(stderr, "{}\n", error.message());
    throw ExitWith(kExitRefused);
  };
  auto db = store::Open(global.db_url);
  if (!db) fail(db.error());
  auto cipher = crypto::FieldCipher::FromKeyFile(crypto::DefaultKeyFilePath(global.db_url));
  if (!cipher) fail(cipher.error());
  auto config = approval::LoadApprovalConfig(approval::DefaultApprovalConfigPath("web"));
  if (!config) fail(config.error());
  qf::SystemClock clock;
  auto seeded = demo::SeedDemoApplications(**db, *cipher, *config, qf::Today(clock));
  if (!seeded) fail(seeded.error());
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

  fmt::print(stderr, "【5/6】演示案件（线索、处置、立案、移送、整改）、活动台账与阳光审批申请\n");
  int year = RunCaseBookStage(global);
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
