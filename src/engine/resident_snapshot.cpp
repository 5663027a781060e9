#include "engine/resident_snapshot.h"

#include <utility>

namespace qf::engine {

ResidentSnapshot::ResidentSnapshot(ConnectionFactory more_connections)
    : more_connections_(std::move(more_connections)) {}

Result<std::shared_ptr<const Snapshot>> ResidentSnapshot::Get(store::Database& db) {
  auto version = ReadLedgerVersion(db);
  if (!version) return std::unexpected(version.error());
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && version_ == *version) return snapshot_;
  }
  std::lock_guard load(load_mutex_);
  {  // Another caller may have loaded it while this one waited.
    std::lock_guard lock(mutex_);
    if (snapshot_ && version_ == *version) return snapshot_;
  }
  SnapshotLoad how;
  auto loaded = LoadSnapshotThrough(db, more_connections_, file_, *version, &how);
  if (!loaded) return std::unexpected(loaded.error());
  auto snapshot = std::make_shared<const Snapshot>(std::move(*loaded));
  std::lock_guard lock(mutex_);
  snapshot_ = snapshot;
  version_ = *version;
  ++loads_;
  last_load_ = how;
  return snapshot;
}

Result<std::shared_ptr<const Snapshot>> ResidentSnapshot::Current(store::Database& db) const {
  auto version = ReadLedgerVersion(db);
  if (!version) return std::unexpected(version.error());
  std::lock_guard lock(mutex_);
  if (snapshot_ && version_ == *version) return snapshot_;
  return nullptr;
}

void ResidentSnapshot::UseFile(SnapshotFile file) { file_ = std::move(file); }

SnapshotLoad ResidentSnapshot::last_load() const {
  std::lock_guard lock(mutex_);
  return last_load_;
}

std::shared_ptr<const Snapshot> ResidentSnapshot::Peek() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

std::optional<LedgerVersion> ResidentSnapshot::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

int64_t ResidentSnapshot::loads() const {
  std::lock_guard lock(mutex_);
  return loads_;
}

}  // namespace qf::engine
