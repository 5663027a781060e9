// Versioned schema migrations. Each migration runs once, in order, inside a transaction, and is
// recorded in schema_migrations(version, applied_at); Migrate is safe to run again (it applies
// only what is missing) and safe against a second process migrating at the same time.
//
//   auto db = qf::store::Open(url);
//   if (!db) ...;
//   auto version = qf::store::Migrate(**db);   // Result<int>: the version now in the store
#pragma once

#include "core/result.h"
#include "store/database.h"

namespace qf::store {

// Applies every missing migration. Returns the schema version after migrating. Fails (kDatabase)
// if the store is newer than this build, or if a migration fails (that migration is rolled back;
// the ones before it stay applied). Must not be called inside a Transaction.
Result<int> Migrate(Database& db);
// The newest schema version this build knows.
int LatestSchemaVersion();
// The schema version the store is at: 0 for a store that was never migrated.
Result<int> SchemaVersion(Database& db);

}  // namespace qf::store
