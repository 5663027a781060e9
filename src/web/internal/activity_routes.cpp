// The activity ledger's pages (活动台账, docs/activities.md): the list with search, filters, sort,
// pages and Excel export (/activities, /activities/export), the form (/activities/new, POST
// /activities; /activities/<id>/edit, POST /activities/<id>), one activity with its problems
// (/activities/<id>), the XLSX template (/activities/template.xlsx) and its import
// (/activities/import), and an activity's attachments (POST /activities/<id>/attachments,
// /activities/<id>/attachments/<n>, audited and hash-checked). The activities library checks roles
// and unit scope; these pages offer only what the reader's role may do.
#include <fmt/format.h>

#include <algorithm>

#include "activities/activity_book.h"
#include "activities/activity_import.h"
#include "core/result_macros.h"
#include "documents/attachment_store.h"
#include "taxonomy/taxonomy.h"
#include "web/internal/activity_form.h"
#include "web/internal/app.h"
#include "web/internal/casework_view.h"
#include "web/internal/http_util.h"
#include "web/internal/list_export.h"
#include "web/internal/list_page.h"
#include "web/internal/list_query.h"

namespace qf::web::internal {
namespace {

using activities::ActivityBook;

// The book borrows the service; both live for one request.
struct Ledger {
  explicit Ledger(Ctx& ctx)
      : service(ctx.Service()), book(ctx.db, ctx.app.clock(), ctx.app.cipher(), service) {}
  casework::CaseworkService service;
  ActivityBook book;
};

const ListSpec& Spec() {
  static const ListSpec spec{.path = "/activities",
                             .columns = {{"id", "编号", "id", true},
                                         {"held_on", "日期", "held_on", true},
                                         {"kind", "活动类型", "kind"},
                                         {"title", "标题", "title"},
                                         {"unit", "组织单位", "unit_name"},
                                         {"domain", "领域", "domain"},
                                         {"campaigns", "专项", "campaign_names"},
                                         {"participants", "人次", "participants", true},
                                         {"places", "地点或社区", "place_names"},
                                         {"problems", "发现问题", "problem_count", true}},
                             .default_sort = "held_on",
                             .default_descending = true,
                             .filters = {"kind", "domain", "campaign", "unit"}};
  return spec;
}

std::vector<Choice> Plain(const std::vector<std::string_view>& values) {
  std::vector<Choice> out;
  for (std::string_view v : values) out.push_back({std::string(v), std::string(v)});
  return out;
}

ListChrome Chrome(const std::vector<Json>& rows) {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  std::vector<Choice> campaigns, units;
  for (const taxonomy::Campaign& c : t.campaigns) campaigns.push_back({c.code, c.name});
  for (const Json& r : rows) {
    Choice unit{r.value("unit", ""), r.value("unit_name", "")};
    if (std::none_of(units.begin(), units.end(),
                     [&](const Choice& c) { return c.code == unit.code; }))
      units.push_back(unit);
  }
  return {.filters = {{"kind", "活动类型", Plain(t.ActivityKindNames())},
                      {"domain", "领域", Plain(t.DomainNames())},
                      {"campaign", "专项", campaigns},
                      {"unit", "组织单位", units}},
          .placeholder = "标题、摘要、地点",
          .dates = "活动日期"};
}

bool Matches(const Json& r, const ListQuery& q) {
  auto filter = [&](const char* name) {
    auto it = q.filters.find(name);
    return it == q.filters.end() ? std::string() : it->second;
  };
  const std::string held_on = r.value("held_on", "");
  if (!q.from.empty() && held_on < q.from) return false;
  if (!q.to.empty() && held_on > q.to) return false;
  if (!filter("kind").empty() && r.value("kind", "") != filter("kind")) return false;
  if (!filter("domain").empty() && r.value("domain", "") != filter("domain")) return false;
  if (!filter("unit").empty() && r.value("unit", "") != filter("unit")) return false;
  if (std::string c = filter("campaign"); !c.empty()) {
    bool tagged = false;
    for (const Json& tag : r["campaigns"]) tagged = tagged || tag.value("code", "") == c;
    if (!tagged) return false;
  }
  if (!q.search.empty()) {
    return Contains(r.value("title", ""), q.search) || Contains(r.value("summary", ""), q.search) ||
           Contains(r.value("place_names", ""), q.search);
  }
  return true;
}

struct Selected {
  ListQuery query;
  std::vector<Json> rows;
  ListChrome chrome;  // its unit filter offers the units of every activity the reader sees
};

Result<Selected> Select(Ctx& ctx, Ledger& ledger) {
  Selected out{.query = ParseListQuery(Form::FromQuery(ctx.req), Spec()), .rows = {}, .chrome = {}};
  QF_ASSIGN_OR_RETURN(auto all, ledger.book.List(*ctx.actor));
  out.chrome = Chrome(all);
  for (Json& r : all) {
    if (Matches(r, out.query)) out.rows.push_back(std::move(r));
  }
  SortRows(out.rows, Spec(), out.query);
  return out;
}

bool MayRead(Ctx& ctx) {
  if (activities::CanReadActivities(*ctx.actor)) return true;
  ctx.ErrorPage(403, "您的角色不能查看活动台账");
  return false;
}

void ListPage(Ctx& ctx) {
  if (!MayRead(ctx)) return;
  Ledger ledger(ctx);
  auto selected = Select(ctx, ledger);
  if (!selected) return ctx.ErrorPage(selected.error());
  Paging paging = PageOf(static_cast<int64_t>(selected->rows.size()), selected->query);
  Json rows = PageRows(selected->rows, paging);
  Json data = {{"title", "活动台账"},
               {"nav", "activities"},
               {"rows", rows},
               {"any", !rows.empty()},
               {"can_record", activities::CanRecordActivities(*ctx.actor)},
               {"message", ctx.TakeFlash()},
               {"error", ctx.TakeFlash(true)}};
  if (auto chrome = AddListChrome(ctx.app.templates(), data, Spec(), selected->query, paging,
                                  selected->chrome);
      !chrome) {
    return ctx.ErrorPage(chrome.error());
  }
  ctx.Render("activities", data);
}

void ExportGet(Ctx& ctx) {
  if (!MayRead(ctx)) return;
  Ledger ledger(ctx);
  auto selected = Select(ctx, ledger);
  if (!selected) return ctx.ErrorPage(selected.error());
  Json filters = Json::object();
  for (const auto& [k, v] : selected->query.filters) filters[k] = v;
  filters["q"] = selected->query.search;
  filters["from"] = selected->query.from;
  filters["to"] = selected->query.to;
  std::vector<Json> rows = selected->rows;
  for (Json& r : rows) {
    for (const char* n : {"id", "participants", "visited", "problem_count"}) {
      r[std::string(n) + "_text"] = std::to_string(r.value(n, int64_t{0}));
    }
  }
  SendListExport(ctx,
                 {.entity = "activities",
                  .title = "活动台账",
                  .columns = {{"编号", "id_text"},
                              {"日期", "held_on"},
                              {"活动类型", "kind"},
                              {"标题", "title"},
                              {"组织单位", "unit_name"},
                              {"领域", "domain"},
                              {"专项", "campaign_names"},
                              {"参与人次", "participants_text"},
                              {"走访人数", "visited_text"},
                              {"地点或社区", "place_names"},
                              {"建立/修订", "mechanism"},
                              {"文号", "doc_number"},
                              {"发现问题", "problem_count_text"},
                              {"内容摘要", "summary"}},
                  .filters = filters},
                 rows);
}

void FormPage(Ctx& ctx, const activities::ActivityFields& fields, int64_t id, int64_t version,
              const std::string& error, int status) {
  if (!activities::CanRecordActivities(*ctx.actor)) {
    return ctx.ErrorPage(403, "只有受理员、承办人可以登记活动台账");
  }
  Json data = ActivityFormView(ctx, fields);
  data["title"] = id ? fmt::format("修改活动 {}", id) : "登记活动";
  data["nav"] = "activities";
  data["action"] = id ? fmt::format("/activities/{}", id) : "/activities";
  data["editing"] = id != 0;
  data["version"] = version;
  data["error"] = error;
  ctx.Render("activity_form", data, status);
}

std::string ErrorText(const Error& e) {
  if (e.field().empty()) return e.message();
  return fmt::format("{}：{}", activities::FieldLabel(e.field()), e.message());
}

// Parses the posted form; on a refusal shows the form again with the message and the values.
void SavePost(Ctx& ctx, int64_t id) {
  Form form = Form::FromRequest(ctx.req);
  activities::ActivityFields fields = ActivityFieldsOf(form);
  int64_t version = 0;
  ParseId(form.Get("version"), &version);
  Ledger ledger(ctx);
  auto tree = casework::LoadUnitTree(ctx.db);
  if (!tree) return ctx.ErrorPage(tree.error());
  auto input = activities::ParseActivity(fields, *tree);
  Result<int64_t> saved = input ? Result<int64_t>(id) : std::unexpected(input.error());
  if (input && id == 0) saved = ledger.book.Create(*ctx.actor, *input);
  if (input && id != 0) {
    auto updated = ledger.book.Update(*ctx.actor, id, version, *input);
    if (!updated) saved = std::unexpected(updated.error());
  }
  if (!saved) {
    ErrorCode code = saved.error().code();
    if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kConflict &&
        code != ErrorCode::kPermissionDenied) {
      return ctx.ErrorPage(saved.error());
    }
    return FormPage(ctx, fields, id, version, ErrorText(saved.error()), StatusFor(saved.error()));
  }
  ctx.Flash(id ? "已保存修改" : "已登记活动");
  ctx.Redirect(fmt::format("/activities/{}", *saved));
}

void NewPage(Ctx& ctx) {
  activities::ActivityFields fields = {{"held_on", qf::Today(ctx.app.clock()).ToString()},
                                       {"participants", ""}};
  FormPage(ctx, fields, 0, 0, "", 200);
}

void EditPage(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "活动不存在");
  Ledger ledger(ctx);
  auto activity = ledger.book.Get(*ctx.actor, id);
  if (!activity) return ctx.ErrorPage(activity.error());
  FormPage(ctx, ActivityFieldsOf(*activity), id, activity->value("version", int64_t{0}), "", 200);
}

