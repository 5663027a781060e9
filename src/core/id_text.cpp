// Scanning free text for ID numbers.
#include "core/id_text.h"

namespace qf {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length-18 candidate at `i`, when the characters there look like an ID number.
bool LooksLikeId(std::string_view text, std::size_t i) {
  if (i + 18 > text.size()) return false;
  if (i > 0 && IsDigit(text[i - 1])) return false;
  for (std::size_t k = 0; k < 17; ++k) {
    if (!IsDigit(text[i + k])) return false;
  }
  char last = text[i + 17];
  if (!IsDigit(last) && last != 'X' && last != 'x') return false;
  return i + 18 == text.size() || !IsDigit(text[i + 18]);
}

}  // namespace

std::string ReplaceIdNumbers(std::string_view text,
                             const std::function<std::string(const CitizenId&)>& replace) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (LooksLikeId(text, i)) {
      if (auto id = CitizenId::Parse(text.substr(i, 18))) {
        out += replace(*id);
        i += 18;
        continue;
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

std::vector<CitizenId> FindIdNumbers(std::string_view text) {
  std::vector<CitizenId> out;
  ReplaceIdNumbers(text, [&](const CitizenId& id) {
    out.push_back(id);
    return std::string();
  });
  return out;
}

}  // namespace qf
