// RejectedWriter: writes rejected rows to a CSV file (UTF-8 with BOM so that Excel opens it
// correctly) with the columns file,line,column,value,reason.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "core/atomic_file.h"
#include "core/result.h"
#include "ingest/importer.h"

namespace qf::ingest::internal {

class RejectedWriter {
 public:
  static Result<std::unique_ptr<RejectedWriter>> Create(const std::string& path);
  ~RejectedWriter();

  void Write(const RowError& error);
  // Where the next row goes: a table that is read again (duplicate keys) rewinds to it.
  int64_t Position();
  void RewindTo(int64_t position);
  // Closes the file and puts it in place; removes `path` when no row was written.
  void Finish();

 private:
  RejectedWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::FILE* file_;
  std::unique_ptr<AtomicFile> out_;  // the temporary file_ writes; renamed onto path_ by Finish
  int64_t header_end_ = 0;
};

}  // namespace qf::ingest::internal
