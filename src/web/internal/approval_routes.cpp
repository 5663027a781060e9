// Sunshine approval (阳光审批) pages: the staff list, the clerk's application form, an
// application's page with the action of its open step and the approver's pre-check screen; and the
// public pages under /m/ — a community's 公示, the objection form, the applicant's own progress by
// receipt code, and the citizen's own application. Every POST carries the CSRF token (App wraps
// them); every staff route asks approval::ApprovalService, which checks the actor's role and unit
// (docs/approval.md lists who may do what).
//
// Privacy as on the other public pages: no ID number is written into a public page, names go
// through MaskName, and look-ups by receipt code and submissions are rate-limited per address.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "approval/approval_service.h"
#include "approval/config.h"
#include "approval/receipt.h"
#include "approval/statistics.h"
#include "core/money.h"
#include "core/strings.h"
#include "web/internal/app.h"
#include "web/internal/casework_view.h"
#include "web/internal/http_util.h"
#include "web/internal/list_export.h"
#include "web/internal/list_page.h"
#include "web/internal/public_store.h"

namespace qf::web::internal {
namespace {

using approval::ApprovalService;
using approval::StepKind;
using ConfigResult = Result<approval::ApprovalConfig>;

// The approval configuration, read once at registration (config.h says where from).
std::shared_ptr<const ConfigResult> LoadConfig(const App& app) {
  auto path = approval::DefaultApprovalConfigPath(app.web_root());
  auto config = std::make_shared<const ConfigResult>(approval::LoadApprovalConfig(path));
  if (!*config) std::fprintf(stderr, "阳光审批配置错误：%s\n", (*config).error().message().c_str());
  return config;
}

// Runs `body(service)` when the configuration loaded, else answers with its error.
template <typename Body>
void WithService(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config, Body&& body) {
  if (!*config) return ctx.ErrorPage(500, config->error().message());
  ApprovalService service(ctx.db, ctx.app.clock(), ctx.app.cipher(), **config);
  body(service);
}

// Empty strings become null: in mustache an empty string opens a section ("{{#reason}}…"), a
// null (false) does not, and renders as nothing either way.
Json Shown(Json data) {
  if (data.is_string() && data.get_ref<const std::string&>().empty()) return Json();
  if (data.is_object() || data.is_array()) {
    for (auto& item : data) item = Shown(std::move(item));
  }
  return data;
}

void Render(Ctx& ctx, const std::string& page, Json data, int status = 200) {
  ctx.Render(page, Shown(std::move(data)), status);
}

void RenderPublic(Ctx& ctx, const std::string& page, Json data, int status = 200) {
  ctx.RenderPublic(page, Shown(std::move(data)), status);
}

std::string Grouped4(const std::string& code) {
  return fmt::format("{} {} {} {}", code.substr(0, 4), code.substr(4, 4), code.substr(8, 4),
                     code.substr(12, 4));
}

Json RejectionChoices() {
  Json out = Json::array();
  for (std::string_view c : approval::RejectionCategories()) out.push_back(std::string(c));
  return out;
}

// The ledger's programs and communities, for the application forms.
Json Programs(store::Database& db) {
  Json out = Json::array();
  auto st = db.Prepare("SELECT code, name FROM programs ORDER BY code");
  if (!st) return out;
  while (auto row = (*st)->Step()) {
    if (!*row) break;
    out.push_back({{"code", (*st)->Text(0)}, {"name", (*st)->Text(1)}});
  }
  return out;
}

Json Communities(store::Database& db) {
  Json out = Json::array();
  auto st = db.Prepare("SELECT DISTINCT community FROM enrolments ORDER BY community LIMIT 2000");
  if (!st) return out;
  while (auto row = (*st)->Step()) {
    if (!*row) break;
    out.push_back((*st)->Text(0));
  }
  return out;
}

// Form fields → ApplicationInput; money in yuan becomes fen. A malformed amount is a field error.
Result<approval::ApplicationInput> InputFrom(const Form& form) {
  approval::ApplicationInput in;
  in.program_code = form.Get("program_code");
  in.community = form.Get("community");
  in.applicant_name = form.Get("applicant_name");
  in.id_number = form.Get("id_number");
  in.household_id = form.Get("household_id");
  in.account_no = form.Get("account_no");
  in.bank = form.Get("bank");
  in.declared_assets = form.Get("declared_assets");
  in.reason = form.Get("reason");
  in.cadre_relative = form.Get("cadre_relative") == "1";
  in.declaration = form.Get("declaration");
  int64_t size = 0;
  if (!ParseId(form.Get("household_size"), &size)) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, "家庭人口应为整数").WithField("household_size"));
  }
  in.household_size = size;
  std::string income = form.Get("declared_income");
  auto money = Money::Parse(income.empty() ? "0" : income);
  if (!money) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, "家庭月收入：" + money.error().message())
            .WithField("declared_income"));
  }
  in.declared_income = money->fen();
  return in;
}

