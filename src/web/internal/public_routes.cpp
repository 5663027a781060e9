// The public 码上行动 pages, mobile-first: the index, a QR code's place, self-check, reporting
// and following a report up with its receipt code.
//
// Privacy rules these handlers keep: ID numbers are never written into a page; names go through
// MaskName; the self-check answer for a wrong name is the same page as for an unknown ID; a report
// stores nothing about its sender's connection (no address, no header), and the access log holds
// only method, path and status.
#include <fmt/format.h>

#include <algorithm>

#include "core/citizen_id.h"
#include "core/date.h"
#include "core/strings.h"
#include "taxonomy/taxonomy.h"
#include "web/internal/app.h"
#include "web/internal/http_util.h"
#include "web/internal/photo_scrub.h"
#include "web/internal/public_store.h"
#include "web/internal/self_check.h"

namespace qf::web::internal {
namespace {

constexpr int64_t kPageSize = 50;
constexpr size_t kMaxPhotos = 3;
constexpr size_t kMaxPhotoBytes = 5 * 1024 * 1024;
constexpr size_t kMaxTextBytes = 6000;

std::string Today(const App& app) { return qf::Today(app.clock()).ToString(); }

Json PlaceJson(const Place& p) {
  return {{"key", p.key}, {"kind", p.kind}, {"name", p.name}, {"detail", p.detail}};
}

// The index: what a citizen can do, and the places whose 公示 they can open. `?q=` searches the
// places by name (a district has hundreds of communities); without a match nothing is hidden
// silently — the page says so.
void Index(Ctx& ctx) {
  auto places = ctx.app.places().All(ctx.db);
  if (!places) return ctx.ErrorPage(places.error());
  std::string query(TrimSpaces(Form::FromQuery(ctx.req).Get("q")));
  if (query.size() > 60) query.resize(0);
  Json communities = Json::array(), programs = Json::array(), windows = Json::array();
  for (const Place& p : *places) {
    if (!query.empty() && p.name.find(query) == std::string::npos) continue;
    (p.key[0] == 'c' ? communities : p.key[0] == 'p' ? programs : windows).push_back(PlaceJson(p));
  }
  std::size_t found = communities.size() + programs.size() + windows.size();
  ctx.RenderPublic("m_index", {{"title", "码上行动"},
                               {"q", query},
                               {"searched", !query.empty()},
                               {"found", found},
                               {"none_found", !query.empty() && found == 0},
                               {"any_communities", !communities.empty()},
                               {"any_programs", !programs.empty()},
                               {"any_windows", !windows.empty()},
                               {"communities", communities},
                               {"programs", programs},
                               {"windows", windows}});
}

void PlacePage(Ctx& ctx) {
  auto view = ctx.app.places().View(ctx.db);
  if (!view) return ctx.ErrorPage(view.error());
  const Place* place = (*view)->Find(ctx.req.matches[1]);
  if (place == nullptr) {
    return ctx.ErrorPage(404, "没有找到这个二维码对应的地点，请确认二维码是否完整。");
  }
  int64_t page = 1;
  ParseId(Form::FromQuery(ctx.req).Get("page"), &page);
  page = std::max<int64_t>(page, 1);
  // The page shows nothing per visitor: rendered once per ledger version (a QR code at a
  // service window is scanned far more often than the ledger changes).
  const std::string cache_key = fmt::format("{}?{}", place->key, page);
  if (auto cached = (*view)->pages.Get(cache_key)) return ctx.SendHtml(std::move(*cached));
  auto disclosure = LoadDisclosure(ctx.db, *place, ctx.app.options().mask_policy, page, kPageSize);
  if (!disclosure) return ctx.ErrorPage(disclosure.error());
  Json rows = Json::array();
  for (const DisclosureRow& r : disclosure->rows) {
    rows.push_back({{"program", r.program},
                    {"name", r.name_masked},
                    {"community", r.community},
                    {"start", r.start_date},
                    {"end", r.end_date.empty() ? "至今" : r.end_date},
                    {"household", r.household_size},
                    {"amount", r.last_amount ? Yuan(r.last_amount) : "—"},
                    {"periods", r.periods.empty() ? "—" : r.periods}});
  }
  Json programs = Json::array();
  for (const Place& p : disclosure->programs) programs.push_back(PlaceJson(p));
  int64_t pages = std::max<int64_t>(1, (disclosure->total + kPageSize - 1) / kPageSize);
  std::string base = "/m/p/" + place->key;
  auto html = ctx.PublicHtml(
      "m_place",
      {{"title", place->name},
       {"place", PlaceJson(*place)},
       {"rows", rows},
       {"any", !rows.empty()},
       {"total", disclosure->total},
       {"is_community", place->key[0] == 'c'},
       {"is_window", place->key[0] == 'w'},
       {"programs", programs},
       {"page", page},
       {"pages", pages},
       {"prev", page > 1 ? Json(fmt::format("{}?page={}", base, page - 1)) : Json()},
       {"next", page < pages ? Json(fmt::format("{}?page={}", base, page + 1)) : Json()}});
  if (!html) return ctx.ErrorPage(html.error());
  // Pages past the end are not kept: any number could be asked for.
  if (page <= pages) (*view)->pages.Put(cache_key, *html);
  ctx.SendHtml(std::move(*html));
}

// "2025-11-30" → "2025年11月30日", the as-of date the pages state.
std::string ChineseDate(const std::string& iso) {
  auto date = Date::Parse(iso);
  if (!date) return iso;
  return fmt::format("{}年{}月{}日", date->year(), date->month(), date->day());
}

// What a person typed as an ID number, without the spaces that phones and copied text put in
// ("110105 19491231 002X", full-width spaces included).
std::string WithoutSpaces(std::string_view typed) {
  std::string out;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == ' ' || typed[i] == '\t' || typed[i] == '-') continue;
    if (typed.substr(i).starts_with("\u3000")) {  // 　 IDEOGRAPHIC SPACE
      i += 2;
      continue;
    }
    out.push_back(typed[i]);
  }
  return out;
}

