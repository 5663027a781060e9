// Csrf: tokens as HMAC-SM3 of the CSRF cookie.
#include "web/internal/csrf.h"

#include <sodium.h>

#include "crypto/crypto.h"

namespace qf::web::internal {

std::string Csrf::NewCookieValue() { return crypto::ToHex(crypto::RandomBytes(16)); }

std::string Csrf::TokenFor(std::string_view cookie_value) const {
  return crypto::ToHex(crypto::HmacSm3(secret_, cookie_value));
}

bool Csrf::Valid(std::string_view cookie_value, std::string_view token) const {
  if (cookie_value.empty() || token.empty()) return false;
  std::string expected = TokenFor(cookie_value);
  if (expected.size() != token.size()) return false;
  return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

}  // namespace qf::web::internal
