// Staff pages for every casework action: clues (intake, disposal, approval, assignment and
// feedback, case filing, replies to the citizen behind a report), cases, transfers and
// rectification. Each POST turns its form into the JSON body of the matching CaseworkService
// method (which authorises it), then redirects back to the item's page.
#include <fmt/format.h>

#include <set>

#include "casework/state_machines.h"
#include "core/money.h"
#include "web/internal/app.h"
#include "web/internal/http_util.h"
#include "web/internal/public_store.h"

namespace qf::web::internal {
namespace {

using casework::CaseworkService;

const std::set<std::string> kIntFields = {"clue_id", "case_id", "linked_case_id"};
const std::set<std::string> kMoneyFields = {"amount", "recovered", "losses_retrieved"};
const std::set<std::string> kBoolFields = {"sync_intervention", "dual_check", "restricted"};

// Form fields → JSON body: empty fields are left out, ids become integers, amounts in yuan become
// integer fen, check boxes become booleans. A malformed number is a 400 naming the field.
Result<Json> FormJson(const Form& form) {
  Json body = Json::object();
  for (const auto& [key, value] : form.fields()) {
    if (key == "_csrf" || key == "back" || value.empty()) continue;
    if (kIntFields.contains(key)) {
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

std::string StatusLabel(std::string_view kind, std::string_view code) {
  if (kind == "clue") {
    if (auto s = casework::ParseClueState(code)) return std::string(casework::StateName(*s));
  } else if (kind == "case") {
    if (auto s = casework::ParseCaseState(code)) return std::string(casework::StateName(*s));
  } else if (kind == "transfer") {
    if (auto s = casework::ParseTransferState(code)) return std::string(casework::StateName(*s));
  } else if (kind == "rectification") {
    if (auto s = casework::ParseRectificationState(code))
      return std::string(casework::StateName(*s));
  } else if (kind == "assignment") {
    if (auto s = casework::ParseAssignmentState(code)) return std::string(casework::StateName(*s));
  }
  return std::string(code);
}

const std::map<std::string, std::string>& Labels() {
  static const std::map<std::string, std::string> labels = {{"id", "编号"},
                                                            {"source", "来源"},
                                                            {"source_ref", "来源编号"},
                                                            {"domain", "领域"},
                                                            {"title", "标题"},
                                                            {"summary", "摘要"},
                                                            {"amount", "涉及金额（元）"},
                                                            {"unit", "承办单位"},
                                                            {"restricted", "受限"},
                                                            {"status", "状态"},
                                                            {"disposal", "处置方式"},
                                                            {"proposed_by", "拟办人"},
                                                            {"approved_by", "审批人"},
                                                            {"dual_check", "双向核查"},
                                                            {"created_by", "登记人"},
                                                            {"created_at", "登记时间"},
                                                            {"updated_at", "更新时间"},
                                                            {"clue_id", "线索编号"},
                                                            {"case_id", "案件编号"},
                                                            {"recovered", "追缴（元）"},
                                                            {"losses_retrieved", "挽回损失（元）"},
                                                            {"filed_by", "立案人"},
                                                            {"filed_at", "立案时间"},
                                                            {"direction", "方向"},
                                                            {"organ", "对方机关"},
                                                            {"feedback_due", "反馈期限"},
                                                            {"feedback", "反馈"},
                                                            {"sync_intervention", "同步介入"},
                                                            {"kind", "类别"},
                                                            {"issuing_unit", "发出单位"},
                                                            {"content", "内容"},
                                                            {"due_date", "整改期限"},
                                                            {"evidence", "整改情况"},
                                                            {"verified_by", "验收人"},
                                                            {"closed_at", "销号时间"}};
  return labels;
}

// Top-level scalar fields of a record as label/value rows.
Json Fields(std::string_view kind, const Json& record) {
  Json rows = Json::array();
  for (const auto& [key, value] : record.items()) {
    if (value.is_array() || value.is_object() || value.is_null()) continue;
    std::string text;
    if (key == "status") {
      text = StatusLabel(kind, value.get<std::string>());
    } else if (kMoneyFields.contains(key) && value.is_number_integer()) {
      text = Yuan(value.get<int64_t>());
    } else if (value.is_boolean()) {
      text = value.get<bool>() ? "是" : "否";
    } else if (value.is_string()) {
      text = value.get<std::string>();
    } else {
      text = value.dump();
    }
    auto label = Labels().find(key);
    rows.push_back({{"label", label == Labels().end() ? key : label->second},
                    {"value", text},
                    {"long", key == "summary" || key == "content" || key == "feedback"}});
  }
  return rows;
}

// List rows: id, title-ish text, status label, unit, created.
Json ListRows(std::string_view kind, const Json& list) {
  Json rows = Json::array();
  for (const Json& item : list) {
    std::string title = item.value("title", item.value("summary", item.value("content", "")));
    rows.push_back(
        {{"id", item.value("id", int64_t{0})},
         {"title", title},
         {"status", StatusLabel(kind, item.value("status", ""))},
         {"unit", item.value("unit", item.value("organ", ""))},
         {"amount", item.contains("amount") && item["amount"].is_number_integer()
                        ? Yuan(item["amount"].get<int64_t>())
                        : ""},
         {"extra", item.value("source", item.value("direction", item.value("kind", "")))},
         {"date", item.value("created_at", item.value("filed_at", item.value("due_date", "")))}});
  }
  return rows;
}

Json Choices(std::span<const std::string_view> values) {
  Json out = Json::array();
  for (std::string_view v : values) out.push_back(std::string(v));
  return out;
}

Json UnitChoices(store::Database& db) {
  Json out = Json::array();
  auto st = db.Prepare("SELECT code, name FROM units ORDER BY code");
  if (!st) return out;
  while (true) {
    auto row = (*st)->Step();
    if (!row || !*row) break;
    out.push_back({{"code", (*st)->Text(0)}, {"name", (*st)->Text(1)}});
  }
  return out;
}

Json Vocabulary(store::Database& db) {
  return {{"sources", Choices(casework::ClueSources())},
          {"domains", Choices(casework::ClueDomains())},
          {"disposals", Choices(casework::Disposals())},
          {"outcomes", Choices(casework::Outcomes())},
          {"aspects", Choices(casework::LinkAspects())},
          {"rect_kinds", Choices(casework::RectificationKinds())},
          {"units", UnitChoices(db)}};
}

std::string Today(const App& app) { return qf::Today(app.clock()).ToString(); }

// ---- lists -------------------------------------------------------------------------------------

void ListPage(Ctx& ctx, std::string_view kind, const std::string& title, const std::string& nav,
              Result<Json> (CaseworkService::*list)(const casework::Actor&, const Json&),
              const std::string& key) {
  Form q = Form::FromQuery(ctx.req);
  Json filters = Json::object();
  for (const char* f : {"status", "domain", "source", "unit"}) {
    if (!q.Get(f).empty()) filters[f] = q.Get(f);
  }
  auto service = ctx.Service();
  auto result = (service.*list)(*ctx.actor, filters);
  if (!result) return ctx.ErrorPage(result.error());
  Json rows = ListRows(kind, (*result)[key]);
  Json data = {{"title", title},
               {"nav", nav},
               {"kind", std::string(kind)},
               {"rows", rows},
               {"any", !rows.empty()},
               {"count", rows.size()},
               {"csrf", ctx.csrf_token},
               {"base", "/" + key},
               {"vocab", Vocabulary(ctx.db)},
               {"today", Today(ctx.app)},
               {"is_" + std::string(kind), true}};
  ctx.Render("list", data);
}

// ---- detail pages ------------------------------------------------------------------------------

void ClueDetail(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "线索不存在");
  auto clue = ctx.Service().GetClue(*ctx.actor, id);
  if (!clue) return ctx.ErrorPage(clue.error());
  Json assignments = Json::array();
  for (const Json& a : clue->value("assignments", Json::array())) {
    Json row = a;
    row["status_name"] = StatusLabel("assignment", a.value("status", ""));
    row["can_feedback"] =
        a.value("status", "") == "assigned" || a.value("status", "") == "returned";
    row["can_review"] = a.value("status", "") == "feedback_submitted";
    for (const char* k : {"feedback", "feedback_by", "review_note"}) {
      if (row[k].is_null()) row[k] = "";
    }
    assignments.push_back(row);
  }
  Json subjects = clue->value("subjects", Json::array());
  for (Json& s : subjects) {
    if (s["id_number"].is_null()) s["id_number"] = "";
  }
  std::string status = clue->value("status", "");
  Json data = {{"title", fmt::format("线索 {}", id)},
               {"nav", "clues"},
               {"id", id},
               {"cid", id},
               {"clue_title", clue->value("title", "")},
               {"fields", Fields("clue", *clue)},
               {"subjects", subjects},
               {"assignments", assignments},
               {"has_assignments", !assignments.empty()},
               {"csrf", ctx.csrf_token},
               {"vocab", Vocabulary(ctx.db)},
               {"today", Today(ctx.app)},
               {"can_propose", status == "registered" || status == "in_disposal"},
               {"can_decide", status == "pending_approval" || status == "pending_conclusion"},
               {"can_reopen", status == "shelved"},
               {"can_assign", status == "in_disposal"},
               {"can_file", status == "in_disposal" || status == "pending_approval"},
               {"message", ctx.TakeFlash()}};
  if (auto report = LoadReportForClue(ctx.db, ctx.app.cipher(), id); report && *report) {
    const ReportView& r = **report;
    Json messages = Json::array();
    for (const auto& m : r.messages) {
      messages.push_back({{"author", m.author}, {"body", m.body}, {"at", m.created_on}});
    }
    Json photos = Json::array();
    for (int64_t n = 0; n < r.photos; ++n) {
      photos.push_back(
          {{"url", fmt::format("/reports/{}/photos/{}", r.report_id, n)}, {"n", n + 1}});
    }
    data["report"] = {
        {"id", r.report_id},
        {"category", r.category},
        {"place", r.place_name},
        {"content", r.content},
        {"anonymous", r.anonymous},
        {"created_on", r.created_on},
        {"messages", messages},
        {"photos", photos},
        {"can_view_contact", !r.anonymous && ctx.actor->Has(casework::Role::kHandler)}};
  }
  ctx.Render("clue", data);
}

void RecordDetail(Ctx& ctx, std::string_view kind, const std::string& noun,
                  Result<Json> (CaseworkService::*get)(const casework::Actor&, int64_t)) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, noun + "不存在");
  auto service = ctx.Service();
  auto record = (service.*get)(*ctx.actor, id);
  if (!record) return ctx.ErrorPage(record.error());
  Json persons = record->value("persons", Json::array());
  for (Json& p : persons) {
    for (auto& [k, v] : p.items()) {
      if (v.is_null()) v = "";
    }
  }
  std::string status = record->value("status", "");
  Json data = {{"title", fmt::format("{} {}", noun, id)},
               {"nav", std::string(kind) + "s"},
               {"kind", std::string(kind)},
               {"noun", noun},
               {"id", id},
               {"record_id", id},
               {"fields", Fields(kind, *record)},
               {"persons", persons},
               {"has_persons", !persons.empty()},
               {"csrf", ctx.csrf_token},
               {"vocab", Vocabulary(ctx.db)},
               {"today", Today(ctx.app)},
               {"is_" + std::string(kind), true},
               {"status_" + status, true},
               {"message", ctx.TakeFlash()}};
  ctx.Render("record", data);
}

// ---- actions -----------------------------------------------------------------------------------

using IdAction = Result<Json> (CaseworkService::*)(const casework::Actor&, int64_t, const Json&);

// POST handler: form → body → service call on the id in the path → redirect to `back`.
Handler Action(IdAction action, std::string back_prefix) {
  return [action, back_prefix](Ctx& ctx) {
    int64_t id = 0;
    if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "对象不存在");
    Form form = Form::FromRequest(ctx.req);
    auto body = FormJson(form);
    if (!body) return ctx.ErrorPage(body.error());
    auto service = ctx.Service();
    auto result = (service.*action)(*ctx.actor, id, *body);
    if (!result) return ctx.ErrorPage(result.error());
    std::string back = form.Get("back");
    int64_t back_id = 0;
    std::string target = ParseId(back, &back_id) ? fmt::format("{}{}", back_prefix, back_id)
                                                 : fmt::format("{}{}", back_prefix, id);
    ctx.Flash("已保存");
    ctx.Redirect(target);
  };
}

using CreateAction = Result<Json> (CaseworkService::*)(const casework::Actor&, const Json&);

Handler Create(CreateAction action, std::string prefix) {
  return [action, prefix](Ctx& ctx) {
    Form form = Form::FromRequest(ctx.req);
    auto body = FormJson(form);
    if (!body) return ctx.ErrorPage(body.error());
    // A clue form names one subject in flat fields; the service takes a list.
    if (body->contains("subject_name")) {
      Json subject = {{"name", (*body)["subject_name"]}};
      if (body->contains("subject_id")) subject["id_number"] = (*body)["subject_id"];
      if (body->contains("subject_position")) subject["position"] = (*body)["subject_position"];
      (*body)["subjects"] = Json::array({subject});
      body->erase("subject_name");
      body->erase("subject_id");
      body->erase("subject_position");
    }
    auto service = ctx.Service();
    auto result = (service.*action)(*ctx.actor, *body);
    if (!result) return ctx.ErrorPage(result.error());
    if (result->value("restricted", false) && result->contains("message")) {
      return ctx.Render(
          "error",
          {{"title", "已登记"}, {"status", 200}, {"message", result->value("message", "")}});
    }
    ctx.Redirect(fmt::format("{}{}", prefix, result->value("id", int64_t{0})));
  };
}

void FileCaseFromClue(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "线索不存在");
  auto body = FormJson(Form::FromRequest(ctx.req));
  if (!body) return ctx.ErrorPage(body.error());
  (*body)["clue_id"] = id;
  auto result = ctx.Service().FileCase(*ctx.actor, *body);
  if (!result) return ctx.ErrorPage(result.error());
  ctx.Redirect(fmt::format("/cases/{}", result->value("id", int64_t{0})));
}