void CheckForm(Ctx& ctx, const std::string& message, int status, const std::string& name = "") {
  auto as_of = ctx.app.places().AsOf(ctx.db);
  ctx.RenderPublic("m_check",
                   {{"title", "查询本人补贴"},
                    {"csrf", ctx.CsrfToken()},
                    {"message", message},
                    {"name", name},
                    {"as_of", as_of ? Json(ChineseDate(*as_of)) : Json()}},
                   status);
}

// The rows of the payments table, written here rather than by the template: a person may have
// dozens, and the self-check is the page the public asks most of.
std::string PaymentRows(const std::vector<SelfCheckResult::Payment>& payments) {
  std::string rows;
  for (const auto& p : payments) {
    rows += "<tr><td>";
    AppendEscaped(rows, p.period);
    rows += "<br><small>";
    AppendEscaped(rows, p.paid_date);
    rows += ' ';
    AppendEscaped(rows, p.account_tail);
    rows += "</small></td><td>";
    AppendEscaped(rows, p.program);
    rows += "</td><td class=\"num\">";
    AppendEscaped(rows, Yuan(p.amount));
    rows += "</td></tr>";
  }
  return rows;
}

// From the resident snapshot when it is current and the persons registry holds this name, else
// from the store (self_check.h): the same answer either way.
Result<SelfCheckResult> AnswerSelfCheck(Ctx& ctx, const std::string& id_number,
                                        const std::string& name, const std::string& as_of) {
  if (auto snapshot = ctx.app.CurrentSnapshot(ctx.db)) {
    if (auto answer = SelfCheckFromSnapshot(*snapshot, id_number, name, as_of)) return *answer;
  }
  return SelfCheck(ctx.db, id_number, name, as_of);
}

