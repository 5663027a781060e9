// Imports one file as one canonical table: maps the header, validates every row, upserts the
// valid rows in one transaction, and reports rejected rows (see importer.h for the contract).
#pragma once

#include <string>

#include "ingest/importer.h"
#include "ingest/internal/rejected_writer.h"
#include "ingest/profiles.h"
#include "store/database.h"

namespace qf::ingest::internal {

// Never throws; a store failure is reported as a kFailed table. `rejected` may be null.
TableReport ImportTable(store::Database& db, const TableProfile& profile, const std::string& path,
                        const ImportOptions& options, RejectedWriter* rejected);

}  // namespace qf::ingest::internal
