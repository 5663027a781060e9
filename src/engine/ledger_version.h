// LedgerVersion: what moves when the ledger moves — every import (import_log) and every approved
// application the 财政发放 step added to enrolments and cards. A loaded snapshot is current while
// the version it was loaded at is the store's (resident_snapshot.h), and the snapshot file is
// keyed by it (snapshot_file.h).
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "store/database.h"

namespace qf::engine {

struct LedgerVersion {
  int64_t last_import = 0;             // MAX(import_log.import_id), 0 when none
  std::string last_import_file;        // that import's sha256 and time: another store restored
                                       // from a backup does not pass for this one
  int64_t completed_applications = 0;  // approval_applications with status completed

  friend bool operator==(const LedgerVersion&, const LedgerVersion&) = default;
  // The version as one line of text (the snapshot file's key).
  std::string Key() const;
};

// One cheap query. Fails only when the store fails.
Result<LedgerVersion> ReadLedgerVersion(store::Database& db);

}  // namespace qf::engine
