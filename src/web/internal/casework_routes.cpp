// Staff pages for every casework action: clues (intake, disposal, approval, assignment and
// feedback, case filing, replies to the citizen behind a report), cases, transfers and
// rectification. Each detail page reads as the document staff know — sections in working order,
// names and Chinese labels for every code, Beijing times, the 流转记录 from the audit log, links to
// the items it came from and led to — and offers only the steps its reader may take in the item's
// state. Each POST turns its form into the JSON body of the matching CaseworkService method (which
// authorises it) and redirects back to the item's page; a refused step shows the page again with
// the message beside its form and what was typed kept.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "casework/state_machines.h"
#include "core/money.h"
#include "store/query.h"
#include "web/internal/app.h"
#include "web/internal/casework_lists.h"
#include "web/internal/casework_view.h"
#include "web/internal/classification_view.h"
#include "web/internal/document_routes.h"
#include "web/internal/http_util.h"
#include "web/internal/public_store.h"
#include "web/internal/request_guard.h"

namespace qf::web::internal {
namespace {

using casework::Action;
using casework::CaseworkService;

const std::set<std::string> kIntFields = {"clue_id", "case_id", "linked_case_id"};
const std::set<std::string> kMoneyFields = {"amount", "recovered", "losses_retrieved",
                                            "clue_amount"};
const std::set<std::string> kBoolFields = {"sync_intervention", "dual_check", "restricted"};
// Check boxes that may be ticked more than once: a list of every value ticked.
const std::set<std::string> kListFields = {"campaigns", "clue_campaigns"};

// Form fields → JSON body: empty fields are left out, ids become integers, amounts in yuan become
// integer fen, check boxes become booleans. A malformed number is a 400 naming the field.
Result<Json> FormJson(const Form& form) {
  Json body = Json::object();
  for (const auto& [key, value] : form.fields()) {
    if (key == "_csrf" || key == "back" || key == "_form" || value.empty()) continue;
    if (kListFields.contains(key)) {
      if (!body.contains(key)) body[key] = Json::array();
      body[key].push_back(value);
    } else if (kIntFields.contains(key)) {
      int64_t id = 0;
      if (!ParseId(value, &id)) {
        return std::unexpected(Error(ErrorCode::kInvalidArgument,
                                     fmt::format("字段 {}：'{}' 不是有效的编号", key, value))
                                   .WithField(key));
      }
      body[key] = id;
    } else if (kMoneyFields.contains(key)) {
      auto money = Money::Parse(value);
      if (!money) {
        return std::unexpected(Error(ErrorCode::kInvalidArgument,
                                     fmt::format("字段 {}：{}", key, money.error().message()))
                                   .WithField(key));
      }
      body[key] = money->fen();
    } else if (kBoolFields.contains(key)) {
      body[key] = value == "1" || value == "on";
    } else {
      body[key] = value;
    }
  }
  return body;
}

// A refused form: which form, the message beside it, what was typed, the page's status code.
struct Failure {
  std::string form;
  std::string message;
  Form posted;
  int status = 400;
};

Failure FailureOf(const std::string& form_id, const Error& error, Form posted) {
  return Failure{form_id, FormMessage(error), std::move(posted), StatusFor(error)};
}

// Form values for the templates: v.<form>.<field> = the defaults, overridden by what was typed
// into the refused form; errors.<form>.message beside that form.
void PutFormState(Json& data, const Json& defaults, const Failure* failure) {
  Json v = defaults.is_object() ? defaults : Json::object();
  Json errors = Json::object();
  if (failure != nullptr) {
    Json& form = v[failure->form];
    if (!form.is_object()) form = Json::object();
    for (const auto& [key, value] : failure->posted.fields()) {
      if (key == "_csrf" || key == "_form") continue;
      if (!form.contains(key) || !form[key].is_string() || form[key].get<std::string>() != value) {
        form[key] = value;
      }
    }
    errors[failure->form] = {{"message", failure->message}};
    data["open_" + failure->form] = true;
  }
  data["v"] = v;
  data["errors"] = errors;
}

// The value of v.<form>.<field>, for selects built here.
std::string Chosen(const Json& data, const std::string& form, const std::string& field) {
  if (!data.contains("v") || !data["v"].contains(form)) return "";
  const Json& f = data["v"][form];
  return f.contains(field) && f[field].is_string() ? f[field].get<std::string>() : "";
}

std::vector<std::string> Strings(std::span<const std::string_view> values) {
  return {values.begin(), values.end()};
}

// Sources a clerk registers by hand: findings are promoted from the findings queue and transfers
// come in through 移送, each with its own form.
std::vector<std::string> IntakeSources() {
  std::vector<std::string> out;
  for (std::string_view s : casework::ClueSources()) {
    if (s != "比对发现" && s != "移送") out.emplace_back(s);
  }
  return out;
}

std::string Today(const App& app) { return qf::Today(app.clock()).ToString(); }

std::string YuanText(const Json& record, const char* key) {
  if (!record.contains(key) || !record[key].is_number_integer()) return "";
  return Yuan(record[key].get<int64_t>()) + " 元";
}

std::string Str(const Json& record, const char* key) {
  if (!record.contains(key) || !record[key].is_string()) return "";
  return record[key].get<std::string>();
}

int64_t IntOr0(const Json& record, const char* key) {
  if (!record.contains(key) || !record[key].is_number_integer()) return 0;
  return record[key].get<int64_t>();
}

bool Permitted(const std::vector<Action>& actions, Action action) {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

// The actions the actor may take on an item; none when it cannot be read.
std::vector<Action> PermittedOn(Ctx& ctx, std::string_view entity, int64_t id) {
  auto actions = ctx.Service().PermittedActions(*ctx.actor, entity, id);
  return actions ? std::move(*actions) : std::vector<Action>();
}

// Items linked to this one (by a clue_id or case_id column) that the actor may open.
Json Related(Ctx& ctx, const Names& names, std::string_view column, int64_t id) {
  Json out = Json::array();
  using Row = std::pair<int64_t, Json>;  // the item's id, its link
  // Appends the rows of `sql` (bound to `id`) made by `link`, those of `entity` only when the
  // actor may open them ("" for links that need no check).
  auto add = [&](std::string_view entity, const std::string& sql, auto link) {
    auto rows = store::QueryRows<Row>(ctx.db, sql, link, id);
    if (!rows) return;
    for (Row& row : *rows) {
      if (!entity.empty() && !ctx.Service().PermittedActions(*ctx.actor, entity, row.first)) {
        continue;
      }
      out.push_back(std::move(row.second));
    }
  };
  if (column == "clue_id") {
    // A 公示 objection became this clue: the application it objected to (阳光审批).
    add("",
        "SELECT DISTINCT application_id FROM approval_objections WHERE clue_id = ? ORDER BY "
        "application_id",
        [](const store::Statement& st) {
          return Row{st.Int(0), {{"href", fmt::format("/applications/{}", st.Int(0))},
                                 {"label", fmt::format("阳光审批申请 {}", st.Int(0))},
                                 {"kind", "公示异议"},
                                 {"status", "线索来源"}}};
        });
    add("case", "SELECT case_id, status FROM cases WHERE clue_id = ? ORDER BY case_id",
        [](const store::Statement& st) {
          return Row{st.Int(0), {{"href", fmt::format("/cases/{}", st.Int(0))},
                                 {"label", fmt::format("案件 {}", st.Int(0))},
                                 {"kind", "立案"},
                                 {"status", StateLabel("case", st.Text(1))}}};
        });
  }
  add("transfer",
      fmt::format("SELECT transfer_id, direction, organ_code, status FROM transfers WHERE {} = ? "
                  "ORDER BY transfer_id",
                  column),
      [&](const store::Statement& st) {
        return Row{st.Int(0), {{"href", fmt::format("/transfers/{}", st.Int(0))},
                               {"label", fmt::format("移送 {}", st.Int(0))},
                               {"kind", fmt::format("{} · {}", st.Text(1) == "out" ? "移出" : "移入",
                                                    names.Unit(st.Text(2)))},
                               {"status", StateLabel("transfer", st.Text(3))}}};
      });
  add("rectification",
      fmt::format("SELECT rectification_id, kind, unit_code, status FROM rectifications WHERE {} "
                  "= ? ORDER BY rectification_id",
                  column),
      [&](const store::Statement& st) {
        return Row{st.Int(0), {{"href", fmt::format("/rectifications/{}", st.Int(0))},
                               {"label", fmt::format("整改 {}", st.Int(0))},
                               {"kind", fmt::format("{} · {}", st.Text(1), names.Unit(st.Text(2)))},
                               {"status", StateLabel("rectification", st.Text(3))}}};
      });
  return out;
}

// ---- lists -------------------------------------------------------------------------------------

void ListPage(Ctx& ctx, std::string_view kind, const std::string& title, const std::string& nav,
              const std::string& key, const Failure* failure = nullptr) {
  // A refused form shown again (POST) lists everything: its fields are not filters.
  Form q = ctx.req.method == "GET" ? Form::FromQuery(ctx.req) : Form();
  auto list = LoadCaseworkList(ctx, kind, q);
  if (!list) return ctx.ErrorPage(list.error());
  Paging paging = PageOf(static_cast<int64_t>(list->rows.size()), list->query);
  Json rows = PageRows(list->rows, paging);
  Names names = Names::Load(ctx.db);
  Json data = {{"title", title},
               {"nav", nav},
               {"kind", std::string(kind)},
               {"rows", rows},
               {"any", !rows.empty()},
               {"count", paging.total},
               {"csrf", ctx.CsrfToken()},
               {"base", "/" + key},
               {"today", Today(ctx.app)},
               {"message", ctx.TakeFlash()},
               {"amount_column", kind == "clue" || kind == "case"},
               {"is_" + std::string(kind), true}};
  if (auto chrome =
          AddListChrome(ctx.app.templates(), data, *list->spec, list->query, paging, list->chrome);
      !chrome) {
    return ctx.ErrorPage(chrome.error());
  }
  // A link from an item's page ("移送政法机关" on a clue) fills in the item.
  Json defaults = {{"clue", {{"source", "信访"}, {"domain", "民生"}}},
                   {"transfer_out",
                    {{"feedback_due", Today(ctx.app)},
                     {"clue_id", q.Get("clue_id")},
                     {"case_id", q.Get("case_id")}}},
                   {"transfer_in",
                    {{"feedback_due", Today(ctx.app)},
                     {"clue_domain", "民生"},
                     {"clue_unit", ctx.actor->unit_code}}},
                   {"rectification",
                    {{"kind", "监察建议"},
                     {"due_date", Today(ctx.app)},
                     {"clue_id", q.Get("clue_id")},
                     {"case_id", q.Get("case_id")}}}};
  PutFormState(data, defaults, failure);
  if (kind == "transfer" && (!q.Get("clue_id").empty() || !q.Get("case_id").empty())) {
    data["open_transfer_out"] = true;
  }
  if (kind == "rectification" && (!q.Get("clue_id").empty() || !q.Get("case_id").empty())) {
    data["open_rectification"] = true;
  }
  // The campaigns ticked in a refused form stay ticked.
  auto ticked = [&](const char* form, const char* field) {
    return failure != nullptr && failure->form == form ? failure->posted.GetAll(field)
                                                       : std::vector<std::string>();
  };
  data["opts"] = {
      {"sources", SelectOptions(IntakeSources(), {}, Chosen(data, "clue", "source"))},
      {"domains", DomainOptions(Chosen(data, "clue", "domain"))},
      {"campaigns", CampaignBoxes(ticked("clue", "campaigns"))},
      {"in_domains", DomainOptions(Chosen(data, "transfer_in", "clue_domain"))},
      {"in_campaigns", CampaignBoxes(ticked("transfer_in", "clue_campaigns"))},
      {"rect_domains", DomainOptions(Chosen(data, "rectification", "domain"), "（随案件或线索）")},
      {"rect_campaigns", CampaignBoxes(ticked("rectification", "campaigns"))},
      {"out_organs", names.ExternalUnits(Chosen(data, "transfer_out", "organ"))},
      {"in_organs", names.ExternalUnits(Chosen(data, "transfer_in", "organ"))},
      {"in_units", names.InternalUnits(Chosen(data, "transfer_in", "clue_unit"))},
      {"rect_kinds", SelectOptions(Strings(casework::RectificationKinds()), {},
                                   Chosen(data, "rectification", "kind"))},
      {"rect_units", names.InternalUnits(Chosen(data, "rectification", "unit"))}};
  // 批量交办 is the 承办人's (the service authorises each clue again).
  data["batch_assign"] = kind == "clue" && ctx.actor->Has(casework::Role::kHandler);
  data["assign_units"] = names.InternalUnits("");
  data["assign_due"] = qf::Today(ctx.app.clock()).AddDays(15).ToString();  // a usual 15 days
  data["error"] = ctx.TakeFlash(true);
  data["back"] = ListUrl(*list->spec, list->query);
  ctx.Render("list", data, failure ? failure->status : 200);
}

void ClueList(Ctx& ctx, const Failure* failure = nullptr) {
  ListPage(ctx, "clue", "线索", "clues", "clues", failure);
}
void TransferList(Ctx& ctx, const Failure* failure = nullptr) {
  ListPage(ctx, "transfer", "线索移送", "transfers", "transfers", failure);
}
void RectificationList(Ctx& ctx, const Failure* failure = nullptr) {
  ListPage(ctx, "rectification", "监察建议与整改", "rectifications", "rectifications", failure);
}

// Every row the list's parameters select, all pages, as an Excel file (audited as a download).
Handler ListExportRoute(std::string_view kind) {
  return [kind](Ctx& ctx) {
    auto list = LoadCaseworkList(ctx, kind, Form::FromQuery(ctx.req));
    if (!list) return ctx.ErrorPage(list.error());
    SendListExport(ctx, list->export_spec, list->rows);
  };
}

// ---- detail pages ------------------------------------------------------------------------------

void ClueDetail(Ctx& ctx, int64_t id, const Failure* failure = nullptr) {
  auto clue = ctx.Service().GetClue(*ctx.actor, id);
  if (!clue) return ctx.ErrorPage(clue.error());
  Names names = Names::Load(ctx.db);
  std::vector<Action> may = PermittedOn(ctx, "clue", id);
  std::string status = Str(*clue, "status");
  std::string proposed_by = Str(*clue, "proposed_by");
  std::string today = Today(ctx.app);

  std::vector<std::pair<std::string, std::string>> history = {{"clue", std::to_string(id)}};
  Json assignments = Json::array();
  for (const Json& a : clue->value("assignments", Json::array())) {
    int64_t aid = IntOr0(a, "id");
    history.emplace_back("assignment", std::to_string(aid));
    std::string a_status = Str(a, "status");
    std::vector<Action> on_assignment = PermittedOn(ctx, "assignment", aid);
    std::string deadline = Str(a, "deadline");
    bool open = a_status == "assigned" || a_status == "returned";
    assignments.push_back(
        {{"id", aid},
         {"unit", names.Unit(Str(a, "unit"))},
         {"request", Str(a, "request")},
         {"deadline", deadline},
         {"overdue", open && !deadline.empty() && deadline < today},
         {"status", StateLabel("assignment", a_status)},
         {"assigned", fmt::format("{} 于 {} 交办", names.User(Str(a, "assigned_by")),
                                  ShownTime(Str(a, "assigned_at")))},
         {"feedback", Str(a, "feedback")},
         {"feedback_by", names.User(Str(a, "feedback_by"))},
         {"feedback_at", ShownTime(Str(a, "feedback_at"))},
         {"review_note", Str(a, "review_note")},
         {"reviewed_by", names.User(Str(a, "reviewed_by"))},
         {"can_feedback", open && Permitted(on_assignment, Action::kSubmitFeedback)},
         {"can_review",
          a_status == "feedback_submitted" && Permitted(on_assignment, Action::kReviewFeedback)}});
  }
  Json subjects = Json::array();
  for (const Json& s : clue->value("subjects", Json::array())) {
    subjects.push_back({{"name", Str(s, "name")},
                        {"id_number", Str(s, "id_number")},
                        {"position", Str(s, "position")},
                        {"person_key", Str(s, "person_key")}});
  }
  Json findings = Json::array();
  for (const Json& f : clue->value("findings", Json::array())) {
    if (!f.is_string()) continue;
    std::string fp = f.get<std::string>();
    findings.push_back({{"href", "/findings/" + fp}, {"label", fp.substr(0, 12)}});
  }
  Json related = Related(ctx, names, "clue_id", id);
  bool can_propose = Permitted(may, Action::kProposeDisposal) &&
                     (status == "registered" || status == "in_disposal");
  bool can_decide = Permitted(may, Action::kApproveDisposal) &&
                    (status == "pending_approval" || status == "pending_conclusion") &&
                    proposed_by != ctx.actor->username;
  bool can_reopen = Permitted(may, Action::kProposeDisposal) && status == "shelved";
  bool can_assign = Permitted(may, Action::kAssignClue) && status == "in_disposal";
  bool can_file = Permitted(may, Action::kFileCase) && status == "in_disposal";
  bool open = status != "concluded" && status != "case_filed";
  bool can_transfer = Permitted(may, Action::kManageTransfer) && !clue->value("restricted", false);
  bool can_rectify = Permitted(may, Action::kIssueRectification);
  bool can_reclassify = Permitted(may, Action::kReclassify);
  std::string disposal = Str(*clue, "disposal");
  Json data = {{"title", fmt::format("线索 {}", id)},
               {"nav", "clues"},
               {"id", id},
               {"cid", id},  // the clue's id inside sections whose items have an id of their own
               {"clue_title", Str(*clue, "title")},
               {"status", StateLabel("clue", status)},
               {"status_code", status},
               {"restricted", clue->value("restricted", false)},
               {"source", Str(*clue, "source")},
               {"source_ref", Str(*clue, "source_ref")},
               {"domain", Str(*clue, "domain")},
               {"unit", names.Unit(Str(*clue, "unit"))},
               {"amount", YuanText(*clue, "amount")},
               {"has_amount", IntOr0(*clue, "amount") > 0},
               {"summary", Str(*clue, "summary")},
               {"created_by", names.User(Str(*clue, "created_by"))},
               {"created_at", ShownTime(Str(*clue, "created_at"))},
               {"updated_at", ShownTime(Str(*clue, "updated_at"))},
               {"disposal", disposal.empty() ? std::string("（尚未提出）") : disposal},
               {"proposed_by", names.User(proposed_by)},
               {"approved_by", names.User(Str(*clue, "approved_by"))},
               {"dual_check", clue->value("dual_check", false)},
               {"subjects", subjects},
               {"has_subjects", !subjects.empty()},
               {"findings", findings},
               {"has_findings", !findings.empty()},
               {"assignments", assignments},
               {"has_assignments", !assignments.empty()},
               {"related", related},
               {"has_related", !related.empty()},
               {"csrf", ctx.CsrfToken()},
               {"today", today},
               {"can_propose", can_propose},
               {"conclusion_only", status == "in_disposal"},
               {"can_decide", can_decide},
               {"awaiting_other_approver",
                Permitted(may, Action::kApproveDisposal) &&
                    (status == "pending_approval" || status == "pending_conclusion") &&
                    proposed_by == ctx.actor->username},
               {"can_reopen", can_reopen},
               {"can_assign", can_assign},
               {"can_file", can_file},
               {"can_transfer", can_transfer && open},
               {"can_rectify", can_rectify},
               {"message", ctx.TakeFlash()}};
  data["any_action"] = can_propose || can_decide || can_reopen || can_assign || can_file ||
                       (can_transfer && open) || can_rectify;
  PutFormState(data,
               {{"propose", {{"disposal", status == "in_disposal" ? "予以了结" : "初步核实"}}},
                {"assign", {{"deadline", qf::Today(ctx.app.clock()).AddDays(30).ToString()}}}},
               failure);
  // Each assignment's feedback and review forms keep their own typed values and message.
  for (Json& a : data["assignments"]) {
    for (const char* form : {"feedback", "review"}) {
      std::string form_id = fmt::format("{}_{}", form, a["id"].get<int64_t>());
      a[std::string("v_") + form] =
          data["v"].contains(form_id) ? data["v"][form_id] : Json::object();
      if (data["errors"].contains(form_id)) {
        a[std::string("error_") + form] = data["errors"][form_id]["message"];
      }
    }
    a["decisions"] = SelectOptions({"accept", "return"}, {"采纳", "退回补充"},
                                   a["v_review"].value("decision", ""));
  }
  std::vector<std::string> disposals = Strings(casework::Disposals());
  if (status == "in_disposal") disposals = {"予以了结"};
  data["opts"] = {{"disposals", SelectOptions(disposals, {}, Chosen(data, "propose", "disposal"))},
                  {"decisions", SelectOptions({"approve", "reject"}, {"批准", "不批准"},
                                              Chosen(data, "decide", "decision"))},
                  {"units", names.InternalUnits(Chosen(data, "assign", "unit"))}};
  if (auto report = LoadReportForClue(ctx.db, ctx.app.cipher(), id); report && *report) {
    const ReportView& r = **report;
    history.emplace_back("public_report", std::to_string(r.report_id));
    Json messages = Json::array();
    for (const auto& m : r.messages) {
      messages.push_back({{"author", m.author}, {"body", m.body}, {"at", m.created_on}});
    }
    Json ratings = Json::array();
    for (const auto& g : r.ratings) {
      ratings.push_back({{"rating", g.rating},
                         {"comment", g.comment},
                         {"at", g.created_on},
                         {"reopened", g.reopened},
                         {"dissatisfied", g.rating == "不满意"}});
    }
    Json photos = Json::array();
    for (int64_t n = 0; n < r.photos; ++n) {
      photos.push_back(
          {{"url", fmt::format("/reports/{}/photos/{}", r.report_id, n)}, {"n", n + 1}});
    }
    data["report"] = {
        {"reply_url", fmt::format("/clues/{}/reply", id)},
        {"contact_url", fmt::format("/clues/{}/reporter-contact", id)},
        {"category", r.category},
        {"place", r.place_name},
        {"content", r.content},
        {"anonymous", r.anonymous},
        {"created_on", r.created_on},
        {"messages", messages},
        {"has_messages", !messages.empty()},
        {"ratings", ratings},
        {"has_ratings", !ratings.empty()},
        {"photos", photos},
        {"can_reply", CanWorkFindings(*ctx.actor)},
        {"can_view_contact", !r.anonymous && ctx.actor->Has(casework::Role::kHandler)}};
  }
  auto timeline = Timeline(ctx.db, names, history);
  data["timeline"] = timeline ? *timeline : Json::array();
  data["documents_html"] = DocumentsSection(ctx, "clue", id);
  data["classification_html"] = ClassificationHtml(ctx, "clue", id, *clue, can_reclassify, data);
  data["campaigns"] = CampaignNamesOf(*clue);
  ctx.Render("clue", data, failure ? failure->status : 200);
}

void CaseDetail(Ctx& ctx, int64_t id, const Failure* failure = nullptr) {
  auto record = ctx.Service().GetCase(*ctx.actor, id);
  if (!record) return ctx.ErrorPage(record.error());
  Names names = Names::Load(ctx.db);
  std::vector<Action> may = PermittedOn(ctx, "case", id);
  std::string status = Str(*record, "status");
  bool update = Permitted(may, Action::kUpdateCase);
  bool decide = Permitted(may, Action::kCloseCase);
  bool working = status == "investigating" || status == "under_review";
  Json persons = Json::array();
  for (const Json& p : record->value("persons", Json::array())) {
    std::string outcome = Str(p, "outcome");
    std::string organ = Str(p, "receiving_organ");
    int64_t pid = IntOr0(p, "id");
    std::string form = fmt::format("outcome_{}", pid);
    persons.push_back({{"id", pid},
                       {"name", Str(p, "name")},
                       {"id_number", Str(p, "id_number")},
                       {"person_key", Str(p, "person_key")},
                       {"position", Str(p, "position")},
                       {"outcome", outcome},
                       {"detail", Str(p, "outcome_detail")},
                       {"organ", organ.empty() ? "" : names.Unit(organ)},
                       {"outcome_at", ShownTime(Str(p, "outcome_at"))},
                       {"form", form},
                       {"action", fmt::format("/cases/{}/persons/{}/outcome", id, pid)}});
  }
  Json links = Json::array();
  for (const Json& l : record->value("links", Json::array())) {
    int64_t other = IntOr0(l, "case_id");
    links.push_back({{"href", fmt::format("/cases/{}", other)},
                     {"label", fmt::format("案件 {}", other)},
                     {"aspect", Str(l, "aspect")},
                     {"direction", Str(l, "direction") == "examines" ? "本案查处" : "查处本案"}});
  }
  int64_t clue_id = IntOr0(*record, "clue_id");
  Json related = Related(ctx, names, "case_id", id);
  Json transitions = Json::array();
  auto step = [&](bool allowed, const char* event, const char* label, bool primary) {
    if (allowed) transitions.push_back({{"event", event}, {"label", label}, {"primary", primary}});
  };
  step(update && status == "filed", "investigate", "开始调查", true);
  step(update && status == "investigating", "submit_review", "提请审理", true);
  step(decide && status == "under_review", "close", "审批结案", true);
  step(decide && status == "under_review", "send_back", "退回补充调查", false);
  bool gang = Str(*record, "domain") == "扫黑除恶";
  Json data = {{"title", fmt::format("案件 {}", id)},
               {"nav", "cases"},
               {"id", id},
               {"case_title", Str(*record, "title")},
               {"status", StateLabel("case", status)},
               {"restricted", record->value("restricted", false)},
               {"domain", Str(*record, "domain")},
               {"unit", names.Unit(Str(*record, "unit"))},
               {"filed_by", names.User(Str(*record, "filed_by"))},
               {"filed_at", ShownTime(Str(*record, "filed_at"))},
               {"updated_at", ShownTime(Str(*record, "updated_at"))},
               {"recovered", YuanText(*record, "recovered")},
               {"losses_retrieved", YuanText(*record, "losses_retrieved")},
               {"clue_id", clue_id},
               {"has_clue", clue_id > 0},
               {"persons", persons},
               {"has_persons", !persons.empty()},
               {"links", links},
               {"has_links", !links.empty()},
               {"gang", gang},
               {"related", related},
               {"has_related", !related.empty()},
               {"transitions", transitions},
               {"can_add_person", update && status != "closed"},
               {"can_outcome", update && working},
               {"can_recover", update && working},
               {"can_link", update && gang && status != "closed"},
               {"can_transfer",
                Permitted(may, Action::kManageTransfer) && !record->value("restricted", false)},
               {"can_rectify", Permitted(may, Action::kIssueRectification)},
               {"csrf", ctx.CsrfToken()},
               {"message", ctx.TakeFlash()}};
  data["any_action"] = !transitions.empty() || data["can_add_person"].get<bool>() ||
                       data["can_recover"].get<bool>() || data["can_link"].get<bool>() ||
                       data["can_transfer"].get<bool>() || data["can_rectify"].get<bool>();
  PutFormState(data, Json::object(), failure);
  // Each person's outcome form keeps its own typed values and message.
  for (Json& p : data["persons"]) {
    std::string form = p["form"];
    p["v"] = data["v"].contains(form) ? data["v"][form] : Json::object();
    if (data["errors"].contains(form)) p["error"] = data["errors"][form]["message"];
    std::string chosen = p["v"].value("outcome", "");
    p["outcomes"] = SelectOptions(Strings(casework::Outcomes()), {}, chosen);
    p["organs"] = names.ExternalUnits(p["v"].value("receiving_organ", ""));
  }
  data["opts"] = {{"aspects", SelectOptions(Strings(casework::LinkAspects()), {},
                                            Chosen(data, "link", "aspect"))}};
  auto timeline = Timeline(ctx.db, names, {{"case", std::to_string(id)}});
  data["timeline"] = timeline ? *timeline : Json::array();
  data["documents_html"] = DocumentsSection(ctx, "case", id);
  data["classification_html"] = ClassificationHtml(ctx, "case", id, *record,
                                                   Permitted(may, Action::kReclassify), data);
  data["campaigns"] = CampaignNamesOf(*record);
  ctx.Render("case", data, failure ? failure->status : 200);
}

void TransferDetail(Ctx& ctx, int64_t id, const Failure* failure = nullptr) {
  auto record = ctx.Service().GetTransfer(*ctx.actor, id);
  if (!record) return ctx.ErrorPage(record.error());
  Names names = Names::Load(ctx.db);
  std::vector<Action> may = PermittedOn(ctx, "transfer", id);
  std::string status = Str(*record, "status");
  bool out = Str(*record, "direction") == "out";
  bool can_ack = out && status == "sent" && Permitted(may, Action::kRespondTransfer);
  bool can_feedback = status == "received" && (out ? Permitted(may, Action::kRespondTransfer)
                                                   : Permitted(may, Action::kManageTransfer));
  std::string due = Str(*record, "feedback_due");
  bool awaiting = out ? (status == "sent" || status == "received") : status == "received";
  int64_t clue_id = IntOr0(*record, "clue_id");
  int64_t case_id = IntOr0(*record, "case_id");
  Json data = {{"title", fmt::format("移送 {}", id)},
               {"nav", "transfers"},
               {"id", id},
               {"out", out},
               {"direction", DirectionLabel(Str(*record, "direction"))},
               {"organ", names.Unit(Str(*record, "organ"))},
               {"unit", names.Unit(Str(*record, "unit"))},
               {"status", StateLabel("transfer", status)},
               {"summary", Str(*record, "summary")},
               {"feedback", Str(*record, "feedback")},
               {"feedback_due", due},
               {"overdue", awaiting && !due.empty() && due < Today(ctx.app)},
               {"sync_intervention", record->value("sync_intervention", false)},
               {"dual_check", record->value("dual_check", false)},
               {"created_by", names.User(Str(*record, "created_by"))},
               {"created_at", ShownTime(Str(*record, "created_at"))},
               {"updated_at", ShownTime(Str(*record, "updated_at"))},
               {"clue_id", clue_id},
               {"has_clue", clue_id > 0},
               {"case_id", case_id},
               {"has_case", case_id > 0},
               {"can_ack", can_ack},
               {"can_feedback", can_feedback},
               {"feedback_label", out ? "录入对方反馈的核查结果" : "向移送机关反馈办理结果"},
               {"any_action", can_ack || can_feedback},
               {"csrf", ctx.CsrfToken()},
               {"message", ctx.TakeFlash()}};
  PutFormState(data, Json::object(), failure);
  auto timeline = Timeline(ctx.db, names, {{"transfer", std::to_string(id)}});
  data["timeline"] = timeline ? *timeline : Json::array();
  ctx.Render("transfer", data, failure ? failure->status : 200);
}

void RectificationDetail(Ctx& ctx, int64_t id, const Failure* failure = nullptr) {
  auto record = ctx.Service().GetRectification(*ctx.actor, id);
  if (!record) return ctx.ErrorPage(record.error());
  Names names = Names::Load(ctx.db);
  std::vector<Action> may = PermittedOn(ctx, "rectification", id);
  std::string status = Str(*record, "status");
  std::string due = Str(*record, "due_date");
  int64_t clue_id = IntOr0(*record, "clue_id");
  int64_t case_id = IntOr0(*record, "case_id");
  bool can_evidence = status == "issued" && Permitted(may, Action::kSubmitEvidence);
  bool can_verify = status == "evidence_submitted" && Permitted(may, Action::kVerifyRectification);
  Json data = {{"title", fmt::format("整改 {}", id)},
               {"nav", "rectifications"},
               {"id", id},
               {"kind", Str(*record, "kind")},
               {"issuing_unit", names.Unit(Str(*record, "issuing_unit"))},
               {"unit", names.Unit(Str(*record, "unit"))},
               {"content", Str(*record, "content")},
               {"due_date", due},
               {"overdue", status != "closed" && !due.empty() && due < Today(ctx.app)},
               {"status", StateLabel("rectification", status)},
               {"evidence", Str(*record, "evidence")},
               {"verified_by", names.User(Str(*record, "verified_by"))},
               {"closed_at", ShownTime(Str(*record, "closed_at"))},
               {"created_by", names.User(Str(*record, "created_by"))},
               {"created_at", ShownTime(Str(*record, "created_at"))},
               {"restricted", record->value("restricted", false)},
               {"clue_id", clue_id},
               {"has_clue", clue_id > 0},
               {"case_id", case_id},
               {"has_case", case_id > 0},
               {"can_evidence", can_evidence},
               {"can_verify", can_verify},
               {"any_action", can_evidence || can_verify},
               {"csrf", ctx.CsrfToken()},
               {"message", ctx.TakeFlash()}};
  PutFormState(data, Json::object(), failure);
  data["opts"] = {{"decisions", SelectOptions({"close", "return"}, {"验收销号", "退回重改"},
                                              Chosen(data, "verify", "decision"))}};
  auto timeline = Timeline(ctx.db, names, {{"rectification", std::to_string(id)}});
  data["timeline"] = timeline ? *timeline : Json::array();
  data["domain"] = Str(*record, "domain");
  data["campaigns"] = CampaignNamesOf(*record);
  data["classification_html"] = ClassificationHtml(ctx, "rectification", id, *record,
                                                   Permitted(may, Action::kReclassify), data);
  ctx.Render("rectification", data, failure ? failure->status : 200);
}

// The page of an item of `kind`, with a refused form's message and values when `failure`.
void Detail(Ctx& ctx, std::string_view kind, int64_t id, const Failure* failure = nullptr) {
  if (kind == "clue") return ClueDetail(ctx, id, failure);
  if (kind == "case") return CaseDetail(ctx, id, failure);
  if (kind == "transfer") return TransferDetail(ctx, id, failure);
  return RectificationDetail(ctx, id, failure);
}

Handler DetailPage(std::string kind, std::string noun) {
  return [kind, noun](Ctx& ctx) {
    int64_t id = 0;
    if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, noun + "不存在");
    Detail(ctx, kind, id);
  };
}

// ---- actions -----------------------------------------------------------------------------------

using IdAction = Result<Json> (CaseworkService::*)(const casework::Actor&, int64_t, const Json&);

// POST handler: form → body → service call on the id in the path → redirect to the page of
// `kind` (the id in the path, or the form's `back` for an assignment on its clue's page). A
// refused step shows that page again with the message beside form `form` (suffixed "_<id>" when
// `per_item`, for forms repeated per assignment).
Handler Action(IdAction action, std::string kind, std::string form, bool per_item = false) {
  return [action, kind, form, per_item](Ctx& ctx) {
    int64_t id = 0;
    if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "对象不存在");
    Form posted = Form::FromRequest(ctx.req);
    int64_t page_id = id;
    if (int64_t back = 0; ParseId(posted.Get("back"), &back)) page_id = back;
    std::string form_id = per_item ? fmt::format("{}_{}", form, id) : form;
    auto body = FormJson(posted);
    if (!body) {
      Failure failure = FailureOf(form_id, body.error(), posted);
      return Detail(ctx, kind, page_id, &failure);
    }
    auto service = ctx.Service();
    auto result = (service.*action)(*ctx.actor, id, *body);
    if (!result) {
      Failure failure = FailureOf(form_id, result.error(), posted);
      return Detail(ctx, kind, page_id, &failure);
    }
    ctx.Flash("已保存");
    ctx.Redirect(fmt::format("/{}s/{}", kind, page_id));
  };
}

// Registers what `body` describes through `create`; on success goes to the new item's page, else
// shows the list page again with the message beside form `form_id`.
void CreateAndShow(Ctx& ctx,
                   Result<Json> (CaseworkService::*create)(const casework::Actor&, const Json&),
                   const Json& body, const std::string& prefix, const std::string& form_id,
                   const Form& posted, void (*list)(Ctx&, const Failure*)) {
  auto service = ctx.Service();
  auto result = (service.*create)(*ctx.actor, body);
  if (!result) {
    Failure failure = FailureOf(form_id, result.error(), posted);
    return list(ctx, &failure);
  }
  if (result->value("restricted", false) && result->contains("message")) {
    return ctx.Render(
        "error", {{"title", "已登记"}, {"status", 200}, {"message", result->value("message", "")}});
  }
  ctx.Redirect(fmt::format("{}{}", prefix, result->value("id", int64_t{0})));
}

// A clue or transfer form names one person in flat fields; the service takes a list.
void NestSubject(Json& target, Json& body) {
  if (!body.contains("subject_name")) return;
  Json subject = {{"name", body["subject_name"]}};
  if (body.contains("subject_id")) subject["id_number"] = body["subject_id"];
  if (body.contains("subject_position")) subject["position"] = body["subject_position"];
  target["subjects"] = Json::array({subject});
}

void EraseSubject(Json& body) {
  for (const char* k : {"subject_name", "subject_id", "subject_position"}) body.erase(k);
}

void CreateCluePost(Ctx& ctx) {
  Form posted = Form::FromRequest(ctx.req);
  auto body = FormJson(posted);
  if (!body) {
    Failure failure = FailureOf("clue", body.error(), posted);
    return ClueList(ctx, &failure);
  }
  NestSubject(*body, *body);
  EraseSubject(*body);
  CreateAndShow(ctx, &CaseworkService::CreateClue, *body, "/clues/", "clue", posted,
                [](Ctx& c, const Failure* f) { ClueList(c, f); });
}

// 移出 names the clue or case sent; 移入 describes the clue the organ sent, registered with it.
// 批量交办: the checked clues assigned to one unit, each through CaseworkService::AssignClue, which
// authorises it and audits it in the transaction of its change; the clues it refused are named
// with its reason, the others are assigned.
void BatchAssignPost(Ctx& ctx) {
  Form form = Form::FromRequest(ctx.req);
  std::string back = SafeNext(form.Get("back"));
  std::vector<std::string> ids = form.GetAll("id");
  if (ids.empty()) {
    ctx.Flash("请先勾选要交办的线索", true);
    return ctx.Redirect(back);
  }
  Json body = {{"unit", form.Get("unit")},
               {"deadline", form.Get("deadline")},
               {"request", form.Get("request")}};
  auto service = ctx.Service();
  int64_t assigned = 0;
  std::vector<std::string> refused;
  for (const std::string& text : ids) {
    int64_t id = 0;
    auto done = ParseId(text, &id)
                    ? service.AssignClue(*ctx.actor, id, body)
                    : Result<Json>(std::unexpected(Error(ErrorCode::kNotFound, "线索不存在")));
    if (done) {
      ++assigned;
    } else {
      refused.push_back(fmt::format("线索 {}：{}", text, FormMessage(done.error())));
    }
  }
  if (assigned > 0) ctx.Flash(fmt::format("已交办 {} 条线索", assigned));
  if (!refused.empty()) {
    ctx.Flash(fmt::format("{} 条未交办 —— {}", refused.size(), fmt::join(refused, "；")), true);
  }
  ctx.Redirect(back);
}

void CreateTransferPost(Ctx& ctx) {
  Form posted = Form::FromRequest(ctx.req);
  std::string form_id = posted.Get("direction") == "in" ? "transfer_in" : "transfer_out";
  auto body = FormJson(posted);
  if (!body) {
    Failure failure = FailureOf(form_id, body.error(), posted);
    return TransferList(ctx, &failure);
  }
  if (form_id == "transfer_in") {
    Json clue = Json::object();
    for (const char* k : {"domain", "campaigns", "title", "summary", "amount", "unit"}) {
      std::string key = fmt::format("clue_{}", k);
      if (body->contains(key)) {
        clue[k] = (*body)[key];
        body->erase(key);
      }
    }
    NestSubject(clue, *body);
    EraseSubject(*body);
    (*body)["clue"] = clue;
  }
  CreateAndShow(ctx, &CaseworkService::CreateTransfer, *body, "/transfers/", form_id, posted,
                [](Ctx& c, const Failure* f) { TransferList(c, f); });
}

void IssueRectificationPost(Ctx& ctx) {
  Form posted = Form::FromRequest(ctx.req);
  auto body = FormJson(posted);
  if (!body) {
    Failure failure = FailureOf("rectification", body.error(), posted);
    return RectificationList(ctx, &failure);
  }
  CreateAndShow(ctx, &CaseworkService::IssueRectification, *body, "/rectifications/",
                "rectification", posted, [](Ctx& c, const Failure* f) { RectificationList(c, f); });
}

void FileCaseFromClue(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "线索不存在");
  Form posted = Form::FromRequest(ctx.req);
  auto body = FormJson(posted);
  if (body) {
    (*body)["clue_id"] = id;
    auto result = ctx.Service().FileCase(*ctx.actor, *body);
    if (result) return ctx.Redirect(fmt::format("/cases/{}", result->value("id", int64_t{0})));
    body = std::unexpected(result.error());
  }
  Failure failure = FailureOf("file_case", body.error(), posted);
  ClueDetail(ctx, id, &failure);
}

