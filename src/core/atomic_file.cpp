// AtomicFile: write beside, rename onto.
#include "core/atomic_file.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace qf {
namespace {

std::string Suffix() {
  static std::atomic<unsigned> counter{0};
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return fmt::format(".tmp-{:x}-{}", static_cast<unsigned long long>(now), counter++);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), temp_(path_ + Suffix()) {}

AtomicFile::~AtomicFile() {
  if (!committed_) std::remove(temp_.c_str());
}

Result<void> AtomicFile::Commit() {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A device or a pipe (`--out /dev/null`, `--out /dev/stdout`) is written into, never replaced:
  // renaming onto it would put a plain file where the device was (as root, for every process).
  if (fs::exists(path_, ec) && !fs::is_regular_file(path_, ec)) {
    std::ifstream in(temp_, std::ios::binary);
    std::ofstream out(path_, std::ios::binary);
    out << in.rdbuf();
    out.flush();
    fs::remove(temp_, ec);
    if (!out) return Fail(ErrorCode::kIo, fmt::format("无法写入 {}", path_));
    committed_ = true;
    return {};
  }
  fs::rename(temp_, path_, ec);
  if (ec) {
    return Fail(ErrorCode::kIo, fmt::format("无法写入 {}：{}", path_, ec.message()));
  }
  committed_ = true;
  return {};
}

}  // namespace qf
