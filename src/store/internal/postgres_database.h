// The PostgreSQL backend of Database (database.h), on libpq. Only Open() and the store's tests
// construct it.
//
// What differs from SQLite, and how the backend hides it:
// - `?` placeholders are rewritten to $n; statements are prepared on the server once per
//   connection and SQL text (a per-connection cache), so re-preparing the same SQL is free.
// - Parameters and results travel as text; Int() also reads PostgreSQL booleans ('t'/'f').
// - A query's rows are streamed (single-row mode); running another statement on the connection
//   while rows are pending first buffers the rest, so callers may interleave as with SQLite.
// - Begin() takes a transaction-scoped advisory lock, so write transactions are serialized as
//   SQLite's BEGIN IMMEDIATE serializes them: a read-check-write in casework sees the previous
//   writer's commit (the loser of a race gets casework's own conflict error), and the audit
//   log's hash chain stays a chain. Readers outside a transaction are never blocked.
// - Serialization failures, deadlocks and unique-key violations are ErrorCode::kConflict.
// - LastInsertId() is lastval(): the identity of the last row inserted on this connection.
#pragma once

#include <memory>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace qf::store::internal {

// Connects to `url` (a libpq connection URI, postgresql://user:pw@host:port/db?options) and sets
// the session up: client_encoding UTF8, DateStyle ISO, TimeZone UTC.
Result<std::unique_ptr<Database>> OpenPostgres(std::string_view url);

}  // namespace qf::store::internal
