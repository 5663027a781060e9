// RecordSource: the seam between a file format and the importer. A source yields the records of
// one table file (the header is the first record) as UTF-8 fields, one record at a time, so that
// memory does not grow with the file. CSV (csv_reader.h) and XLSX (xlsx_reader.h) implement it.
//
//   auto source = qf::ingest::OpenRecordSource("data/payments.csv");
//   qf::ingest::Record record;
//   while (true) {
//     auto more = (*source)->Next(record);
//     if (!more) { report(more.error()); break; }   // fatal for the file: names file and line
//     if (!*more) break;                              // end of file
//     use(record.line, record.fields);
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace qf::ingest {

struct Record {
  // The physical line (CSV) or sheet row (XLSX) where the record starts; the header is line 1.
  int64_t line = 0;
  // UTF-8 field values; they stay valid until the next call of Next().
  std::vector<std::string_view> fields;
  // XLSX only: numeric[i] is 1 when cell i was stored as a number (dates then are serial numbers).
  // Empty for CSV.
  std::vector<uint8_t> numeric;
  // Index of a field whose bytes are not valid in the file's encoding (mixed encodings), else -1.
  // That field's value is then a printable description of the bytes.
  int undecodable_field = -1;
};

// Limits that keep a broken or hostile file from exhausting memory.
struct ReaderLimits {
  int64_t max_record_bytes = 1 << 20;  // one record (all its fields) at most 1 MiB
  int max_fields = 512;
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;

  // Reads the next record into `record`: true when one was read, false at the end. An error is
  // fatal for the file (truncated, too long a record, not a table file); its message names the
  // file and the line. Blank lines are skipped.
  virtual Result<bool> Next(Record& record) = 0;

  // Bytes of the file consumed so far and in total (for progress and ETA).
  virtual int64_t bytes_read() const = 0;
  virtual int64_t bytes_total() const = 0;
  // "UTF-8", "UTF-8 (BOM)", "GB18030", or "XLSX".
  virtual std::string encoding() const = 0;
};

// Opens `path` as CSV or XLSX by its extension (.csv / .xlsx, any case).
Result<std::unique_ptr<RecordSource>> OpenRecordSource(const std::string& path,
                                                       const ReaderLimits& limits = {});

}  // namespace qf::ingest
