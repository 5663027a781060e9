// The shared parameters, paging, ordering and view of the workspace's lists.
#include "web/internal/list_query.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/date.h"
#include "core/strings.h"

namespace qf::web::internal {
namespace {

using Json = nlohmann::json;

constexpr int64_t kPageSizes[] = {10, 20, 50, 100};

const SortColumn* FindColumn(const ListSpec& spec, std::string_view key) {
  if (key.empty()) return nullptr;
  for (const SortColumn& c : spec.columns) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

std::string DateOrEmpty(std::string_view text) {
  auto date = Date::Parse(TrimSpaces(text));
  return date ? date->ToString() : std::string();
}

// Numbers compare as numbers, everything else as its text.
bool Less(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
  auto text = [](const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); };
  return text(a) < text(b);
}

}  // namespace

ListQuery ParseListQuery(const Form& form, const ListSpec& spec) {
  ListQuery q;
  q.search = std::string(TrimSpaces(form.Get("q")));
  q.from = DateOrEmpty(form.Get("from"));
  q.to = DateOrEmpty(form.Get("to"));
  const SortColumn* column = FindColumn(spec, form.Get("sort"));
  if (column != nullptr) {
    q.sort = column->key;
    std::string dir = form.Get("dir");
    q.descending = dir.empty() ? column->descending_first : dir == "desc";
  } else {
    q.sort = spec.default_sort;
    q.descending = spec.default_descending;
  }
  int64_t number = 0;
  if (ParseId(form.Get("page"), &number) && number > 0) q.page = number;
  q.page_size = spec.default_page_size;
  if (ParseId(form.Get("size"), &number) &&
      std::find(std::begin(kPageSizes), std::end(kPageSizes), number) != std::end(kPageSizes)) {
    q.page_size = number;
  }
  for (const std::string& name : spec.filters) {
    std::string value(TrimSpaces(form.Get(name)));
    if (!value.empty()) q.filters[name] = value;
  }
  return q;
}

Paging PageOf(int64_t total, const ListQuery& query) {
  Paging p;
  p.total = std::max<int64_t>(total, 0);
  p.page_size = std::max<int64_t>(query.page_size, 1);
  p.pages = std::max<int64_t>(1, (p.total + p.page_size - 1) / p.page_size);
  p.page = std::clamp<int64_t>(query.page, 1, p.pages);
  return p;
}

std::string OrderBy(const ListSpec& spec, const ListQuery& query) {
  const SortColumn* column = FindColumn(spec, query.sort);
  if (column == nullptr) column = FindColumn(spec, spec.default_sort);
  std::string out = fmt::format(" ORDER BY {}{}", column->by, query.descending ? " DESC" : "");
  if (!spec.tiebreak.empty()) out += ", " + spec.tiebreak;
  return out;
}

void SortRows(std::vector<Json>& rows, const ListSpec& spec, const ListQuery& query) {
  const SortColumn* column = FindColumn(spec, query.sort);
  if (column == nullptr) return;
  const std::string& field = column->by;
  std::stable_sort(rows.begin(), rows.end(), [&](const Json& a, const Json& b) {
    const Json& x = a.contains(field) ? a[field] : Json();
    const Json& y = b.contains(field) ? b[field] : Json();
    return query.descending ? Less(y, x) : Less(x, y);
  });
}

std::vector<Json> PageRows(const std::vector<Json>& rows, const Paging& paging) {
  auto first = std::min<size_t>(rows.size(), static_cast<size_t>(paging.Offset()));
  auto last = std::min<size_t>(rows.size(), first + static_cast<size_t>(paging.page_size));
  return {rows.begin() + static_cast<std::ptrdiff_t>(first),
          rows.begin() + static_cast<std::ptrdiff_t>(last)};
}

std::string ListUrl(const ListSpec& spec, const ListQuery& query,
                    const std::map<std::string, std::string>& changes, std::string_view path) {
  std::map<std::string, std::string> params = query.filters;
  params["q"] = query.search;
  params["from"] = query.from;
  params["to"] = query.to;
  if (query.sort != spec.default_sort || query.descending != spec.default_descending) {
    params["sort"] = query.sort;
    params["dir"] = query.descending ? "desc" : "asc";
  }
  if (query.page_size != spec.default_page_size) params["size"] = std::to_string(query.page_size);
  if (query.page > 1) params["page"] = std::to_string(query.page);
  for (const auto& [key, value] : changes) params[key] = value;
  std::string url(path.empty() ? std::string_view(spec.path) : path);
  char sep = '?';
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    url += fmt::format("{}{}={}", sep, key, UrlEncode(value));
    sep = '&';
  }
  return url;
}

