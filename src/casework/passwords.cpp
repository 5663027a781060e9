// argon2id through libsodium's crypto_pwhash_str_alg.
#include "casework/passwords.h"

#include <sodium.h>

#include <cstdlib>

#include "crypto/crypto.h"

namespace qf::casework {

PasswordCost PasswordCost::Interactive() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::Minimal() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  if (sodium_init() < 0) std::abort();
  if (password.size() < 8) return Fail(ErrorCode::kInvalidArgument, "密码至少 8 个字符");
  if (password.size() > 128) return Fail(ErrorCode::kInvalidArgument, "密码不能超过 128 个字符");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops_limit, cost.mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kInternal, "计算密码哈希时内存不足");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (sodium_init() < 0) std::abort();
  std::string hash(stored_hash);  // crypto_pwhash_str_verify wants a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string NewSessionToken() { return crypto::ToHex(crypto::RandomBytes(32)); }

std::string GeneratePassword() {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  if (sodium_init() < 0) std::abort();
  std::string out;
  for (int i = 0; i < 16; ++i) {
    out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return out;
}

}  // namespace qf::casework
