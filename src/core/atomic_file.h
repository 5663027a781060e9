// A file written beside its destination and renamed onto it when complete, so that a reader (or a
// crash) never sees half an export: the destination holds the old content or the new.
//
//   AtomicFile out("findings.csv");
//   std::ofstream(out.temp_path()) << csv;      // or any writer that takes a path
//   if (auto ok = out.Commit(); !ok) ...        // rename; the temporary is gone either way
//
// The one file operation in core: exports in engine, ingest, report and cli share it.
#pragma once

#include <string>

#include "core/result.h"

namespace qf {

class AtomicFile {
 public:
  // The temporary is "<path>.tmp-<random>" in the same folder (a rename never crosses file
  // systems). Nothing is created yet.
  explicit AtomicFile(std::string path);
  // Removes the temporary unless Commit succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& temp_path() const { return temp_; }
  const std::string& path() const { return path_; }
  // Renames the temporary onto the destination. kIo naming the file if that fails.
  Result<void> Commit();

 private:
  std::string path_;
  std::string temp_;
  bool committed_ = false;
};

}  // namespace qf
