// Password hashing (argon2id, libsodium) and random secrets: session tokens and generated
// passwords.
//
//   std::string stored = *HashPassword("correct horse", PasswordCost::Interactive());
//   VerifyPassword(stored, "correct horse") == true
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::casework {

// argon2id work factors. Production uses Interactive(); tests use Minimal() so that a lock-out
// test with six attempts stays fast.
struct PasswordCost {
  uint64_t ops_limit;
  std::size_t mem_limit;
  static PasswordCost Interactive();
  static PasswordCost Minimal();
};

// The libsodium "$argon2id$..." string (salt and parameters included). kInvalidArgument if the
// password is shorter than 8 or longer than 128 bytes; kInternal if memory runs out.
Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
// Constant-time check of `password` against a HashPassword string.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// 32 random bytes as 64 hex characters: a bearer token.
std::string NewSessionToken();
// A 16-character password of letters and digits without look-alikes (0/O, 1/l/I).
std::string GeneratePassword();

}  // namespace qf::casework
