// Small HTTP helpers of the web layer: form and cookie parsing, URL encoding, the status code of
// an Error, money and time formatting for pages.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace qf::web::internal {

std::string UrlDecode(std::string_view text, bool plus_is_space = true);
std::string UrlEncode(std::string_view text);

// The fields of a POST (application/x-www-form-urlencoded or multipart text fields) or of a
// query string. Repeated names keep every value in order.
class Form {
 public:
  static Form FromRequest(const httplib::Request& req);  // body (or multipart) fields
  static Form FromQuery(const httplib::Request& req);    // the URL's query string
  static Form Parse(std::string_view urlencoded);

  // The first value, or "" when absent.
  std::string Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  bool Has(const std::string& name) const { return fields_.contains(name); }
  const std::multimap<std::string, std::string>& fields() const { return fields_; }

 private:
  std::multimap<std::string, std::string> fields_;
};

// The form's fields but the CSRF token as a JSON object: the parameters of an export kept in its
// audit entry, a refused form's values echoed back.
nlohmann::json FormEcho(const Form& form);

// The value of cookie `name`, or "".
std::string GetCookie(const httplib::Request& req, std::string_view name);
// Set-Cookie with HttpOnly, SameSite=Strict and Path=/ always; Secure when `secure`.
// max_age < 0 makes a session cookie; 0 deletes it.
void SetCookie(httplib::Response& res, std::string_view name, std::string_view value,
               int64_t max_age, bool secure);

// 400 kInvalidArgument, 401, 403, 404, 409, 500 for the rest.
int StatusFor(const Error& error);
// The /api/v1 error body of docs/api.md: {"error": {"code", "field"?, "message"}}. A 500's own
// message stays in the server's log, not in the answer.
nlohmann::json ApiErrorBody(const Error& error);

// 123456789 fen → "1,234,567.89": amounts as staff read them, in thousands.
std::string Yuan(int64_t fen);
// Appends `text` HTML-escaped as the templates escape {{name}} (& < > " ').
void AppendEscaped(std::string& out, std::string_view text);
// 1234567 → "1,234,567".
std::string Grouped(int64_t n);

// Digits only, at most `max_len`: for ids in paths.
bool ParseId(std::string_view text, int64_t* out);

}  // namespace qf::web::internal
