// The shared search form, count/pager/export bar and header cells of the list pages.
#include "web/internal/list_page.h"

namespace qf::web::internal {

Result<void> AddListChrome(const Templates& templates, nlohmann::json& data, const ListSpec& spec,
                           const ListQuery& query, const Paging& paging, const ListChrome& chrome) {
  nlohmann::json view = ListView(spec, query, paging);
  if (!chrome.total_id.empty()) view["total_id"] = chrome.total_id;
  view["extra"] = chrome.extra;
  nlohmann::json filters = nlohmann::json::array();
  for (const ListFilter& f : chrome.filters) {
    auto chosen = query.filters.find(f.name);
    std::string code =
        chosen == query.filters.end() ? std::string() : CodeOf(chosen->second, f.choices);
    filters.push_back({{"name", f.name},
                       {"label", f.label},
                       {"all", f.all},
                       {"options", ChoiceOptions(f.choices, code)}});
  }
  nlohmann::json form = {{"list", view},
                         {"filters", filters},
                         {"placeholder", chrome.placeholder},
                         {"dates", chrome.dates},
                         {"htmx_target", chrome.htmx_target}};
  auto search = templates.Render("list_search", form);
  if (!search) return std::unexpected(search.error());
  auto bar = templates.Render("list_bar", view);
  if (!bar) return std::unexpected(bar.error());
  auto head = templates.Render("list_head", view);
  if (!head) return std::unexpected(head.error());
  data["list"] = std::move(view);
  data["search"] = std::move(*search);
  data["bar"] = std::move(*bar);
  data["head"] = std::move(*head);
  return {};
}

}  // namespace qf::web::internal