void CheckPost(Ctx& ctx) {
  Form form = Form::FromRequest(ctx.req);
  std::string id_text = form.Get("id_number");
  std::string name = std::string(TrimSpaces(form.Get("name")));
  RateLimiter& by_address = ctx.app.check_by_address();
  if (by_address.Limited() && !by_address.Allow(ctx.app.AddressKey(ctx.req))) {
    return CheckForm(ctx, "查询过于频繁，请一小时后再试。", 429);
  }
  auto id = CitizenId::Parse(WithoutSpaces(id_text));
  if (!id || name.empty()) {
    // The name comes back; the ID number never goes into a page.
    return CheckForm(ctx, "请填写正确的 18 位身份证号和姓名。", 400, name);
  }
  RateLimiter& by_id = ctx.app.check_by_id();
  if (by_id.Limited() && !by_id.Allow(ctx.app.KeyedHash("id:" + id->value()))) {
    return CheckForm(ctx, "该身份证号查询过于频繁，请一小时后再试。", 429);
  }
  auto as_of = ctx.app.places().AsOf(ctx.db);
  if (!as_of) return ctx.ErrorPage(as_of.error());
  auto result = AnswerSelfCheck(ctx, id->value(), name, *as_of);
  if (!result) return ctx.ErrorPage(result.error());
  Json data = {{"title", "查询结果"},        {"csrf", ctx.CsrfToken()},
               {"matched", result->matched}, {"as_of", ChineseDate(*as_of)},
               {"from", result->from},       {"to", result->to}};
  if (result->matched) {
    Json enrolments = Json::array();
    for (const auto& e : result->enrolments) {
      enrolments.push_back({{"program", e.program},
                            {"community", e.community},
                            {"start", e.start_date},
                            {"end", e.end_date}});
    }
    data["name"] = MaskName(result->name, ctx.app.options().mask_policy);
    data["enrolments"] = enrolments;
    data["payment_rows"] = PaymentRows(result->payments);
    data["any_payments"] = !result->payments.empty();
    data["total"] = Yuan(result->total);
  }
  ctx.RenderPublic("m_check_result", data);
}

// The report form; after a refusal `typed` is what was sent, shown again so that nothing typed is
// lost (photos excepted: a browser never refills a file input).
Json ReportFormData(Ctx& ctx, const std::string& place_key, const std::string& message,
                    const Form* typed = nullptr) {
  auto places = ctx.app.places().All(ctx.db);
  Json options = Json::array();
  if (places) {
    for (const Place& p : *places) {
      options.push_back(
          {{"key", p.key}, {"label", p.kind + "：" + p.name}, {"selected", p.key == place_key}});
    }
  }
  auto field = [&](const char* name) { return typed != nullptr ? typed->Get(name) : ""; };
  Json categories = Json::array();
  for (std::string_view c : taxonomy::Active().PublicCategories()) {
    categories.push_back({{"name", c}, {"selected", field("category") == c}});
  }
  return {{"title", "反映问题"},
          {"csrf", ctx.CsrfToken()},
          {"places", options},
          {"categories", categories},
          {"content", field("content")},
          {"real", field("identity") == "real"},
          {"reporter_name", field("reporter_name")},
          {"reporter_phone", field("reporter_phone")},
          {"message", message}};
}

void ReportForm(Ctx& ctx) {
  ctx.RenderPublic("m_report", ReportFormData(ctx, Form::FromQuery(ctx.req).Get("place"), ""));
}

void ReportPost(Ctx& ctx) {
  Form form = Form::FromRequest(ctx.req);
  auto refuse = [&](const std::string& message) {
    ctx.RenderPublic("m_report", ReportFormData(ctx, form.Get("place"), message, &form), 400);
  };
  RateLimiter& by_address = ctx.app.report_by_address();
  if (by_address.Limited() && !by_address.Allow(ctx.app.AddressKey(ctx.req))) {
    return ctx.RenderPublic(
        "m_report", ReportFormData(ctx, form.Get("place"), "提交过于频繁，请一小时后再试。", &form),
        429);
  }
  ReportInput input;
  input.category = form.Get("category");
  const auto categories = taxonomy::Active().PublicCategories();
  if (std::ranges::find(categories, input.category) == categories.end())
    return refuse("请选择问题类别。");
  input.content = form.Get("content");
  if (input.content.empty() || input.content.size() > kMaxTextBytes) {
    return refuse("请填写问题描述（不超过 2000 字）。");
  }
  input.place_key = form.Get("place");
  if (!input.place_key.empty()) {
    auto place = ctx.app.places().Find(ctx.db, input.place_key);
    if (!place) return ctx.ErrorPage(place.error());
    if (!*place) return refuse("所选地点不存在。");
    input.place_name = (*place)->kind + "：" + (*place)->name;
  }
  input.anonymous = form.Get("identity") != "real";
  if (!input.anonymous) {
    input.reporter_name = std::string(TrimSpaces(form.Get("reporter_name")));
    input.reporter_phone = std::string(TrimSpaces(form.Get("reporter_phone")));
    if (input.reporter_name.empty() || input.reporter_phone.size() < 7 ||
        input.reporter_phone.size() > 20 || !AllDigits(input.reporter_phone)) {
      return refuse("实名反映请填写姓名和联系电话（数字）。");
    }
  }
  for (const auto& [field, part] : ctx.req.files) {
    if (field != "photos" || part.content.empty()) continue;
    if (input.photos.size() >= kMaxPhotos) return refuse("最多上传 3 张照片。");
    if (part.content.size() > kMaxPhotoBytes) return refuse("每张照片不能超过 5 MB。");
    std::string kind = SniffImage(part.content);
    if (kind.empty()) return refuse("照片只能是 JPEG 或 PNG 图片。");
    // What the photo says beyond its pixels (GPS position, time, camera) is not kept.
    auto clean = ScrubPhoto(kind, part.content);
    if (!clean) return refuse(clean.error().message());
    input.photos.push_back({kind, std::move(*clean)});
  }
  auto code = CreateReport(ctx.db, ctx.app.clock(), ctx.app.cipher(),
                           ctx.app.options().casework_options, input);
  if (!code) return ctx.ErrorPage(code.error());
  std::string grouped = fmt::format("{} {} {} {}", code->substr(0, 4), code->substr(4, 4),
                                    code->substr(8, 4), code->substr(12, 4));
  ctx.RenderPublic("m_report_done", {{"title", "已收到您的反映"},
                                     {"code", *code},
                                     {"code_grouped", grouped},
                                     {"anonymous", input.anonymous}});
}

