// The Excel export of a list: every row the list's filters select (all pages), its columns with
// Chinese headers and the cells exactly as the page shows them to this user (ID numbers masked by
// role, codes in words), written through report::TablesXlsx (text cells neutralised against
// formula injection), sent as an attachment and audited as a download with the file's SHA-256
// (`<entity>.export`), committed before the file leaves.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "web/internal/app.h"

namespace qf::web::internal {

struct ExportColumn {
  std::string header;  // Chinese, as above the table on the page
  std::string field;   // the row field holding the shown text
};

struct ListExport {
  std::string entity;  // "clues": audited as "clues.export", file clues-<date>.xlsx
  std::string title;   // "线索": the sheet, the file's Chinese name, the title row
  std::vector<ExportColumn> columns;
  nlohmann::json filters;  // the parameters that selected the rows, kept in the audit entry
};

// Sends `rows` as `<title>.xlsx`; an error page when writing or auditing fails (nothing is sent
// without its audit entry).
void SendListExport(Ctx& ctx, const ListExport& list, const std::vector<nlohmann::json>& rows);

}  // namespace qf::web::internal