void ReopenClue(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "线索不存在");
  auto result = ctx.Service().ReopenClue(*ctx.actor, id);
  if (!result) {
    Failure failure = FailureOf("reopen", result.error(), Form::FromRequest(ctx.req));
    return ClueDetail(ctx, id, &failure);
  }
  ctx.Flash("已重新启用");
  ctx.Redirect(fmt::format("/clues/{}", id));
}

void OutcomeAction(Ctx& ctx) {
  int64_t case_id = 0, person_id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &case_id) ||
      !ParseId(ctx.req.matches[2].str(), &person_id)) {
    return ctx.ErrorPage(404, "对象不存在");
  }
  Form posted = Form::FromRequest(ctx.req);
  auto body = FormJson(posted);
  if (body) {
    auto result = ctx.Service().RecordOutcome(*ctx.actor, case_id, person_id, *body);
    if (result) {
      ctx.Flash("已记录处理结果");
      return ctx.Redirect(fmt::format("/cases/{}", case_id));
    }
    body = std::unexpected(result.error());
  }
  Failure failure = FailureOf(fmt::format("outcome_{}", person_id), body.error(), posted);
  CaseDetail(ctx, case_id, &failure);
}

// The commission answers the citizen behind a report; the clue must be visible to the actor.
void ReplyToReport(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "线索不存在");
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权答复举报人");
  auto clue = ctx.Service().GetClue(*ctx.actor, id);
  if (!clue) return ctx.ErrorPage(clue.error());
  auto report = LoadReportForClue(ctx.db, ctx.app.cipher(), id);
  if (!report) return ctx.ErrorPage(report.error());
  if (!*report) return ctx.ErrorPage(404, "该线索不是群众举报");
  Form posted = Form::FromRequest(ctx.req);
  std::string body = posted.Get("body");
  if (body.empty() || body.size() > 4000) {
    Failure failure{"reply", "答复内容不能为空，且不超过 4000 字节", posted, 400};
    return ClueDetail(ctx, id, &failure);
  }
  if (auto ok = AddReportMessage(ctx.db, ctx.app.cipher(), ctx.app.clock(), (*report)->report_id,
                                 "受理单位", ctx.actor->username, body, Today(ctx.app));
      !ok) {
    Failure failure = FailureOf("reply", ok.error(), posted);
    return ClueDetail(ctx, id, &failure);
  }
  ctx.Flash("答复已发送，举报人凭回执码可见");
  ctx.Redirect(fmt::format("/clues/{}", id));
}