Json ProblemRows(const Json& problems) {
  Json out = Json::array();
  for (const Json& p : problems) {
    Json row = {{"seq", p["seq"]}, {"description", p["description"]}};
    if (p["clue_id"].is_number()) {
      row["href"] = fmt::format("/clues/{}", p["clue_id"].get<int64_t>());
      row["handed"] = fmt::format("线索 {}", p["clue_id"].get<int64_t>());
    } else {
      row["href"] = fmt::format("/rectifications/{}", p["rectification_id"].get<int64_t>());
      row["handed"] = fmt::format("整改事项 {}", p["rectification_id"].get<int64_t>());
    }
    out.push_back(row);
  }
  return out;
}

std::string SizeText(int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} 字节", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", bytes / 1024.0);
  return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024.0));
}

// The attachments section of the detail page: the files with their SHA-256, and the upload form.
void AddAttachments(Ctx& ctx, Ledger& ledger, int64_t id, const Names& names, Json& data) {
  auto files = ledger.book.Attachments(*ctx.actor, id);
  if (!files) return;
  Json list = (*files)["attachments"];
  for (Json& a : list) {
    a["size"] = SizeText(a.value("size", int64_t{0}));
    a["uploaded_by"] = names.User(a.value("uploaded_by", ""));
    a["uploaded_at"] = ShownTime(a.value("uploaded_at", ""));
  }
  data["attachments"] = list;
  data["has_attachments"] = !list.empty();
  data["can_upload"] = (*files)["can_upload"];
  data["can_download"] = (*files)["can_download"];
  data["attachment_error"] = ctx.TakeFlash(true);
}

