#include "engine/resident_snapshot.h"

#include <utility>

namespace qf::engine {

ResidentSnapshot::ResidentSnapshot(ConnectionFactory more_connections)
    : more_connections_(std::move(more_connections)) {}

Result<std::shared_ptr<const Snapshot>> ResidentSnapshot::Get(store::Database& db) {
  auto version = ReadLedgerVersion(db);
  if (!version) return std::unexpected(version.error());
  if (auto resident = ResidentAt(*version)) return resident;
  std::lock_guard load(load_mutex_);
  // Another caller may have loaded it while this one waited.
  if (auto resident = ResidentAt(*version)) return resident;
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
  return ResidentAt(*version);
}

std::shared_ptr<const Snapshot> ResidentSnapshot::ResidentAt(const LedgerVersion& version) const {
  std::lock_guard lock(mutex_);
  return snapshot_ && version_ == version ? snapshot_ : nullptr;
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