// ---- Staff ---------------------------------------------------------------------------------

// The clerk's form is for those who may submit (受理员, 承办人); the service checks the unit.
bool MaySubmit(const casework::Actor& actor) {
  return actor.Has(casework::Role::kIntake) || actor.Has(casework::Role::kHandler);
}

// The list of applications: the service's visible ones, filtered by status and step (code or
// label), searched, dated, sorted and paged by the shared list helper.
const ListSpec& ApplicationsSpec() {
  static const ListSpec spec = {.path = "/applications",
                                .columns = {{"id", "编号", "id", true},
                                            {"name", "申请人", "name"},
                                            {"", "身份证号", ""},
                                            {"program", "项目", "program"},
                                            {"community", "村（社区）", "community"},
                                            {"step", "当前环节", "step_order"},
                                            {"unit", "责任单位", "unit"},
                                            {"deadline", "期限", "deadline"},
                                            {"status", "状态", "status"},
                                            {"submitted", "提交日期", "submitted", true}},
                                .default_sort = "id",
                                .default_descending = true,
                                .filters = {"status", "step"}};
  return spec;
}

std::vector<ListFilter> ApplicationFilters() {
  std::vector<Choice> steps;
  for (StepKind s : approval::kAllSteps) {
    if (s != StepKind::kApply) {
      steps.push_back({std::string(approval::StepCode(s)), std::string(approval::StepName(s))});
    }
  }
  std::vector<Choice> statuses;
  for (std::string_view code : {approval::kInProgress, approval::kRejected, approval::kCompleted}) {
    statuses.push_back({std::string(code), std::string(approval::StatusName(code))});
  }
  return {{"status", "状态", statuses}, {"step", "环节", steps}};
}

Json ApplicationRow(const approval::ApplicationSummary& s) {
  return {{"id", s.application_id},
          {"program", s.program_name},
          {"community", s.community},
          {"name", s.applicant_name},
          {"id_masked", s.id_masked},
          {"step", approval::StepName(s.current_step)},
          {"step_order", static_cast<int>(s.current_step)},
          {"status", approval::StatusName(s.status)},
          {"unit", s.unit_name},
          {"deadline", s.deadline},
          {"overdue", s.overdue},
          {"overdue_text", s.overdue ? "逾期" : ""},
          {"cadre", s.cadre_relative},
          {"submitted", s.submitted_on}};
}

bool SearchMatches(const Json& row, const ListQuery& q) {
  const std::string day = row.value("submitted", "").substr(0, 10);
  if ((!q.from.empty() && day < q.from) || (!q.to.empty() && day > q.to)) return false;
  if (q.search.empty() || std::to_string(row.value("id", int64_t{0})) == q.search) return true;
  for (const char* key : {"name", "program", "community", "unit"}) {
    if (Contains(row.value(key, ""), q.search)) return true;
  }
  return false;
}

struct ApplicationList {
  ListQuery query;
  std::vector<ListFilter> filters;
  std::vector<Json> rows;  // all the parameters select, sorted
};

