// 一人一档: the staff page of one person's file (/persons/<key>) and the look-up that leads to it.
// The file itself comes from CaseworkService::GetPersonFile, which decides who may open it, masks
// ID numbers by role and audits every opening; this file only arranges it for the page. The key
// in the URL is opaque (casework::PersonFileKey): an ID number never appears in a URL, a log line
// or the browser's history.
#include <fmt/format.h>

#include "casework/casework_service.h"
#include "core/citizen_id.h"
#include "core/clock.h"
#include "engine/rule.h"
#include "web/internal/app.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {
namespace {

std::string ReviewName(const std::string& review) {
  return review == "open" ? "待核" : review == "confirmed" ? "已确认" : "已排除";
}
std::string FindingStatusName(const std::string& status) {
  return status == "new" ? "新增" : status == "present" ? "持续存在" : "已消失";
}
// A stored UTC timestamp as Beijing time to the minute; a plain date stays as it is.
std::string Shown(const std::string& stored) {
  return stored.find('T') != std::string::npos ? BeijingMinute(stored) : stored;
}

// Adds "has_<name>" for each list, so the template can say "无记录" for an empty one.
void Flags(Json& data, std::initializer_list<const char*> lists) {
  for (const char* name : lists) {
    data[fmt::format("has_{}", name)] = data[name].is_array() && !data[name].empty();
  }
}

// The service's file arranged for person.mustache: money in 元, times in Beijing time, Chinese
// labels.
Json PageData(const Json& file) {
  Json data = file;
  if (data["person"].is_object()) data["has_person"] = true;
  for (Json& card : data["cards"]) card["active"] = card.value("status", "") == "正常";
  for (Json& e : data["enrolments"]) {
    if (e.value("end_date", "").empty()) e["end_date"] = "至今";
  }
  for (Json& o : data["officials"]) {
    if (o.value("end_date", "").empty()) o["end_date"] = "至今";
  }
  Json& payments = data["payments"];
  payments["total_yuan"] = Yuan(payments.value("total", int64_t{0}));
  payments["more"] = payments.value("count", int64_t{0}) > payments.value("shown", int64_t{0});
  for (Json& p : payments["rows"]) p["amount_yuan"] = Yuan(p.value("amount", int64_t{0}));
  data["payments_rows"] = payments["rows"];
  int64_t stopped = 0, recovered = 0;
  for (Json& f : data["findings"]) {
    const engine::RuleSpec* spec = engine::FindRule(f.value("rule", ""));
    f["rule_name"] = spec ? std::string(spec->name) : f.value("rule", "");
    f["amount_yuan"] = Yuan(f.value("amount", int64_t{0}));
    f["status_name"] = FindingStatusName(f.value("status", ""));
    f["review_name"] = ReviewName(f.value("review", ""));
    f["outcome_name"] = f.value("outcome", "").empty() ? f["review_name"] : f["outcome"];
    stopped += f.value("stopped", int64_t{0});
    recovered += f.value("recovered", int64_t{0});
    f["stopped_yuan"] = f.value("stopped", int64_t{0}) > 0 ? Yuan(f["stopped"].get<int64_t>()) : "";
    f["recovered_yuan"] =
        f.value("recovered", int64_t{0}) > 0 ? Yuan(f["recovered"].get<int64_t>()) : "";
    f["has_clue"] = f.value("clue_id", int64_t{0}) != 0;
  }
  data["findings_stopped"] = Yuan(stopped);
  data["findings_recovered"] = Yuan(recovered);
  for (Json& c : data["clues"]) c["created_at"] = Shown(c.value("created_at", ""));
  for (Json& c : data["cases"]) c["filed_at"] = Shown(c.value("filed_at", ""));
  Flags(data, {"household", "kin", "deaths", "officials", "companies", "vehicles", "properties",
               "enrolments", "cards", "payments_rows", "findings", "clues", "cases"});
  data["has_registries"] =
      !(data["deaths"].empty() && data["officials"].empty() && data["companies"].empty() &&
        data["vehicles"].empty() && data["properties"].empty());
  data["enrolments_count"] = data["enrolments"].size();
  data["findings_count"] = data["findings"].size();
  return data;
}

void PersonFilePage(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权查看一人一档");
  auto id_number = casework::OpenPersonFileKey(ctx.app.cipher(), ctx.req.matches[1].str());
  if (!id_number) return ctx.ErrorPage(id_number.error());
  auto file = ctx.Service().GetPersonFile(*ctx.actor, *id_number);
  if (!file) return ctx.ErrorPage(file.error());
  Json data = PageData(*file);
  std::string name =
      (*file)["person"].is_object() ? (*file)["person"].value("name", "") : std::string("未登记");
  ctx.Render("person", {{"title", fmt::format("一人一档 {}", name)},
                        {"nav", "persons"},
                        {"p", data},
                        {"name", name},
                        {"opened_at", BeijingMinute(IsoUtc(ctx.app.clock().NowSeconds()))}});
}

void LookupPage(Ctx& ctx, const std::string& error, int status) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权查看一人一档");
  ctx.Render(
      "person_lookup",
      {{"title", "一人一档"}, {"nav", "persons"}, {"csrf", ctx.CsrfToken()}, {"error", error}},
      status);
}

// The typed ID number goes in the POST body, never the URL; the answer is a redirect to the
// file's opaque key, whose opening is what the audit log records.
void LookupPost(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权查看一人一档");
  std::string typed = Form::FromRequest(ctx.req).Get("id_number");
  auto id = CitizenId::Parse(typed);
  if (!id) return LookupPage(ctx, fmt::format("身份证号有误：{}", id.error().message()), 400);
  ctx.Redirect("/persons/" + casework::PersonFileKey(ctx.app.cipher(), id->value()));
}

}  // namespace

std::string PersonFileLink(const crypto::FieldCipher& cipher, std::string_view id_number) {
  auto id = CitizenId::Parse(id_number);
  return id ? "/persons/" + casework::PersonFileKey(cipher, id->value()) : std::string();
}

void RegisterPersonRoutes(App& app, Router& server) {
  server.Get("/persons", app.StaffGet([](Ctx& ctx) { LookupPage(ctx, "", 200); }));
  server.Post("/persons", app.StaffPost(LookupPost));
  server.Get(R"(/persons/([0-9a-f]{1,512}))", app.StaffGet(PersonFilePage));
}

}  // namespace qf::web::internal
