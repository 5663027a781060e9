// The audit trail a command writes to: the keys of the store's key file (created, with its
// key.create entry, when missing), the system clock, and the actor "cli:<OS user>". Every command
// that changes the store or writes an export opens one.
//
//   auto trail = Trail::Open(global, **db);
//   options.recorder = &trail->recorder();  options.actor = trail->actor();
//   trail->Record(**db, {.action = "findings.export", ...});   // in a transaction of its own
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/audit_log.h"
#include "cli/command.h"
#include "core/clock.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::cli {

class Trail {
 public:
  // Prints the reason and throws ExitWith(kExitRefused) when the key file cannot be read or made.
  static std::unique_ptr<Trail> Open(const GlobalOptions& global, store::Database& db);

  const audit::Recorder& recorder() const { return recorder_; }
  const crypto::FieldCipher& cipher() const { return cipher_; }
  const Clock& clock() const { return clock_; }
  const std::string& actor() const { return actor_; }

  // Appends `entry` (its actor set to actor()) in a transaction of its own; prints and throws
  // ExitWith(kExitRefused) on failure.
  void Record(store::Database& db, audit::Entry entry) const;

  Trail(const Trail&) = delete;
  Trail& operator=(const Trail&) = delete;

 private:
  explicit Trail(crypto::FieldCipher cipher);

  SystemClock clock_;
  crypto::FieldCipher cipher_;
  audit::Recorder recorder_;
  std::string actor_;
};

// "cli:<$USER>" (or "cli").
std::string CliActor();

// The audit entry of an export: `action` ("report.export"), what was exported (`details`, a JSON
// object) and the file's name and SHA-256.
audit::Entry ExportEntry(std::string action, std::string entity, const std::string& path,
                         std::string_view bytes, nlohmann::json details);

// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place only
// after `entry` was recorded: an export leaves either its audit entry and the whole file, or
// (when recording fails) nothing. Prints and throws ExitWith(kExitRefused) on failure.
void WriteAuditedExport(store::Database& db, const Trail& trail, const std::string& path,
                        std::string_view bytes, audit::Entry entry);

}  // namespace qf::cli