Result<ApplicationList> LoadApplications(Ctx& ctx, ApprovalService& service, const Form& params) {
  ApplicationList list{ParseListQuery(params, ApplicationsSpec()), ApplicationFilters(), {}};
  auto code = [&](size_t i) {
    auto given = list.query.filters.find(list.filters[i].name);
    return given == list.query.filters.end() ? std::string()
                                             : CodeOf(given->second, list.filters[i].choices);
  };
  approval::ListFilter filter{.status = code(0), .step = approval::ParseStep(code(1))};
  if (!code(1).empty() && !filter.step) filter.status = "（无此环节）";  // selects nothing
  auto found = service.List(*ctx.actor, filter);
  if (!found) return std::unexpected(found.error());
  for (const approval::ApplicationSummary& s : *found) {
    Json row = ApplicationRow(s);
    if (SearchMatches(row, list.query)) list.rows.push_back(std::move(row));
  }
  SortRows(list.rows, ApplicationsSpec(), list.query);
  return list;
}

void ListPage(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  WithService(ctx, config, [&](ApprovalService& service) {
    auto list = LoadApplications(ctx, service, Form::FromQuery(ctx.req));
    if (!list) return ctx.ErrorPage(list.error());
    Paging paging = PageOf(static_cast<int64_t>(list->rows.size()), list->query);
    Json rows = PageRows(list->rows, paging);
    Json data = {{"title", "阳光审批"},
                 {"nav", "applications"},
                 {"rows", rows},
                 {"any", !rows.empty()},
                 {"can_submit", MaySubmit(*ctx.actor)}};
    if (auto chrome = AddListChrome(
            ctx.app.templates(), data, ApplicationsSpec(), list->query, paging,
            {.filters = list->filters, .placeholder = "编号、申请人、项目", .dates = "提交日期"});
        !chrome) {
      return ctx.ErrorPage(chrome.error());
    }
    Render(ctx, "approvals", data);
  });
}

void ExportApplications(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  WithService(ctx, config, [&](ApprovalService& service) {
    Form params = Form::FromQuery(ctx.req);
    auto list = LoadApplications(ctx, service, params);
    if (!list) return ctx.ErrorPage(list.error());
    ListExport out{.entity = "applications",
                   .title = "阳光审批申请",
                   .columns = {{"编号", "id"},
                               {"申请人", "name"},
                               {"身份证号", "id_masked"},
                               {"项目", "program"},
                               {"村（社区）", "community"},
                               {"当前环节", "step"},
                               {"责任单位", "unit"},
                               {"期限", "deadline"},
                               {"逾期", "overdue_text"},
                               {"状态", "status"},
                               {"提交日期", "submitted"}},
                   .filters = FormEcho(params)};
    SendListExport(ctx, out, list->rows);
  });
}

void NewForm(Ctx& ctx, const Json& echo, const std::string& message, int status) {
  if (!MaySubmit(*ctx.actor)) return ctx.ErrorPage(403, "仅受理员、承办人可代为提交申请。");
  Render(ctx, "approval_new",
         {{"title", "新建申请"},
          {"nav", "applications"},
          {"programs", Programs(ctx.db)},
          {"communities", Communities(ctx.db)},
          {"f", echo},
          {"message", message}},
         status);
}

void NewPost(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  Form form = Form::FromRequest(ctx.req);
  auto input = InputFrom(form);
  if (!input) return NewForm(ctx, FormEcho(form), input.error().message(), 400);
  WithService(ctx, config, [&](ApprovalService& service) {
    auto made = service.SubmitByClerk(*ctx.actor, *input);
    if (!made) {
      if (made.error().code() == ErrorCode::kPermissionDenied) return ctx.ErrorPage(made.error());
      return NewForm(ctx, FormEcho(form), made.error().message(), StatusFor(made.error()));
    }
    Render(ctx, "approval_submitted",
           {{"title", "申请已提交"},
            {"nav", "applications"},
            {"id", made->application_id},
            {"code", made->receipt_code},
            {"code_grouped", Grouped4(made->receipt_code)}});
  });
}

