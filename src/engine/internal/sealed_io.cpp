// The sealed file's bytes: buffered writes and reads through the HMAC, and the header and seal
// around a body (sealed_io.h).
#include "engine/internal/sealed_io.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/atomic_file.h"

namespace qf::engine::internal {
namespace {

constexpr char kMagic[8] = {'Q', 'F', 'S', 'N', 'A', 'P', '\r', '\n'};
constexpr uint32_t kFormat = 1;  // moves with every change of internal/snapshot_fields.h
constexpr size_t kMacSize = 32;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now; false when close reports a failed write.
  bool Close() {
    int fd = std::exchange(fd_, -1);
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

Result<void> CannotWrite(const std::string& path) {
  return Fail(ErrorCode::kIo,
              fmt::format("无法写入快照文件 {}：{}", path, std::strerror(errno ? errno : EIO)));
}

}  // namespace

Writer::Writer(int fd, std::string_view mac_key) : fd_(fd), mac_(mac_key) {
  buffer_.reserve(kChunk);
}

void Writer::Bytes(const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  if (buffer_.size() + size > kChunk) Flush();
  if (size >= kChunk) {
    Emit(p, size);
  } else {
    buffer_.append(p, size);
  }
}

bool Writer::Finish() {
  Flush();
  std::string seal = mac_.Final();
  Write(seal.data(), seal.size());
  return ok_;
}

void Writer::Flush() {
  Emit(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void Writer::Emit(const char* p, size_t size) {
  mac_.Update(p, size);
  Write(p, size);
}

void Writer::Write(const char* p, size_t size) {
  while (ok_ && size > 0) {
    ssize_t n = ::write(fd_, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok_ = false;
      return;
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
}

Reader::Reader(int fd, uint64_t data_size, std::string_view mac_key)
    : fd_(fd), left_(data_size), mac_(mac_key) {
  buffer_.resize(kChunk);
}

void Reader::Bytes(void* data, size_t size) {
  char* out = static_cast<char*>(data);
  while (ok_ && size > 0) {
    if (at_ == end_) {
      if (size >= kChunk) {  // large: straight into place, no copy through the buffer
        Read(out, size);
        return;
      }
      Refill();
      if (!ok_) return;
    }
    size_t n = std::min(size, end_ - at_);
    std::memcpy(out, buffer_.data() + at_, n);
    at_ += n;
    out += n;
    size -= n;
  }
}

bool Reader::Sealed() {
  if (!ok_ || at_ != end_ || left_ != 0) return false;
  std::string seal(kMacSize, '\0');
  if (!ReadRaw(seal.data(), seal.size())) return false;
  std::string expected = mac_.Final();
  unsigned char diff = 0;  // compared in constant time
  for (size_t i = 0; i < kMacSize; ++i) diff |= static_cast<unsigned char>(seal[i] ^ expected[i]);
  return diff == 0;
}

uint64_t Reader::Size(uint64_t unit) {
  uint64_t n = 0;
  Bytes(&n, sizeof n);
  if (ok_ && n > (left_ + (end_ - at_)) / unit) ok_ = false;
  return ok_ ? n : 0;
}

void Reader::Refill() {
  size_t n = static_cast<size_t>(std::min<uint64_t>(kChunk, left_));
  at_ = 0;
  end_ = 0;
  if (n == 0 || !ReadRaw(buffer_.data(), n)) {
    ok_ = false;
    return;
  }
  mac_.Update(buffer_.data(), n);
  left_ -= n;
  end_ = n;
}

void Reader::Read(char* out, size_t size) {
  if (size > left_ || !ReadRaw(out, size)) {
    ok_ = false;
    return;
  }
  mac_.Update(out, size);
  left_ -= size;
}

bool Reader::ReadRaw(char* out, size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd_, out, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

Result<void> WriteSealed(const std::string& path, std::string_view version,
                         std::string_view mac_key, const std::function<void(Writer&)>& body) {
  AtomicFile target(path);
  Fd fd(::open(target.temp_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (fd.get() < 0) return CannotWrite(path);
  Writer out(fd.get(), mac_key);
  out.Bytes(kMagic, sizeof kMagic);
  out(kFormat, std::string(version));
  body(out);
  if (!out.Finish() || !fd.Close()) return CannotWrite(path);
  return target.Commit();
}

Result<void> ReadSealed(const std::string& path, std::string_view version, std::string_view mac_key,
                        const std::function<void(Reader&)>& body) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Fail(ErrorCode::kNotFound, "没有快照文件 " + path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || st.st_size < static_cast<off_t>(kMacSize)) {
    return Fail(ErrorCode::kIo, "快照文件不完整：" + path);
  }
  Reader in(fd.get(), static_cast<uint64_t>(st.st_size) - kMacSize, mac_key);
  char magic[sizeof kMagic] = {};
  uint32_t format = 0;
  std::string written_for;
  in.Bytes(magic, sizeof magic);
  in(format, written_for);
  if (!in.ok() || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || format != kFormat) {
    return Fail(ErrorCode::kConflict, "快照文件格式不同：" + path);
  }
  if (written_for != version) {
    return Fail(ErrorCode::kConflict, "快照文件属于另一台账版本：" + path);
  }
  body(in);
  if (!in.Sealed()) return Fail(ErrorCode::kIo, "快照文件不完整或校验不符：" + path);
  return {};
}

}  // namespace qf::engine::internal
