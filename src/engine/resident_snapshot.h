// ResidentSnapshot: one loaded Snapshot kept in memory by a long-running process (`serve`) and
// shared by every comparison and screening it runs, reloaded only when the ledger has moved.
//
//   engine::ResidentSnapshot resident(more_connections);      // see snapshot.h
//   auto snap = resident.Get(db);                             // loads the first time
//   if (!snap) return snap.error();
//   engine::RunCheck(db, **snap, options);                    // the rules' time only
//
// The ledger's version (LedgerVersion) moves with every import (import_log) and every approved
// application the 财政发放 step added to enrolments and cards; Get compares it with the version
// the resident snapshot was loaded at, one cheap query per call, and reloads when they differ.
// The version is read before a load, so a write that commits during the load makes the next Get
// load again rather than be missed.
//
// Thread safety: every member may be called from any thread at once. A load happens at most once
// at a time; callers that need a fresh snapshot meanwhile wait for it, and a snapshot handed out
// stays valid (and unchanged) for as long as its holder keeps the shared_ptr.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "engine/ledger_version.h"
#include "engine/snapshot.h"
#include "engine/snapshot_file.h"
#include "store/database.h"

namespace qf::engine {

class ResidentSnapshot {
 public:
  // Loads read their tables with these extra connections as well (LoadSnapshot); none when empty.
  explicit ResidentSnapshot(ConnectionFactory more_connections = {});

  // Loads go through the store's snapshot file (snapshot_file.h): the first load of a process
  // reads the file when it is current, and a reload after an import reads only the imported
  // tables from the store. Call before the first Get; without it every load reads the store.
  void UseFile(SnapshotFile file);

  // The snapshot of the ledger as `db` holds it now: the resident one when the ledger version
  // has not moved since it was loaded, else a new load, which becomes the resident one. Fails
  // when the store fails; the previous snapshot then stays resident.
  Result<std::shared_ptr<const Snapshot>> Get(store::Database& db);

  // The resident snapshot when it holds the ledger as `db` holds it now; nullptr when none is
  // loaded or the ledger has moved since. Never loads (one cheap query), so a request that must
  // not wait for a load can answer from the store instead. Fails when the store fails.
  Result<std::shared_ptr<const Snapshot>> Current(store::Database& db) const;

  // The resident snapshot and its version without asking the store; nullptr before any load.
  std::shared_ptr<const Snapshot> Peek() const;
  std::optional<LedgerVersion> version() const;
  // How many loads Get has made (for tests and the log).
  int64_t loads() const;
  // How the latest load went (snapshot_file.h).
  SnapshotLoad last_load() const;

 private:
  // The resident snapshot when it was loaded at `version`, else nullptr.
  std::shared_ptr<const Snapshot> ResidentAt(const LedgerVersion& version) const;

  ConnectionFactory more_connections_;
  SnapshotFile file_;      // set before the first load
  std::mutex load_mutex_;  // held during a load, so that one runs at a time
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_;  // Guarded by mutex_
  std::optional<LedgerVersion> version_;      // Guarded by mutex_
  int64_t loads_ = 0;                         // Guarded by mutex_
  SnapshotLoad last_load_;                    // Guarded by mutex_
};

}  // namespace qf::engine
