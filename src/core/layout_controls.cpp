#include "core/layout_controls.h"

#include <fmt/format.h>

namespace qf {
namespace {

// Decodes the UTF-8 character at `i`; `length` = its bytes (1 for an invalid byte, which decodes
// as U+FFFD so that it is never taken for a control).
char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  length = 1;
  if (b0 < 0x80) return b0;
  std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0xFFFD;
  char32_t c = b0 & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    c = (c << 6) | (b & 0x3F);
  }
  length = n;
  return c;
}

}  // namespace

bool IsLayoutControl(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0x200E ||
         c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::optional<LayoutControl> FindLayoutControl(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    char32_t c = DecodeAt(text, i, length);
    if (IsLayoutControl(c)) return LayoutControl{i, c};
    i += length;
  }
  return std::nullopt;
}

std::string ReplaceLayoutControls(std::string_view text) {
  if (!FindLayoutControl(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  bool in_run = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    char32_t c = DecodeAt(text, i, length);
    if (IsLayoutControl(c)) {
      if (!in_run) out += ' ';
      in_run = true;
    } else {
      out.append(text.substr(i, length));
      in_run = false;
    }
    i += length;
  }
  return out;
}

std::string CodePointName(char32_t code_point) {
  return fmt::format("U+{:04X}", static_cast<uint32_t>(code_point));
}

}  // namespace qf
