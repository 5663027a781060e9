#include "ingest/internal/import_record.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "store/query.h"

namespace qf::ingest::internal {
namespace {

// import_log.imported_at: the UTC instant as ISO 8601 with Z ("2026-12-06T02:42:19Z"), as every
// other table stores its times. Rows written before 6 Dec 2026 hold the importing machine's local
// wall time without a zone ("2026-12-06 10:42:19"); the import page shows those as written.
std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

audit::Entry ImportEntry(const TableReport& report, const std::string& sha256,
                         const ImportOptions& options, int64_t log_id) {
  nlohmann::json after = {{"table", report.table},
                          {"file", report.file},
                          {"sha256", sha256},
                          {"encoding", report.encoding},
                          {"outcome", OutcomeName(report.outcome)},
                          {"rows_read", report.rows_read},
                          {"rows_imported", report.rows_imported},
                          {"rows_rejected", report.rows_rejected},
                          {"rows_changed", report.rows_changed},
                          {"replace", options.replace},
                          {"rows_removed", report.rows_removed}};
  // Invalid UTF-8 in a file name must not stop the trace: it is replaced, not thrown on.
  return {options.imported_by,
          "data.import",
          "import_log",
          std::to_string(log_id),
          "",
          after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

}  // namespace

Result<void> RecordImport(store::Database& db, const TableReport& report, const std::string& sha256,
                          const ImportOptions& options) {
  QF_ASSIGN_OR_RETURN(
      int64_t log_id,
      store::Insert(db,
                    "INSERT INTO import_log (table_name, file, sha256, encoding, rows_read, "
                    "rows_imported, rows_rejected, rows_changed, rows_removed, outcome, imported_at, "
                    "imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    report.table, report.file, sha256, report.encoding, report.rows_read,
                    report.rows_imported, report.rows_rejected, report.rows_changed,
                    report.rows_removed,
                    std::string(OutcomeName(report.outcome)), UtcNow(), options.imported_by));
  if (options.recorder == nullptr) return {};
  QF_ASSIGN_OR_RETURN(int64_t seq,
                      options.recorder->Append(db, ImportEntry(report, sha256, options, log_id)));
  (void)seq;
  return {};
}

}  // namespace qf::ingest::internal
