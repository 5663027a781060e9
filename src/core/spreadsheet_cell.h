// Text for a spreadsheet cell that a spreadsheet program will not run (OWASP "CSV injection"):
// a cell starting with = + - @ (or a tab or carriage return, which some programs skip first) is
// read as a formula, so an imported name like "=HYPERLINK(...)" would become a live link in the
// rejected-rows file or an export. Such text gets a leading single quote, which Excel and WPS
// show as text and hide.
//
//   NeutraliseCell("=1+1") == "'=1+1";  NeutraliseCell("张三") == "张三"
//
// For text only: numbers the program formats itself (amounts, counts) are written as they are.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace qf {

std::string NeutraliseCell(std::string_view text);

// One text field of a CSV file: neutralised, then quoted as RFC 4180 asks when it holds a comma,
// a quote or a line break.
void WriteCsvText(std::ostream& out, std::string_view text);

}  // namespace qf
