// The reading and writing of a sealed file (the snapshot file and its part files): a header
// (magic, format, version text), members given to `io(member...)` in the order of
// internal/snapshot_fields.h, and a 32-byte HMAC-SHA-256 of everything before it. Sizes are
// 64-bit counts; scalars and vectors of scalars are their bytes as they lie in memory
// (little-endian x86-64), so a reader fills each vector with one copy.
#pragma once

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/atomic_file.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "engine/internal/snapshot_fields.h"

namespace qf::engine::internal {

inline constexpr char kMagic[8] = {'Q', 'F', 'S', 'N', 'A', 'P', '\r', '\n'};
inline constexpr uint32_t kFormat = 1;  // moves with every change of internal/snapshot_fields.h
inline constexpr size_t kMacSize = 32;
inline constexpr size_t kChunk = size_t{4} << 20;

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsMap : std::false_type {};
template <typename K, typename V>
struct IsMap<std::map<K, V>> : std::true_type {};
template <typename T>
struct IsPair : std::false_type {};
template <typename A, typename B>
struct IsPair<std::pair<A, B>> : std::true_type {};

// Elements stored as their bytes: numbers, enums and rows of numbers only.
template <typename T>
constexpr bool kPlain = std::is_trivially_copyable_v<T> && !IsPair<T>::value;

class Writer {
 public:
  Writer(int fd, std::string_view mac_key) : fd_(fd), mac_(mac_key) { buffer_.reserve(kChunk); }

  template <typename... T>
  void operator()(const T&... fields) {
    (Field(fields), ...);
  }

  void Bytes(const void* data, size_t size) {
    const char* p = static_cast<const char*>(data);
    if (buffer_.size() + size > kChunk) Flush();
    if (size >= kChunk) {
      Emit(p, size);
    } else {
      buffer_.append(p, size);
    }
  }

  // Writes what is buffered and the seal; false when a write failed.
  bool Finish() {
    Flush();
    std::string seal = mac_.Final();
    Write(seal.data(), seal.size());
    return ok_;
  }

 private:
  template <typename T>
  void Field(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      Size(v.size());
      Bytes(v.data(), v.size());
    } else if constexpr (IsVector<T>::value) {
      Size(v.size());
      if constexpr (kPlain<typename T::value_type>) {
        Bytes(v.data(), v.size() * sizeof(typename T::value_type));
      } else {
        for (const auto& e : v) Field(e);
      }
    } else if constexpr (IsMap<T>::value) {
      Size(v.size());
      for (const auto& [key, value] : v) (*this)(key, value);
    } else if constexpr (IsPair<T>::value) {
      (*this)(v.first, v.second);
    } else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
      Bytes(&v, sizeof v);
    } else if constexpr (requires { v.Fields(*this); }) {
      v.Fields(*this);
    } else {
      Fields(*this, v);
    }
  }

  void Size(size_t n) {
    uint64_t size = n;
    Bytes(&size, sizeof size);
  }

  void Flush() {
    Emit(buffer_.data(), buffer_.size());
    buffer_.clear();
  }

  void Emit(const char* p, size_t size) {
    mac_.Update(p, size);
    Write(p, size);
  }

  void Write(const char* p, size_t size) {
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

  int fd_;
  crypto::StreamMac mac_;
  std::string buffer_;
  bool ok_ = true;
};

class Reader {
 public:
  // `data_size`: the bytes before the seal.
  Reader(int fd, uint64_t data_size, std::string_view mac_key)
      : fd_(fd), left_(data_size), mac_(mac_key) {
    buffer_.resize(kChunk);
  }

  template <typename... T>
  void operator()(T&... fields) {
    (Field(fields), ...);
  }

  void Bytes(void* data, size_t size) {
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

  bool ok() const { return ok_; }
  // Whether every byte before the seal was read and the seal matches.
  bool Sealed() {
    if (!ok_ || at_ != end_ || left_ != 0) return false;
    std::string seal(kMacSize, '\0');
    if (!ReadRaw(seal.data(), seal.size())) return false;
    std::string expected = mac_.Final();
    unsigned char diff = 0;
    for (size_t i = 0; i < kMacSize; ++i) diff |= static_cast<unsigned char>(seal[i] ^ expected[i]);
    return diff == 0;
  }

 private:
  template <typename T>
  void Field(T& v) {
    if (!ok_) return;
    if constexpr (std::is_same_v<T, std::string>) {
      v.resize(Size());
      Bytes(v.data(), v.size());
    } else if constexpr (IsVector<T>::value) {
      using E = typename T::value_type;
      uint64_t n = Size(kPlain<E> ? sizeof(E) : 1);
      if constexpr (kPlain<E>) {
        v.resize(n);
        Bytes(v.data(), n * sizeof(E));
      } else {
        v.resize(n);
        for (auto& e : v) Field(e);
      }
    } else if constexpr (IsMap<T>::value) {
      uint64_t n = Size();
      for (uint64_t i = 0; i < n && ok_; ++i) {
        typename T::key_type key;
        typename T::mapped_type value;
        (*this)(key, value);
        v.emplace_hint(v.end(), std::move(key), std::move(value));
      }
    } else if constexpr (IsPair<T>::value) {
      (*this)(v.first, v.second);
    } else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
      Bytes(&v, sizeof v);
    } else if constexpr (requires { v.Fields(*this); }) {
      v.Fields(*this);
    } else {
      Fields(*this, v);
    }
  }

  // A count, refused (0, not ok) when its elements of at least `unit` bytes each could not fit
  // in what is left of the file: a damaged count must not allocate gigabytes before the seal is
  // checked.
  uint64_t Size(uint64_t unit = 1) {
    uint64_t n = 0;
    Bytes(&n, sizeof n);
    if (ok_ && n > (left_ + (end_ - at_)) / unit) ok_ = false;
    return ok_ ? n : 0;
  }

  void Refill() {
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

  void Read(char* out, size_t size) {
    if (size > left_ || !ReadRaw(out, size)) {
      ok_ = false;
      return;
    }
    mac_.Update(out, size);
    left_ -= size;
  }

  bool ReadRaw(char* out, size_t size) {
    while (size > 0) {
      ssize_t n = ::read(fd_, out, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      out += n;
      size -= static_cast<size_t>(n);
    }
    return true;
  }

  int fd_;
  uint64_t left_;  // bytes before the seal not yet read from the file
  crypto::StreamMac mac_;
  std::string buffer_;
  size_t at_ = 0, end_ = 0;
  bool ok_ = true;
};

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

inline Result<void> CannotWrite(const std::string& path) {
  return Fail(ErrorCode::kIo,
              fmt::format("无法写入快照文件 {}：{}", path, std::strerror(errno ? errno : EIO)));
}

// Writes a sealed file at `path` (through a temporary renamed onto it, mode 0600) whose header
// names `version`; `body(writer)` writes the members. kIo naming the file on failure.
template <typename Body>
Result<void> WriteSealed(const std::string& path, std::string_view version,
                         std::string_view mac_key, Body&& body) {
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

// Reads the sealed file at `path` when its header names `version`: `body(reader)` reads the
// members, which may be used only when the result is not an error. kNotFound when there is no
// file, kConflict when it is of another version or format, kIo when it is cut short or its seal
// does not match.
template <typename Body>
Result<void> ReadSealed(const std::string& path, std::string_view version, std::string_view mac_key,
                        Body&& body) {
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
