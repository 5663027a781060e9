// The reading and writing of a sealed file (the snapshot file and its part files): a header
// (magic, format, version text), members given to `io(member...)` in the order of
// internal/snapshot_fields.h, and a 32-byte HMAC-SHA-256 of everything before it. Sizes are
// 64-bit counts; scalars and vectors of scalars are their bytes as they lie in memory
// (little-endian x86-64), so a reader fills each vector with one copy.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.h"
#include "crypto/crypto.h"
#include "engine/internal/snapshot_fields.h"

namespace qf::engine::internal {

inline constexpr size_t kChunk = size_t{4} << 20;  // the read and write buffer

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

// What a Writer and a Reader do alike with a member that is no string or container: a pair as
// its two members, a number or enum as its bytes, a class by its Fields list (its own static
// Fields, else the one in snapshot_fields.h).
template <typename Io, typename T>
void Members(Io& io, T& v) {
  using Plain = std::remove_const_t<T>;
  if constexpr (IsPair<Plain>::value) {
    io(v.first, v.second);
  } else if constexpr (std::is_arithmetic_v<Plain> || std::is_enum_v<Plain>) {
    io.Bytes(&v, sizeof v);
  } else if constexpr (requires { Plain::Fields(io, v); }) {
    Plain::Fields(io, v);
  } else {
    Fields(io, v);
  }
}

class Writer {
 public:
  Writer(int fd, std::string_view mac_key);

  template <typename... T>
  void operator()(const T&... fields) {
    (Field(fields), ...);
  }
  void Bytes(const void* data, size_t size);
  // Writes what is buffered and the seal; false when a write failed.
  bool Finish();

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
    } else {
      Members(*this, v);
    }
  }

  void Size(size_t n) {
    uint64_t size = n;
    Bytes(&size, sizeof size);
  }
  void Flush();
  void Emit(const char* p, size_t size);  // through the MAC to the file
  void Write(const char* p, size_t size);

  int fd_;
  crypto::StreamMac mac_;
  std::string buffer_;
  bool ok_ = true;
};

class Reader {
 public:
  // `data_size`: the bytes before the seal.
  Reader(int fd, uint64_t data_size, std::string_view mac_key);

  template <typename... T>
  void operator()(T&... fields) {
    (Field(fields), ...);
  }
  void Bytes(void* data, size_t size);
  bool ok() const { return ok_; }
  // Whether every byte before the seal was read and the seal matches.
  bool Sealed();

 private:
  template <typename T>
  void Field(T& v) {
    if (!ok_) return;
    if constexpr (std::is_same_v<T, std::string>) {
      v.resize(Size());
      Bytes(v.data(), v.size());
    } else if constexpr (IsVector<T>::value) {
      using E = typename T::value_type;
      v.resize(Size(kPlain<E> ? sizeof(E) : 1));
      if constexpr (kPlain<E>) {
        Bytes(v.data(), v.size() * sizeof(E));
      } else {
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
    } else {
      Members(*this, v);
    }
  }

  // A count, refused (0, not ok) when its elements of at least `unit` bytes each could not fit
  // in what is left of the file: a damaged count must not allocate gigabytes before the seal is
  // checked.
  uint64_t Size(uint64_t unit = 1);
  void Refill();
  void Read(char* out, size_t size);  // straight into place, through the MAC
  bool ReadRaw(char* out, size_t size);

  int fd_;
  uint64_t left_;  // bytes before the seal not yet read from the file
  crypto::StreamMac mac_;
  std::string buffer_;
  size_t at_ = 0, end_ = 0;
  bool ok_ = true;
};

// Writes a sealed file at `path` (through a temporary renamed onto it, mode 0600) whose header
// names `version`; `body(writer)` writes the members. kIo naming the file on failure.
Result<void> WriteSealed(const std::string& path, std::string_view version,
                         std::string_view mac_key, const std::function<void(Writer&)>& body);

// Reads the sealed file at `path` when its header names `version`: `body(reader)` reads the
// members, which may be used only when the result is not an error. kNotFound when there is no
// file, kConflict when it is of another version or format, kIo when it is cut short or its seal
// does not match.
Result<void> ReadSealed(const std::string& path, std::string_view version, std::string_view mac_key,
                        const std::function<void(Reader&)>& body);

}  // namespace qf::engine::internal
