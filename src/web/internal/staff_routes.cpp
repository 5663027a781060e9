// Staff workspace routes: login and logout, the dashboard, the findings queue and evidence pages,
// the import page and the QR code sheet. Clues, cases, transfers and rectification are in
// casework_routes.cpp.
#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>

#include "casework/state_machines.h"
#include "core/citizen_id.h"
#include "core/clock.h"
#include "core/money.h"
#include "engine/check.h"
#include "engine/rule.h"
#include "ingest/importer.h"
#include "ingest/profiles.h"
#include "report/statistics.h"
#include "web/internal/app.h"
#include "web/internal/casework_view.h"
#include "web/internal/findings_query.h"
#include "web/internal/http_util.h"
#include "web/internal/import_log.h"
#include "web/internal/job_work.h"
#include "web/internal/list_export.h"
#include "web/internal/list_page.h"
#include "web/internal/request_guard.h"
#include "web/internal/statistics_view.h"
#include "web/qr_code.h"

namespace qf::web::internal {
namespace {

using casework::Role;
using casework::ShowsFullIds;

std::string ShownId(const casework::Actor& actor, const std::string& id) {
  if (ShowsFullIds(actor)) return id;
  auto parsed = CitizenId::Parse(id);
  return parsed ? parsed->Masked() : MaskIdsInText(id);
}

std::string ReviewName(const std::string& review) {
  return review == "open" ? "待核" : review == "confirmed" ? "已确认" : "已排除";
}
std::string StatusName(const std::string& status) {
  return status == "new" ? "新增" : status == "present" ? "持续存在" : "已消失";
}

Json FindingJson(const casework::Actor& actor, const FindingRow& r) {
  const engine::RuleSpec* spec = engine::FindRule(r.rule);
  return {{"fingerprint", r.fingerprint},
          {"rule", r.rule},
          {"rule_name", spec ? std::string(spec->name) : r.rule},
          {"id_number", ShownId(actor, r.id_number)},
          {"person", r.person_name},
          {"community", r.community},
          {"program", r.program_name.empty() ? r.program_code : r.program_name},
          {"program_code", r.program_code},
          {"period", ShownPeriod(r.period, r.evidence)},
          {"account_no", r.account_no},
          {"ref", ShownId(actor, r.ref)},
          {"severity", r.severity},
          {"severity_high", r.severity == "高"},
          {"amount", Yuan(r.amount)},
          {"evidence", ShowsFullIds(actor) ? r.evidence : MaskIdsInText(r.evidence)},
          {"status", StatusName(r.status)},
          {"review", ReviewName(r.review)},
          {"review_open", r.review == "open"},
          {"review_reason", r.review_reason},
          {"reviewed_by", r.reviewed_by},
          {"reviewed_at", r.reviewed_at.empty() ? std::string() : BeijingMinute(r.reviewed_at)},
          {"clue_id", r.clue_id},
          {"version", r.review_version},
          {"promoted", r.clue_id != 0}};
}

Json BucketsJson(const std::vector<Bucket>& buckets) {
  Json out = Json::array();
  for (const Bucket& b : buckets) {
    out.push_back({{"key", b.key},
                   {"label", b.label},
                   {"count", b.count},
                   {"amount", Yuan(b.amount)},
                   {"amount_fen", b.amount}});
  }
  return out;
}

// The data attribute an ECharts bar or line chart reads (static/app.js). With `short_axis` the
// axis shows each bucket's key (R01 … R26) and the tooltip its full label ("R01 死亡人员冒领"):
// 26 full rule names side by side overlap however they are rotated.
std::string ChartSpec(const std::string& type, const std::vector<Bucket>& buckets, bool amount,
                      bool short_axis = false) {
  Json labels = Json::array(), values = Json::array(), keys = Json::array();
  for (const Bucket& b : buckets) {
    labels.push_back(b.label);
    keys.push_back(b.key);
    values.push_back(amount ? static_cast<double>(b.amount) / 100.0 : static_cast<double>(b.count));
  }
  Json spec = {{"type", type}, {"labels", labels}, {"values", values}};
  if (short_axis) spec["axis"] = keys;
  return spec.dump();
}

void LoginPage(Ctx& ctx, const std::string& message, int status) {
  ctx.Render("login",
             {{"title", "登录"},
              {"nav", "login"},
              {"message", message},
              {"next", SafeNext(Form::FromQuery(ctx.req).Get("next"))}},
             status);
}

// Open deadlines (CaseworkService::Overdue / DueThisWeek) as the dashboard lists them: the kind in
// Chinese, the unit by name, a link to the item where it has a page of its own.
Json DueItemsJson(const Json& list, const Names& names) {
  static const std::map<std::string, std::pair<std::string, std::string>> kinds = {
      {"assignment", {"交办核查", "/clues"}},
      {"transfer", {"移送反馈", "/transfers/"}},
      {"rectification", {"整改", "/rectifications/"}}};
  Json items = Json::array();
  for (const Json& item : list.value("items", Json::array())) {
    auto kind = kinds.find(item.value("type", ""));
    std::string label = kind == kinds.end() ? item.value("type", "") : kind->second.first;
    std::string link = kind == kinds.end() || kind->first == "assignment"
                           ? std::string()
                           : fmt::format("{}{}", kind->second.second, item.value("id", int64_t{0}));
    items.push_back({{"kind", label},
                     {"title", item.value("title", "")},
                     {"unit", names.Unit(item.value("unit", ""))},
                     {"due", item.value("due", "")},
                     {"days", item.value("days_overdue", int64_t{0})},
                     {"link", link}});
  }
  return {{"count", items.size()}, {"items", items}, {"any", !items.empty()}};
}

// Where a 待办 leads: the rectification item it supervises, else its clue or case.
std::string TodoLink(const Json& todo) {
  if (std::string fp = todo.value("fingerprint", ""); fp.starts_with("rectification:")) {
    return "/rectifications/" + fp.substr(fp.find(':') + 1);
  }
  return todo.contains("clue_id") ? fmt::format("/clues/{}", todo["clue_id"].get<int64_t>())
                                  : fmt::format("/cases/{}", todo.value("case_id", int64_t{0}));
}

// 我的待办: each links to what it is about.
Json TodosJson(const Json& list, const Ctx& ctx) {
  Json items = Json::array();
  for (const Json& t : list.value("todos", Json::array())) {
    std::string link = TodoLink(t);
    items.push_back({{"id", t.value("id", int64_t{0})},
                     {"summary", t.value("summary", "")},
                     {"link", link},
                     {"at", BeijingMinute(t.value("created_at", ""))},
                     {"csrf", ctx.CsrfToken()}});
  }
  return {{"count", items.size()}, {"items", items}, {"any", !items.empty()}};
}

void TodoDone(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "待办不存在");
  auto done = ctx.Service().CompleteTodo(*ctx.actor, id);
  if (!done) return ctx.ErrorPage(done.error());
  ctx.Flash("待办已办结");
  ctx.Redirect("/#todos");
}

void Dashboard(Ctx& ctx) {
  auto service = ctx.Service();
  Json data = {{"title", "工作台"}, {"nav", "home"}, {"charts", true}};
  if (CanWorkFindings(*ctx.actor)) {
    auto by_rule = FindingsByRule(ctx.db);
    auto by_community = FindingsByCommunity(ctx.db, 12);
    auto by_review = FindingsByReview(ctx.db);
    auto by_month = FindingsByMonth(ctx.db);
    if (!by_rule || !by_community || !by_review || !by_month) {
      return ctx.ErrorPage(500, "统计查询失败");
    }
    int64_t total = 0, amount = 0;
    for (const Bucket& b : *by_rule) {
      total += b.count;
      amount += b.amount;
    }
    data["findings"] = {{"total", Grouped(total)},
                        {"amount", Yuan(amount)},
                        {"by_rule", BucketsJson(*by_rule)},
                        {"by_community", BucketsJson(*by_community)},
                        {"by_review", BucketsJson(*by_review)},
                        {"by_month", BucketsJson(*by_month)},
                        {"chart_rule", ChartSpec("bar", *by_rule, false, /*short_axis=*/true)},
                        {"chart_community", ChartSpec("bar", *by_community, true)},
                        {"chart_review", ChartSpec("pie", *by_review, false)},
                        {"chart_month", ChartSpec("line", *by_month, true)}};
  }
  if (CanWorkFindings(*ctx.actor)) {
    // What became of the findings, rule by rule: the report's own figures (one definition), for
    // the whole district like the findings charts above, from January of the report's default
    // year (that of the latest comparison or case) to this year's end — outcomes are recorded
    // now, which may be a year after the comparison that found them.
    Date today = qf::Today(ctx.app.clock());
    auto fallback = report::DefaultReportPeriod(ctx.db, today);
    int first_year = fallback ? fallback->first.year() : today.year();
    auto period = report::ParseReportPeriod(
        first_year == today.year() ? std::to_string(today.year())
                                   : fmt::format("{}-01..{}-12", first_year, today.year()));
    auto stats = period ? report::ComputeStatistics(ctx.db, *period, "", today)
                        : Result<report::Statistics>(std::unexpected(period.error()));
    if (!stats) return ctx.ErrorPage(500, "处理结果统计失败：" + stats.error().message());
    Json rows = Json::array();
    auto yuan = [&](const std::string& id) { return Yuan(stats->Get(id).value); };
    for (const engine::RuleSpec* rule : engine::RuleCatalogue()) {
      std::string id(rule->id);
      int64_t decided = stats->Get("findings.rule_decided." + id).value;
      int64_t stopped = stats->Get("findings.rule_stopped." + id).value;
      int64_t recovered = stats->Get("findings.rule_recovered." + id).value;
      if (decided == 0 && stopped == 0 && recovered == 0) continue;
      rows.push_back({{"rule", id},
                      {"name", std::string(rule->name)},
                      {"stopped", yuan("findings.rule_stopped." + id)},
                      {"recovered", yuan("findings.rule_recovered." + id)},
                      {"confirmed", stats->Get("findings.rule_confirmed." + id).value},
                      {"decided", decided},
                      {"rate", report::ConfirmationRate(*stats, id)}});
    }
    data["outcomes"] = {{"period", stats->period.Label()},
                        {"rows", rows},
                        {"any", !rows.empty()},
                        {"stopped", yuan("findings.stopped")},
                        {"recovered", yuan("findings.recovered")},
                        {"confirmed", stats->Get("findings.confirmed").value},
                        {"decided", stats->Get("findings.decided").value},
                        {"rate", report::ConfirmationRate(*stats, "")}};
  }
  if (auto clues = service.ListClues(*ctx.actor, Json::object()); clues) {
    std::map<std::string, int64_t> by_status;
    std::map<std::string, int64_t> by_month;
    for (const Json& c : (*clues)["clues"]) {
      auto state = casework::ParseClueState(c.value("status", ""));
      by_status[state ? std::string(casework::StateName(*state)) : c.value("status", "")]++;
      by_month[c.value("created_at", "").substr(0, 7)]++;
    }
    std::vector<Bucket> status_buckets, month_buckets;
    for (const auto& [k, v] : by_status) status_buckets.push_back({k, k, v, 0});
    for (const auto& [k, v] : by_month) month_buckets.push_back({k, k, v, 0});
    data["clues"] = {{"total", (*clues)["clues"].size()},
                     {"by_status", BucketsJson(status_buckets)},
                     {"chart_status", ChartSpec("pie", status_buckets, false)},
                     {"chart_month", ChartSpec("bar", month_buckets, false)}};
  }
  if (auto todos = service.ListTodos(*ctx.actor); todos) data["todos"] = TodosJson(*todos, ctx);
  // 我的待办 also lists what is overdue and what falls due this week (assignments, transfers
  // awaiting feedback, rectification items the user may see).
  Names names = Names::Load(ctx.db);
  if (auto overdue = service.Overdue(*ctx.actor); overdue)
    data["overdue"] = DueItemsJson(*overdue, names);
  if (auto due = service.DueThisWeek(*ctx.actor); due) {
    Json items = DueItemsJson(*due, names);
    Json upcoming = Json::array();
    for (const Json& item : items["items"]) {
      if (item.value("days", int64_t{0}) == 0) upcoming.push_back(item);  // the overdue are above
    }
    data["due_soon"] = {
        {"count", upcoming.size()}, {"items", upcoming}, {"any", !upcoming.empty()}};
  }
  if (auto stats = service.Statistics(*ctx.actor); stats) {
    Json tables = StatisticsTables(*stats);
    data["statistics"] = tables;
    data["has_statistics"] = !tables.empty();
  }
  ctx.Render("dashboard", data);
}

// The version the reviewer saw, from the form's `field`: absent or malformed stays out of the
// body, and the service refuses the call (400) — never last-write-wins.
void PutVersion(const Form& form, Json& body, const std::string& field = "version") {
  std::string version_text = form.Get(field);
  int64_t version = 0;
  auto [end, ec] =
      std::from_chars(version_text.data(), version_text.data() + version_text.size(), version);
  if (!version_text.empty() && ec == std::errc() &&
      end == version_text.data() + version_text.size()) {
    body["version"] = version;
  }
}

// The choices of the findings filters: a link may name the code or the label shown.
std::vector<Choice> RuleChoices() {
  std::vector<Choice> out;
  for (const engine::RuleSpec* spec : engine::RuleCatalogue()) {
    out.push_back({std::string(spec->id), fmt::format("{} {}", spec->id, spec->name)});
  }
  return out;
}
const std::vector<Choice> kReviewChoices = {
    {"open", "待核"}, {"confirmed", "已确认"}, {"dismissed", "已排除"}};
const std::vector<Choice> kStatusChoices = {
    {"new", "新增"}, {"present", "持续存在"}, {"gone", "已消失"}};
const std::vector<Choice> kSeverityChoices = {{"高", "高"}, {"中", "中"}, {"低", "低"}};

std::vector<Choice> ChoicesOf(const std::vector<Bucket>& buckets) {
  std::vector<Choice> out;
  for (const Bucket& b : buckets) out.push_back({b.key, b.label});
  return out;
}

// The filter drop-downs of the queue; the dashboard links its 无户籍 and 涉企项目 buckets here, so
// the community filter offers them too.
Result<std::vector<ListFilter>> FindingsFilters(store::Database& db) {
  auto communities = Communities(db);
  if (!communities) return std::unexpected(communities.error());
  auto programs = Programs(db);
  if (!programs) return std::unexpected(programs.error());
  for (Bucket& p : *programs) p.label = p.key + " " + p.label;
  communities->push_back({kNoHouseholdCommunity, kNoHouseholdCommunity, 0, 0});
  communities->push_back({kEnterpriseCommunity, kEnterpriseCommunity, 0, 0});
  return std::vector<ListFilter>{{"rule", "规则", RuleChoices()},
                                 {"severity", "严重程度", kSeverityChoices},
                                 {"community", "社区", ChoicesOf(*communities)},
                                 {"program", "项目", ChoicesOf(*programs)},
                                 {"review", "审核", kReviewChoices},
                                 {"status", "状态", kStatusChoices, "当前（未消失）"}};
}

// One request for the queue: its list parameters and the SQL filter they make, within the
// actor's scope (casework::FindingScope).
struct FindingsRequest {
  ListQuery query;
  FindingFilter filter;
  bool restricted_only = false;  // 干部监督室: findings naming commission staff, nothing else
};

Result<FindingsRequest> FindingsRequestFor(Ctx& ctx, const Form& params,
                                           const std::vector<ListFilter>& filters) {
  FindingsRequest r;
  r.query = ParseListQuery(params, FindingsListSpec());
  std::map<std::string, std::string> codes;
  for (const ListFilter& f : filters) {
    auto given = r.query.filters.find(f.name);
    if (given != r.query.filters.end()) codes[f.name] = CodeOf(given->second, f.choices);
  }
  FindingFilter& f = r.filter;
  f.rule = codes["rule"];
  f.severity = codes["severity"];
  f.community = codes["community"];
  f.program = codes["program"];
  f.review = codes["review"];
  f.status = codes["status"];
  f.search = r.query.search;
  f.period_from = r.query.from.substr(0, 7);
  f.period_to = r.query.to.substr(0, 7);
  f.order_by = OrderBy(FindingsListSpec(), r.query);
  f.page = r.query.page;
  f.page_size = r.query.page_size;
  auto scope = ctx.Service().FindingScopeFor(*ctx.actor);
  if (!scope) return std::unexpected(scope.error());
  f.all_units = scope->all_units;
  f.communities = scope->communities;
  // Findings naming commission staff exist for 干部监督室 alone (防止"灯下黑").
  r.restricted_only = scope->restricted_only;
  if (scope->restricted_only) {
    // This queue names no one: neither a search nor the order may tell whom a finding is about.
    f.search_names = false;
    if (r.query.sort == "person") f.order_by.clear();
    f.only = scope->restricted;
  } else {
    f.exclude = scope->restricted;
  }
  return r;
}

// The rows as the queue shows them to this actor (and as its export writes them).
std::vector<Json> FindingRowsJson(const casework::Actor& actor, const std::vector<FindingRow>& rows,
                                  bool restricted_only) {
  std::vector<Json> out;
  for (const FindingRow& r : rows) {
    Json row = FindingJson(actor, r);
    row["rule_label"] = fmt::format("{} {}", r.rule, row.value("rule_name", ""));
    if (restricted_only) {
      // The queue names no one: every read of a restricted finding is its evidence page, which
      // is audited.
      for (const char* key : {"person", "id_number", "evidence", "account_no", "ref"}) {
        row[key] = "";
      }
      row["person"] = "（涉及本机关工作人员，请打开查看）";
      row["restricted"] = true;
    }
    out.push_back(std::move(row));
  }
  return out;
}

void FindingsList(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权查看比对发现");
  auto filters = FindingsFilters(ctx.db);
  if (!filters) return ctx.ErrorPage(filters.error());
  auto request = FindingsRequestFor(ctx, Form::FromQuery(ctx.req), *filters);
  if (!request) return ctx.ErrorPage(request.error());
  auto page = QueryFindings(ctx.db, request->filter);
  if (!page) return ctx.ErrorPage(page.error());
  Paging paging = PageOf(page->total, request->query);
  Json rows = FindingRowsJson(*ctx.actor, page->rows, request->restricted_only);
  Json data = {{"title", "比对发现"},
               {"nav", "findings"},
               {"rows", rows},
               {"any", !rows.empty()},
               {"total", Grouped(page->total)},
               {"total_amount", Yuan(page->total_amount)},
               {"may_review", !request->restricted_only},
               {"csrf", ctx.CsrfToken()}};
  if (auto chrome =
          AddListChrome(ctx.app.templates(), data, FindingsListSpec(), request->query, paging,
                        {.filters = std::move(*filters),
                         .placeholder = "姓名、规则编号、项目代码",
                         .dates = "所属期",
                         .htmx_target = "#results",
                         .total_id = "findings-total",
                         .extra = "涉及金额 " + Yuan(page->total_amount) + " 元"});
      !chrome) {
    return ctx.ErrorPage(chrome.error());
  }
  data["back"] = ListUrl(FindingsListSpec(), request->query);
  auto table = ctx.app.templates().Render("findings_table", data);
  if (!table) return ctx.ErrorPage(table.error());
  // htmx asks for the result table alone when a filter changes.
  if (ctx.req.has_header("HX-Request")) {
    ctx.res.set_content(*table, "text/html; charset=utf-8");
    return;
  }
  data["table"] = *table;
  data["message"] = ctx.TakeFlash();
  data["error"] = ctx.TakeFlash(true);
  ctx.Render("findings", data);
}

// Every finding the queue's parameters select, all pages, as an Excel file.
void FindingsExport(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权导出比对发现");
  auto filters = FindingsFilters(ctx.db);
  if (!filters) return ctx.ErrorPage(filters.error());
  Form params = Form::FromQuery(ctx.req);
  auto request = FindingsRequestFor(ctx, params, *filters);
  if (!request) return ctx.ErrorPage(request.error());
  request->filter.page_size = 0;
  auto page = QueryFindings(ctx.db, request->filter);
  if (!page) return ctx.ErrorPage(page.error());
  ListExport list{.entity = "findings",
                  .title = "比对发现",
                  .columns = {{"规则", "rule_label"},
                              {"对象", "person"},
                              {"身份证号", "id_number"},
                              {"社区", "community"},
                              {"项目", "program"},
                              {"所属期", "period"},
                              {"严重程度", "severity"},
                              {"金额（元）", "amount"},
                              {"审核", "review"},
                              {"状态", "status"},
                              {"证据", "evidence"}},
                  .filters = Json::object()};
  for (const auto& [name, value] : params.fields()) {
    if (!value.empty()) list.filters[name] = value;
  }
  SendListExport(ctx, list, FindingRowsJson(*ctx.actor, page->rows, request->restricted_only));
}

// 批量审核: the checked findings marked 已确认 or 已排除 with one reason, each through
// CaseworkService::ReviewFinding at the version its row showed (a finding someone reviewed since
// is refused, not overwritten), each audited in the transaction of its change.
void BatchReviewPost(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权审核比对发现");
  Form form = Form::FromRequest(ctx.req);
  std::string back = SafeNext(form.Get("back"));
  std::string decision = form.Get("decision");
  std::vector<std::string> fps = form.GetAll("fp");
  if (fps.empty() || (decision != "confirmed" && decision != "dismissed")) {
    ctx.Flash("请勾选比对发现并选择审核结论", true);
    return ctx.Redirect(back);
  }
  auto service = ctx.Service();
  int64_t done = 0;
  std::vector<std::string> refused;
  for (const std::string& fp : fps) {
    Json body = {{"decision", decision}, {"reason", form.Get("reason")}};
    PutVersion(form, body, "v_" + fp);
    if (auto ok = service.ReviewFinding(*ctx.actor, fp, body); ok) {
      ++done;
    } else {
      refused.push_back(fmt::format("{}：{}", fp.substr(0, 8), FormMessage(ok.error())));
    }
  }
  const char* label = decision == "confirmed" ? "已确认" : "已排除";
  if (done > 0) ctx.Flash(fmt::format("{} 条比对发现已标记为{}", done, label));
  if (!refused.empty()) {
    ctx.Flash(fmt::format("{} 条未能标记 —— {}", refused.size(), fmt::join(refused, "；")), true);
  }
  ctx.Redirect(back);
}

void FindingDetail(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权查看比对发现");
  // The service decides who may see it (unit, 灯下黑) and audits reading a restricted one.
  auto checked = ctx.Service().GetFinding(*ctx.actor, ctx.req.matches[1].str());
  if (!checked) return ctx.ErrorPage(checked.error());
  auto row = LoadFinding(ctx.db, ctx.req.matches[1]);
  if (!row) return ctx.ErrorPage(row.error());
  if (!*row) return ctx.ErrorPage(404, "该比对发现不存在");
  Json f = FindingJson(*ctx.actor, **row);
  f["version"] = checked->value("version", int64_t{0});
  f["restricted"] = checked->value("restricted", false);
  f["person_link"] = PersonFileLink(ctx.app.cipher(), (*row)->id_number);
  f["outcome"] = checked->value("outcome", "");
  int64_t stopped = checked->value("stopped", int64_t{0});
  int64_t recovered = checked->value("recovered", int64_t{0});
  f["stopped"] = stopped > 0 ? Yuan(stopped) : "";
  f["recovered"] = recovered > 0 ? Yuan(recovered) : "";
  Json outcomes = Json::array();
  for (const Json& o : checked->value("outcomes", Json::array())) {
    int64_t amount = o.value("amount", int64_t{0});
    outcomes.push_back({{"outcome", o.value("outcome", "")},
                        {"amount", amount > 0 ? Yuan(amount) : ""},
                        {"note", o.value("note", "")},
                        {"recorded_by", o.value("recorded_by", "")},
                        {"recorded_at", BeijingMinute(o.value("recorded_at", ""))}});
  }
  f["has_outcomes"] = !outcomes.empty();
  f["outcomes"] = std::move(outcomes);
  Names names = Names::Load(ctx.db);
  f["reviewed_by"] = names.User((*row)->reviewed_by);
  f["reviewed_at"] = ShownTime((*row)->reviewed_at);
  // Its reviews and, once promoted, the registration of its clue, in time order.
  auto reviews = Timeline(ctx.db, names, {{"finding", (*row)->fingerprint}});
  Json entries = reviews ? *reviews : Json::array();
  if ((*row)->clue_id != 0) {
    auto clue = Timeline(ctx.db, names, {{"clue", std::to_string((*row)->clue_id)}});
    if (clue && !clue->empty()) {
      Json promoted = clue->front();
      promoted["what"] = fmt::format("转为线索 {}", (*row)->clue_id);
      entries.push_back(promoted);
      std::stable_sort(entries.begin(), entries.end(), [](const Json& a, const Json& b) {
        return a.value("at", "") < b.value("at", "");
      });
    }
  }
  f["timeline"] = entries;
  ctx.Render("finding", {{"title", "比对发现 " + (*row)->rule},
                         {"nav", "findings"},
                         {"f", f},
                         {"csrf", ctx.CsrfToken()},
                         {"message", ctx.TakeFlash()}});
}

void ReviewFindingPost(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权审核比对发现");
  Form form = Form::FromRequest(ctx.req);
  std::string fp = ctx.req.matches[1];
  std::string decision = form.Get("decision");
  if (decision != "confirmed" && decision != "dismissed" && decision != "open") {
    return ctx.ErrorPage(400, "审核结论应为 确认、排除 或 重新打开");
  }
  Json body = {{"decision", decision}, {"reason", form.Get("reason")}};
  PutVersion(form, body);
  if (auto ok = ctx.Service().ReviewFinding(*ctx.actor, fp, body); !ok) {
    return ctx.ErrorPage(ok.error());
  }
  ctx.Flash("已保存审核结论");
  ctx.Redirect("/findings/" + fp);
}

void FindingOutcomePost(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权登记处理结果");
  Form form = Form::FromRequest(ctx.req);
  std::string fp = ctx.req.matches[1];
  Json body = {{"outcome", form.Get("outcome")}, {"note", form.Get("note")}};
  if (std::string amount = form.Get("amount"); !amount.empty()) {
    auto money = Money::Parse(amount);
    if (!money) return ctx.ErrorPage(400, "金额有误：" + money.error().message());
    body["amount"] = money->fen();
  }
  PutVersion(form, body);
  auto saved = ctx.Service().RecordFindingOutcome(*ctx.actor, fp, body);
  if (!saved) return ctx.ErrorPage(saved.error());
  ctx.Flash("已登记处理结果：" + form.Get("outcome"));
  ctx.Redirect("/findings/" + fp);
}

void PromotePost(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权登记线索");
  Form form = Form::FromRequest(ctx.req);
  std::vector<std::string> fps = form.GetAll("fp");
  if (fps.empty()) return ctx.ErrorPage(400, "请至少勾选一条比对发现");
  Json body = {{"fingerprints", fps}};
  if (!form.Get("title").empty()) body["title"] = form.Get("title");
  auto clue = ctx.Service().PromoteFindings(*ctx.actor, body);
  if (!clue) return ctx.ErrorPage(clue.error());
  ctx.Redirect(fmt::format("/clues/{}", clue->value("id", int64_t{0})));
}

// 最近导入: the import log as a list, each import with what the comparison that followed it
// found new and gone. After an upload (a POST) it shows the first page unfiltered.
Result<void> AddImportLog(Ctx& ctx, Json& data) {
  Form params = ctx.req.method == "GET" ? Form::FromQuery(ctx.req) : Form();
  ListQuery query = ParseListQuery(params, ImportLogSpec());
  auto log = QueryImportLog(ctx.db, query, false);
  if (!log) return std::unexpected(log.error());
  data["recent"] = log->rows;
  data["any_recent"] = !log->rows.empty();
  return AddListChrome(ctx.app.templates(), data, ImportLogSpec(), query, log->paging,
                       {.filters = ImportLogFilters(),
                        .placeholder = "文件名、表名、操作人账号",
                        .dates = "导入日期"});
}

// Every import the parameters select as an Excel file.
void ImportLogExport(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权查看导入记录");
  Form params = Form::FromQuery(ctx.req);
  auto log = QueryImportLog(ctx.db, ParseListQuery(params, ImportLogSpec()), true);
  if (!log) return ctx.ErrorPage(log.error());
  ListExport out{.entity = "imports", .title = "数据导入记录", .columns = {}, .filters = {}};
  for (const auto& [key, field] :
       std::vector<std::pair<std::string, std::string>>{{"表", "table"},
                                                        {"文件", "file"},
                                                        {"结果", "outcome"},
                                                        {"读取", "read"},
                                                        {"导入", "imported"},
                                                        {"拒绝", "rejected"},
                                                        {"删除", "removed"},
                                                        {"导入后比对", "run_text"},
                                                        {"时间", "at"},
                                                        {"操作人", "by"}}) {
    out.columns.push_back({key, field});
  }
  out.filters = Json::object();
  for (const auto& [name, value] : params.fields()) {
    if (!value.empty()) out.filters[name] = value;
  }
  SendListExport(ctx, out, log->rows);
}

// Starts a background job as this user and sends the browser to its progress page; false (and
// an error page sent) when it could not be recorded.
bool StartJob(Ctx& ctx, jobs::JobKind kind, jobs::Work work) {
  auto id = ctx.app.jobs().Submit(ctx.db, kind, ctx.actor->username, &ctx.app.recorder(),
                                  std::move(work));
  if (!id) {
    ctx.ErrorPage(id.error());
    return false;
  }
  ctx.Redirect(fmt::format("/jobs/{}", *id));
  return true;
}

// 重新比对: a background job that runs every rule over the current ledger, records the findings
// (audited as check.run by the run itself) and joins new ones to open clues and cases.
void CheckPost(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权运行比对");
  (void)StartJob(ctx, jobs::JobKind::kCompare, CompareWork(ctx.app, ctx.actor->username));
}

void ImportPage(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权导入数据");
  Json data = {{"title", "数据导入"}, {"nav", "import"}, {"csrf", ctx.CsrfToken()}};
  if (auto log = AddImportLog(ctx, data); !log) return ctx.ErrorPage(log.error());
  ctx.Render("import", data);
}

// Writes the uploaded table files into `upload.dir` under their base names; "" when every file
// is a table, else the Chinese reason.
std::string SaveUploads(const httplib::Request& req, ImportUpload& upload) {
  namespace fs = std::filesystem;
  std::error_code perms_error;
  for (const auto& [field, part] : req.files) {
    if (field != "files" || part.filename.empty()) continue;
    // Only the base name, and only a table file: the upload never chooses where it is written.
    std::string name = fs::path(part.filename).filename().string();
    std::string ext = fs::path(name).extension().string();
    if (name.empty() || name[0] == '.' || (ext != ".csv" && ext != ".xlsx")) {
      return fmt::format("文件 {} 不是 .csv 或 .xlsx 表格", part.filename);
    }
    fs::path target = fs::path(upload.dir) / name;
    std::ofstream(target, std::ios::binary) << part.content;
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write, perms_error);
    upload.paths.push_back(target.string());
    upload.shown[target.string()] = name;
  }
  return upload.paths.empty() ? "请选择要导入的文件" : "";
}

