// Versioned schema migrations. Each migration runs once, in order, inside a transaction, and is
// recorded in schema_migrations; Migrate is safe to run again (it applies only what is missing).
#pragma once

#include "core/result.h"
#include "store/database.h"

namespace qf::store {

// Applies every missing migration. Returns the schema version after migrating.
Result<int> Migrate(Database& db);
// The newest schema version this build knows.
int LatestSchemaVersion();

}  // namespace qf::store
