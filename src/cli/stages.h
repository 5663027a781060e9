// The stages that `qingfeng demo` chains: each subcommand's callback runs its stage, and the demo
// runs them one after another. A stage prints what the subcommand prints and throws
// ExitWith(status) on failure, exactly as the subcommand would end.
#pragma once

#include <string>
#include <vector>

#include "cli/command.h"
#include "synth/synth.h"
#include "web/server.h"

namespace qf::cli {

// synth: writes the district and prints its summary; returns the district's as-of date (ISO).
std::string RunSynthStage(synth::SynthOptions options);
// init: migrates the store and creates the field-encryption key file.
void RunInitStage(const GlobalOptions& global);
// import: imports the paths, prints one line per table; --skip-invalid when skip_invalid;
// --replace when replace; --as-of when as_of is not empty (dates after it are implausible;
// empty = today).
void RunImportStage(const GlobalOptions& global, const std::vector<std::string>& paths,
                    bool skip_invalid, bool replace, const std::string& as_of = "");

struct CheckArgs {
  std::string as_of;
  std::string rules;
  std::string out;
  std::string config = "config/rules.toml";
  int threads = 0;
  bool from_store = false;  // ignore the snapshot file: load from the store (and rewrite it)
};
// check: runs the rules, records the run, writes the export to args.out (stdout when empty).
void RunCheckStage(const GlobalOptions& global, const CheckArgs& args);

// serve: blocks until SIGINT/SIGTERM.
void RunServeStage(const GlobalOptions& global, web::ServeOptions options);

}  // namespace qf::cli
