// Rows, filters, sort columns and export columns of the casework lists.
#include "web/internal/casework_lists.h"

#include <fmt/format.h>

#include <algorithm>

#include "casework/casework_service.h"
#include "casework/state_machines.h"
#include "web/internal/casework_view.h"
#include "web/internal/classification_view.h"

namespace qf::web::internal {
namespace {

using casework::CaseworkService;

// Every state of a machine, code and label, in the machine's order.
template <typename State>
std::vector<Choice> StateChoices(State last) {
  std::vector<Choice> out;
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    auto s = static_cast<State>(i);
    out.push_back({std::string(casework::StateCode(s)), std::string(casework::StateName(s))});
  }
  return out;
}

std::vector<Choice> Plain(std::span<const std::string_view> values) {
  std::vector<Choice> out;
  for (std::string_view v : values) out.push_back({std::string(v), std::string(v)});
  return out;
}

std::vector<Choice> UnitChoices(const Json& units) {
  std::vector<Choice> out;
  for (const Json& u : units) out.push_back({u.value("code", ""), u.value("name", "")});
  return out;
}

// The columns every casework list shows; `category`, `amount` and `date` are named per kind, and
// a list without amounts ("" for `amount`) has no amount column.
ListSpec SpecFor(std::string path, std::string category, std::string amount, std::string date) {
  ListSpec spec{.path = std::move(path),
                .columns = {{"id", "编号", "id", true},
                            {"title", "标题 / 摘要", "title"},
                            {"category", std::move(category), "category"},
                            {"unit", "单位", "unit"}},
                .default_sort = "id",
                .default_descending = true,  // the newest first
                .filters = {"status", "source", "domain", "campaign", "unit", "direction", "kind"}};
  if (!amount.empty()) spec.columns.push_back({"amount", std::move(amount), "amount_fen", true});
  spec.columns.push_back({"status", "状态", "status_order"});
  spec.columns.push_back({"date", std::move(date), "date_sort", true});
  return spec;
}

const ListSpec& Spec(std::string_view kind) {
  static const ListSpec clue =
      SpecFor("/clues", "来源 · 领域 · 专项", "涉及金额（元）", "登记时间");
  static const ListSpec kase = SpecFor("/cases", "领域 · 专项", "追缴金额（元）", "立案时间");
  static const ListSpec transfer = SpecFor("/transfers", "方向 · 机关", "", "登记时间");
  static const ListSpec rectification = SpecFor("/rectifications", "类别 · 领域", "", "整改期限");
  return kind == "clue"       ? clue
         : kind == "case"     ? kase
         : kind == "transfer" ? transfer
                              : rectification;
}

std::vector<ListFilter> Filters(std::string_view kind, const Names& names) {
  using namespace casework;
  ListFilter unit{"unit", "单位", UnitChoices(names.InternalUnits(""))};
  ListFilter domain{"domain", "领域", Plain(ClueDomains())};
  ListFilter campaign{"campaign", "专项", CampaignChoices()};
  if (kind == "clue") {
    return {{"status", "状态", StateChoices(ClueState::kCaseFiled)},
            {"source", "来源", Plain(ClueSources())},
            domain,
            campaign,
            unit};
  }
  if (kind == "case") {
    return {{"status", "状态", StateChoices(CaseState::kClosed)}, domain, campaign};
  }
  if (kind == "transfer") {
    return {{"status", "状态", StateChoices(TransferState::kFeedbackSent)},
            {"direction", "方向", {{"out", "移出"}, {"in", "移入"}}}};
  }
  return {{"status", "状态", StateChoices(RectificationState::kClosed)},
          {"kind", "类别", Plain(RectificationKinds())},
          domain,
          campaign,
          unit};
}

// One item as its list row: shown text, and the raw values its filters and sort compare.
Json RowOf(std::string_view kind, const Json& item, const Names& names,
           const std::vector<Choice>& states) {
  std::string title = item.value("title", item.value("summary", item.value("content", "")));
  std::string category = item.value("kind", "");
  if (kind == "clue") category = item.value("source", "") + " · " + item.value("domain", "");
  if (kind == "case") category = item.value("domain", "");
  if (kind == "rectification") category += " · " + item.value("domain", "");
  // The special campaigns an item is counted under follow its domain.
  if (std::string campaigns = CampaignNamesOf(item); !campaigns.empty()) {
    category += " · " + campaigns;
  }
  if (kind == "transfer") {
    category = fmt::format("{} · {}", item.value("direction", "") == "out" ? "移出" : "移入",
                           names.Unit(item.value("organ", "")));
  }
  std::string date = item.value("created_at", item.value("filed_at", item.value("due_date", "")));
  if (kind == "rectification") date = item.value("due_date", "");
  std::string status = item.value("status", "");
  int64_t status_order = 0;
  while (status_order < static_cast<int64_t>(states.size()) && states[status_order].code != status)
    ++status_order;
  // No amount and an amount of 0 are both shown blank: the clue did not state one.
  const char* amount_key = kind == "case" ? "recovered" : "amount";
  bool has_amount = item.contains(amount_key) && item[amount_key].is_number_integer() &&
                    item[amount_key].get<int64_t>() != 0;
  int64_t fen = has_amount ? item[amount_key].get<int64_t>() : 0;
  int64_t id = item.value("id", int64_t{0});
  std::string shown_date = ShownTime(date);
  return {{"id", id},
          {"title", title},
          {"category", category},
          {"unit", names.Unit(item.value("unit", ""))},
          {"amount", has_amount ? Yuan(fen) : ""},
          {"amount_fen", fen},
          {"status", StateLabel(kind, status)},
          {"status_order", status_order},
          {"date", shown_date},
          {"date_sort", date},
          {"day", shown_date.substr(0, 10)},
          {"codes",
           {{"status", status},
            {"source", item.value("source", "")},
            {"domain", item.value("domain", "")},
            {"direction", item.value("direction", "")},
            {"kind", item.value("kind", "")}}},
          {"campaign_codes", CampaignCodesOf(item)}};
}

bool Matches(const Json& row, const ListQuery& q, const std::vector<ListFilter>& filters) {
  for (const ListFilter& f : filters) {
    auto given = q.filters.find(f.name);
    if (given == q.filters.end() || f.name == "unit") continue;  // unit: the service's subtree
    if (f.name == "campaign") {                                  // any of the item's campaigns
      const Json& codes = row["campaign_codes"];
      if (std::find(codes.begin(), codes.end(), CodeOf(given->second, f.choices)) == codes.end()) {
        return false;
      }
      continue;
    }
    if (row["codes"].value(f.name, "") != CodeOf(given->second, f.choices)) return false;
  }
  const std::string day = row.value("day", "");
  if ((!q.from.empty() && day < q.from) || (!q.to.empty() && day > q.to)) return false;
  if (q.search.empty()) return true;
  return std::to_string(row.value("id", int64_t{0})) == q.search ||
         Contains(row.value("title", ""), q.search) ||
         Contains(row.value("category", ""), q.search) || Contains(row.value("unit", ""), q.search);
}

using ListMethod = Result<Json> (CaseworkService::*)(const casework::Actor&, const Json&);

struct KindInfo {
  ListMethod method;
  const char* key;    // the service answer's array
  const char* title;  // the list's Chinese name
};

KindInfo Info(std::string_view kind) {
  if (kind == "clue") return {&CaseworkService::ListClues, "clues", "线索"};
  if (kind == "case") return {&CaseworkService::ListCases, "cases", "案件"};
  if (kind == "transfer") return {&CaseworkService::ListTransfers, "transfers", "线索移送"};
  return {&CaseworkService::ListRectifications, "rectifications", "监察建议与整改"};
}

}  // namespace