void UploadPost(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "活动不存在");
  documents::AttachmentFile file;
  if (auto part = ctx.req.files.find("file"); part != ctx.req.files.end()) {
    file.name = part->second.filename;
    file.bytes = part->second.content;
    if (!part->second.content_type.empty()) file.content_type = part->second.content_type;
  }
  Ledger ledger(ctx);
  auto stored = ledger.book.Attach(*ctx.actor, id, file, Form::FromRequest(ctx.req).Get("note"));
  if (!stored && stored.error().code() != ErrorCode::kInvalidArgument) {
    return ctx.ErrorPage(stored.error());
  }
  if (stored) {
    ctx.Flash(fmt::format("已上传附件 {}", file.name));
  } else {
    ctx.Flash(stored.error().message(), true);
  }
  ctx.Redirect(fmt::format("/activities/{}#attachments", id));
}

void DownloadGet(Ctx& ctx) {
  int64_t id = 0, attachment = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id) || !ParseId(ctx.req.matches[2].str(), &attachment)) {
    return ctx.ErrorPage(404, "附件不存在");
  }
  Ledger ledger(ctx);
  auto file = ledger.book.Attachment(*ctx.actor, id, attachment);
  if (!file) return ctx.ErrorPage(file.error());
  ctx.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"attachment-{}\"; filename*=UTF-8''{}",
                                 attachment, UrlEncode(file->name)));
  ctx.res.set_header("X-Content-SHA256", file->sha256);
  ctx.res.set_content(std::move(file->bytes), "application/octet-stream");
}

