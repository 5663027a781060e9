// The snapshot file and its part files (internal/sealed_io.h), and the load that goes through
// them.
#include "engine/snapshot_file.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <map>

#include "core/result_macros.h"
#include "engine/internal/sealed_io.h"
#include "engine/internal/table_parts.h"
#include "store/query.h"

namespace qf::engine {

using internal::ReadSealed;
using internal::WriteSealed;

Result<void> WriteSnapshotFile(const Snapshot& snapshot, const std::string& path,
                               std::string_view ledger, std::string_view mac_key) {
  return WriteSealed(path, ledger, mac_key, [&](internal::Writer& out) { out(snapshot); });
}

Result<Snapshot> ReadSnapshotFile(const std::string& path, std::string_view ledger,
                                  std::string_view mac_key) {
  Snapshot snapshot;
  auto read = ReadSealed(path, ledger, mac_key, [&](internal::Reader& in) { in(snapshot); });
  if (!read) return std::unexpected(read.error());
  return snapshot;
}

namespace {

using TableVersions = std::array<std::string, static_cast<size_t>(Table::kCount)>;

// Each table's version: its newest import (id, file digest, time); enrolments and cards also move
// with every application the 财政发放 step completed (it adds rows to them).
Result<TableVersions> ReadTableVersions(store::Database& db, const LedgerVersion& ledger) {
  std::map<std::string, std::string, std::less<>> newest;
  QF_RETURN_IF_ERROR(store::ForEachRow(
      db,
      "SELECT table_name, import_id, sha256, imported_at FROM import_log WHERE import_id IN "
      "(SELECT MAX(import_id) FROM import_log GROUP BY table_name)",
      [&](const store::Statement& st) {
        newest[st.Text(0)] = fmt::format("{} {} {}", st.Int(1), st.Text(2), st.Text(3));
      }));
  TableVersions versions;
  for (size_t t = 0; t < versions.size(); ++t) {
    auto table = static_cast<Table>(t);
    auto it = newest.find(TableName(table));
    versions[t] = std::string(TableName(table)) + " " + (it == newest.end() ? "0" : it->second);
    if (table == Table::kEnrolments || table == Table::kCards) {
      versions[t] += " " + std::to_string(ledger.completed_applications);
    }
  }
  return versions;
}

std::string PartsFolder(const SnapshotFile& file) { return file.path + "-parts"; }

std::string PartPath(const SnapshotFile& file, Table table) {
  return PartsFolder(file) + "/" + std::string(TableName(table));
}

// Sets every member it is given back to empty.
struct ClearMembers {
  template <typename... T>
  void operator()(T&... members) {
    ((members = T{}), ...);
  }
};

bool ReadPartFile(const SnapshotFile& file, const TableVersions& versions, Table table,
                  internal::TableParts& parts) {
  auto read = ReadSealed(PartPath(file, table), versions[static_cast<size_t>(table)], file.mac_key,
                         [&](internal::Reader& in) { internal::TableFields(in, parts, table); });
  if (!read) {  // nothing of a file that is not whole stays behind
    ClearMembers clear;
    internal::TableFields(clear, parts, table);
  }
  return read.has_value();
}

void WritePartFile(const SnapshotFile& file, const TableVersions& versions, Table table,
                   const internal::TableParts& parts) {
  std::error_code ignored;  // a part file that cannot be written costs the next load's time only
  std::filesystem::create_directories(PartsFolder(file), ignored);
  (void)WriteSealed(PartPath(file, table), versions[static_cast<size_t>(table)], file.mac_key,
                    [&](internal::Writer& out) { internal::TableFields(out, parts, table); });
}

}  // namespace

Result<Snapshot> LoadSnapshotThrough(store::Database& db, const ConnectionFactory& more_connections,
                                     const SnapshotFile& file, SnapshotLoad* how) {
  if (file.path.empty()) return LoadSnapshotThrough(db, more_connections, file, {}, how);
  // Read before the load: a write committed during it moves the version, so the next load reads
  // again instead of trusting a file that may hold part of that write.
  QF_ASSIGN_OR_RETURN(LedgerVersion ledger, ReadLedgerVersion(db));
  return LoadSnapshotThrough(db, more_connections, file, ledger, how);
}

Result<Snapshot> LoadSnapshotThrough(store::Database& db, const ConnectionFactory& more_connections,
                                     const SnapshotFile& file, const LedgerVersion& ledger,
                                     SnapshotLoad* how) {
  SnapshotLoad ignored;
  if (how == nullptr) how = &ignored;
  *how = {};
  if (file.path.empty()) return LoadSnapshot(db, more_connections);
  std::string key = ledger.Key();
  if (auto read = ReadSnapshotFile(file.path, key, file.mac_key)) {
    how->source = SnapshotSource::kFile;
    how->tables_from_store = 0;
    return read;
  }
  auto versions = ReadTableVersions(db, ledger);
  if (!versions) return std::unexpected(versions.error());
  internal::PartCache parts{
      .read = [&](Table t, internal::TableParts& p) { return ReadPartFile(file, *versions, t, p); },
      .read_from_store =
          [&](Table t, const internal::TableParts& p) { WritePartFile(file, *versions, t, p); }};
  auto loaded = internal::LoadSnapshot(db, more_connections, parts, &how->tables_from_store);
  if (!loaded) return loaded;
  how->source = how->tables_from_store < static_cast<int>(Table::kCount) ? SnapshotSource::kParts
                                                                         : SnapshotSource::kStore;
  (void)WriteSnapshotFile(*loaded, file.path, key, file.mac_key);
  return loaded;
}

void RemoveSnapshotFiles(const SnapshotFile& file) {
  if (file.path.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(file.path, ignored);
  std::filesystem::remove_all(PartsFolder(file), ignored);
}

SnapshotFile SnapshotFileFor(std::string_view db_url, std::string_view mac_key) {
  if (!db_url.starts_with("sqlite:") || db_url.find(":memory:") != std::string_view::npos)
    return {};
  std::string_view path = db_url.substr(7);
  if (path.starts_with("//")) path.remove_prefix(2);
  return {.path = std::string(path) + ".snapshot", .mac_key = std::string(mac_key)};
}

}  // namespace qf::engine
