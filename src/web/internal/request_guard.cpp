// Request checks: same-site redirect targets, control characters in paths, log-safe paths.
#include "web/internal/request_guard.h"

#include <fmt/format.h>

namespace qf::web::internal {
namespace {

bool Visible(unsigned char c) { return c > 0x20 && c < 0x7F; }

}  // namespace

std::string SafeNext(std::string_view next) {
  if (next.size() < 1 || next[0] != '/') return "/";
  if (next.size() > 1 && next[1] == '/') return "/";
  for (unsigned char c : next) {
    if (!Visible(c) || c == '\\') return "/";
  }
  return std::string(next);
}

bool HasControlCharacters(std::string_view path) {
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string LogSafePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    if (Visible(c) && c != '%') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace qf::web::internal
