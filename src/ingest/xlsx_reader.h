// XlsxReader: reads the first worksheet of an .xlsx file (libzip) as records.
//
// The shared-string table is loaded whole (pugixml); the sheet XML is streamed from the zip in
// small chunks through a minimal scanner for <row>, <c>, <v>, <is>/<t>, so memory does not grow
// with the number of rows. Cell types: shared strings, inline strings, formula strings, booleans
// and numbers (Record::numeric marks numbers, so that a date column can read Excel serials).
// Empty cells are filled in; a row is as wide as the header row at least.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/record_source.h"

namespace qf::ingest {

class XlsxReader : public RecordSource {
 public:
  static Result<std::unique_ptr<XlsxReader>> Open(const std::string& path,
                                                  const ReaderLimits& limits = {});
  ~XlsxReader() override;

  Result<bool> Next(Record& record) override;
  int64_t bytes_read() const override;
  int64_t bytes_total() const override;
  std::string encoding() const override { return "XLSX"; }

 private:
  struct Impl;
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace qf::ingest