// The upload is saved here; the import and the comparison after it run as a background job
// (job_work.h), whose page the browser is sent to at once.
void ImportPost(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权导入数据");
  namespace fs = std::filesystem;
  ImportUpload upload;
  upload.dir = (fs::temp_directory_path() /
                fmt::format("qingfeng-upload-{}", crypto::ToHex(crypto::RandomBytes(8))))
                   .string();
  fs::create_directories(upload.dir);
  // Uploaded ledgers are personal data: the folder is the server user's alone (0700), and so is
  // each file in it (0600).
  std::error_code perms_error;
  fs::permissions(upload.dir, fs::perms::owner_all, perms_error);
  if (std::string refused = SaveUploads(ctx.req, upload); !refused.empty()) {
    fs::remove_all(upload.dir, perms_error);
    return ctx.ErrorPage(400, refused);
  }
  Form form = Form::FromRequest(ctx.req);
  upload.skip_invalid = form.Get("skip_invalid") == "1";
  upload.replace = form.Get("replace") == "1";
  std::string dir = upload.dir;
  if (!StartJob(ctx, jobs::JobKind::kImport,
                ImportWork(ctx.app, std::move(upload), ctx.actor->username))) {
    fs::remove_all(dir, perms_error);
  }
}

std::string SiteBase(const httplib::Request& req, bool secure) {
  std::string host = req.get_header_value("Host");
  if (host.empty()) host = "127.0.0.1";
  return fmt::format("{}://{}", secure ? "https" : "http", host);
}

