// CSRF protection for every POST, staff and public alike: the browser holds a random cookie
// (HttpOnly, SameSite=Strict) and each form carries HMAC(server secret, cookie). A forged POST
// from another site can neither read the cookie nor compute the token.
#pragma once

#include <string>
#include <string_view>

namespace qf::web::internal {

class Csrf {
 public:
  Csrf() = default;
  explicit Csrf(std::string secret) : secret_(std::move(secret)) {}

  // A fresh random cookie value.
  static std::string NewCookieValue();
  // The token a form must carry for this cookie value.
  std::string TokenFor(std::string_view cookie_value) const;
  // Constant-time comparison of `token` with TokenFor(cookie_value); false for an empty cookie.
  bool Valid(std::string_view cookie_value, std::string_view token) const;

 private:
  std::string secret_;
};

}  // namespace qf::web::internal
