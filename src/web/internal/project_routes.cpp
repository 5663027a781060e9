// The workspace's 项目资金 and 三资 pages (issue 16): the project ledger by department, program
// and stage; one project with its timeline, payments, invoices, handlers and findings; the
// "线上全程监管" view per department; and one community's collective assets. Read-only pages for
// the roles that work with findings; nothing here changes state, so nothing is audited beyond
// what the findings pages already record.
#include <fmt/format.h>

#include <map>

#include "core/citizen_id.h"
#include "engine/rule.h"
#include "engine/thresholds.h"
#include "web/internal/app.h"
#include "web/internal/http_util.h"
#include "web/internal/project_ledger.h"

namespace qf::web::internal {
namespace {

using casework::Role;

std::string TodayIso(const Ctx& ctx) { return qf::Today(ctx.app.clock()).ToString(); }

// The as-of date of the latest check (what the findings were judged at), else today.
std::string AsOf(Ctx& ctx) {
  auto st = ctx.db.Prepare("SELECT as_of FROM check_runs ORDER BY run_id DESC LIMIT 1");
  if (st) {
    auto more = (*st)->Step();
    if (more && *more && !(*st)->IsNull(0)) return std::string((*st)->TextView(0));
  }
  return TodayIso(ctx);
}

std::string Shown(const Ctx& ctx, const std::string& id) {
  if (id.empty()) return "—";
  if (casework::ShowsFullIds(*ctx.actor)) return id;
  auto parsed = CitizenId::Parse(id);
  return parsed ? parsed->Masked() : "—";
}

// The person's name from persons, for a handler's ID.
std::string PersonName(Ctx& ctx, const std::string& id) {
  if (id.empty()) return "";
  auto st = ctx.db.Prepare("SELECT name FROM persons WHERE id_number = ?");
  if (!st) return "";
  (*st)->Bind(1, id);
  auto more = (*st)->Step();
  return more && *more ? std::string((*st)->TextView(0)) : std::string();
}

// The stored canonical fraction ("0.125") as a percentage ("12.5%"), by moving the decimal point
// two places: exact, and independent of the process locale.
std::string RatioText(const std::string& ratio) {
  if (ratio.empty()) return "未设定";
  size_t dot = ratio.find('.');
  std::string whole = ratio.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : ratio.substr(dot + 1);
  frac.resize(std::max<size_t>(frac.size(), 2), '0');
  std::string digits = whole + frac.substr(0, 2);
  std::string rest = frac.substr(2);
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  while (!rest.empty() && rest.back() == '0') rest.pop_back();
  return digits + (rest.empty() ? "" : "." + rest) + "%";
}

Json FindingsJson(const std::vector<LinkedFinding>& findings) {
  Json out = Json::array();
  for (const LinkedFinding& f : findings) {
    const engine::RuleSpec* spec = engine::FindRule(f.rule);
    out.push_back({{"fingerprint", f.fingerprint},
                   {"rule", f.rule},
                   {"rule_name", spec ? std::string(spec->name) : f.rule},
                   {"severity", f.severity},
                   {"severity_high", f.severity == "高"},
                   {"amount", Yuan(f.amount)},
                   {"evidence", f.evidence},
                   {"review", f.review == "open"        ? "待核"
                              : f.review == "confirmed" ? "已确认"
                                                        : "已排除"}});
  }
  return out;
}

Json ProjectRowJson(const ProjectSummary& p, const std::string& today) {
  NextStep next = NextStepOf(p, today);
  return {{"id", p.project_id},
          {"name", p.project_name},
          {"program", p.program},
          {"department", p.department},
          {"company", p.company_name},
          {"stage", StageName(StageOf(p))},
          {"approved", Yuan(p.approved_amount)},
          {"paid", Yuan(p.advance + p.after_acceptance)},
          {"apply_date", p.apply_date},
          {"next", next.name},
          {"next_due", next.due},
          {"overdue", next.overdue},
          {"findings", p.findings},
          {"irregular", p.findings > 0}};
}

Json Choices(const std::vector<std::string>& values, const std::string& selected) {
  Json out = Json::array();
  for (const std::string& v : values) out.push_back({{"value", v}, {"selected", v == selected}});
  return out;
}

bool Allowed(Ctx& ctx) {
  if (CanWorkFindings(*ctx.actor)) return true;
  ctx.ErrorPage(403, "您的角色不能查看项目资金与三资台账");
  return false;
}

void ProjectList(Ctx& ctx) {
  if (!Allowed(ctx)) return;
  Form q = Form::FromQuery(ctx.req);
  ProjectFilter filter{q.Get("department"), q.Get("program"), q.Get("stage")};
  auto all = LoadProjects(ctx.db, {});
  if (!all) return ctx.ErrorPage(all.error());
  auto rows = LoadProjects(ctx.db, filter);
  if (!rows) return ctx.ErrorPage(rows.error());
  std::vector<std::string> departments, programs;
  for (const ProjectSummary& p : *all) {
    if (std::find(departments.begin(), departments.end(), p.department) == departments.end())
      departments.push_back(p.department);
    if (std::find(programs.begin(), programs.end(), p.program) == programs.end())
      programs.push_back(p.program);
  }
  std::sort(programs.begin(), programs.end());
  const std::string today = AsOf(ctx);
  Json items = Json::array();
  int64_t approved = 0, paid = 0;
  for (const ProjectSummary& p : *rows) {
    items.push_back(ProjectRowJson(p, today));
    approved += p.approved_amount;
    paid += p.advance + p.after_acceptance;
  }
  std::vector<std::string> stages;
  for (auto s : {ProjectStage::kApplied, ProjectStage::kApproved, ProjectStage::kAdvanced,
                 ProjectStage::kAccepted, ProjectStage::kPaid}) {
    stages.emplace_back(StageName(s));
  }
  ctx.Render("projects", {{"title", "项目资金台账"},
                          {"nav", "projects"},
                          {"rows", items},
                          {"count", items.size()},
                          {"any", !items.empty()},
                          {"approved_total", Yuan(approved)},
                          {"paid_total", Yuan(paid)},
                          {"departments", Choices(departments, filter.department)},
                          {"programs", Choices(programs, filter.program)},
                          {"stages", Choices(stages, filter.stage)}});
}

Json Timeline(const ProjectSummary& p) {
  struct Step {
    const char* name;
    std::string date;
    std::string detail;
  };
  const Step steps[] = {
      {"申报", p.apply_date, "申报总投资 " + Yuan(p.investment) + " 元"},
      {"批准", p.approved_date, "核定补助 " + Yuan(p.approved_amount) + " 元"},
      {"预拨", p.first_advance_date, "预拨合计 " + Yuan(p.advance) + " 元"},
      {"验收", p.accepted_date, p.accepted_date.empty() ? "尚未验收" : "已验收"},
      {"拨付", p.first_final_date, "验收后拨付合计 " + Yuan(p.after_acceptance) + " 元"},
  };
  Json out = Json::array();
  for (const Step& s : steps) {
    out.push_back({{"name", s.name},
                   {"date", s.date.empty() ? "—" : s.date},
                   {"done", !s.date.empty()},
                   {"detail", s.detail}});
  }
  return out;
}

void ProjectDetail(Ctx& ctx) {
  if (!Allowed(ctx)) return;
  const std::string id = ctx.req.matches[1];
  auto project = LoadProject(ctx.db, id);
  if (!project) return ctx.ErrorPage(project.error());
  if (!*project) return ctx.ErrorPage(404, "没有这个项目");
  const ProjectSummary& p = **project;
  auto payments = LoadProjectPayments(ctx.db, id);
  if (!payments) return ctx.ErrorPage(payments.error());
  auto invoices = LoadProjectInvoices(ctx.db, id);
  if (!invoices) return ctx.ErrorPage(invoices.error());
  auto findings = ProjectFindings(ctx.db, id);
  if (!findings) return ctx.ErrorPage(findings.error());
  Json pay = Json::array();
  for (const ProjectPaymentView& r : *payments) {
    pay.push_back({{"id", r.payment_id},
                   {"date", r.paid_date},
                   {"stage", r.stage},
                   {"amount", Yuan(r.amount)},
                   {"reversal", r.amount < 0},
                   {"early", r.stage == "验收后" && r.amount > 0 &&
                                 (p.accepted_date.empty() || r.paid_date < p.accepted_date)}});
  }
  Json inv = Json::array();
  for (const ProjectInvoiceView& v : *invoices) {
    inv.push_back({{"code", v.invoice_code},
                   {"number", v.invoice_no},
                   {"seller", v.seller},
                   {"date", v.issue_date},
                   {"amount", Yuan(v.amount)},
                   {"reused", v.other_projects > 0},
                   {"others", v.other_projects}});
  }
  NextStep next = NextStepOf(p, AsOf(ctx));
  Json project_json = ProjectRowJson(p, AsOf(ctx));
  project_json.update({{"credit_code", p.credit_code},
                       {"investment", Yuan(p.investment)},
                       {"ratio", RatioText(p.max_ratio)},
                       {"reviewer", PersonName(ctx, p.reviewer_id)},
                       {"reviewer_id", Shown(ctx, p.reviewer_id)},
                       {"approver", PersonName(ctx, p.approver_id)},
                       {"approver_id", Shown(ctx, p.approver_id)},
                       {"accepted", p.accepted_date.empty() ? "尚未验收" : p.accepted_date}});
  ctx.Render("project", {{"title", "项目 " + p.project_id},
                         {"nav", "projects"},
                         {"p", project_json},
                         {"timeline", Timeline(p)},
                         {"payments", pay},
                         {"any_payments", !pay.empty()},
                         {"invoices", inv},
                         {"any_invoices", !inv.empty()},
                         {"findings", FindingsJson(*findings)},
                         {"any_findings", !findings->empty()},
                         {"next", next.name},
                         {"next_due", next.due},
                         {"overdue", next.overdue}});
}

void Supervision(Ctx& ctx) {
  if (!Allowed(ctx)) return;
  auto rows = LoadProjects(ctx.db, {});
  if (!rows) return ctx.ErrorPage(rows.error());
  const std::string today = AsOf(ctx);
  std::map<std::string, Json> by_department;
  std::map<std::string, std::pair<int, int>> counts;  // department → (projects, flagged)
  for (const ProjectSummary& p : *rows) {
    auto& c = counts[p.department];
    ++c.first;
    NextStep next = NextStepOf(p, today);
    if (!next.overdue && p.findings == 0) continue;
    ++c.second;
    by_department[p.department].push_back(ProjectRowJson(p, today));
  }
  Json departments = Json::array();
  for (const auto& [name, c] : counts) {
    auto it = by_department.find(name);
    departments.push_back({{"name", name},
                           {"projects", c.first},
                           {"flagged", c.second},
                           {"rows", it == by_department.end() ? Json::array() : it->second},
                           {"any", it != by_department.end()}});
  }
  ctx.Render("project_supervision", {{"title", "线上全程监管"},
                                     {"nav", "projects"},
                                     {"as_of", today},
                                     {"departments", departments},
                                     {"any", !departments.empty()}});
}

void CommunityList(Ctx& ctx) {
  if (!Allowed(ctx)) return;
  auto names = CollectiveCommunities(ctx.db);
  if (!names) return ctx.ErrorPage(names.error());
  Json items = Json::array();
  for (const std::string& n : *names) items.push_back({{"name", n}, {"url", UrlEncode(n)}});
  ctx.Render(
      "sanzi_index",
      {{"title", "农村集体三资"}, {"nav", "sanzi"}, {"items", items}, {"any", !items.empty()}});
}

void CommunityPage(Ctx& ctx) {
  if (!Allowed(ctx)) return;
  const std::string community = UrlDecode(std::string(ctx.req.matches[1]), false);
  engine::Thresholds defaults;
  const std::string as_of = AsOf(ctx);
  auto assets = LoadCommunityAssets(ctx.db, community, as_of, defaults.grace_days);
  if (!assets) return ctx.ErrorPage(assets.error());
  if (assets->contracts.empty() && assets->transactions.empty()) {
    return ctx.ErrorPage(404, "没有这个社区的三资数据");
  }
  Json contracts = Json::array();
  for (const ContractView& c : assets->contracts) {
    contracts.push_back({{"id", c.contract_id},
                         {"asset", c.asset},
                         {"type", c.asset_type},
                         {"area", c.area},
                         {"counterparty", c.counterparty},
                         {"start", c.start_date},
                         {"end", c.end_date},
                         {"rent", Yuan(c.annual_rent)},
                         {"procurement", c.procurement}});
  }
  Json years = Json::array();
  for (const RentYearView& y : assets->years) {
    years.push_back({{"contract", y.contract_id},
                     {"index", y.index},
                     {"first", y.first},
                     {"last", y.last},
                     {"cut", y.cut},
                     {"due", y.due},
                     {"rent", Yuan(y.rent)},
                     {"received", Yuan(y.received)},
                     {"short", y.due && y.received < y.rent}});
  }
  Json txns = Json::array();
  for (const TransactionView& t : assets->transactions) {
    txns.push_back({{"id", t.txn_id},
                    {"date", t.date},
                    {"direction", t.direction},
                    {"amount", Yuan(t.amount)},
                    {"counterparty", t.counterparty},
                    {"purpose", t.purpose},
                    {"contract", t.contract_id}});
  }
  ctx.Render("sanzi", {{"title", community + " 三资"},
                       {"nav", "sanzi"},
                       {"community", community},
                       {"as_of", as_of},
                       {"grace_days", defaults.grace_days},
                       {"records_contract_id", assets->records_contract_id},
                       {"contracts", contracts},
                       {"any_contracts", !contracts.empty()},
                       {"years", years},
                       {"any_years", !years.empty()},
                       {"transactions", txns},
                       {"transaction_count", txns.size()},
                       {"findings", FindingsJson(assets->findings)},
                       {"any_findings", !assets->findings.empty()}});
}

}  // namespace

void RegisterProjectRoutes(App& app, Router& server) {
  server.Get("/projects", app.StaffGet(ProjectList));
  server.Get("/projects/supervision", app.StaffGet(Supervision));
  server.Get(R"(/projects/([0-9A-Za-z_-]{1,64}))", app.StaffGet(ProjectDetail));
  server.Get("/sanzi", app.StaffGet(CommunityList));
  server.Get(R"(/sanzi/([^/]{1,200}))", app.StaffGet(CommunityPage));
}

}  // namespace qf::web::internal