Json StepJson(const approval::StepView& s, const Names& names) {
  std::string result = s.decision == "approved"   ? "通过"
                       : s.decision == "rejected" ? "不予通过"
                                                  : "办理中";
  return {{"name", approval::StepName(s.step)},
          {"unit", s.unit_name},
          {"started", s.started_on},
          {"deadline", s.deadline},
          {"decided", s.decided_on},
          {"by", names.User(s.decided_by)},
          {"result", result},
          {"category", s.reason_category},
          {"reasons", s.reasons},
          {"deliberation", s.deliberation},
          {"open", s.decision.empty()},
          {"overdue", s.overdue}};
}

void DetailPage(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "申请不存在");
  WithService(ctx, config, [&](ApprovalService& service) {
    auto app = service.Get(*ctx.actor, id);
    if (!app) return ctx.ErrorPage(app.error());
    approval::AllowedActions allowed = service.Allowed(*ctx.actor, *app);
    // Staff read display names and Beijing minutes, never login names or ISO UTC times.
    Names names = Names::Load(ctx.db);
    Json steps = Json::array();
    for (const approval::StepView& s : app->steps) steps.push_back(StepJson(s, names));
    for (size_t i = app->steps.size(); i < app->chain.size(); ++i) {
      if (app->status != approval::kInProgress) break;
      steps.push_back({{"name", approval::StepName(app->chain[i])}, {"pending", true}});
    }
    Json hits = Json::array();
    for (const approval::PrecheckHitView& h : app->hits) {
      hits.push_back({{"id", h.hit_id},
                      {"rule", h.rule},
                      {"rule_name", h.rule_name},
                      {"severity", h.severity},
                      {"evidence", h.evidence},
                      {"acknowledged", !h.acknowledged_at.empty()},
                      {"by", names.User(h.acknowledged_by)},
                      {"at", ShownTime(h.acknowledged_at)},
                      {"note", h.note}});
    }
    Json objections = Json::array();
    for (const approval::ObjectionView& o : app->objections) {
      objections.push_back({{"content", o.content},
                            {"on", o.created_on},
                            {"anonymous", o.anonymous},
                            {"clue", o.clue_id}});
    }
    const approval::StepView* open = app->OpenStep();
    bool at_approval = open != nullptr && open->step == StepKind::kDepartmentApproval;
    int64_t pending = app->UnacknowledgedHits();
    Json data = {
        {"title", fmt::format("申请 {}", id)},
        {"nav", "applications"},
        {"id", id},
        {"program", app->program_name},
        {"program_code", app->program_code},
        {"community", app->community},
        {"name", app->applicant_name},
        {"id_masked", app->id_masked},
        {"household_id", app->household_id},
        {"household_size", app->household_size},
        {"account", app->account_no},
        {"bank", app->bank},
        {"income", Yuan(app->declared_income)},
        {"assets", app->declared_assets},
        {"reason", app->reason},
        {"channel", app->channel},
        {"submitted_by", names.User(app->submitted_by)},
        {"submitted_on", app->submitted_on},
        {"status", approval::StatusName(app->status)},
        {"closed", app->status != approval::kInProgress},
        {"rejection_category", app->rejection_category},
        {"rejection_reason", app->rejection_reason},
        {"cadre", app->cadre_relative},
        {"declaration", app->declaration},
        {"declaration_filed", !app->declaration_filed_at.empty()},
        {"declaration_by", names.User(app->declaration_filed_by)},
        {"declaration_at", ShownTime(app->declaration_filed_at)},
        {"steps", steps},
        {"hits", hits},
        {"any_hits", !hits.empty()},
        {"pending_hits", pending},
        {"precheck_at", ShownTime(app->precheck_at)},
        {"objections", objections},
        {"any_objections", !objections.empty()},
        {"open_step", open != nullptr ? std::string(approval::StepCode(open->step)) : ""},
        {"open_step_name", open != nullptr ? std::string(approval::StepName(open->step)) : ""},
        {"open_unit", open != nullptr ? open->unit_name : ""},
        {"open_deadline", open != nullptr ? open->deadline : ""},
        {"is_community_review", open != nullptr && open->step == StepKind::kCommunityReview},
        {"is_publicity", open != nullptr && open->step == StepKind::kPublicity},
        {"is_payment", open != nullptr && open->step == StepKind::kPayment},
        {"at_approval", at_approval},
        {"can_decide", allowed.decide},
        {"can_precheck", allowed.precheck},
        {"can_acknowledge", allowed.precheck && pending > 0},
        {"can_declare", allowed.declare && app->status == approval::kInProgress},
        {"categories", RejectionChoices()},
        {"message", ctx.TakeFlash()},
        {"error", ctx.TakeFlash(/*error=*/true)}};
    Render(ctx, "approval", data);
  });
}

