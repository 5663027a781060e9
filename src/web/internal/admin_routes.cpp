// Administration in the browser (issue 14 point 7), by the three separated administrators
// (三员分立): the 系统管理员 creates and disables accounts, the 安全管理员 grants roles, unlocks
// and resets passwords, the 审计管理员 reads and filters the audit log and verifies its chain.
// Every user changes their own password. The casework service checks who may do what and audits
// every change; these handlers only turn forms into its calls.
#include <fmt/format.h>

#include <map>

#include "casework/roles.h"
#include "core/clock.h"
#include "web/internal/app.h"
#include "web/internal/casework_view.h"
#include "web/internal/http_util.h"
#include "web/internal/list_export.h"
#include "web/internal/list_page.h"

namespace qf::web::internal {
namespace {

using casework::Role;

bool ManagesAccounts(const casework::Actor& a) {
  return a.Has(Role::kSystemAdmin) || a.Has(Role::kSecurityAdmin);
}

Json UnitNames(casework::CaseworkService& service, const casework::Actor& actor) {
  Json names = Json::object();
  if (auto units = service.ListUnits(actor); units) {
    for (const Json& u : (*units)["units"]) names[u.value("code", "")] = u.value("name", "");
  }
  return names;
}

Json UserRow(const Json& u, const Json& unit_names, const Ctx& ctx) {
  std::vector<std::string> role_names;
  Json role_boxes = Json::array();
  for (Role role : casework::kAllRoles) {
    bool held = false;
    for (const Json& code : u["roles"]) held = held || code == casework::RoleCode(role);
    if (held) role_names.emplace_back(casework::RoleName(role));
    role_boxes.push_back({{"code", casework::RoleCode(role)},
                          {"name", casework::RoleName(role)},
                          {"held", held}});
  }
  const std::string unit = u.value("unit", "");
  return {{"id", u.value("id", int64_t{0})},
          {"username", u.value("username", "")},
          {"display_name", u.value("display_name", "")},
          {"unit", unit_names.value(unit, unit)},
          {"roles", role_names.empty() ? "（未授予）" : fmt::format("{}", fmt::join(role_names, "、"))},
          {"role_boxes", role_boxes},
          {"disabled", u.value("disabled", false)},
          {"created_at", BeijingMinute(u.value("created_at", ""))},
          // No 停用 on one's own account: the service refuses it too.
          {"self", u.value("id", int64_t{0}) == ctx.actor->user_id},
          {"csrf", ctx.CsrfToken()}};
}

void UsersPage(Ctx& ctx) {
  if (!ManagesAccounts(*ctx.actor)) return ctx.ErrorPage(403, "只有系统管理员和安全管理员可以管理账号");
  auto service = ctx.Service();
  auto users = service.ListUsers(*ctx.actor);
  if (!users) return ctx.ErrorPage(users.error());
  Json names = UnitNames(service, *ctx.actor);
  Json rows = Json::array();
  for (const Json& u : (*users)["users"]) rows.push_back(UserRow(u, names, ctx));
  // The commission first: most accounts belong to it, and the first option is the default.
  Json units = Json::array();
  for (const auto& [code, name] : names.items()) {
    Json unit = {{"code", code}, {"name", name}};
    if (code == "commission") {
      units.insert(units.begin(), unit);
    } else {
      units.push_back(unit);
    }
  }
  ctx.Render("admin_users", {{"title", "账号管理"},
                             {"nav", "admin"},
                             {"users", rows},
                             {"units", units},
                             {"system_admin", ctx.actor->Has(Role::kSystemAdmin)},
                             {"security_admin", ctx.actor->Has(Role::kSecurityAdmin)},
                             {"notice", ctx.TakeFlash()},
                             {"error", ctx.TakeFlash(true)}});
}

// A generated password is shown once, on the page that answers the change, never in a flash.
void ShowPassword(Ctx& ctx, const Json& user, const std::string& what) {
  ctx.Render("admin_password", {{"title", what},
                                {"nav", "admin"},
                                {"what", what},
                                {"username", user.value("username", "")},
                                {"password", user.value("password", "")}});
}

int64_t PathId(const Ctx& ctx) {
  int64_t id = 0;
  return ParseId(ctx.req.matches[1].str(), &id) ? id : 0;
}

// Runs a change; on a refusal the list shows why (the field's Chinese message), else `done`.
template <typename Call>
void Change(Ctx& ctx, Call call, const std::string& done) {
  auto result = call(ctx.Service());
  if (!result) {
    if (result.error().code() == ErrorCode::kInternal || result.error().code() == ErrorCode::kDatabase) {
      return ctx.ErrorPage(result.error());
    }
    ctx.Flash(result.error().message(), true);
  } else {
    ctx.Flash(done);
  }
  ctx.Redirect("/admin/users");
}

void CreateUserPost(Ctx& ctx) {
  Form form = Form::FromRequest(ctx.req);
  auto made = ctx.Service().CreateUser(*ctx.actor, {{"username", form.Get("username")},
                                                    {"display_name", form.Get("display_name")},
                                                    {"unit", form.Get("unit")},
                                                    {"id_number", form.Get("id_number")}});
  if (!made) {
    ctx.Flash(made.error().message(), true);
    return ctx.Redirect("/admin/users");
  }
  ShowPassword(ctx, *made, "账号已创建");
}

void RolesPost(Ctx& ctx) {
  Json roles = Form::FromRequest(ctx.req).GetAll("role");
  Change(ctx, [&](casework::CaseworkService s) {
    return s.SetUserRoles(*ctx.actor, PathId(ctx), {{"roles", roles}});
  }, "角色已更新");
}

void UnlockPost(Ctx& ctx) {
  Change(ctx, [&](casework::CaseworkService s) { return s.UnlockUser(*ctx.actor, PathId(ctx)); },
         "账号已解锁");
}

void DisabledPost(Ctx& ctx) {
  const bool disable = Form::FromRequest(ctx.req).Get("disabled") == "1";
  Change(ctx, [&](casework::CaseworkService s) {
    return s.SetUserDisabled(*ctx.actor, PathId(ctx), {{"disabled", disable}});
  }, disable ? "账号已停用" : "账号已启用");
}

void ResetPost(Ctx& ctx) {
  auto reset = ctx.Service().ResetPassword(*ctx.actor, PathId(ctx));
  if (!reset) {
    ctx.Flash(reset.error().message(), true);
    return ctx.Redirect("/admin/users");
  }
  ShowPassword(ctx, *reset, "密码已重置");
}

// The kind of record an entry is about, as the audit administrator reads it.
std::string EntityLabel(const std::string& code) {
  static const std::map<std::string, std::string> kLabels = {
      {"clue", "线索"}, {"case", "案件"}, {"transfer", "移送"}, {"rectification", "整改"},
      {"assignment", "交办"}, {"finding", "比对发现"}, {"findings", "比对发现列表"},
      {"user", "账号"}, {"unit", "单位"}, {"todo", "待办"}, {"check_run", "比对"},
      {"import_log", "数据导入"}, {"person", "一人一档"}, {"key_file", "密钥文件"},
      {"application", "审批申请"}, {"applications", "审批申请列表"}, {"audit", "审计日志"},
      {"imports", "导入记录"}, {"payment_batch", "发放批次"}, {"public_report", "群众举报"},
      {"report", "工作报告"}, {"screening", "发放前比对"}, {"clues", "线索列表"},
      {"cases", "案件列表"}, {"transfers", "移送列表"}, {"rectifications", "整改列表"},
      {"document_template", "文书模板"}, {"job", "后台任务"},
      {"stationed_report", "三为主一报告"}, {"stationed_reports", "三为主一报告列表"},
      {"congress_item", "人大审议意见和代表建议"}, {"congress", "人大意见建议列表"},
      {"activity", "活动台账"}, {"activities", "活动台账列表"}};
  auto it = kLabels.find(code);
  return it == kLabels.end() ? code : it->second;
}

// The audit log as a list: newest first, filtered by actor, action (contains) and a Beijing date
// range (?date= one day), searched, sorted and paged by the shared list helper.
const ListSpec& AuditSpec() {
  static const ListSpec spec = {.path = "/admin/audit",
                                .columns = {{"seq", "序号", "seq", true},
                                            {"at", "时间", "seq", true},
                                            {"actor", "操作人", "actor"},
                                            {"action", "操作", "action_label"},
                                            {"entity", "对象", "entity"},
                                            {"", "编号", ""}},
                                .default_sort = "seq",
                                .default_descending = true,
                                .filters = {"actor", "action", "date"},
                                .default_page_size = 50};
  return spec;
}

bool AuditMatches(const Json& row, const ListQuery& q) {
  auto given = [&](const char* name) {
    auto it = q.filters.find(name);
    return it == q.filters.end() ? std::string() : it->second;
  };
  if (!given("actor").empty() && row.value("actor", "") != given("actor")) return false;
  if (!Contains(row.value("action", ""), given("action"))) return false;
  const std::string day = row.value("at", "").substr(0, 10);
  if ((!q.from.empty() && day < q.from) || (!q.to.empty() && day > q.to)) return false;
  if (q.search.empty()) return true;
  for (const char* key :
       {"actor", "actor_label", "action", "action_label", "entity_label", "entity_id"}) {
    if (Contains(row.value(key, ""), q.search)) return true;
  }
  return false;
}

// Every entry the parameters select, sorted. The service pages through the whole log (1,000
// entries per read); the audit administrator's log reading is itself not audited here.
Result<std::vector<Json>> AuditRows(Ctx& ctx, ListQuery& query) {
  if (auto day = query.filters.find("date"); day != query.filters.end()) {
    query.from = query.to = day->second;
  }
  auto service = ctx.Service();
  Names names = Names::Load(ctx.db);
  std::vector<Json> matched;
  int64_t after = 0;
  for (bool more = true; more;) {
    auto page = service.ListAuditEntries(*ctx.actor, after, 1000);
    if (!page) return std::unexpected(page.error());
    const Json& entries = (*page)["entries"];
    more = entries.size() == 1000;
    for (const Json& e : entries) {
      after = e.value("seq", int64_t{0});
      Json row = e;
      row["at"] = BeijingMinute(e.value("at", ""));
      row["action_label"] = ActionLabel(e.value("action", ""));
      row["entity_label"] = EntityLabel(e.value("entity", ""));
      // The name people know, with the login the 操作人 filter takes.
      std::string login = e.value("actor", ""), name = names.User(login);
      row["actor_label"] = name == login ? login : fmt::format("{}（{}）", name, login);
      if (AuditMatches(row, query)) matched.push_back(std::move(row));
    }
  }
  SortRows(matched, AuditSpec(), query);
  return matched;
}

void AuditPage(Ctx& ctx) {
  if (!ctx.actor->Has(Role::kAuditAdmin)) return ctx.ErrorPage(403, "只有审计管理员可以查阅审计日志");
  Form q = Form::FromQuery(ctx.req);
  ListQuery query = ParseListQuery(q, AuditSpec());
  auto matched = AuditRows(ctx, query);
  if (!matched) return ctx.ErrorPage(matched.error());
  Paging paging = PageOf(static_cast<int64_t>(matched->size()), query);
  Json data = {{"title", "审计日志"},
               {"nav", "audit"},
               {"rows", PageRows(*matched, paging)},
               {"actor", query.filters["actor"]},
               {"action", query.filters["action"]}};
  if (auto chrome = AddListChrome(ctx.app.templates(), data, AuditSpec(), query, paging, {});
      !chrome) {
    return ctx.ErrorPage(chrome.error());
  }
  if (q.Get("verify") == "1") {
    auto verified = ctx.Service().VerifyAudit(*ctx.actor);
    if (!verified) return ctx.ErrorPage(verified.error());
    data["verify"] = *verified;
  }
  ctx.Render("admin_audit", data);
}

// The entries the parameters select, all pages, as an Excel file (itself an audited download).
void AuditExport(Ctx& ctx) {
  if (!ctx.actor->Has(Role::kAuditAdmin)) return ctx.ErrorPage(403, "只有审计管理员可以导出审计日志");
  Form q = Form::FromQuery(ctx.req);
  ListQuery query = ParseListQuery(q, AuditSpec());
  auto matched = AuditRows(ctx, query);
  if (!matched) return ctx.ErrorPage(matched.error());
  ListExport out{.entity = "audit",
                 .title = "审计日志",
                 .columns = {{"序号", "seq"},
                             {"时间", "at"},
                             {"操作人", "actor_label"},
                             {"操作", "action_label"},
                             {"操作代码", "action"},
                             {"对象", "entity_label"},
                             {"编号", "entity_id"}},
                 .filters = Json::object()};
  for (const auto& [name, value] : q.fields()) {
    if (!value.empty()) out.filters[name] = value;
  }
  SendListExport(ctx, out, *matched);
}

void PasswordPage(Ctx& ctx) {
  ctx.Render("account_password", {{"title", "修改密码"},
                                  {"nav", "password"},
                                  {"notice", ctx.TakeFlash()},
                                  {"error", ctx.TakeFlash(true)}});
}

void PasswordPost(Ctx& ctx) {
  Form form = Form::FromRequest(ctx.req);
  if (form.Get("new") != form.Get("confirm")) {
    ctx.Flash("两次输入的新密码不一致", true);
    return ctx.Redirect("/account/password");
  }
  auto changed = ctx.Service().ChangeOwnPassword(
      *ctx.actor, {{"current", form.Get("current")}, {"new", form.Get("new")}});
  if (!changed) {
    if (changed.error().code() != ErrorCode::kInvalidArgument) return ctx.ErrorPage(changed.error());
    ctx.Flash(changed.error().message(), true);
  } else {
    ctx.Flash("密码已修改，下次登录请使用新密码");
  }
  ctx.Redirect("/account/password");
}

}  // namespace

void RegisterAdminRoutes(App& app, Router& server) {
  const std::string id = R"((\d{1,18}))";
  server.Get("/admin/users", app.StaffGet(UsersPage));
  server.Post("/admin/users", app.StaffPost(CreateUserPost));
  server.Post("/admin/users/" + id + "/roles", app.StaffPost(RolesPost));
  server.Post("/admin/users/" + id + "/unlock", app.StaffPost(UnlockPost));
  server.Post("/admin/users/" + id + "/disabled", app.StaffPost(DisabledPost));
  server.Post("/admin/users/" + id + "/reset-password", app.StaffPost(ResetPost));
  server.Get("/admin/audit", app.StaffGet(AuditPage));
  server.Get("/admin/audit/export", app.StaffGet(AuditExport));
  server.Get("/account/password", app.StaffGet(PasswordPage));
  server.Post("/account/password", app.StaffPost(PasswordPost));
}

}  // namespace qf::web::internal
