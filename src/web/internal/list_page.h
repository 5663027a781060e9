// The parts every list page draws the same way, rendered from the shared templates: the search
// form above the table (list_search: search box, the list's filters, a date range, page size),
// the bar with the count, pager and export link (list_bar), and the sortable header cells
// (list_head). A page's own template places them with {{{search}}}, {{{bar}}} and {{{head}}}.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "web/internal/list_query.h"
#include "web/internal/templates.h"

namespace qf::web::internal {

// A <select> of the search form: ?name=code (or the label itself, see CodeOf).
struct ListFilter {
  std::string name, label;
  std::vector<Choice> choices;
  std::string all = "全部";  // the empty choice
};

struct ListChrome {
  std::vector<ListFilter> filters{};
  std::string placeholder{};  // what the search box matches: "编号、标题"
  std::string dates{};        // the date the range applies to ("登记日期"); "" for no range
  std::string htmx_target{};  // "#results": a changed filter refreshes that element in place
  std::string total_id{};     // the id of the count's element, when a page names it itself
  std::string extra{};        // said after the count ("涉及金额 …元")
};

// Sets data["list"], data["search"], data["bar"] and data["head"].
Result<void> AddListChrome(const Templates& templates, nlohmann::json& data, const ListSpec& spec,
                           const ListQuery& query, const Paging& paging, const ListChrome& chrome);

}  // namespace qf::web::internal