void QrSheet(Ctx& ctx) {
  auto places = ctx.app.places().All(ctx.db);
  if (!places) return ctx.ErrorPage(places.error());
  std::string base = SiteBase(ctx.req, ctx.app.options().secure_cookies);
  std::string kind = Form::FromQuery(ctx.req).Get("kind");
  Json items = Json::array();
  for (const Place& p : *places) {
    if (!kind.empty() && p.kind != kind) continue;
    std::string url = base + "/m/p/" + p.key;
    auto svg = QrSvg(url);
    items.push_back({{"key", p.key},
                     {"kind", p.kind},
                     {"name", p.name},
                     {"detail", p.detail},
                     {"url", url},
                     {"svg", svg ? *svg : std::string()}});
  }
  ctx.Render("qr", {{"title", "码上行动二维码"},
                    {"nav", "qr"},
                    {"items", items},
                    {"kind_all", kind.empty()},
                    {"kind_c", kind == "社区"},
                    {"kind_p", kind == "项目"},
                    {"kind_w", kind == "服务窗口"}});
}

void QrOne(Ctx& ctx) {
  auto place = ctx.app.places().Find(ctx.db, ctx.req.matches[1]);
  if (!place) return ctx.ErrorPage(place.error());
  if (!*place) return ctx.ErrorPage(404, "该地点不存在");
  auto svg = QrSvg(SiteBase(ctx.req, ctx.app.options().secure_cookies) + "/m/p/" + (*place)->key);
  if (!svg) return ctx.ErrorPage(svg.error());
  ctx.res.set_content(*svg, "image/svg+xml");
}

}  // namespace