Json ListView(const ListSpec& spec, const ListQuery& query, const Paging& paging) {
  auto at_page = [&](int64_t page) {
    return ListUrl(spec, query, {{"page", page > 1 ? std::to_string(page) : ""}});
  };
  Json columns = Json::array();
  for (const SortColumn& c : spec.columns) {
    Json col = {{"label", c.label}};
    if (!c.key.empty()) {
      bool sorted = query.sort == c.key;
      // A click on the sorted column turns it round; on another column sorts by it.
      bool descending = sorted ? !query.descending : c.descending_first;
      col["href"] = ListUrl(spec, query,
                            {{"sort", c.key}, {"dir", descending ? "desc" : "asc"}, {"page", ""}});
      col["sortable"] = true;
      col["sorted"] = sorted;
      col["descending"] = sorted && query.descending;
      col["arrow"] = sorted ? (query.descending ? "▼" : "▲") : "";
      col["key"] = c.key;
    }
    columns.push_back(std::move(col));
  }
  Json sizes = Json::array();
  for (int64_t size : kPageSizes) {
    sizes.push_back({{"size", size}, {"selected", size == paging.page_size}});
  }
  Json hidden = Json::array();  // what a search form must carry besides its own fields
  if (query.sort != spec.default_sort || query.descending != spec.default_descending) {
    hidden.push_back({{"name", "sort"}, {"value", query.sort}});
    hidden.push_back({{"name", "dir"}, {"value", query.descending ? "desc" : "asc"}});
  }
  return {{"total", paging.total},
          {"total_grouped", Grouped(paging.total)},
          {"total_id", "list-total"},
          {"page", paging.page},
          {"pages", paging.pages},
          {"summary",
           fmt::format("共 {} 条，第 {}/{} 页", Grouped(paging.total), paging.page, paging.pages)},
          {"first", paging.page > 1 ? Json(at_page(1)) : Json()},
          {"prev", paging.page > 1 ? Json(at_page(paging.page - 1)) : Json()},
          {"next", paging.page < paging.pages ? Json(at_page(paging.page + 1)) : Json()},
          {"last", paging.page < paging.pages ? Json(at_page(paging.pages)) : Json()},
          {"sizes", sizes},
          {"path", spec.path},
          {"export", ListUrl(spec, query, {{"page", ""}}, spec.path + "/export")},
          {"columns", columns},
          {"hidden", hidden},
          {"q", query.search},
          {"from", query.from},
          {"to", query.to}};
}

std::string CodeOf(std::string_view text, const std::vector<Choice>& choices) {
  for (const Choice& c : choices) {
    if (c.code == text || c.label == text) return c.code;
  }
  return std::string(text);
}

Json ChoiceOptions(const std::vector<Choice>& choices, std::string_view selected) {
  Json out = Json::array();
  for (const Choice& c : choices) {
    out.push_back({{"value", c.code}, {"label", c.label}, {"selected", c.code == selected}});
  }
  return out;
}

std::string LikeEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

bool Contains(std::string_view text, std::string_view needle) {
  return needle.empty() || text.find(needle) != std::string_view::npos;
}

}  // namespace qf::web::internal
