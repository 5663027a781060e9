// The trace of one imported file: its import_log row and its audit entry (data.import: table,
// file, SHA-256, outcome, counts, who), written together in the caller's transaction.
#pragma once

#include <string>

#include "core/result.h"
#include "ingest/importer.h"
#include "store/database.h"

namespace qf::ingest::internal {

Result<void> RecordImport(store::Database& db, const TableReport& report, const std::string& sha256,
                          const ImportOptions& options);

}  // namespace qf::ingest::internal