void RegisterStaffRoutes(App& app, Router& server) {
  server.Get("/login", app.PublicGet([](Ctx& ctx) { LoginPage(ctx, ctx.TakeFlash(true), 200); }));
  server.Post("/login", app.PublicPost([&app](Ctx& ctx) {
    Form form = Form::FromRequest(ctx.req);
    auto session =
        ctx.Service().Login(form.Get("username"), form.Get("password"), app.AddressKey(ctx.req));
    if (!session) return LoginPage(ctx, session.error().message(), 401);
    SetCookie(ctx.res, app.SessionCookieName(), session->value("token", ""), -1,
              app.options().secure_cookies);
    ctx.Redirect(SafeNext(form.Get("next")));
  }));
  server.Post("/logout", app.StaffPost([&app](Ctx& ctx) {
    (void)ctx.Service().Logout(ctx.session_token);
    SetCookie(ctx.res, app.SessionCookieName(), "", 0, app.options().secure_cookies);
    ctx.Redirect("/login");
  }));
  server.Get("/", app.StaffGet(Dashboard));
  server.Post(R"(/todos/(\d{1,18})/done)", app.StaffPost(TodoDone));
  server.Get("/findings", app.StaffGet(FindingsList));
  server.Get("/findings/export", app.StaffGet(FindingsExport));
  server.Post("/findings/review", app.StaffPost(BatchReviewPost));
  server.Get(R"(/findings/([0-9a-f]{8,64}))", app.StaffGet(FindingDetail));
  server.Post(R"(/findings/([0-9a-f]{8,64})/review)", app.StaffPost(ReviewFindingPost));
  server.Post(R"(/findings/([0-9a-f]{8,64})/outcome)", app.StaffPost(FindingOutcomePost));
  server.Post("/findings/promote", app.StaffPost(PromotePost));
  server.Post("/findings/check", app.StaffPost(CheckPost));
  server.Get("/import", app.StaffGet(ImportPage));
  server.Get("/import/export", app.StaffGet(ImportLogExport));
  server.Post("/import", app.StaffPost(ImportPost));
  server.Get("/qr", app.StaffGet(QrSheet));
  server.Get(R"(/qr/([cpw]-[0-9A-Za-z_-]{1,40})\.svg)", app.StaffGet(QrOne));
}

}  // namespace qf::web::internal
