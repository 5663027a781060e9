// The four casework lists (线索, 案件, 移送, 整改) as one list each over what the casework service
// lets this user see: the service returns the visible items (it alone decides visibility, so the
// list is filtered, sorted and paged here rather than in SQL), and this file turns them into the
// rows the page and its Excel export show — codes in words, units by name, Beijing dates — and
// applies the shared list parameters (list_query.h): filters by code or by label (?status=处置中),
// search, a date range, a whitelisted sort.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "web/internal/app.h"
#include "web/internal/list_export.h"
#include "web/internal/list_page.h"
#include "web/internal/list_query.h"

namespace qf::web::internal {

struct CaseworkList {
  const ListSpec* spec = nullptr;
  ListQuery query;
  ListChrome chrome;
  ListExport export_spec;
  std::vector<nlohmann::json> rows;  // every row the parameters select, sorted
};

// `kind`: "clue", "case", "transfer", "rectification". The service's error when it refuses.
Result<CaseworkList> LoadCaseworkList(Ctx& ctx, std::string_view kind, const Form& params);

}  // namespace qf::web::internal
