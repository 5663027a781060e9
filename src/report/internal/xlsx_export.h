// XLSX export of the report tables through libxlsxwriter: one sheet per table, a header row,
// numbers as numbers, column widths that fit Chinese text.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "report/report_tables.h"

namespace qf::report::internal {

// Writes `tables` to the file at `path` (overwritten). kIo with libxlsxwriter's message.
Result<void> WriteXlsx(const std::vector<Table>& tables, const std::string& path);

}  // namespace qf::report::internal