// 查看联系方式: a real-name reporter's name and phone, for a 承办人 who may see the clue, only
// by this explicit POST, and only once its audit entry is committed.
void ReporterContactPage(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "线索不存在");
  if (!ctx.actor->Has(casework::Role::kHandler)) {
    return ctx.ErrorPage(403, "只有承办人可以查看举报人的联系方式");
  }
  auto clue = ctx.Service().GetClue(*ctx.actor, id);
  if (!clue) return ctx.ErrorPage(clue.error());
  auto report = LoadReportForClue(ctx.db, ctx.app.cipher(), id);
  if (!report) return ctx.ErrorPage(report.error());
  if (!*report) return ctx.ErrorPage(404, "该线索不是群众举报");
  auto contact = LoadReporterContact(ctx.db, ctx.app.cipher(), (*report)->report_id);
  if (!contact) return ctx.ErrorPage(contact.error());
  Json after = {{"report_id", (*report)->report_id}};
  auto audited = ctx.AuditInOwnTransaction({.action = "report.read_contact",
                                            .entity = "clue",
                                            .entity_id = std::to_string(id),
                                            .after = after.dump()});
  if (!audited) return ctx.ErrorPage(audited.error());
  ctx.Render("reporter_contact", {{"title", fmt::format("线索 {} 举报人联系方式", id)},
                                  {"nav", "clues"},
                                  {"id", id},
                                  {"name", contact->name},
                                  {"phone", contact->phone}});
}

