// The SQLite backend of Database (database.h). Only Open() and the store's tests construct it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace qf::store::internal {

// Opens the SQLite database at `path` (":memory:" for a private in-memory one), creating the file
// and its parent directory when missing, and sets the connection up: WAL journal (file databases),
// foreign_keys=ON, busy_timeout 5000 ms, synchronous=NORMAL.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path);

}  // namespace qf::store::internal