void ReceiptForm(Ctx& ctx, const std::string& message, int status) {
  ctx.RenderPublic("m_receipt",
                   {{"title", "查询办理进度"}, {"csrf", ctx.CsrfToken()}, {"message", message}},
                   status);
}

void ShowReceipt(Ctx& ctx, const std::string& code, const std::string& notice) {
  auto report = LoadReportByReceipt(ctx.db, ctx.app.cipher(), code);
  if (!report) return ctx.ErrorPage(report.error());
  if (!*report) return ReceiptForm(ctx, "回执码不正确，请核对后重新输入。", 404);
  const ReportView& r = **report;
  Json messages = Json::array();
  for (const auto& m : r.messages) {
    messages.push_back({{"author", m.author},
                        {"body", m.body},
                        {"at", m.created_on},
                        {"from_office", m.author == "受理单位"}});
  }
  Json ratings = Json::array();
  for (const auto& g : r.ratings) {
    ratings.push_back({{"rating", g.rating},
                       {"comment", g.comment},
                       {"at", g.created_on},
                       {"reopened", g.reopened}});
  }
  Json rating_choices = Json::array();
  for (const char* choice : kRatings) {
    rating_choices.push_back({{"value", choice}});
  }
  ctx.RenderPublic("m_receipt_view", {{"title", "办理进度"},
                                      {"csrf", ctx.CsrfToken()},
                                      {"code", code},
                                      {"category", r.category},
                                      {"place", r.place_name},
                                      {"content", r.content},
                                      {"created_on", r.created_on},
                                      {"status", r.status},
                                      {"anonymous", r.anonymous},
                                      {"messages", messages},
                                      {"any_messages", !messages.empty()},
                                      {"ratings", ratings},
                                      {"any_ratings", !ratings.empty()},
                                      {"can_rate", r.unrated_answer != 0},
                                      {"rating_choices", rating_choices},
                                      {"notice", notice}});
}

std::string CodeFrom(const Form& form) {
  std::string code;
  for (char c : form.Get("code")) {
    if (c >= '0' && c <= '9') code.push_back(c);
  }
  return code;
}

void ReceiptPost(Ctx& ctx) {
  if (!ctx.app.receipt_by_address().Allow(ctx.app.AddressKey(ctx.req))) {
    return ReceiptForm(ctx, "查询过于频繁，请一小时后再试。", 429);
  }
  std::string code = CodeFrom(Form::FromRequest(ctx.req));
  if (!IsReceiptCode(code)) return ReceiptForm(ctx, "回执码为 16 位数字。", 400);
  ShowReceipt(ctx, code, "");
}