void ReportPhoto(Ctx& ctx) {
  int64_t report_id = 0, n = 0;
  if (!ParseId(ctx.req.matches[1].str(), &report_id)) return ctx.ErrorPage(404, "不存在");
  n = std::stoll(ctx.req.matches[2].str());
  auto st = ctx.db.Prepare("SELECT COALESCE(clue_id, 0) FROM public_reports WHERE report_id = ?");
  if (!st) return ctx.ErrorPage(st.error());
  (*st)->Bind(1, report_id);
  auto row = (*st)->Step();
  if (!row || !*row) return ctx.ErrorPage(404, "不存在");
  int64_t clue_id = (*st)->Int(0);
  // Seeing the photo requires seeing the clue (restricted clues stay hidden).
  if (auto clue = ctx.Service().GetClue(*ctx.actor, clue_id); !clue)
    return ctx.ErrorPage(clue.error());
  auto photo = LoadReportPhoto(ctx.db, report_id, n);
  if (!photo) return ctx.ErrorPage(photo.error());
  if (!*photo) return ctx.ErrorPage(404, "照片不存在");
  ctx.res.set_content((*photo)->second, "image/" + (*photo)->first);
}

}  // namespace

void RegisterCaseworkRoutes(App& app, Router& server) {
  using S = CaseworkService;
  const char* id = R"((\d{1,18}))";
  auto path = [id](const std::string& pattern) {
    std::string out = pattern;
    for (size_t pos; (pos = out.find("{id}")) != std::string::npos;) out.replace(pos, 4, id);
    return out;
  };
  // Clues.
  server.Get("/clues", app.StaffGet([](Ctx& ctx) { ClueList(ctx); }));
  server.Get("/clues/export", app.StaffGet(ListExportRoute("clue")));
  server.Post("/clues", app.StaffPost(CreateCluePost));
  server.Post("/clues/assign", app.StaffPost(BatchAssignPost));
  server.Get(path("/clues/{id}"), app.StaffGet(DetailPage("clue", "线索")));
  server.Post(path("/clues/{id}/propose"),
              app.StaffPost(Action(&S::ProposeDisposal, "clue", "propose")));
  server.Post(path("/clues/{id}/decide"),
              app.StaffPost(Action(&S::DecideDisposal, "clue", "decide")));
  server.Post(path("/clues/{id}/reopen"), app.StaffPost(ReopenClue));
  server.Post(path("/clues/{id}/assign"), app.StaffPost(Action(&S::AssignClue, "clue", "assign")));
  server.Post(path("/clues/{id}/file-case"), app.StaffPost(FileCaseFromClue));
  server.Post(path("/clues/{id}/reply"), app.StaffPost(ReplyToReport));
  server.Post(path("/clues/{id}/reclassify"),
              app.StaffPost(Action(&S::ReclassifyClue, "clue", "reclassify")));
  server.Post(path("/assignments/{id}/feedback"),
              app.StaffPost(Action(&S::SubmitFeedback, "clue", "feedback", true)));
  server.Post(path("/assignments/{id}/review"),
              app.StaffPost(Action(&S::ReviewFeedback, "clue", "review", true)));
  server.Post(path("/clues/{id}/reporter-contact"), app.StaffPost(ReporterContactPage));
  server.Get(path("/reports/{id}/photos/(\\d)"), app.StaffGet(ReportPhoto));
  // Cases.
  server.Get("/cases",
             app.StaffGet([](Ctx& ctx) { ListPage(ctx, "case", "案件", "cases", "cases"); }));
  server.Get("/cases/export", app.StaffGet(ListExportRoute("case")));
  server.Get(path("/cases/{id}"), app.StaffGet(DetailPage("case", "案件")));
  server.Post(path("/cases/{id}/persons"),
              app.StaffPost(Action(&S::AddCasePerson, "case", "person")));
  server.Post(path("/cases/{id}/persons/{id}/outcome"), app.StaffPost(OutcomeAction));
  server.Post(path("/cases/{id}/recovery"),
              app.StaffPost(Action(&S::RecordRecovery, "case", "recovery")));
  server.Post(path("/cases/{id}/transition"),
              app.StaffPost(Action(&S::TransitionCase, "case", "transition")));
  server.Post(path("/cases/{id}/link"), app.StaffPost(Action(&S::LinkCases, "case", "link")));
  server.Post(path("/cases/{id}/reclassify"),
              app.StaffPost(Action(&S::ReclassifyCase, "case", "reclassify")));
  // Transfers.
  server.Get("/transfers", app.StaffGet([](Ctx& ctx) { TransferList(ctx); }));
  server.Get("/transfers/export", app.StaffGet(ListExportRoute("transfer")));
  server.Post("/transfers", app.StaffPost(CreateTransferPost));
  server.Get(path("/transfers/{id}"), app.StaffGet(DetailPage("transfer", "移送事项")));
  server.Post(path("/transfers/{id}/transition"),
              app.StaffPost(Action(&S::TransitionTransfer, "transfer", "transition")));
  // Rectification.
  server.Get("/rectifications", app.StaffGet([](Ctx& ctx) { RectificationList(ctx); }));
  server.Get("/rectifications/export", app.StaffGet(ListExportRoute("rectification")));
  server.Post("/rectifications", app.StaffPost(IssueRectificationPost));
  server.Get(path("/rectifications/{id}"), app.StaffGet(DetailPage("rectification", "整改事项")));
  server.Post(path("/rectifications/{id}/evidence"),
              app.StaffPost(Action(&S::SubmitEvidence, "rectification", "evidence")));
  server.Post(path("/rectifications/{id}/verify"),
              app.StaffPost(Action(&S::VerifyRectification, "rectification", "verify")));
  server.Post(path("/rectifications/{id}/reclassify"),
              app.StaffPost(Action(&S::ReclassifyRectification, "rectification", "reclassify")));
}

}  // namespace qf::web::internal