// POST actions on /applications/<id>/...: back to the page with a message or the error.
template <typename Fn>
httplib::Server::Handler ActionRoute(App& app, std::shared_ptr<const ConfigResult> config,
                                     std::string done, Fn fn) {
  return app.StaffPost([config, done, fn](Ctx& ctx) {
    int64_t id = 0;
    if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "申请不存在");
    WithService(ctx, config, [&](ApprovalService& service) {
      Form form = Form::FromRequest(ctx.req);
      Result<void> ok = fn(service, *ctx.actor, id, form);
      if (!ok) {
        if (ok.error().code() == ErrorCode::kNotFound) return ctx.ErrorPage(ok.error());
        ctx.Flash(ok.error().message(), /*error=*/true);
        return ctx.Redirect(fmt::format("/applications/{}#actions", id));
      }
      ctx.Flash(done);
      ctx.Redirect(fmt::format("/applications/{}", id));
    });
  });
}

Result<void> DecideFromForm(ApprovalService& service, const casework::Actor& actor, int64_t id,
                            const Form& form) {
  auto step = approval::ParseStep(form.Get("step"));
  if (!step) return Fail(ErrorCode::kInvalidArgument, "缺少办理环节");
  approval::Decision decision{.step = *step,
                              .approve = form.Get("decision") != "reject",
                              .reason_category = form.Get("reason_category"),
                              .reasons = std::string(TrimSpaces(form.Get("reasons"))),
                              .deliberation = std::string(TrimSpaces(form.Get("deliberation")))};
  if (decision.approve) decision.reason_category.clear();
  return service.Decide(actor, id, decision);
}

Result<void> AcknowledgeFromForm(ApprovalService& service, const casework::Actor& actor, int64_t id,
                                 const Form& form) {
  std::vector<int64_t> hits;
  for (const std::string& value : form.GetAll("hit")) {
    int64_t hit = 0;
    if (!ParseId(value, &hit)) return Fail(ErrorCode::kInvalidArgument, "疑点编号无效");
    hits.push_back(hit);
  }
  return service.Acknowledge(actor, id, hits, std::string(TrimSpaces(form.Get("note"))));
}

void StatisticsPage(Ctx& ctx) {
  if (!ctx.actor->Has(casework::Role::kApprover) && !ctx.actor->Has(casework::Role::kHandler)) {
    return ctx.ErrorPage(403, "仅承办人、审核领导可查看审批统计。");
  }
  Date today = qf::Today(ctx.app.clock());
  Form query = Form::FromQuery(ctx.req);
  auto from = Date::Parse(query.Get("from"));
  auto to = Date::Parse(query.Get("to"));
  Date start = from ? *from : *Date::FromYmd(today.year(), 1, 1);
  Date end = to ? *to : today;
  auto stats = approval::ComputeApprovalStatistics(ctx.db, start, end, today);
  if (!stats) return ctx.ErrorPage(stats.error());
  Json steps = Json::array();
  for (const approval::StepStatistics& s : stats->steps) {
    if (s.step == StepKind::kApply) continue;
    steps.push_back({{"name", approval::StepName(s.step)},
                     {"open", s.open},
                     {"decided", s.decided},
                     {"rejected", s.rejected},
                     {"average", fmt::format("{:.1f}", s.average_days)},
                     {"max", fmt::format("{:.1f}", s.max_days)},
                     {"overdue", s.overdue}});
  }
  Json rejections = Json::array();
  for (const auto& r : stats->rejections) {
    rejections.push_back({{"category", r.category}, {"count", r.count}});
  }
  Json overdue = Json::array();
  for (const auto& o : stats->overdue) {
    overdue.push_back({{"id", o.application_id},
                       {"step", approval::StepName(o.step)},
                       {"unit", o.unit_name},
                       {"deadline", o.deadline},
                       {"days", o.days_over}});
  }
  Render(ctx, "approval_stats",
         {{"title", "阳光审批统计"},
          {"nav", "applications"},
          {"from", stats->from},
          {"to", stats->to},
          {"submitted", stats->submitted},
          {"in_progress", stats->in_progress},
          {"completed", stats->completed},
          {"rejected", stats->rejected},
          {"steps", steps},
          {"rejections", rejections},
          {"any_rejections", !rejections.empty()},
          {"overdue", overdue},
          {"any_overdue", !overdue.empty()}});
}

