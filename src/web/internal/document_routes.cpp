// Routes of the 文书 and 证据附件: issuing (POST /clues|cases/<id>/documents), the printable
// document (/documents/<id>), uploads (POST /clues|cases/<id>/attachments) and downloads
// (/attachments/<id>, audited, the hash checked), and the templates (/documents/templates).
#include "web/internal/document_routes.h"

#include <fmt/format.h>

#include <sstream>

#include "documents/attachment_store.h"
#include "documents/document_book.h"
#include "web/internal/casework_view.h"
#include "web/internal/breadcrumb.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {
namespace {

// The book and the file store borrow the service; all three live for one request.
struct Documents {
  explicit Documents(Ctx& ctx)
      : service(ctx.Service()),
        book(ctx.db, ctx.app.clock(), ctx.app.cipher(), service, ctx.app.documents()),
        files(ctx.db, ctx.app.clock(), ctx.app.cipher(), service) {}
  casework::CaseworkService service;
  documents::DocumentBook book;
  documents::AttachmentStore files;
};

std::string ItemPath(std::string_view entity, int64_t id) {
  return fmt::format("/{}/{}", entity == "clue" ? "clues" : "cases", id);
}

std::string SizeText(int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} 字节", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", bytes / 1024.0);
  return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024.0));
}

// Times in Beijing minutes and login names as display names, for the section's two tables.
void ShowPeople(Json& rows, const Names& names, const char* who, const char* when) {
  for (Json& row : rows) {
    row[who] = names.User(row.value(who, ""));
    row[when] = ShownTime(row.value(when, ""));
  }
}

Json SectionData(Ctx& ctx, const Json& docs, const Json& files, std::string_view entity,
                 int64_t id) {
  Names names = Names::Load(ctx.db);
  Json documents = docs["documents"];
  ShowPeople(documents, names, "issued_by", "issued_at");
  Json attachments = files["attachments"];
  ShowPeople(attachments, names, "uploaded_by", "uploaded_at");
  for (Json& a : attachments) a["size"] = SizeText(a.value("size", int64_t{0}));
  return {{"base", ItemPath(entity, id)},
          {"csrf", ctx.CsrfToken()},
          // A refused issuance or upload comes back here as an error flash (the item's page has
          // no other use for one), shown above the two cards it concerns.
          {"error", ctx.TakeFlash(true)},
          {"documents", documents},
          {"has_documents", !documents.empty()},
          {"issuable", docs["issuable"]},
          {"has_issuable", !docs["issuable"].empty()},
          {"attachments", attachments},
          {"has_attachments", !attachments.empty()},
          {"can_download", files["can_upload"]},
          {"can_upload", files["can_upload"]},
          {"max_mb", documents::kMaxAttachmentBytes >> 20}};
}

void IssuePost(Ctx& ctx, std::string_view entity) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "事项不存在");
  Documents d(ctx);
  auto issued = d.book.Issue(*ctx.actor, entity, id, Form::FromRequest(ctx.req).Get("type"));
  if (!issued) {
    if (issued.error().code() != ErrorCode::kConflict) return ctx.ErrorPage(issued.error());
    ctx.Flash(issued.error().message(), true);
    return ctx.Redirect(ItemPath(entity, id) + "#documents");
  }
  ctx.Flash(fmt::format("已制发文书 {}", (*issued)["number"].get<std::string>()));
  ctx.Redirect(fmt::format("/documents/{}", (*issued)["id"].get<int64_t>()));
}

// The rendered text as paragraphs: every non-empty line one paragraph of the printed page.
Json Paragraphs(const std::string& body) {
  Json out = Json::array();
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
  }
  return out;
}

