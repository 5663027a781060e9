// SM3, HMAC-SM3 and SM4-CBC through OpenSSL 3's EVP interfaces; the derived keys; the key file.
#include "crypto/crypto.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <vector>

namespace qf::crypto {
namespace {

constexpr std::string_view kCipherPrefix = "sm4:";
constexpr std::string_view kKeyFileMagic = "qingfeng-key-v1";
constexpr std::size_t kIvSize = 16;
constexpr std::size_t kMacSize = 32;

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no secure random source: nothing here can work
}

const EVP_MD* Sm3() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SM3", nullptr);
  if (md == nullptr) std::abort();  // OpenSSL without SM3: a broken installation
  return md;
}

const EVP_CIPHER* Sm4Cbc() {
  static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "SM4-CBC", nullptr);
  if (cipher == nullptr) std::abort();
  return cipher;
}

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

std::string FromHex(std::string_view hex, bool* ok) {
  std::string out;
  *ok = hex.size() % 2 == 0;
  if (!*ok) return out;
  out.resize(hex.size() / 2);
  size_t len = 0;
  *ok = sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                       hex.size(), nullptr, &len, nullptr) == 0 &&
        len == out.size();
  return out;
}

// SM4-CBC over `in` with PKCS#7 padding; `encrypt` selects the direction.
std::optional<std::string> Sm4(std::string_view key, std::string_view iv, std::string_view in,
                               bool encrypt) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return std::nullopt;
  auto* k = reinterpret_cast<const unsigned char*>(key.data());
  auto* v = reinterpret_cast<const unsigned char*>(iv.data());
  if (EVP_CipherInit_ex2(ctx.get(), Sm4Cbc(), k, v, encrypt ? 1 : 0, nullptr) != 1) {
    return std::nullopt;
  }
  std::string out(in.size() + 32, '\0');
  int len = 0;
  int total = 0;
  if (EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                       reinterpret_cast<const unsigned char*>(in.data()),
                       static_cast<int>(in.size())) != 1) {
    return std::nullopt;
  }
  total = len;
  if (EVP_CipherFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + total, &len) !=
      1) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(total + len));
  return out;
}

}  // namespace

std::string ToHex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

std::string Sm3Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, Sm3(), nullptr) != 1) std::abort();
  return ToHex(std::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) std::abort();
  return ToHex(std::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

Result<std::string> FromBase64(std::string_view text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return Fail(ErrorCode::kInternal, "附件数据已损坏（无法解码）");
  }
  bytes.resize(len);
  return bytes;
}

namespace {

// A thread's keyed HMAC-SM3 contexts, the last few keys it used: the one-shot HMAC() fetches the
// algorithm, allocates a context and schedules the key on every call, which was a tenth of a
// public page's cost (its CSRF token and keyed hashes). Re-initialising a keyed context with no
// key reuses the key schedule.
class KeyedSm3Contexts {
 public:
  ~KeyedSm3Contexts() {
    for (Entry& e : entries_) EVP_MAC_CTX_free(e.ctx);
  }
  EVP_MAC_CTX* For(std::string_view key) {
    for (Entry& e : entries_) {
      if (e.key == key) {
        if (EVP_MAC_init(e.ctx, nullptr, 0, nullptr) != 1) std::abort();
        return e.ctx;
      }
    }
    if (entries_.size() == kKeys) {
      EVP_MAC_CTX_free(entries_.front().ctx);
      entries_.erase(entries_.begin());
    }
    static EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    char digest[] = "SM3";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0),
                           OSSL_PARAM_construct_end()};
    EVP_MAC_CTX* ctx = hmac == nullptr ? nullptr : EVP_MAC_CTX_new(hmac);
    if (ctx == nullptr || EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()),
                                       key.size(), params) != 1) {
      std::abort();  // OpenSSL without HMAC-SM3: a broken installation
    }
    entries_.push_back({std::string(key), ctx});
    return ctx;
  }

 private:
  static constexpr std::size_t kKeys = 8;
  struct Entry {
    std::string key;
    EVP_MAC_CTX* ctx;
  };
  std::vector<Entry> entries_;
};

}  // namespace

std::string HmacSm3(std::string_view key, std::string_view data) {
  thread_local KeyedSm3Contexts contexts;
  EVP_MAC_CTX* ctx = contexts.For(key);
  unsigned char mac[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  if (EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
      EVP_MAC_final(ctx, mac, &len, sizeof mac) != 1) {
    std::abort();
  }
  return std::string(reinterpret_cast<const char*>(mac), len);
}

std::string RandomBytes(std::size_t n) {
  InitSodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

struct StreamMac::State {
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* ctx = nullptr;
};

StreamMac::StreamMac(std::string_view key) : state_(new State) {
  state_->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (state_->mac != nullptr) state_->ctx = EVP_MAC_CTX_new(state_->mac);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0),
                         OSSL_PARAM_construct_end()};
  if (state_->ctx == nullptr ||
      EVP_MAC_init(state_->ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                   params) != 1) {
    std::abort();  // OpenSSL without HMAC-SHA-256: nothing here can work
  }
}

StreamMac::~StreamMac() {
  EVP_MAC_CTX_free(state_->ctx);
  EVP_MAC_free(state_->mac);
  delete state_;
}