// ---- Public ----------------------------------------------------------------------------------

void PublicityIndex(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  WithService(ctx, config, [&](ApprovalService& service) {
    auto communities = service.PublicityCommunities();
    if (!communities) return ctx.ErrorPage(communities.error());
    Json rows = Json::array();
    for (const auto& c : *communities) {
      rows.push_back({{"key", c.key}, {"name", c.name}, {"open", c.open}});
    }
    RenderPublic(ctx, "m_gs_index",
                 {{"title", "审批公示"}, {"rows", rows}, {"any", !rows.empty()}});
  });
}

void PublicityPage(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  std::string key = ctx.req.matches[1].str();
  WithService(ctx, config, [&](ApprovalService& service) {
    auto entries = service.Publicity(key);
    if (!entries) return ctx.ErrorPage(entries.error());
    if (!*entries) return ctx.ErrorPage(404, "该社区暂无审批公示。");
    Json rows = Json::array();
    std::string community;
    for (const approval::PublicityEntry& e : **entries) {
      community = e.community;
      rows.push_back({{"id", e.application_id},
                      {"program", e.program_name},
                      {"name", MaskName(e.applicant_name, ctx.app.options().mask_policy)},
                      {"household", e.household_size},
                      {"income", Yuan(e.declared_income)},
                      {"from", e.from},
                      {"to", e.to},
                      {"cadre", e.cadre_relative},
                      {"filed", e.declaration_filed},
                      {"objections", e.objections},
                      {"any_objections", e.objections > 0},
                      {"object_url", fmt::format("/m/gs/{}/object/{}", key, e.application_id)}});
    }
    RenderPublic(ctx, "m_gs",
                 {{"title", "审批公示"},
                  {"community", community},
                  {"rows", rows},
                  {"any", !rows.empty()},
                  {"notice", ctx.TakeFlash()}});
  });
}

// The entry of application `id` in the 公示 of community `key`, or nullopt.
std::optional<approval::PublicityEntry> FindEntry(ApprovalService& service, const std::string& key,
                                                  int64_t id) {
  auto entries = service.Publicity(key);
  if (!entries || !*entries) return std::nullopt;
  for (const approval::PublicityEntry& e : **entries) {
    if (e.application_id == id) return e;
  }
  return std::nullopt;
}

void ObjectionForm(Ctx& ctx, const approval::PublicityEntry& e, const std::string& key,
                   const std::string& message, int status, const Form* typed = nullptr) {
  // On an error the form comes back with what was typed.
  bool real = typed != nullptr && typed->Get("identity") == "real";
  RenderPublic(ctx, "m_gs_object",
               {{"title", "对公示提出异议"},
                {"content", typed != nullptr ? typed->Get("content") : ""},
                {"contact", typed != nullptr ? typed->Get("contact") : ""},
                {"real", real},
                {"action", fmt::format("/m/gs/{}/object/{}", key, e.application_id)},
                {"back", "/m/gs/" + key},
                {"program", e.program_name},
                {"community", e.community},
                {"name", MaskName(e.applicant_name, ctx.app.options().mask_policy)},
                {"to", e.to},
                {"message", message}},
               status);
}