void DocumentPage(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "文书不存在");
  Documents d(ctx);
  auto doc = d.book.Get(*ctx.actor, id);
  if (!doc) return ctx.ErrorPage(doc.error());
  Names names = Names::Load(ctx.db);
  Json data = *doc;
  std::string entity = doc->value("entity", "");
  data["title"] = fmt::format("{} {}", doc->value("name", ""), doc->value("number", ""));
  data["nav"] = entity == "clue" ? "clues" : "cases";
  data["item_href"] = ItemPath(entity, doc->value("entity_id", int64_t{0}));
  data["item_label"] =
      fmt::format("{} {}", entity == "clue" ? "线索" : "案件", doc->value("entity_id", int64_t{0}));
  // 首页 / 执纪办案 / 案件列表 / 案件 6 / 立案决定书 清监立〔2026〕1号
  Json crumbs = Breadcrumb(data["nav"].get<std::string>(), data["item_label"].get<std::string>(),
                           data["item_href"].get<std::string>());
  crumbs.back() = {{"label", data["item_label"]}, {"href", data["item_href"]}};
  crumbs.push_back({{"label", data["title"]}, {"current", true}});
  data["crumbs"] = std::move(crumbs);
  data["issued_by"] = names.User(doc->value("issued_by", ""));
  data["issued_at"] = ShownTime(doc->value("issued_at", ""));
  data["paragraphs"] = Paragraphs(doc->value("body", ""));
  data["message"] = ctx.TakeFlash();
  ctx.Render("document", data);
}

void UploadPost(Ctx& ctx, std::string_view entity) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "事项不存在");
  auto part = ctx.req.files.find("file");
  documents::AttachmentFile file;
  if (part != ctx.req.files.end()) {
    file.name = part->second.filename;
    file.bytes = part->second.content;
    if (!part->second.content_type.empty()) file.content_type = part->second.content_type;
  }
  Documents d(ctx);
  auto stored =
      d.files.Upload(*ctx.actor, entity, id, file, Form::FromRequest(ctx.req).Get("note"));
  if (!stored && stored.error().code() != ErrorCode::kInvalidArgument) {
    return ctx.ErrorPage(stored.error());
  }
  if (stored) {
    ctx.Flash(fmt::format("已上传证据附件 {}", file.name));
  } else {
    ctx.Flash(stored.error().message(), true);
  }
  ctx.Redirect(ItemPath(entity, id) + (stored ? "#attachments" : "#documents"));
}

void DownloadGet(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "附件不存在");
  Documents d(ctx);
  auto file = d.files.Download(*ctx.actor, id);
  if (!file) return ctx.ErrorPage(file.error());
  ctx.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"attachment-{}\"; filename*=UTF-8''{}", id,
                                 UrlEncode(file->name)));
  ctx.res.set_header("X-Content-SHA256", file->sha256);
  // Never rendered by the browser as a page of this site, whatever the uploader claimed.
  ctx.res.set_content(std::move(file->bytes), "application/octet-stream");
}

}  // namespace

std::string DocumentsSection(Ctx& ctx, std::string_view entity, int64_t id) {
  Documents d(ctx);
  auto docs = d.book.ListFor(*ctx.actor, entity, id);
  auto files = d.files.ListFor(*ctx.actor, entity, id);
  if (!docs || !files) return "";
  auto html =
      ctx.app.templates().Render("documents_section", SectionData(ctx, *docs, *files, entity, id));
  return html ? *html : "";
}

void RegisterDocumentRoutes(App& app, Router& server) {
  const std::string id = R"((\d{1,18}))";
  for (std::string entity : {"clue", "case"}) {
    std::string base = entity == "clue" ? "/clues/" : "/cases/";
    server.Post(base + id + "/documents",
                app.StaffPost([entity](Ctx& ctx) { IssuePost(ctx, entity); }));
    server.Post(base + id + "/attachments",
                app.StaffPost([entity](Ctx& ctx) { UploadPost(ctx, entity); }));
  }
  server.Get("/documents/" + id, app.StaffGet(DocumentPage));
  server.Get("/attachments/" + id, app.StaffGet(DownloadGet));
  RegisterTemplateRoutes(app, server);
}

}  // namespace qf::web::internal