void DetailPage(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "活动不存在");
  Ledger ledger(ctx);
  auto activity = ledger.book.Get(*ctx.actor, id);
  if (!activity) return ctx.ErrorPage(activity.error());
  Names names = Names::Load(ctx.db);
  Json data = *activity;
  data["title"] =
      fmt::format("{} {}：{}", activity->value("kind", ""), id, activity->value("title", ""));
  data["nav"] = "activities";
  data["base"] = fmt::format("/activities/{}", id);
  data["problems"] = ProblemRows((*activity)["problems"]);
  data["has_problems"] = !data["problems"].empty();
  data["has_places"] = !(*activity)["places"].empty();
  data["has_campaigns"] = !(*activity)["campaigns"].empty();
  data["is_mechanism"] = activity->value("kind", "") == "制度机制";
  data["created_by"] = names.User(activity->value("created_by", ""));
  data["created_at"] = ShownTime(activity->value("created_at", ""));
  data["updated_at"] = ShownTime(activity->value("updated_at", ""));
  data["message"] = ctx.TakeFlash();
  AddAttachments(ctx, ledger, id, names, data);
  data["max_mb"] = documents::kMaxAttachmentBytes >> 20;
  auto history = Timeline(ctx.db, names, {{"activity", std::to_string(id)}});
  if (history) data["history"] = *history;
  ctx.Render("activity", data);
}

void TemplateGet(Ctx& ctx) {
  if (!MayRead(ctx)) return;
  auto bytes = activities::TemplateXlsx();
  if (!bytes) return ctx.ErrorPage(bytes.error());
  ctx.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"activities-template.xlsx\"; "
                                 "filename*=UTF-8''{}",
                                 UrlEncode("活动台账导入模板.xlsx")));
  ctx.res.set_content(std::move(*bytes),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void ImportPage(Ctx& ctx, const std::string& error, int status) {
  if (!activities::CanRecordActivities(*ctx.actor)) {
    return ctx.ErrorPage(403, "只有受理员、承办人可以导入活动台账");
  }
  Json columns = Json::array();
  for (const activities::FieldSpec& f : activities::Fields()) {
    columns.push_back({{"label", f.label}, {"required", f.required}});
  }
  ctx.Render(
      "activity_import",
      {{"title", "导入活动台账"}, {"nav", "activities"}, {"columns", columns}, {"error", error}},
      status);
}

void ImportPost(Ctx& ctx) {
  auto part = ctx.req.files.find("file");
  if (part == ctx.req.files.end() || part->second.content.empty()) {
    return ImportPage(ctx, "请选择要导入的 XLSX 文件", 400);
  }
  Ledger ledger(ctx);
  std::string name = part->second.filename.empty() ? "活动台账.xlsx" : part->second.filename;
  auto imported =
      activities::ImportActivities(ctx.db, ctx.app.clock(), ctx.app.cipher(), ledger.service,
                                   *ctx.actor, name, part->second.content);
  if (!imported) {
    if (imported.error().code() == ErrorCode::kInvalidArgument ||
        imported.error().code() == ErrorCode::kPermissionDenied ||
        imported.error().code() == ErrorCode::kNotFound) {
      return ImportPage(ctx, imported.error().message() + "。文件中的活动均未导入。", 400);
    }
    return ctx.ErrorPage(imported.error());
  }
  ctx.Flash(fmt::format("已从 {} 导入 {} 项活动", name, imported->ids.size()));
  ctx.Redirect("/activities");
}

}  // namespace

void RegisterActivityRoutes(App& app, Router& server) {
  const std::string id = R"((\d{1,18}))";
  server.Get("/activities", app.StaffGet(ListPage));
  server.Get("/activities/export", app.StaffGet(ExportGet));
  server.Get("/activities/template.xlsx", app.StaffGet(TemplateGet));
  server.Get("/activities/new", app.StaffGet(NewPage));
  server.Post("/activities", app.StaffPost([](Ctx& ctx) { SavePost(ctx, 0); }));
  server.Get("/activities/import", app.StaffGet([](Ctx& ctx) { ImportPage(ctx, "", 200); }));
  server.Post("/activities/import", app.StaffPost(ImportPost));
  server.Get("/activities/" + id, app.StaffGet(DetailPage));
  server.Get("/activities/" + id + "/edit", app.StaffGet(EditPage));
  server.Post("/activities/" + id + "/attachments", app.StaffPost(UploadPost));
  server.Get("/activities/" + id + "/attachments/" + id, app.StaffGet(DownloadGet));
  server.Post("/activities/" + id, app.StaffPost([](Ctx& ctx) {
    int64_t activity = 0;
    if (!ParseId(ctx.req.matches[1].str(), &activity)) {
      return ctx.ErrorPage(404, "活动不存在");
    }
    SavePost(ctx, activity);
  }));
}

}  // namespace qf::web::internal
