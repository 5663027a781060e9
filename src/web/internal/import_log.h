// The import log (最近导入 on /import) as a list: every import with its table by its Chinese name,
// its outcome in words, the rows read, imported, rejected and removed, the comparison that followed
// it, Beijing time and who — filtered by outcome and table (code or label), searched by file or
// table, dated by Beijing day, sorted by a whitelisted column and paged in SQL (list_query.h).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "web/internal/list_page.h"
#include "web/internal/list_query.h"

namespace qf::web::internal {

const ListSpec& ImportLogSpec();
std::vector<ListFilter> ImportLogFilters();

// An import_log outcome ("applied", "partial", "refused", "failed") as the pages name it.
std::string ImportOutcomeLabel(std::string_view outcome);

struct ImportLogPage {
  Paging paging;
  std::vector<nlohmann::json> rows;
};

// The page `query` asks for (clamped into range), or every selected row when `all` (the export).
Result<ImportLogPage> QueryImportLog(store::Database& db, const ListQuery& query, bool all);

}  // namespace qf::web::internal
