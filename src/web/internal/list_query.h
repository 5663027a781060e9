// What every list of the workspace shares (findings, clues, cases, transfers, rectification,
// applications, the import log, the audit log): the query parameters they all take — `q` (search),
// `from`/`to` (dates), `sort`/`dir` (a whitelisted column), `page`, `size` and the list's own
// filters —, a page number clamped into range, the ORDER BY of a whitelisted column, and the view
// the shared `list_bar` template draws ("共 N 条，第 x/y 页", pager, page sizes, export link) with
// the sortable column headers.
//
//   static const ListSpec spec = {.path = "/clues", .columns = {{"id", "编号", "id"}, ...},
//                                 .default_sort = "id", .filters = {"status"}};
//   ListQuery query = ParseListQuery(Form::FromQuery(ctx.req), spec);
//   Paging paging = PageOf(total, query);          // page 99 of 3 is page 3
//   data["list"] = ListView(spec, query, paging);
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "web/internal/http_util.h"

namespace qf::web::internal {

// A column of a list. `key` is what ?sort= names; `by` is the ORDER BY expression of an SQL list
// or the row field an in-memory list compares; a column with an empty `key` does not sort.
struct SortColumn {
  std::string key, label, by;
  bool descending_first = false;  // amounts and dates: the largest / newest first on one click
};

struct ListSpec {
  std::string path{};  // the list's URL ("/clues"); its export is path + "/export"
  std::vector<SortColumn> columns{};
  std::string default_sort{};  // a key of `columns`
  bool default_descending = false;
  std::string tiebreak{};              // appended to an SQL ORDER BY so that pages are stable
  std::vector<std::string> filters{};  // the list's own parameters, kept in its links
  int64_t default_page_size = 20;
};

struct ListQuery {
  std::string search, from, to;  // from/to: "YYYY-MM-DD" or ""
  std::string sort;              // always a key of the spec's columns
  bool descending = false;
  int64_t page = 1;
  int64_t page_size = 20;                      // 10, 20, 50 or 100
  std::map<std::string, std::string> filters;  // the spec's filters that were given, trimmed
};

// Reads the parameters; an unknown sort column or page size falls back to the spec's default, a
// malformed date or page is ignored (never an error page for a hand-edited URL).
ListQuery ParseListQuery(const Form& form, const ListSpec& spec);

struct Paging {
  int64_t total = 0, page = 1, pages = 1, page_size = 20;
  int64_t Offset() const { return (page - 1) * page_size; }
};
// The requested page clamped into 1..pages (an empty list has one empty page).
Paging PageOf(int64_t total, const ListQuery& query);

// " ORDER BY <by> [DESC], <tiebreak>" for an SQL list.
std::string OrderBy(const ListSpec& spec, const ListQuery& query);
// Sorts in-memory rows by the chosen column's field (numbers as numbers, text by its bytes),
// stable so that equal rows keep the service's order.
void SortRows(std::vector<nlohmann::json>& rows, const ListSpec& spec, const ListQuery& query);
// The rows of the current page.
std::vector<nlohmann::json> PageRows(const std::vector<nlohmann::json>& rows, const Paging& paging);

// The list's URL with its parameters, `changes` applied ("" removes one): for pager and header
// links and the export link.
std::string ListUrl(const ListSpec& spec, const ListQuery& query,
                    const std::map<std::string, std::string>& changes = {},
                    std::string_view path = "");

// The template view: {total, page, pages, summary, first, prev, next, last, sizes, export,
// columns: [{label, href, sorted, arrow}], q, from, to, sort, dir, size}.
nlohmann::json ListView(const ListSpec& spec, const ListQuery& query, const Paging& paging);

// A filter value as stored: the code itself, or the code whose label the user typed or clicked
// ("处置中" → "in_disposal"); `text` unchanged when it matches neither.
struct Choice {
  std::string code, label;
};
std::string CodeOf(std::string_view text, const std::vector<Choice>& choices);
// {value, label, selected} options of a filter <select>.
nlohmann::json ChoiceOptions(const std::vector<Choice>& choices, std::string_view selected);

// `text` for an SQL LIKE pattern written with ESCAPE '\': % and _ match only themselves.
std::string LikeEscaped(std::string_view text);

// True when `text` contains `needle` (plain bytes: Chinese is matched as typed).
bool Contains(std::string_view text, std::string_view needle);

}  // namespace qf::web::internal