void ReceiptMessage(Ctx& ctx) {
  if (!ctx.app.receipt_by_address().Allow(ctx.app.AddressKey(ctx.req))) {
    return ReceiptForm(ctx, "操作过于频繁，请一小时后再试。", 429);
  }
  Form form = Form::FromRequest(ctx.req);
  std::string code = CodeFrom(form);
  std::string body = form.Get("body");
  auto report = LoadReportByReceipt(ctx.db, ctx.app.cipher(), code);
  if (!report) return ctx.ErrorPage(report.error());
  if (!*report) return ReceiptForm(ctx, "回执码不正确，请核对后重新输入。", 404);
  if (body.empty() || body.size() > kMaxTextBytes) {
    return ShowReceipt(ctx, code, "补充内容不能为空，且不超过 2000 字。");
  }
  if (auto ok = AddReportMessage(ctx.db, ctx.app.cipher(), ctx.app.clock(), (*report)->report_id,
                                 "举报人", "public", body, Today(ctx.app));
      !ok) {
    return ctx.ErrorPage(ok.error());
  }
  ShowReceipt(ctx, code, "补充内容已提交。");
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole == 0) return "—";
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// 受理, 办结, 办结率 and 满意率 by month (Beijing), the last 12 months, newest first.
void Board(Ctx& ctx) {
  auto months = LoadBoard(ctx.db, Today(ctx.app));
  if (!months) return ctx.ErrorPage(months.error());
  Json rows = Json::array();
  int64_t received = 0, closed = 0, rated = 0, satisfied = 0;
  for (auto it = months->rbegin(); it != months->rend(); ++it) {
    rows.push_back({{"month", fmt::format("{}年{}月", it->month.substr(0, 4),
                                          std::stoi(it->month.substr(5, 2)))},
                    {"key", it->month},
                    {"received", it->received},
                    {"closed", it->closed},
                    {"closed_rate", Percent(it->closed, it->received)},
                    {"rated", it->rated},
                    {"satisfied_rate", Percent(it->satisfied, it->rated)}});
    received += it->received;
    closed += it->closed;
    rated += it->rated;
    satisfied += it->satisfied;
  }
  ctx.RenderPublic("m_board", {{"title", "办理情况公开"},
                               {"rows", rows},
                               {"received", received},
                               {"closed", closed},
                               {"closed_rate", Percent(closed, received)},
                               {"rated", rated},
                               {"satisfied_rate", Percent(satisfied, rated)}});
}

// The reporter rates the newest answer (issue 15 point 5), under the receipt actions' limit.
void ReceiptRate(Ctx& ctx) {
  if (!ctx.app.receipt_by_address().Allow(ctx.app.AddressKey(ctx.req))) {
    return ReceiptForm(ctx, "操作过于频繁，请一小时后再试。", 429);
  }
  Form form = Form::FromRequest(ctx.req);
  std::string code = CodeFrom(form);
  auto report = LoadReportByReceipt(ctx.db, ctx.app.cipher(), code);
  if (!report) return ctx.ErrorPage(report.error());
  if (!*report) return ReceiptForm(ctx, "回执码不正确，请核对后重新输入。", 404);
  auto rated =
      RateReport(ctx.db, ctx.app.clock(), ctx.app.cipher(), ctx.app.options().casework_options,
                 (*report)->report_id, form.Get("rating"), form.Get("comment"), Today(ctx.app));
  if (!rated) {
    if (rated.error().code() == ErrorCode::kInvalidArgument ||
        rated.error().code() == ErrorCode::kConflict) {
      return ShowReceipt(ctx, code, rated.error().message());
    }
    return ctx.ErrorPage(rated.error());
  }
  ShowReceipt(ctx, code,
              *rated ? "评价已提交。您对答复不满意，线索已重新办理，受理单位将再次核查并答复。"
                     : "评价已提交，感谢您的监督。");
}

}  // namespace

void RegisterPublicRoutes(App& app, Router& server) {
  server.Get("/m", app.PublicGet([](Ctx& ctx) { ctx.Redirect("/m/"); }));
  server.Get("/m/", app.PublicGet(Index));
  server.Get(R"(/m/p/([cpw]-[0-9A-Za-z_-]{1,40}))", app.PublicGet(PlacePage));
  server.Get("/m/check", app.PublicGet([](Ctx& ctx) { CheckForm(ctx, "", 200); }));
  server.Post("/m/check", app.PublicPost(CheckPost));
  server.Get("/m/report", app.PublicGet(ReportForm));
  server.Post("/m/report", app.PublicPost(ReportPost));
  server.Get("/m/board", app.PublicGet(Board));
  server.Get("/m/receipt", app.PublicGet([](Ctx& ctx) { ReceiptForm(ctx, "", 200); }));
  server.Post("/m/receipt", app.PublicPost(ReceiptPost));
  server.Post("/m/receipt/message", app.PublicPost(ReceiptMessage));
  server.Post("/m/receipt/rate", app.PublicPost(ReceiptRate));
}

}  // namespace qf::web::internal
