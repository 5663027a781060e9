// 人大审议意见 and 代表建议 pages (oversight/congress.h does the work): the list with filters and
// Excel export; the form that registers an item; an item's page with its tasks, where the
// commission splits an opinion into tasks and records a deputy's satisfaction and each
// responsible unit answers its own task; the 流转记录 from the audit log.
#include <fmt/format.h>

#include "oversight/congress.h"
#include "web/internal/app.h"
#include "web/internal/casework_view.h"
#include "web/internal/http_util.h"
#include "web/internal/list_export.h"
#include "web/internal/list_page.h"

namespace qf::web::internal {
namespace {

using oversight::CongressItem;
using oversight::CongressTask;

oversight::CongressBook Book(Ctx& ctx) {
  return oversight::CongressBook(ctx.db, ctx.app.clock(), ctx.app.cipher());
}

const ListSpec& ItemsSpec() {
  static const ListSpec spec = {.path = "/congress",
                                .columns = {{"id", "编号", "id", true},
                                            {"kind", "类别", "kind"},
                                            {"doc_no", "文号/建议号", "doc_no"},
                                            {"title", "标题", "title"},
                                            {"source", "会议/代表", "source"},
                                            {"received_on", "收到日期", "received_on", true},
                                            {"summary", "办理情况", "summary"},
                                            {"status", "状态", "status"}},
                                .default_sort = "received_on",
                                .default_descending = true,
                                .filters = {"kind", "status"}};
  return spec;
}

std::vector<Choice> KindChoices() {
  return {{std::string(oversight::kOpinion), "审议意见"},
          {std::string(oversight::kSuggestion), "代表建议"}};
}
std::vector<Choice> StatusChoices() {
  std::vector<Choice> out;
  for (const char* s : {"待交办", "未开始", "办理中", "逾期", "已办结"}) out.push_back({s, s});
  return out;
}

Json ItemRow(const CongressItem& i) {
  std::string units;
  for (const CongressTask& t : i.tasks) {
    if (units.find(t.unit_name) == std::string::npos)
      units += (units.empty() ? "" : "、") + t.unit_name;
  }
  return {{"id", i.id},
          {"kind", i.kind_label},
          {"kind_code", i.kind},
          {"suggestion", i.kind == oversight::kSuggestion},
          {"doc_no", i.doc_no},
          {"title", i.title},
          {"source", i.source},
          {"received_on", i.received_on},
          {"summary", i.summary},
          {"status", i.status_label},
          {"overdue", i.tasks_overdue > 0},
          {"units", units},
          {"satisfaction", i.satisfaction}};
}

bool Matches(const Json& row, const ListQuery& q) {
  const std::string day = row.value("received_on", "");
  if ((!q.from.empty() && day < q.from) || (!q.to.empty() && day > q.to)) return false;
  if (auto s = q.filters.find("status");
      s != q.filters.end() && !s->second.empty() && row.value("status", "") != s->second) {
    return false;
  }
  if (q.search.empty()) return true;
  for (const char* key : {"doc_no", "title", "source", "units"}) {
    if (Contains(row.value(key, ""), q.search)) return true;
  }
  return false;
}

struct ItemList {
  ListQuery query;
  std::vector<Json> rows;
};

Result<ItemList> LoadItems(Ctx& ctx, const Form& params) {
  ItemList list{ParseListQuery(params, ItemsSpec()), {}};
  std::string kind;
  if (auto k = list.query.filters.find("kind"); k != list.query.filters.end()) {
    kind = CodeOf(k->second, KindChoices());
  }
  auto items = Book(ctx).List(*ctx.actor, kind);
  if (!items) return std::unexpected(items.error());
  for (const CongressItem& i : *items) {
    Json row = ItemRow(i);
    if (Matches(row, list.query)) list.rows.push_back(std::move(row));
  }
  SortRows(list.rows, ItemsSpec(), list.query);
  return list;
}

bool CanManage(Ctx& ctx) {
  auto can = Book(ctx).CanManage(*ctx.actor);
  return can && *can;
}

void ListPage(Ctx& ctx) {
  auto list = LoadItems(ctx, Form::FromQuery(ctx.req));
  if (!list) return ctx.ErrorPage(list.error());
  Paging paging = PageOf(static_cast<int64_t>(list->rows.size()), list->query);
  Json rows = PageRows(list->rows, paging);
  Json data = {{"title", "人大审议意见和代表建议"},
               {"nav", "congress"},
               {"rows", rows},
               {"any", !rows.empty()},
               {"can_manage", CanManage(ctx)}};
  if (auto chrome = AddListChrome(
          ctx.app.templates(), data, ItemsSpec(), list->query, paging,
          {.filters = {{"kind", "类别", KindChoices()}, {"status", "状态", StatusChoices()}},
           .placeholder = "文号、标题、会议或代表、承办单位",
           .dates = "收到日期"});
      !chrome) {
    return ctx.ErrorPage(chrome.error());
  }
  ctx.Render("congress_items", data);
}

void ExportItems(Ctx& ctx) {
  Form params = Form::FromQuery(ctx.req);
  auto list = LoadItems(ctx, params);
  if (!list) return ctx.ErrorPage(list.error());
  ListExport out{.entity = "congress",
                 .title = "人大审议意见和代表建议",
                 .columns = {{"编号", "id"},
                             {"类别", "kind"},
                             {"文号/建议号", "doc_no"},
                             {"标题", "title"},
                             {"会议/代表", "source"},
                             {"收到日期", "received_on"},
                             {"承办单位", "units"},
                             {"办理情况", "summary"},
                             {"状态", "status"},
                             {"代表满意度", "satisfaction"}},
                 .filters = FormEcho(params)};
  SendListExport(ctx, out, list->rows);
}

void NewForm(Ctx& ctx, const Json& echo, const std::string& message, int status) {
  if (!CanManage(ctx)) return ctx.ErrorPage(403, "只有区纪委监委的受理员、审核领导可以登记");
  Names names = Names::Load(ctx.db);
  const std::string kind = echo.value("kind", std::string(oversight::kOpinion));
  ctx.Render("congress_new",
             {{"title", "登记审议意见或代表建议"},
              {"nav", "congress"},
              {"csrf", ctx.CsrfToken()},
              {"v", echo},
              {"error", message},
              {"kinds", SelectOptions({"opinion", "suggestion"}, {"审议意见", "代表建议"}, kind)},
              {"units", names.InternalUnits(echo.value("unit", ""))}},
             status);
}

void CreatePost(Ctx& ctx) {
  Form form = Form::FromRequest(ctx.req);
  auto id = Book(ctx).Create(*ctx.actor, {.kind = form.Get("kind"),
                                          .received_on = form.Get("received_on"),
                                          .source = form.Get("source"),
                                          .doc_no = form.Get("doc_no"),
                                          .title = form.Get("title"),
                                          .body = form.Get("body"),
                                          .unit_code = form.Get("unit"),
                                          .due_on = form.Get("due_on")});
  if (!id && id.error().code() == ErrorCode::kInvalidArgument) {
    return NewForm(ctx, FormEcho(form), FormMessage(id.error()), 400);
  }
  if (!id) return ctx.ErrorPage(id.error());
  ctx.Flash("已登记");
  ctx.Redirect(fmt::format("/congress/{}", *id));
}

Json TaskRows(Ctx& ctx, const CongressItem& item, const Names& names) {
  Json out = Json::array();
  for (const CongressTask& t : item.tasks) {
    out.push_back({{"id", t.id},
                   {"unit", t.unit_name},
                   {"due_on", t.due_on},
                   {"item_id", t.item_id},
                   {"content", t.content},
                   {"status", t.status_label},
                   {"overdue", t.overdue},
                   {"response", t.response},
                   {"completed_on", t.completed_on},
                   {"responded_by", names.User(t.responded_by)},
                   {"can_respond", ctx.actor->unit_code == t.unit_code && t.state != "done"},
                   {"csrf", ctx.CsrfToken()}});
  }
  return out;
}

void DetailPage(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "事项不存在");
  auto item = Book(ctx).Get(*ctx.actor, id);
  if (!item) return ctx.ErrorPage(item.error());
  Names names = Names::Load(ctx.db);
  auto timeline = Timeline(ctx.db, names, {{"congress_item", std::to_string(id)}});
  if (!timeline) return ctx.ErrorPage(timeline.error());
  const bool manage = CanManage(ctx);
  const bool suggestion = item->kind == oversight::kSuggestion;
  Json data = ItemRow(*item);
  data["title"] = fmt::format("{}：{}", item->kind_label, item->title);
  data["nav"] = "congress";
  data["item_title"] = item->title;
  data["body"] = item->body;
  data["created_by"] = names.User(item->created_by);
  data["tasks"] = TaskRows(ctx, *item, names);
  data["has_tasks"] = !item->tasks.empty();
  data["csrf"] = ctx.CsrfToken();
  data["timeline"] = *timeline;
  data["can_split"] = manage && !suggestion;
  data["can_rate"] =
      manage && suggestion && item->tasks_total > 0 && item->tasks_done == item->tasks_total;
  data["units"] = names.InternalUnits("");
  data["satisfactions"] = SelectOptions({"满意", "基本满意", "不满意"}, {}, item->satisfaction);
  data["notice"] = ctx.TakeFlash();
  data["error"] = ctx.TakeFlash(true);
  ctx.Render("congress_item", data);
}

// The refused form's message as a flash (a form of the item's page), anything else an error page.
void AfterPost(Ctx& ctx, const Result<void>& done, const std::string& ok, int64_t item_id) {
  if (!done && done.error().code() != ErrorCode::kInvalidArgument &&
      done.error().code() != ErrorCode::kConflict &&
      done.error().code() != ErrorCode::kPermissionDenied) {
    return ctx.ErrorPage(done.error());
  }
  if (!done && done.error().code() == ErrorCode::kPermissionDenied) {
    return ctx.ErrorPage(done.error());
  }
  ctx.Flash(done ? ok : FormMessage(done.error()), !done);
  ctx.Redirect(fmt::format("/congress/{}", item_id));
}

void AddTaskPost(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "事项不存在");
  Form form = Form::FromRequest(ctx.req);
  auto task = Book(ctx).AddTask(*ctx.actor, id,
                                {.unit_code = form.Get("unit"),
                                 .due_on = form.Get("due_on"),
                                 .content = form.Get("content")});
  AfterPost(ctx, task ? Result<void>{} : std::unexpected(task.error()), "已交办", id);
}

