// The national-standard (国密) primitives casework needs, over OpenSSL 3: SM3 hashes for the
// audit chain and session tokens, and FieldCipher, which keeps ID numbers SM4-encrypted at rest.
//
//   auto cipher = FieldCipher::FromKeyFile("var/qingfeng.key");
//   std::string stored = cipher->Encrypt("110105194912310029");   // "sm4:" + hex, never plain
//   std::string id = *cipher->Decrypt(stored);
//   std::string index = cipher->Index("110105194912310029");      // equal IDs, equal index
//
// FieldCipher uses SM4-CBC with a random IV per value and an HMAC-SM3 over IV and ciphertext
// (encrypt-then-MAC; Debian 12's OpenSSL 3.0 has no SM4-GCM). The key file holds one 256-bit
// master key from which the SM4 key, the MAC key and the index key are derived; it lives outside
// the database (`qingfeng init` creates it, mode 0600), so a copy of the database alone reveals
// no ID number. Thread safety: a FieldCipher is immutable and may be shared.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::casework {

// Lower-case hex of SM3(data).
std::string Sm3Hex(std::string_view data);
// Raw HMAC-SM3(key, data), 32 bytes.
std::string HmacSm3(std::string_view key, std::string_view data);
std::string ToHex(std::string_view bytes);
// `n` random bytes from the operating system (libsodium).
std::string RandomBytes(std::size_t n);

class FieldCipher {
 public:
  using MasterKey = std::array<uint8_t, 32>;

  static FieldCipher FromMasterKey(const MasterKey& key);
  // Reads a key file written by CreateKeyFile. kIo if it is missing or unreadable,
  // kInvalidArgument if it is not a key file.
  static Result<FieldCipher> FromKeyFile(const std::string& path);

  std::string Encrypt(std::string_view plain) const;
  // kInvalidArgument if `stored` was not produced by Encrypt with this key (tampered, or another
  // key file).
  Result<std::string> Decrypt(std::string_view stored) const;
  // Keyed, deterministic: lets the store match equal ID numbers without decrypting them.
  std::string Index(std::string_view plain) const;

 private:
  FieldCipher() = default;
  std::string enc_key_;    // 16 bytes, SM4
  std::string mac_key_;    // 32 bytes, HMAC-SM3 over IV and ciphertext
  std::string index_key_;  // 32 bytes, HMAC-SM3 of the value
};

// Writes a new random key file at `path` (mode 0600, parent directories created). Fails with
// kConflict if the file exists: a key is never silently replaced, as that would make every
// encrypted ID unreadable.
Result<void> CreateKeyFile(const std::string& path);
// Creates the key file unless it exists. Returns true when it created one.
Result<bool> EnsureKeyFile(const std::string& path);
// Where the key file of a database lives: $QINGFENG_KEY_FILE if set; else, for "sqlite:DIR/F.db",
// DIR/qingfeng.key; else var/qingfeng.key.
std::string DefaultKeyFilePath(std::string_view db_url);

}  // namespace qf::casework
