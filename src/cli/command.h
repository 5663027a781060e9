// What every subcommand file of the CLI shares. A command file defines one function
//   void AddXxxCommand(CLI::App& app, GlobalOptions& global);
// that adds its subcommand, its flags and a callback. A callback ends with an exit status by
// throwing ExitWith(status) (CLI11 turns it into the process exit status); exit statuses follow
// spec/cli.md: 0 success, 1 data refused or check failed, 2 usage error.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "core/date.h"
#include "engine/thresholds.h"
#include "store/database.h"

namespace qf::cli {

struct GlobalOptions {
  // --db URL, else $QINGFENG_DB, else sqlite:var/qingfeng.db
  std::string db_url = "sqlite:var/qingfeng.db";
};

constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;

// Throw from a callback to end the program with `status` (a message, if any, was printed already).
inline CLI::RuntimeError ExitWith(int status) { return CLI::RuntimeError(status); }

// The store of --db, migrated to the schema this binary knows; prints why and throws
// ExitWith(kExitRefused) when it cannot be opened or migrated.
std::unique_ptr<store::Database> OpenMigratedStore(const GlobalOptions& global);

// --as-of: empty → nullopt; a date that does not parse prints why and throws ExitWith(kExitUsage).
std::optional<Date> ParseAsOfOption(const std::string& text);
// --config: the rule thresholds; a file that cannot be read prints why and throws
// ExitWith(kExitUsage).
engine::Thresholds LoadThresholdsOption(const std::string& path);

// --taxonomy: installs the taxonomy of `path` (docs/taxonomy.md) for the whole run, or, for "",
// loads the default config/taxonomy.toml now; a file that cannot be read or parsed prints why
// (file and key) and throws ExitWith(kExitUsage). Runs before any subcommand starts a thread.
void InstallTaxonomyOption(const std::string& path);

// True when stderr is a terminal: only then do long commands draw a progress bar.
bool StderrIsTerminal();

}  // namespace qf::cli
