// HTTP helpers.
#include "web/internal/http_util.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "core/money.h"

namespace qf::web::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string UrlDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

Form Form::Parse(std::string_view text) {
  Form form;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
    form.fields_.emplace(std::move(key), std::move(value));
  }
  return form;
}

Form Form::FromRequest(const httplib::Request& req) {
  if (req.is_multipart_form_data()) {
    Form form;
    for (const auto& [name, part] : req.files) {
      if (part.filename.empty()) form.fields_.emplace(name, part.content);
    }
    return form;
  }
  return Parse(req.body);
}

Form Form::FromQuery(const httplib::Request& req) {
  Form form;
  for (const auto& [k, v] : req.params) form.fields_.emplace(k, v);
  return form;
}

std::string Form::Get(const std::string& name) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? std::string() : it->second;
}

std::vector<std::string> Form::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  auto [lo, hi] = fields_.equal_range(name);
  for (auto it = lo; it != hi; ++it) out.push_back(it->second);
  return out;
}

std::string GetCookie(const httplib::Request& req, std::string_view name) {
  size_t n = req.get_header_value_count("Cookie");
  for (size_t h = 0; h < n; ++h) {
    std::string header = req.get_header_value("Cookie", h);
    std::string_view rest(header);
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view item = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      size_t eq = item.find('=');
      if (eq != std::string_view::npos && item.substr(0, eq) == name) {
        return std::string(item.substr(eq + 1));
      }
    }
  }
  return "";
}

void SetCookie(httplib::Response& res, std::string_view name, std::string_view value,
               int64_t max_age, bool secure) {
  std::string cookie = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", name, value);
  if (max_age >= 0) cookie += fmt::format("; Max-Age={}", max_age);
  if (secure) cookie += "; Secure";
  res.headers.emplace("Set-Cookie", cookie);
}

int StatusFor(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    default:
      return 500;
  }
}

nlohmann::json ApiErrorBody(const Error& error) {
  int status = StatusFor(error);
  const char* code = status == 400   ? "invalid_argument"
                     : status == 401 ? "unauthenticated"
                     : status == 403 ? "permission_denied"
                     : status == 404 ? "not_found"
                     : status == 409 ? "conflict"
                                     : "internal";
  nlohmann::json body = {{"code", code}};
  if (!error.field().empty()) body["field"] = error.field();
  if (status == 500) {
    fmt::print(stderr, "api: {}\n", error.message());
    body["message"] = "服务器内部错误，请稍后重试或联系系统管理员。";
  } else {
    body["message"] = error.message();
  }
  return {{"error", std::move(body)}};
}

std::string Yuan(int64_t fen) {
  const uint64_t magnitude = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  return fmt::format("{}{}.{:02d}", fen < 0 ? "-" : "",
                     Grouped(static_cast<int64_t>(magnitude / 100)), magnitude % 100);
}

std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

bool ParseId(std::string_view text, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && p == text.data() + text.size() && *out > 0;
}

nlohmann::json FormEcho(const Form& form) {
  nlohmann::json echo = nlohmann::json::object();
  for (const auto& [key, value] : form.fields()) {
    if (key != "_csrf") echo[key] = value;
  }
  return echo;
}

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace qf::web::internal
