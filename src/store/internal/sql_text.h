// SQL text for error messages, shared by both backends.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qf::store::internal {

// One line of at most kMaxSqlInMessage bytes, cut on a UTF-8 boundary: enough to recognise the
// statement in an error message without dumping a whole schema.
inline std::string AbbreviateSql(std::string_view sql) {
  constexpr std::size_t kMaxSqlInMessage = 160;
  std::string out;
  bool pending_space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += c;
    if (out.size() > kMaxSqlInMessage) break;
  }
  if (out.size() > kMaxSqlInMessage) {
    std::size_t cut = kMaxSqlInMessage;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "…";
  }
  return out;
}

}  // namespace qf::store::internal
