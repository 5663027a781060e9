// Incremental SHA-256 (OpenSSL EVP) for the import log's file fingerprint.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::ingest::internal {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string FinishHex();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// SHA-256 of a whole file, read in chunks.
Result<std::string> Sha256File(const std::string& path);

}  // namespace qf::ingest::internal