void RespondPost(Ctx& ctx) {
  int64_t task_id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &task_id)) return ctx.ErrorPage(404, "任务不存在");
  Form form = Form::FromRequest(ctx.req);
  auto book = Book(ctx);
  auto done = book.Respond(*ctx.actor, task_id,
                           {.response = form.Get("response"),
                            .done = form.Get("done") == "1",
                            .completed_on = form.Get("completed_on")});
  int64_t item_id = 0;
  ParseId(form.Get("item"), &item_id);
  AfterPost(ctx, done, form.Get("done") == "1" ? "已办结" : "已答复", item_id);
}

void RatePost(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "事项不存在");
  AfterPost(ctx, Book(ctx).Rate(*ctx.actor, id, Form::FromRequest(ctx.req).Get("satisfaction")),
            "已登记代表满意度", id);
}

}  // namespace

void RegisterCongressRoutes(App& app, Router& server) {
  const std::string id = R"((\d{1,18}))";
  server.Get("/congress", app.StaffGet(ListPage));
  server.Get("/congress/export", app.StaffGet(ExportItems));
  server.Get("/congress/new",
             app.StaffGet([](Ctx& ctx) { NewForm(ctx, Json::object(), "", 200); }));
  server.Post("/congress", app.StaffPost(CreatePost));
  server.Get("/congress/" + id, app.StaffGet(DetailPage));
  server.Post("/congress/" + id + "/tasks", app.StaffPost(AddTaskPost));
  server.Post("/congress/tasks/" + id + "/respond", app.StaffPost(RespondPost));
  server.Post("/congress/" + id + "/rate", app.StaffPost(RatePost));
}

}  // namespace qf::web::internal
