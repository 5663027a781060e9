// 文书模板: the document types with their current template version (/documents/templates), one
// type's text and versions (/documents/templates/<code>, ?version=N for an older one), and the
// editor (审核领导): every save is a new version, audited; a refused save keeps what was typed.
#include <fmt/format.h>

#include <optional>

#include "documents/document_book.h"
#include "web/internal/casework_view.h"
#include "web/internal/document_routes.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {
namespace {

documents::DocumentBook Book(Ctx& ctx, casework::CaseworkService& service) {
  return documents::DocumentBook(ctx.db, ctx.app.clock(), ctx.app.cipher(), service,
                                 ctx.app.documents());
}

std::string EntityLabel(const std::string& entity) { return entity == "clue" ? "线索" : "案件"; }

void ListPage(Ctx& ctx) {
  auto service = ctx.Service();
  auto list = Book(ctx, service).ListTemplates(*ctx.actor);
  if (!list) return ctx.ErrorPage(list.error());
  Names names = Names::Load(ctx.db);
  Json rows = (*list)["templates"];
  for (Json& row : rows) {
    row["entity"] = EntityLabel(row.value("entity", ""));
    row["edited_by"] = names.User(row.value("edited_by", ""));
    row["edited_at"] = ShownTime(row.value("edited_at", ""));
  }
  ctx.Render("document_templates", {{"title", "文书模板"},
                                    {"nav", "document_templates"},
                                    {"templates", rows},
                                    {"can_edit", (*list)["can_edit"]}});
}

// One type's page; `typed` and `error` keep a refused edit on screen.
void TemplatePage(Ctx& ctx, const std::string& code, const std::string* typed = nullptr,
                  const std::optional<Error>& error = std::nullopt) {
  auto service = ctx.Service();
  int64_t version = 0;
  ParseId(Form::FromQuery(ctx.req).Get("version"), &version);
  auto tmpl = Book(ctx, service).GetTemplate(*ctx.actor, code, version);
  if (!tmpl) return ctx.ErrorPage(tmpl.error());
  Names names = Names::Load(ctx.db);
  Json data = *tmpl;
  for (Json& v : data["versions"]) {
    v["edited_by"] = names.User(v.value("edited_by", ""));
    v["edited_at"] = ShownTime(v.value("edited_at", ""));
    v["shown"] = v["version"] == data["version"];
  }
  const bool current = data["version"] == data["current"];
  data["title"] = fmt::format("文书模板：{}", data.value("name", ""));
  data["nav"] = "document_templates";
  data["entity_label"] = EntityLabel(data.value("entity", ""));
  data["for_clue"] = data.value("entity", "") == "clue";
  data["is_current"] = current;
  data["can_edit"] = current && documents::CanEditTemplates(*ctx.actor);
  if (typed != nullptr) data["body"] = *typed;
  data["error"] = error ? error->message() : "";
  data["message"] = ctx.TakeFlash();
  ctx.Render("document_template", data, error ? StatusFor(*error) : 200);
}

void EditPost(Ctx& ctx) {
  const std::string code = ctx.req.matches[1].str();
  Form form = Form::FromRequest(ctx.req);
  std::string body = form.Get("body");
  auto service = ctx.Service();
  int64_t base = 0;
  ParseId(form.Get("base_version"), &base);
  auto saved = Book(ctx, service).EditTemplate(*ctx.actor, code, body, form.Get("note"), base);
  if (!saved) {
    const ErrorCode refused = saved.error().code();
    if (refused != ErrorCode::kInvalidArgument && refused != ErrorCode::kConflict) {
      return ctx.ErrorPage(saved.error());
    }
    return TemplatePage(ctx, code, &body, saved.error());
  }
  ctx.Flash(fmt::format("模板已保存为第 {} 版，此后制发的文书使用新版本",
                        (*saved)["version"].get<int64_t>()));
  ctx.Redirect("/documents/templates/" + code);
}

}  // namespace

void RegisterTemplateRoutes(App& app, Router& server) {
  const std::string code = "([a-z][a-z0-9_-]{0,40})";
  server.Get("/documents/templates", app.StaffGet(ListPage));
  server.Get("/documents/templates/" + code,
             app.StaffGet([](Ctx& ctx) { TemplatePage(ctx, ctx.req.matches[1].str()); }));
  server.Post("/documents/templates/" + code, app.StaffPost(EditPost));
}

}  // namespace qf::web::internal