Result<CaseworkList> LoadCaseworkList(Ctx& ctx, std::string_view kind, const Form& params) {
  CaseworkList list;
  list.spec = &Spec(kind);
  list.query = ParseListQuery(params, *list.spec);
  Names names = Names::Load(ctx.db);
  std::vector<ListFilter> filters = Filters(kind, names);
  // A unit filter means the unit and the units below it: the service's reading.
  Json service_filters = Json::object();
  auto unit = list.query.filters.find("unit");
  for (const ListFilter& f : filters) {
    if (f.name == "unit" && unit != list.query.filters.end()) {
      service_filters["unit"] = CodeOf(unit->second, f.choices);
    }
  }
  KindInfo info = Info(kind);
  auto service = ctx.Service();
  auto answer = (service.*info.method)(*ctx.actor, service_filters);
  if (!answer) return std::unexpected(answer.error());
  const std::vector<Choice>& states = filters.front().choices;
  for (const Json& item : (*answer)[info.key]) {
    Json row = RowOf(kind, item, names, states);
    if (Matches(row, list.query, filters)) list.rows.push_back(std::move(row));
  }
  SortRows(list.rows, *list.spec, list.query);
  list.chrome = {.filters = std::move(filters),
                 .placeholder = "编号、标题、单位",
                 .dates = list.spec->columns.back().label};
  list.export_spec.entity = std::string(info.key);
  list.export_spec.title = info.title;
  for (const SortColumn& c : list.spec->columns) {
    list.export_spec.columns.push_back({c.label, c.key == "id" ? "id" : c.key});
  }
  list.export_spec.filters = Json::object();
  for (const auto& [name, value] : params.fields()) {
    if (!value.empty()) list.export_spec.filters[name] = value;
  }
  return list;
}

}  // namespace qf::web::internal