void ReopenClue(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "线索不存在");
  auto result = ctx.Service().ReopenClue(*ctx.actor, id);
  if (!result) return ctx.ErrorPage(result.error());
  ctx.Flash("已重新启用");
  ctx.Redirect(fmt::format("/clues/{}", id));
}

void OutcomeAction(Ctx& ctx) {
  int64_t case_id = 0, person_id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &case_id) ||
      !ParseId(ctx.req.matches[2].str(), &person_id)) {
    return ctx.ErrorPage(404, "对象不存在");
  }
  auto body = FormJson(Form::FromRequest(ctx.req));
  if (!body) return ctx.ErrorPage(body.error());
  auto result = ctx.Service().RecordOutcome(*ctx.actor, case_id, person_id, *body);
  if (!result) return ctx.ErrorPage(result.error());
  ctx.Flash("已记录处理结果");
  ctx.Redirect(fmt::format("/cases/{}", case_id));
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
  std::string body = Form::FromRequest(ctx.req).Get("body");
  if (body.empty() || body.size() > 4000)
    return ctx.ErrorPage(400, "答复内容不能为空，且不超过 4000 字节");
  if (auto ok = AddReportMessage(ctx.db, ctx.app.cipher(), ctx.app.clock(), (*report)->report_id,
                                 "受理单位", ctx.actor->username, body, Today(ctx.app));
      !ok) {
    return ctx.ErrorPage(ok.error());
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
  server.Get("/clues", app.StaffGet([](Ctx& ctx) {
    ListPage(ctx, "clue", "线索", "clues", &S::ListClues, "clues");
  }));
  server.Post("/clues", app.StaffPost(Create(&S::CreateClue, "/clues/")));
  server.Get(path("/clues/{id}"), app.StaffGet(ClueDetail));
  server.Post(path("/clues/{id}/propose"), app.StaffPost(Action(&S::ProposeDisposal, "/clues/")));
  server.Post(path("/clues/{id}/decide"), app.StaffPost(Action(&S::DecideDisposal, "/clues/")));
  server.Post(path("/clues/{id}/reopen"), app.StaffPost(ReopenClue));
  server.Post(path("/clues/{id}/assign"), app.StaffPost(Action(&S::AssignClue, "/clues/")));
  server.Post(path("/clues/{id}/file-case"), app.StaffPost(FileCaseFromClue));
  server.Post(path("/clues/{id}/reply"), app.StaffPost(ReplyToReport));
  server.Post(path("/assignments/{id}/feedback"),
              app.StaffPost(Action(&S::SubmitFeedback, "/clues/")));
  server.Post(path("/assignments/{id}/review"),
              app.StaffPost(Action(&S::ReviewFeedback, "/clues/")));
  server.Post(path("/clues/{id}/reporter-contact"), app.StaffPost(ReporterContactPage));
  server.Get(path("/reports/{id}/photos/(\\d)"), app.StaffGet(ReportPhoto));
  // Cases.
  server.Get("/cases", app.StaffGet([](Ctx& ctx) {
    ListPage(ctx, "case", "案件", "cases", &S::ListCases, "cases");
  }));
  server.Get(path("/cases/{id}"),
             app.StaffGet([](Ctx& ctx) { RecordDetail(ctx, "case", "案件", &S::GetCase); }));
  server.Post(path("/cases/{id}/persons"), app.StaffPost(Action(&S::AddCasePerson, "/cases/")));
  server.Post(path("/cases/{id}/persons/{id}/outcome"), app.StaffPost(OutcomeAction));
  server.Post(path("/cases/{id}/recovery"), app.StaffPost(Action(&S::RecordRecovery, "/cases/")));
  server.Post(path("/cases/{id}/transition"), app.StaffPost(Action(&S::TransitionCase, "/cases/")));
  server.Post(path("/cases/{id}/link"), app.StaffPost(Action(&S::LinkCases, "/cases/")));
  // Transfers.
  server.Get("/transfers", app.StaffGet([](Ctx& ctx) {
    ListPage(ctx, "transfer", "线索移送", "transfers", &S::ListTransfers, "transfers");
  }));
  server.Post("/transfers", app.StaffPost(Create(&S::CreateTransfer, "/transfers/")));
  server.Get(path("/transfers/{id}"), app.StaffGet([](Ctx& ctx) {
    RecordDetail(ctx, "transfer", "移送", &S::GetTransfer);
  }));
  server.Post(path("/transfers/{id}/transition"),
              app.StaffPost(Action(&S::TransitionTransfer, "/transfers/")));
  // Rectification.
  server.Get("/rectifications", app.StaffGet([](Ctx& ctx) {
    ListPage(ctx, "rectification", "监察建议与整改", "rectifications", &S::ListRectifications,
             "rectifications");
  }));
  server.Post("/rectifications", app.StaffPost(Create(&S::IssueRectification, "/rectifications/")));
  server.Get(path("/rectifications/{id}"), app.StaffGet([](Ctx& ctx) {
    RecordDetail(ctx, "rectification", "整改", &S::GetRectification);
  }));
  server.Post(path("/rectifications/{id}/evidence"),
              app.StaffPost(Action(&S::SubmitEvidence, "/rectifications/")));
  server.Post(path("/rectifications/{id}/verify"),
              app.StaffPost(Action(&S::VerifyRectification, "/rectifications/")));
}

}  // namespace qf::web::internal
