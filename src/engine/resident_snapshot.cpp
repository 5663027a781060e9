#include "engine/resident_snapshot.h"

#include <utility>

namespace qf::engine {

Result<LedgerVersion> ReadLedgerVersion(store::Database& db) {
  auto st = db.Prepare(
      "SELECT (SELECT COUNT(*) FROM approval_applications WHERE status = 'completed'), "
      "import_id, sha256 || ' ' || imported_at FROM (SELECT 1) AS one LEFT JOIN "
      "(SELECT import_id, sha256, imported_at FROM import_log ORDER BY import_id DESC LIMIT 1) "
      "AS last ON TRUE");
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  LedgerVersion v;
  if (*row) {
    v.completed_applications = (*st)->Int(0);
    if (!(*st)->IsNull(1)) v.last_import = (*st)->Int(1);
    if (!(*st)->IsNull(2)) v.last_import_file = std::string((*st)->TextView(2));
  }
  return v;
}

std::string LedgerVersion::Key() const {
  return std::to_string(last_import) + " " + last_import_file + " " +
         std::to_string(completed_applications);
}

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
  auto loaded = LoadSnapshotThrough(db, more_connections_, file_, &how);
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
