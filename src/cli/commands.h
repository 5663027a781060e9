// The subcommands, one file each (src/cli/<name>_command.cpp).
#pragma once

#include "cli/command.h"

namespace qf::cli {

void AddIdCommand(CLI::App& app, GlobalOptions& global);
void AddInitCommand(CLI::App& app, GlobalOptions& global);
void AddDemoCommand(CLI::App& app, GlobalOptions& global);
void AddSynthCommand(CLI::App& app, GlobalOptions& global);
void AddCheckCommand(CLI::App& app, GlobalOptions& global);
void AddFindingsCommand(CLI::App& app, GlobalOptions& global);
void AddImportCommand(CLI::App& app, GlobalOptions& global);
void AddReportCommand(CLI::App& app, GlobalOptions& global);
void AddServeCommand(CLI::App& app, GlobalOptions& global);
void AddUserCommand(CLI::App& app, GlobalOptions& global);
void AddAuditCommand(CLI::App& app, GlobalOptions& global);
void AddScreenCommand(CLI::App& app, GlobalOptions& global);

}  // namespace qf::cli