void ObjectionRoute(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config, bool post) {
  std::string key = ctx.req.matches[1].str();
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[2].str(), &id)) return ctx.ErrorPage(404, "没有找到这条公示。");
  WithService(ctx, config, [&](ApprovalService& service) {
    auto entry = FindEntry(service, key, id);
    if (!entry) return ctx.ErrorPage(404, "没有找到这条公示，或公示期已结束。");
    if (!post) return ObjectionForm(ctx, *entry, key, "", 200);
    if (!ctx.app.receipt_by_address().Allow(ctx.app.AddressKey(ctx.req))) {
      return ObjectionForm(ctx, *entry, key, "提交过于频繁，请一小时后再试。", 429);
    }
    Form form = Form::FromRequest(ctx.req);
    approval::ObjectionInput input{.content = std::string(TrimSpaces(form.Get("content"))),
                                   .anonymous = form.Get("identity") != "real",
                                   .contact = std::string(TrimSpaces(form.Get("contact")))};
    // The objector gets a receipt code, as a 码上行动 report does: the objection's clue carries a
    // report (category 公示不实) that the clue page answers and /m/receipt shows.
    std::string code;
    input.in_transaction = [&](int64_t clue_id) -> Result<void> {
      ReportInput report{
          .category = "公示不实",
          .place_key = key,
          .place_name = fmt::format("公示：{}{}（{}）", entry->community, entry->program_name,
                                    MaskName(entry->applicant_name, ctx.app.options().mask_policy)),
          .content = input.content,
          .anonymous = input.anonymous,
          .reporter_name = input.contact,
          .reporter_phone = "",
          .photos = {}};
      auto made = AttachReport(ctx.db, ctx.app.cipher(), report, clue_id,
                               qf::Today(ctx.app.clock()).ToString());
      if (!made) return std::unexpected(made.error());
      code = std::move(*made);
      return {};
    };
    auto clue = service.Object(id, input);
    if (!clue) {
      return ObjectionForm(ctx, *entry, key, clue.error().message(), StatusFor(clue.error()),
                           &form);
    }
    RenderPublic(ctx, "m_gs_object_done",
                 {{"title", "已收到您的异议"},
                  {"back", "/m/gs/" + key},
                  {"code", code},
                  {"code_grouped", Grouped4(code)},
                  {"anonymous", input.anonymous}});
  });
}

void StatusForm(Ctx& ctx, const std::string& message, int status) {
  RenderPublic(ctx, "m_apply_status", {{"title", "查询审批进度"}, {"message", message}}, status);
}

void StatusPost(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  if (!ctx.app.receipt_by_address().Allow(ctx.app.AddressKey(ctx.req))) {
    return StatusForm(ctx, "查询过于频繁，请一小时后再试。", 429);
  }
  std::string code = approval::DigitsOf(Form::FromRequest(ctx.req).Get("code"));
  if (!approval::IsReceiptCode(code)) return StatusForm(ctx, "回执码为 16 位数字。", 400);
  WithService(ctx, config, [&](ApprovalService& service) {
    auto progress = service.ProgressByReceipt(code);
    if (!progress) return ctx.ErrorPage(progress.error());
    if (!*progress) return StatusForm(ctx, "回执码不正确，请核对后重新输入。", 404);
    const approval::Progress& p = **progress;
    Json steps = Json::array();
    for (const approval::Progress::Step& s : p.steps) {
      steps.push_back({{"name", s.name},
                       {"unit", s.unit},
                       {"started", s.started_on},
                       {"deadline", s.deadline},
                       {"decided", s.decided_on},
                       {"result", s.result},
                       {"open", s.open},
                       {"pending", s.pending},
                       {"deadline_label", s.name == "公示" ? "公示至" : "办理期限"}});
    }
    RenderPublic(ctx, "m_apply_progress",
                 {{"title", "审批进度"},
                  {"id", p.application_id},
                  {"program", p.program_name},
                  {"community", p.community},
                  {"name", MaskName(p.applicant_name, ctx.app.options().mask_policy)},
                  {"submitted", p.submitted_on},
                  {"status", p.status},
                  {"rejected", !p.rejection_reason.empty()},
                  {"rejection_category", p.rejection_category},
                  {"rejection_reason", p.rejection_reason},
                  {"steps", steps}});
  });
}

void ApplyForm(Ctx& ctx, const Json& echo, const std::string& message, int status) {
  RenderPublic(ctx, "m_apply",
               {{"title", "申请补贴"},
                {"programs", Programs(ctx.db)},
                {"communities", Communities(ctx.db)},
                {"f", echo},
                {"message", message}},
               status);
}