void StreamMac::Update(const void* data, std::size_t size) {
  if (size > 0 && EVP_MAC_update(state_->ctx, static_cast<const unsigned char*>(data), size) != 1) {
    std::abort();
  }
}

std::string StreamMac::Final() {
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  if (EVP_MAC_final(state_->ctx, out, &len, sizeof out) != 1) std::abort();
  return std::string(reinterpret_cast<const char*>(out), len);
}

ChainKey ChainKey::FromMasterKey(const MasterKey& key) {
  std::string_view master(reinterpret_cast<const char*>(key.data()), key.size());
  ChainKey chain;
  chain.key_ = HmacSm3(master, "qingfeng/audit-chain");
  return chain;
}

std::string ChainKey::MacHex(std::string_view data) const { return ToHex(HmacSm3(key_, data)); }

FieldCipher FieldCipher::FromMasterKey(const MasterKey& key) {
  std::string_view master(reinterpret_cast<const char*>(key.data()), key.size());
  FieldCipher cipher(ChainKey::FromMasterKey(key));
  cipher.enc_key_ = HmacSm3(master, "qingfeng/sm4-cbc/encryption").substr(0, 16);
  cipher.mac_key_ = HmacSm3(master, "qingfeng/sm4-cbc/mac");
  cipher.index_key_ = HmacSm3(master, "qingfeng/id-index");
  cipher.snapshot_key_ = HmacSm3(master, "qingfeng/snapshot-file");
  return cipher;
}

Result<FieldCipher> FieldCipher::FromKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Fail(ErrorCode::kIo, fmt::format("无法读取密钥文件 {}：请先运行 qingfeng init 生成，"
                                            "或用 QINGFENG_KEY_FILE 指明其位置",
                                            path));
  }
  std::string magic, hex;
  in >> magic >> hex;
  bool ok = false;
  std::string raw = FromHex(hex, &ok);
  if (magic != kKeyFileMagic || !ok || raw.size() != 32) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 不是清风的密钥文件", path));
  }
  MasterKey key{};
  std::copy(raw.begin(), raw.end(), key.begin());
  sodium_memzero(raw.data(), raw.size());
  return FromMasterKey(key);
}

std::string FieldCipher::Encrypt(std::string_view plain) const {
  std::string iv = RandomBytes(kIvSize);
  auto ct = Sm4(enc_key_, iv, plain, true);
  if (!ct) std::abort();  // encryption with a valid key and IV cannot fail
  std::string body = iv + *ct;
  return std::string(kCipherPrefix) + ToHex(body + HmacSm3(mac_key_, body));
}

Result<std::string> FieldCipher::Decrypt(std::string_view stored) const {
  auto bad = [] {
    return Fail(ErrorCode::kInvalidArgument,
                "加密字段无法解密：数据被改动，或密钥文件不是加密时所用的那一个");
  };
  if (!stored.starts_with(kCipherPrefix)) return bad();
  bool ok = false;
  std::string raw = FromHex(stored.substr(kCipherPrefix.size()), &ok);
  if (!ok || raw.size() < kIvSize + 16 + kMacSize) return bad();
  std::string body = raw.substr(0, raw.size() - kMacSize);
  std::string mac = raw.substr(raw.size() - kMacSize);
  std::string expected = HmacSm3(mac_key_, body);
  if (sodium_memcmp(mac.data(), expected.data(), kMacSize) != 0) return bad();
  auto plain =
      Sm4(enc_key_, body.substr(0, kIvSize), std::string_view(body).substr(kIvSize), false);
  if (!plain) return bad();
  return *plain;
}

std::string FieldCipher::Index(std::string_view plain) const {
  return ToHex(HmacSm3(index_key_, plain));
}

Result<void> CreateKeyFile(const std::string& path) {
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Fail(ErrorCode::kConflict, fmt::format("密钥文件 {} 已存在，不会覆盖", path));
    }
    return Fail(ErrorCode::kIo, fmt::format("无法创建密钥文件 {}", path));
  }
  std::string key = RandomBytes(32);
  std::string text = fmt::format("{} {}\n", kKeyFileMagic, ToHex(key));
  sodium_memzero(key.data(), key.size());
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  sodium_memzero(text.data(), text.size());
  bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    std::filesystem::remove(p, ec);
    return Fail(ErrorCode::kIo, fmt::format("写入密钥文件 {} 失败", path));
  }
  return {};
}

Result<bool> EnsureKeyFile(const std::string& path) {
  if (std::filesystem::exists(path)) return false;
  auto created = CreateKeyFile(path);
  if (!created) return std::unexpected(created.error());
  return true;
}

std::string DefaultKeyFilePath(std::string_view db_url) {
  if (const char* env = std::getenv("QINGFENG_KEY_FILE"); env != nullptr && *env != '\0') {
    return env;
  }
  if (db_url.starts_with("sqlite:") && db_url != "sqlite::memory:") {
    std::string_view path = db_url.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);
    std::filesystem::path parent = std::filesystem::path(std::string(path)).parent_path();
    return (parent / "qingfeng.key").string();
  }
  return "var/qingfeng.key";
}

}  // namespace qf::crypto
