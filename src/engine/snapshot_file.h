// The snapshot file: a loaded Snapshot written to disk once, so that the next comparison reads it
// at disk speed instead of reading and interning every table of the store again.
//
//   auto ledger = engine::ReadLedgerVersion(db);                  // ledger_version.h
//   auto snap = engine::ReadSnapshotFile(path, ledger->Key(), cipher.snapshot_key());
//   if (!snap) {                                                  // absent, stale or not whole
//     snap = engine::LoadSnapshot(db, more_connections);
//     engine::WriteSnapshotFile(*snap, path, ledger->Key(), cipher.snapshot_key());
//   }
//
// The file names the ledger version it was loaded at and is sealed with an HMAC-SHA-256 whose key
// derives from the key file. A file of another version, of another format, cut short, changed by
// one bit, or written without the key file is refused, never read as the ledger: the caller then
// loads from the store. It is written beside its destination and renamed onto it (AtomicFile),
// mode 0600, so a reader never sees half a file. It holds what the ledger tables hold, as they
// hold it (docs/benchmarks.md).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "engine/ledger_version.h"
#include "engine/snapshot.h"
#include "store/database.h"

namespace qf::engine {

// Writes `snapshot` to `path` for the ledger version `ledger`. kIo naming the file on failure.
Result<void> WriteSnapshotFile(const Snapshot& snapshot, const std::string& path,
                               std::string_view ledger, std::string_view mac_key);

// The snapshot in `path` when it was written for `ledger` with `mac_key` and is whole. kNotFound
// when there is no file, kConflict when it is of another ledger version or format, kIo when it
// is cut short or its seal does not match; the message says which.
Result<Snapshot> ReadSnapshotFile(const std::string& path, std::string_view ledger,
                                  std::string_view mac_key);

// Where a store's snapshot file lives and the key that seals it; an empty path = no file.
struct SnapshotFile {
  std::string path;
  std::string mac_key;
};

// How LoadSnapshotThrough got its snapshot: the whole snapshot file, the tables that moved from
// the store and the others from their part files, or every table from the store.
enum class SnapshotSource { kStore, kParts, kFile };
struct SnapshotLoad {
  SnapshotSource source = SnapshotSource::kStore;
  int tables_from_store = static_cast<int>(Table::kCount);
};

// The snapshot of the ledger as `db` holds it now, read through the snapshot file:
// - the whole file when it was written at the current ledger version (one read, no store);
// - else each table from its part file ("<path>-parts/<table>") when that was written at the
//   table's current version (its newest import), the others from the store (with
//   `more_connections`, snapshot.h) — after an import, only the imported tables are read again;
// - the tables read from the store and then the whole snapshot are written for the next load.
// A file that cannot be written costs only the next load's time. `how` (may be null) says which
// way it went. Fails only when the store fails. An empty `file.path` loads from the store.
Result<Snapshot> LoadSnapshotThrough(store::Database& db, const ConnectionFactory& more_connections,
                                     const SnapshotFile& file, SnapshotLoad* how = nullptr);
// The same at `ledger`, the version the caller read from `db` just before (ResidentSnapshot).
Result<Snapshot> LoadSnapshotThrough(store::Database& db, const ConnectionFactory& more_connections,
                                     const SnapshotFile& file, const LedgerVersion& ledger,
                                     SnapshotLoad* how = nullptr);

// Removes the snapshot file and its part files, so that the next load reads the store.
void RemoveSnapshotFiles(const SnapshotFile& file);

// The snapshot file of the store at `db_url`: "<file>.snapshot" beside a SQLite file; none (an
// empty path) for PostgreSQL and in-memory stores (docs/benchmarks.md).
SnapshotFile SnapshotFileFor(std::string_view db_url, std::string_view mac_key);

}  // namespace qf::engine