void ApplyPost(Ctx& ctx, const std::shared_ptr<const ConfigResult>& config) {
  Form form = Form::FromRequest(ctx.req);
  if (!ctx.app.receipt_by_address().Allow(ctx.app.AddressKey(ctx.req))) {
    return ApplyForm(ctx, FormEcho(form), "提交过于频繁，请一小时后再试。", 429);
  }
  auto input = InputFrom(form);
  if (!input) return ApplyForm(ctx, FormEcho(form), input.error().message(), 400);
  WithService(ctx, config, [&](ApprovalService& service) {
    auto made = service.SubmitByCitizen(*input);
    if (!made)
      return ApplyForm(ctx, FormEcho(form), made.error().message(), StatusFor(made.error()));
    RenderPublic(ctx, "m_apply_done",
                 {{"title", "申请已提交"},
                  {"code", made->receipt_code},
                  {"code_grouped", Grouped4(made->receipt_code)}});
  });
}

}  // namespace

void RegisterApprovalRoutes(App& app, Router& server) {
  auto config = LoadConfig(app);
  const std::string id = R"((\d{1,18}))";
  // Staff.
  server.Get("/applications", app.StaffGet([config](Ctx& ctx) { ListPage(ctx, config); }));
  server.Get("/applications/export",
             app.StaffGet([config](Ctx& ctx) { ExportApplications(ctx, config); }));
  server.Get("/applications/new",
             app.StaffGet([](Ctx& ctx) { NewForm(ctx, Json::object(), "", 200); }));
  server.Post("/applications/new", app.StaffPost([config](Ctx& ctx) { NewPost(ctx, config); }));
  server.Get("/applications/stats", app.StaffGet(StatisticsPage));
  server.Get("/applications/" + id, app.StaffGet([config](Ctx& ctx) { DetailPage(ctx, config); }));
  server.Post("/applications/" + id + "/decide",
              ActionRoute(app, config, "已办理", DecideFromForm));
  server.Post("/applications/" + id + "/precheck",
              ActionRoute(app, config, "已重新比对",
                          [](ApprovalService& s, const casework::Actor& a, int64_t i,
                             const Form&) -> Result<void> {
                            auto hits = s.RunPrecheck(a, i);
                            if (!hits) return std::unexpected(hits.error());
                            return {};
                          }));
  server.Post("/applications/" + id + "/acknowledge",
              ActionRoute(app, config, "已确认所选疑点", AcknowledgeFromForm));
  server.Post(
      "/applications/" + id + "/declaration",
      ActionRoute(app, config, "已备案",
                  [](ApprovalService& s, const casework::Actor& a, int64_t i, const Form& form) {
                    return s.FileDeclaration(a, i, form.Get("declaration"));
                  }));
  // Public.
  const std::string key = R"((c-[0-9a-f]{10}))";
  server.Get("/m/gs", app.PublicGet([config](Ctx& ctx) { PublicityIndex(ctx, config); }));
  server.Get("/m/gs/" + key, app.PublicGet([config](Ctx& ctx) { PublicityPage(ctx, config); }));
  server.Get("/m/gs/" + key + "/object/" + id,
             app.PublicGet([config](Ctx& ctx) { ObjectionRoute(ctx, config, false); }));
  server.Post("/m/gs/" + key + "/object/" + id,
              app.PublicPost([config](Ctx& ctx) { ObjectionRoute(ctx, config, true); }));
  server.Get("/m/apply/status", app.PublicGet([](Ctx& ctx) { StatusForm(ctx, "", 200); }));
  server.Post("/m/apply/status", app.PublicPost([config](Ctx& ctx) { StatusPost(ctx, config); }));
  server.Get("/m/apply", app.PublicGet([](Ctx& ctx) { ApplyForm(ctx, Json::object(), "", 200); }));
  server.Post("/m/apply", app.PublicPost([config](Ctx& ctx) { ApplyPost(ctx, config); }));
}

}  // namespace qf::web::internal
