// What the subcommand files share (command.h): the terminal test and the migrated store.
#include "cli/command.h"

#include <fmt/format.h>
#include <unistd.h>

#include "store/migrations.h"
#include "taxonomy/taxonomy.h"

namespace qf::cli {

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

std::unique_ptr<store::Database> OpenMigratedStore(const GlobalOptions& global) {
  auto db = store::Open(global.db_url);
  if (!db) {
    fmt::print(stderr, "{}\n", db.error().message());
    throw ExitWith(kExitRefused);
  }
  if (auto migrated = store::Migrate(**db); !migrated) {
    fmt::print(stderr, "{}\n", migrated.error().message());
    throw ExitWith(kExitRefused);
  }
  return std::move(*db);
}

std::optional<Date> ParseAsOfOption(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto date = Date::Parse(text);
  if (!date) {
    fmt::print(stderr, "--as-of 日期无效：{}\n", date.error().message());
    throw ExitWith(kExitUsage);
  }
  return *date;
}

engine::Thresholds LoadThresholdsOption(const std::string& path) {
  auto thresholds = engine::LoadThresholds(path);
  if (!thresholds) {
    fmt::print(stderr, "{}\n", thresholds.error().message());
    throw ExitWith(kExitUsage);
  }
  return *thresholds;
}

void InstallTaxonomyOption(const std::string& path) {
  if (path.empty()) {
    (void)taxonomy::Active();  // a malformed default file stops the program here, not mid-request
    return;
  }
  auto loaded = taxonomy::LoadTaxonomy(path);
  if (!loaded) {
    fmt::print(stderr, "{}\n", loaded.error().message());
    throw ExitWith(kExitUsage);
  }
  taxonomy::Install(std::move(*loaded));
}

}  // namespace qf::cli
