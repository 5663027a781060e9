// NeutraliseCell: a leading quote for text a spreadsheet would read as a formula.
#include "core/spreadsheet_cell.h"

namespace qf {

std::string NeutraliseCell(std::string_view text) {
  if (text.empty()) return {};
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return "'" + std::string(text);
    default:
      return std::string(text);
  }
}

void WriteCsvText(std::ostream& out, std::string_view text) {
  const std::string safe = NeutraliseCell(text);
  std::string_view s = safe;
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << s;
    return;
  }
  out << '"';
  for (char c : s) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace qf
