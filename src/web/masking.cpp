// MaskName: the one masking function of the public pages.
#include "web/masking.h"

#include <vector>

namespace qf::web {
namespace {

// Splits UTF-8 into code points (as byte strings). Invalid bytes count as one character each, so
// malformed input is masked rather than passed through.
std::vector<std::string_view> CodePoints(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > text.size()) len = 1;
    out.push_back(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string MaskName(std::string_view name, MaskPolicy policy) {
  std::vector<std::string_view> chars = CodePoints(Trim(name));
  if (chars.empty()) return "";
  // Keeping the first character of a one-character name would show the whole name.
  if (chars.size() == 1) return "*";
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    bool keep = false;
    switch (policy) {
      case MaskPolicy::kMiddle:
        keep = i == 0 || (chars.size() > 2 && i + 1 == chars.size());
        break;
      case MaskPolicy::kSurnameOnly:
        keep = i == 0;
        break;
      case MaskPolicy::kFull:
        keep = false;
        break;
    }
    if (keep) {
      out.append(chars[i]);
    } else {
      out.push_back('*');
    }
  }
  return out;
}

std::optional<MaskPolicy> ParseMaskPolicy(std::string_view text) {
  if (text == "middle") return MaskPolicy::kMiddle;
  if (text == "surname") return MaskPolicy::kSurnameOnly;
  if (text == "full") return MaskPolicy::kFull;
  return std::nullopt;
}

}  // namespace qf::web
