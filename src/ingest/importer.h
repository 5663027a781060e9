// Importing canonical tables (spec/dataset.md) into the store: the API behind `qingfeng import`.
//
//   qf::ingest::ImportOptions options;             // all-or-nothing per table by default
//   auto report = qf::ingest::ImportPaths(db, {"data/district"}, options);
//   if (!report) die(report.error().message());    // nothing to import, or the store failed
//   for (const auto& t : report->tables) puts(qf::ingest::SummaryLine(t).c_str());
//   if (!report->AllApplied()) exit(1);            // some table was refused: see t.errors
//
// A path is a folder (every <table>.csv / <table>.xlsx in it whose stem is a canonical table
// name, English or Chinese) or a single file named that way. Tables are imported in dependency
// order (profiles.h), each in one transaction: if any row is rejected the table is not applied
// (unless skip_invalid), and rows are upserted by their natural key, so importing the same data
// twice changes nothing and a corrected re-delivery replaces exactly the rows it corrects. Every
// file gets a row in import_log, whatever its outcome. The store must be migrated already.
//
// Thread safety: one call at a time per Database (as Database itself).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "core/date.h"
#include "core/result.h"
#include "ingest/record_source.h"
#include "store/database.h"

namespace qf::ingest {

// A rejected row (or the part of it that was wrong).
struct RowError {
  std::string file;    // the path as imported
  int64_t line = 0;    // physical line where the record starts (header = 1); XLSX: sheet row
  std::string column;  // the column header as written in the file
  std::string value;   // the value as written
  std::string reason;  // why, in Chinese
};

enum class TableOutcome {
  kApplied,  // every row valid, applied
  kPartial,  // skip_invalid: the valid rows applied, the rejected ones skipped
  kRefused,  // rows were rejected: nothing applied
  kFailed,   // the file could not be read as this table (header, truncation, …): nothing applied
};
std::string_view OutcomeName(TableOutcome outcome);  // "applied", "partial", "refused", "failed"

struct TableReport {
  std::string table;     // canonical table name ("" when the file name is not one)
  std::string file;      // the path as imported
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "GB18030", "XLSX"
  std::string sha256;    // of the file's bytes (lower-case hex), when it could be read
  TableOutcome outcome = TableOutcome::kFailed;
  int64_t rows_read = 0;      // data records read (header excluded)
  int64_t rows_imported = 0;  // rows applied to the store (0 unless applied or partial)
  int64_t rows_rejected = 0;  // data records with at least one error
  int64_t rows_changed = 0;   // rows inserted or actually modified in the store
  int64_t rows_removed = 0;   // --replace: stored rows absent from the delivery, removed
  double seconds = 0;
  // For kFailed: what was wrong with the file as a whole, naming file, line and column.
  std::string file_error;
  // The first ImportOptions::max_errors_kept row errors (all of them go to rejected_path).
  std::vector<RowError> errors;
};

struct ImportProgress {
  std::string_view file;
  int64_t rows = 0;
  int64_t bytes_read = 0;
  int64_t bytes_total = 0;
  double seconds = 0;
};

struct ImportOptions {
  // Apply the valid rows of a table that has rejected rows (the rejected ones are skipped).
  // Not with `replace`: a full extract with a rejected row is refused as a whole.
  bool skip_invalid = false;
  // Each delivered table is the department's full extract (`import --replace`): the stored rows
  // whose natural key it lacks are removed in the same transaction, counted and audited. A file
  // without data rows is refused rather than emptying the table.
  bool replace = false;
  // When non-empty, every row error of every table is written to this CSV file (UTF-8 with BOM,
  // columns file,line,column,value,reason). The file is removed again when there were none.
  std::string rejected_path;
  // Recorded in import_log.imported_by and as the audit entry's actor.
  std::string imported_by = "cli";
  // Writes each file's audit entry (data.import) with its import_log row; every caller outside
  // tests passes one.
  const audit::Recorder* recorder = nullptr;
  size_t max_errors_kept = 1000;
  // The data's as-of date (`qingfeng import --as-of`): a birth date or a paid date after it is
  // impossible and rejects its row (docs/import.md). Empty: the date `today` returns.
  std::optional<Date> as_of;
  // Today's date; empty = the system clock's local date. Tests inject a fixed day.
  std::function<Date()> today;
  // Called now and then (about 5 times a second) while a file is read; may be empty.
  std::function<void(const ImportProgress&)> on_progress;
  ReaderLimits limits;
};

struct ImportReport {
  std::vector<TableReport> tables;
  // True when every table was applied completely (no refused, failed or partial table).
  bool AllApplied() const;
  int64_t RowsRejected() const;
};

// Imports `paths` (folders or files). Fails only when nothing could be attempted (a folder holds
// no canonical table) or the store failed; problems with a file are in its TableReport.
Result<ImportReport> ImportPaths(store::Database& db, const std::vector<std::string>& paths,
                                 const ImportOptions& options);

// Imports one file as `table` (a canonical table name), whatever the file is called: a payment
// batch to be screened is named by whoever sent it. kNotFound for an unknown table name.
Result<TableReport> ImportFileAs(store::Database& db, std::string_view table,
                                 const std::string& path, const ImportOptions& options);

// "payments.csv：读取 N 行，导入 N 行，拒绝 N 行，变更 N 行，用时 x.x 秒"
std::string SummaryLine(const TableReport& table);
// "payments.csv 第 12 行，列 身份证号：'…' reason"
std::string DescribeRowError(const RowError& error);

}  // namespace qf::ingest
