// The national-standard (国密) primitives, over OpenSSL 3: SM3 hashes for session tokens,
// FieldCipher, which keeps ID numbers SM4-encrypted at rest, and ChainKey, the HMAC-SM3 key that
// links the audit log's entries. Both keys derive from one master key kept in a key file outside
// the database.
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
#include <utility>

#include "core/result.h"

namespace qf::crypto {

// Lower-case hex of SM3(data).
std::string Sm3Hex(std::string_view data);
// Lower-case hex of SHA-256(data): the digest files are identified by (imports, exports).
std::string Sha256Hex(std::string_view data);
// Raw HMAC-SM3(key, data), 32 bytes.
std::string HmacSm3(std::string_view key, std::string_view data);
std::string ToHex(std::string_view bytes);
// Standard base64 (RFC 4648, with padding): how stored files and photos are kept in a text column.
std::string ToBase64(std::string_view bytes);
// The bytes of ToBase64's text; kInternal ("附件数据已损坏") when the text is not base64.
Result<std::string> FromBase64(std::string_view text);
// `n` random bytes from the operating system (libsodium).
std::string RandomBytes(std::size_t n);

using MasterKey = std::array<uint8_t, 32>;

// HMAC-SHA-256 over data given piece by piece: the seal of a file too large to hold twice (the
// engine's snapshot file). SHA-256 rather than SM3 because the file is hundreds of megabytes and
// the CPU's SHA extensions make it several times faster; the key still derives from the key file.
class StreamMac {
 public:
  explicit StreamMac(std::string_view key);
  ~StreamMac();
  StreamMac(const StreamMac&) = delete;
  StreamMac& operator=(const StreamMac&) = delete;

  void Update(const void* data, std::size_t size);
  // The 32-byte MAC of everything given; the object is used up.
  std::string Final();

 private:
  struct State;
  State* state_;
};

// The audit chain's key: HMAC-SM3 over an entry and its predecessor's link. Without the key file a
// forger who can write the database cannot compute a link, so a recomputed chain does not verify.
class ChainKey {
 public:
  static ChainKey FromMasterKey(const MasterKey& key);
  // Lower-case hex of HMAC-SM3(chain key, data).
  std::string MacHex(std::string_view data) const;

 private:
  ChainKey() = default;
  std::string key_;  // 32 bytes
};

class FieldCipher {
 public:
  using MasterKey = crypto::MasterKey;

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
  // The audit chain's key, derived from the same key file: whoever may write casework may append
  // to the audit log.
  const ChainKey& chain_key() const { return chain_key_; }
  // The key that seals the engine's snapshot file (StreamMac), so that a file not written by a
  // holder of the key file is never read as the ledger.
  const std::string& snapshot_key() const { return snapshot_key_; }

 private:
  explicit FieldCipher(ChainKey chain_key) : chain_key_(std::move(chain_key)) {}
  std::string enc_key_;       // 16 bytes, SM4
  std::string mac_key_;       // 32 bytes, HMAC-SM3 over IV and ciphertext
  std::string index_key_;     // 32 bytes, HMAC-SM3 of the value
  std::string snapshot_key_;  // 32 bytes, HMAC-SHA-256 of the snapshot file
  ChainKey chain_key_;
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

}  // namespace qf::crypto
