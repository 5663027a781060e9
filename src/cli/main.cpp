// qingfeng: parses the command line and hands each subcommand to its file. Nothing else.
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/command.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"清风 Qingfeng：惠民惠农财政补贴资金一卡通监督平台", "qingfeng"};
  app.require_subcommand(1);
  qf::cli::GlobalOptions global;
  if (const char* env = std::getenv("QINGFENG_DB"); env != nullptr && *env != '\0') {
    global.db_url = env;
  }
  app.add_option("--db", global.db_url, "数据库地址：sqlite:PATH 或 postgresql://user@host:port/db")
      ->envname("QINGFENG_DB");
  std::string taxonomy_file;
  app.add_option("--taxonomy", taxonomy_file,
                 "领域、专项、线索来源与举报类别的配置文件（默认 config/taxonomy.toml）");
  // Before any subcommand's callback (CLI11 runs the main app's parse-complete callback first).
  app.parse_complete_callback([&taxonomy_file] { qf::cli::InstallTaxonomyOption(taxonomy_file); });
  app.fallthrough();

  qf::cli::AddIdCommand(app, global);
  qf::cli::AddInitCommand(app, global);
  qf::cli::AddDemoCommand(app, global);
  qf::cli::AddSynthCommand(app, global);
  qf::cli::AddCheckCommand(app, global);
  qf::cli::AddScreenCommand(app, global);
  qf::cli::AddFindingsCommand(app, global);
  qf::cli::AddImportCommand(app, global);
  qf::cli::AddReportCommand(app, global);
  qf::cli::AddServeCommand(app, global);
  qf::cli::AddUserCommand(app, global);
  qf::cli::AddAuditCommand(app, global);

  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 reports usage errors with its own codes; spec/cli.md says 2. --help stays 0.
    return code == 0 ? 0 : qf::cli::kExitUsage;
  }
  return 0;
}
