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

}  // namespace qf
