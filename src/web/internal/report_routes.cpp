// The work report in the staff workspace: /report shows the special work report's figures for a
// period and a unit, domain by domain, each beside its chart and linked to the records it counted
// (/report/figure); /report/download serves the report itself as HTML, XLSX or Markdown.
//
// Who may see it (CanViewReport): 承办人, 审核领导 and 干部监督室 — the roles that handle cases and
// may open the records behind a figure. A user sees the units at or below their own; the whole
// district (全区) needs a unit at the top of the tree. docs/report.md states the same.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "approval/steps.h"
#include "casework/sealed_text.h"
#include "core/result_macros.h"
#include "engine/rule.h"
#include "report/render.h"
#include "report/statistics.h"
#include "report/supervision_sources.h"
#include "report/wan_yuan.h"
#include "taxonomy/taxonomy.h"
#include "web/internal/app.h"
#include "web/internal/findings_query.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {

bool CanViewReport(const casework::Actor& actor) {
  using casework::Role;
  return actor.Has(Role::kHandler) || actor.Has(Role::kApprover) ||
         actor.Has(Role::kInternalSupervision);
}

namespace {

using casework::Role;

constexpr std::string_view kRefused =
    "无权查看工作报告：统计报表仅向承办人、审核领导和干部监督室开放。如需查看，请联系安全管理员授予"
    "相应角色。";

struct Unit {
  std::string code, name, parent, kind;
};

// The units of the organisation (external organs are not report units), in tree order.
class UnitDirectory {
 public:
  static Result<UnitDirectory> Load(store::Database& db) {
    auto st = db.Prepare("SELECT code, name, COALESCE(parent_code, ''), kind FROM units");
    if (!st) return std::unexpected(st.error());
    UnitDirectory dir;
    for (;;) {
      auto row = (*st)->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      Unit u{(*st)->Text(0), (*st)->Text(1), (*st)->Text(2), (*st)->Text(3)};
      if (u.kind == "external") continue;
      dir.by_code_[u.code] = u;
    }
    return dir;
  }

  const Unit* Find(const std::string& code) const {
    auto it = by_code_.find(code);
    return it == by_code_.end() ? nullptr : &it->second;
  }
  std::string NameOf(const std::string& code) const {
    const Unit* u = Find(code);
    return u != nullptr ? u->name : code;
  }
  // True when `code` is `ancestor` or lies below it.
  bool Within(const std::string& code, const std::string& ancestor) const {
    std::string current = code;
    for (int depth = 0; depth < 64 && !current.empty(); ++depth) {
      if (current == ancestor) return true;
      const Unit* u = Find(current);
      if (u == nullptr) return false;
      current = u->parent;
    }
    return false;
  }
  // A unit at the top of the tree reports on the whole district.
  bool IsTop(const std::string& code) const {
    const Unit* u = Find(code);
    return u != nullptr && u->parent.empty();
  }
  // The units an actor may report on, parents before children (depth-first, by code).
  std::vector<std::pair<const Unit*, int>> SubtreeOf(const std::string& root) const {
    std::vector<std::pair<const Unit*, int>> out;
    Walk(root, 0, out);
    return out;
  }

 private:
  void Walk(const std::string& code, int depth,
            std::vector<std::pair<const Unit*, int>>& out) const {
    const Unit* u = Find(code);
    if (u == nullptr || depth > 64) return;
    out.emplace_back(u, depth);
    for (const auto& [child_code, child] : by_code_) {
      if (child.parent == code) Walk(child_code, depth + 1, out);
    }
  }
  std::map<std::string, Unit> by_code_;
};

// What the request asks for, checked: a period, and a unit in the actor's reach.
struct Selection {
  std::string period_text;  // as typed (kept in the form when it is wrong)
  std::string unit;         // "" = the whole district
  std::optional<report::ReportPeriod> period;
  int status = 200;
  std::string error;  // Chinese, shown on the page; empty when the selection is valid
};

Selection Select(Ctx& ctx, const UnitDirectory& units) {
  Form query = Form::FromQuery(ctx.req);
  Selection s;
  const std::string& home = ctx.actor->unit_code;
  bool district = units.IsTop(home);
  s.unit = query.Has("unit") ? query.Get("unit") : (district ? std::string() : home);
  s.period_text = query.Get("period");
  if (s.period_text.empty()) {
    auto fallback = report::DefaultReportPeriod(ctx.db, qf::Today(ctx.app.clock()));
    if (fallback) s.period_text = fallback->text;
  }
  auto period = report::ParseReportPeriod(s.period_text);
  if (!period) {
    s.status = 400;
    s.error = fmt::format("统计期间有误：{}", period.error().message());
    return s;
  }
  s.period = *period;
  if (!s.unit.empty() && units.Find(s.unit) == nullptr) {
    s.status = 400;
    s.error = fmt::format("单位 '{}' 不存在：请从列表中选择统计单位。", s.unit);
  } else if (s.unit.empty() ? !district : !units.Within(s.unit, home)) {
    s.status = 403;
    s.error = fmt::format("无权查看{}的统计：只能查看本单位（{}）及下级单位。",
                          s.unit.empty() ? std::string("全区") : units.NameOf(s.unit),
                          units.NameOf(home));
  }
  return s;
}

std::string QueryOf(const Selection& s) {
  return fmt::format("period={}&unit={}", UrlEncode(s.period_text), UrlEncode(s.unit));
}

Json UnitOptions(const UnitDirectory& units, const std::string& home, const std::string& selected) {
  Json out = Json::array();
  if (units.IsTop(home)) {
    out.push_back({{"value", ""}, {"label", "全区"}, {"selected", selected.empty()}});
  }
  for (const auto& [unit, depth] : units.SubtreeOf(home)) {
    std::string indent;
    for (int i = 0; i < depth; ++i) indent += "　";
    out.push_back({{"value", unit->code},
                   {"label", indent + unit->name},
                   {"selected", unit->code == selected}});
  }
  return out;
}

// The data attribute static/app.js draws with ECharts. Values are the figures' display text (万元
// with two decimals for money), so no floating point touches an amount.
std::string Chart(const std::string& type, const std::vector<const report::Figure*>& figures,
                  const std::vector<std::string>& labels) {
  Json l = Json::array(), v = Json::array();
  for (std::size_t i = 0; i < figures.size(); ++i) {
    l.push_back(labels[i]);
    v.push_back(figures[i]->Display());
  }
  return Json{{"type", type}, {"labels", l}, {"values", v}}.dump();
}

class PageBuilder {
 public:
  PageBuilder(const report::Statistics& stats, const Selection& s)
      : stats_(stats), query_(QueryOf(s)) {}

  std::string Link(std::string_view id) const {
    return fmt::format("/report/figure?id={}&{}", UrlEncode(id), query_);
  }

  Json FigureJson(std::string_view id, std::string label = "") const {
    const report::Figure& f = stats_.Get(id);
    return {{"id", std::string(id)},
            {"name", label.empty() ? f.name : label},
            {"value", f.provided ? f.Display() : std::string("未接入")},
            {"absent", !f.provided},
            {"measure", f.measure},
            {"definition", f.definition},
            {"zero", f.value == 0},
            {"link", Link(id)}};
  }

  // One card: a list of figures with the chart beside them.
  Json Section(const std::string& key, const std::string& title, const std::string& chart_type,
               const std::vector<std::pair<std::string, std::string>>& items) const {
    Json figures = Json::array();
    std::vector<const report::Figure*> charted;
    std::vector<std::string> labels;
    for (const auto& [id, label] : items) {
      figures.push_back(FigureJson(id, label));
      const report::Figure& f = stats_.Get(id);
      if (f.kind == report::FigureKind::kCount && f.provided) {
        charted.push_back(&f);
        // A rule's figure is named "R01 死亡人员冒领": the axis shows the id, the table the name.
        labels.push_back(label.empty() ? f.name.substr(0, f.name.find(' ')) : label);
      }
    }
    return {{"key", key},
            {"title", title},
            {"figures", figures},
            {"chart", Chart(chart_type, charted, labels)}};
  }

 private:
  const report::Statistics& stats_;
  std::string query_;
};

// The families of a report section or a special campaign, as its card lists them.
std::vector<std::pair<std::string, std::string>> SliceItems(const std::string& prefix) {
  auto id = [&](std::string_view family) { return fmt::format("{}.{}", prefix, family); };
  return {{id("problems"), "发现问题"},
          {id("cases"), "立案"},
          {id("persons"), "立案人数"},
          {id("judicial"), "移送司法"},
          {id("recovered"), "追缴违纪违法所得"},
          {id("rectifications"), "督促整改"},
          {id("accountability_cases"), "追责问责（件）"},
          {id("accountability_persons"), "追责问责（人）"}};
}

// A card per section of the taxonomy (the report's 一、工作开展情况), then per special campaign
// that counted anything.
Json SliceCards(const PageBuilder& b, const report::Statistics& stats) {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  Json cards = Json::array();
  for (std::string_view section : t.Sections()) {
    const taxonomy::Domain* d = t.FindDomain(section);
    std::string prefix = fmt::format("section.{}", section);
    Json card =
        b.Section("domain-" + std::string(section), d != nullptr ? d->title : std::string(section),
                  "bar", SliceItems(prefix));
    std::string grouped;
    for (std::string_view domain : t.DomainsOfSection(section)) {
      grouped += fmt::format("{}{}", grouped.empty() ? "" : "、", domain);
    }
    card["note"] = fmt::format("统计领域：{}", grouped);
    cards.push_back(std::move(card));
  }
  for (const taxonomy::Campaign& c : t.campaigns) {
    std::string prefix = fmt::format("campaign.{}", c.code);
    bool any = false;
    for (const auto& [id, label] : SliceItems(prefix)) any = any || stats.Get(id).value != 0;
    if (!any) continue;
    Json card =
        b.Section("campaign-" + c.code, fmt::format("专项：{}", c.name), "bar", SliceItems(prefix));
    card["note"] = fmt::format("按专项标注（{}）统计；案件由标注的线索立案的也计入", c.code);
    cards.push_back(std::move(card));
  }
  return cards;
}

// 三资 by street and community: each street's figures include its communities'.
Json SanziCard(const PageBuilder& b, const report::Statistics& stats) {
  Json rows = Json::array();
  for (const report::Statistics::UnitLine& line : stats.sanzi_units) {
    auto fig = [&](const char* family) {
      return b.FigureJson(fmt::format("sanzi.{}.{}", family, line.code));
    };
    rows.push_back({{"name", line.name},
                    {"street", line.street},
                    {"findings", fig("findings")},
                    {"amount", fig("amount")},
                    {"clues", fig("clues")},
                    {"cases", fig("cases")}});
  }
  return rows;
}

// The figures the other ledgers keep (活动台账, 派驻机构, 人大), counted by
// report::SupervisionSources.
Json OutsideCard(const PageBuilder& b, const report::Statistics& stats) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const report::Figure& f : stats.figures) {
    for (const char* prefix :
         {"activities.", "units.", "stationed_reports.", "congress.", "suggestions."}) {
      if (f.id.starts_with(prefix)) items.emplace_back(f.id, f.name);
    }
  }
  return b.Section("outside", "日常监督、体制机制与人大工作", "bar", items);
}

// 阳光审批: where the period's applications stand, with the mean days of each step beside them
// (a decimal the figures do not carry, so it is a note rather than a linked figure).
Json ApprovalSection(const PageBuilder& b, const report::Statistics& stats) {
  std::vector<std::pair<std::string, std::string>> items = {{"approval.submitted", "受理申请"},
                                                            {"approval.in_progress", "审批中"},
                                                            {"approval.completed", "通过并发放"},
                                                            {"approval.rejected", "未通过"},
                                                            {"approval.overdue", "逾期环节"}};
  std::string note;
  for (const approval::StepStatistics& step : stats.approval.steps) {
    if (step.step == approval::StepKind::kApply) continue;
    items.emplace_back(fmt::format("approval.step.{}", approval::StepCode(step.step)),
                       fmt::format("在办：{}", approval::StepName(step.step)));
    if (step.decided > 0) {
      note += fmt::format("{}{} {:.1f} 天", note.empty() ? "平均用时：" : "；",
                          approval::StepName(step.step), step.average_days);
    }
  }
  for (const approval::RejectionCount& r : stats.approval.rejections) {
    items.emplace_back(fmt::format("approval.rejection.{}", r.category),
                       fmt::format("未通过：{}", r.category));
  }
  Json section = b.Section("approval", "“一卡通”阳光审批", "bar", items);
  if (!note.empty()) section["note"] = note;
  return section;
}

Json ReportData(const report::Statistics& stats, const Selection& s) {
  PageBuilder b(stats, s);
  Json data;
  Json kpis = Json::array();
  for (const char* id : {"clues.received", "disposals.total", "cases.filed", "cases.filed_persons",
                         "accountability.cases", "accountability.persons", "judicial.persons",
                         "money.recovered", "money.losses_retrieved", "findings.total",
                         "findings.amount", "findings.stopped", "findings.recovered"}) {
    kpis.push_back(b.FigureJson(id));
  }
  data["kpis"] = kpis;

  // Section by section, as the report's 一、工作开展情况 is written, then the special campaigns.
  data["domains"] = SliceCards(b, stats);
  data["sanzi"] = SanziCard(b, stats);
  data["any_sanzi"] = !stats.sanzi_units.empty();

  std::vector<std::pair<std::string, std::string>> sources, disposals, rules;
  for (std::string_view source : casework::ClueSources()) {
    sources.emplace_back(fmt::format("clues.source.{}", source), std::string(source));
  }
  for (std::string_view disposal : casework::Disposals()) {
    disposals.emplace_back(fmt::format("disposals.{}", disposal), std::string(disposal));
  }
  for (const report::Figure& f : stats.figures) {
    if (f.id.starts_with("findings.rule.") && f.value != 0) rules.emplace_back(f.id, "");
  }
  Json sections = Json::array();
  sections.push_back(b.Section("sources", "线索受理（按来源）", "bar", sources));
  sections.push_back(b.Section("disposals", "线索处置（四种方式）", "pie", disposals));
  sections.push_back(b.Section("restricted", "涉纪检监察干部问题线索（受限事项）", "bar",
                               {{"clues.restricted", "受理线索"},
                                {"cases.restricted", "立案"},
                                {"cases.restricted_persons", "立案人数"}}));
  sections.push_back(b.Section("rectification", "监察建议与整改落实", "bar",
                               {{"rectification.found", "下发整改事项"},
                                {"rectification.recommendations", "制发监察建议"},
                                {"rectification.completed", "整改完成"},
                                {"rectification.overdue", "逾期未整改"}}));
  sections.push_back(b.Section("reports-transfers", "群众举报与线索双向移送", "bar",
                               {{"reports.received", "受理群众举报"},
                                {"reports.answered", "群众举报已办结"},
                                {"transfers.sent", "向政法机关移送"},
                                {"transfers.received", "接收政法机关移送"},
                                {"transfers.fed_back", "办理反馈"}}));
  sections.push_back(ApprovalSection(b, stats));
  sections.push_back(OutsideCard(b, stats));
  Json findings = b.Section("findings", "大数据比对发现（按规则）", "bar", rules);
  findings["empty"] = rules.empty();
  sections.push_back(std::move(findings));
  data["sections"] = sections;

  // What became of the findings, rule by rule (issue 17 point 4): each figure links to its
  // records; the confirmation rate is confirmed ÷ decided.
  Json outcomes = Json::array();
  auto outcome_row = [&](const std::string& label, const std::string& suffix,
                         const std::string& rule) {
    auto figure = [&](const std::string& family) {
      return b.FigureJson(suffix.empty() ? fmt::format("findings.{}", family)
                                         : fmt::format("findings.rule_{}.{}", family, suffix));
    };
    return Json{{"label", label},
                {"stopped", figure("stopped")},
                {"recovered", figure("recovered")},
                {"decided", figure("decided")},
                {"confirmed", figure("confirmed")},
                {"rate", report::ConfirmationRate(stats, rule)}};
  };
  for (const engine::RuleSpec* rule : engine::RuleCatalogue()) {
    std::string id(rule->id);
    bool any = false;
    for (const char* family : {"stopped", "recovered", "decided"}) {
      any = any || stats.Get(fmt::format("findings.rule_{}.{}", family, id)).value != 0;
    }
    if (any) outcomes.push_back(outcome_row(fmt::format("{} {}", id, rule->name), id, id));
  }
  data["has_outcomes"] = !outcomes.empty();
  outcomes.push_back(outcome_row("合计", "", ""));
  data["outcomes"] = std::move(outcomes);
  return data;
}

// Renders the page: the form always, the figures when the selection is valid.
void ReportPage(Ctx& ctx) {
  if (!CanViewReport(*ctx.actor)) return ctx.ErrorPage(403, std::string(kRefused));
  auto units = UnitDirectory::Load(ctx.db);
  if (!units) return ctx.ErrorPage(units.error());
  Selection s = Select(ctx, *units);
  Json data = {{"title", "专项工作报告"},
               {"nav", "report"},
               {"charts", true},
               {"period", s.period_text},
               {"units", UnitOptions(*units, ctx.actor->unit_code, s.unit)}};
  if (!s.error.empty()) {
    data["error"] = s.error;
    return ctx.Render("report", data, s.status);
  }
  auto stats = report::ComputeStatistics(ctx.db, *s.period, s.unit, qf::Today(ctx.app.clock()),
                                         report::SupervisionSources());
  if (!stats) {
    data["error"] = stats.error().message();
    return ctx.Render("report", data, StatusFor(stats.error()));
  }
  Json view = ReportData(*stats, s);
  view["heading"] = fmt::format("{}{}专项工作统计", stats->period.Label(), stats->unit_name);
  view["as_of"] = stats->as_of.ToString();
  view["wan_yuan_rule"] = std::string(report::kWanYuanRule);
  std::string query = QueryOf(s);
  view["download_html"] = "/report/download?format=html&" + query;
  view["download_xlsx"] = "/report/download?format=xlsx&" + query;
  view["download_md"] = "/report/download?format=md&" + query;
  data["report"] = std::move(view);
  ctx.Render("report", data);
}

// The case each case person belongs to (a person's page is their case's page).
Result<std::map<std::string, std::string>> CaseOfPerson(store::Database& db) {
  std::map<std::string, std::string> out;
  auto st = db.Prepare("SELECT person_id, case_id FROM case_persons");
  if (!st) return std::unexpected(st.error());
  for (;;) {
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out[std::to_string((*st)->Int(0))] = std::to_string((*st)->Int(1));
  }
  return out;
}

std::string RecordLink(const report::RecordRef& r,
                       const std::map<std::string, std::string>& case_of_person) {
  if (r.kind == "clue") return "/clues/" + r.id;
  if (r.kind == "case") return "/cases/" + r.id;
  if (r.kind == "case_person") {
    auto it = case_of_person.find(r.id);
    return it == case_of_person.end() ? "" : "/cases/" + it->second;
  }
  if (r.kind == "transfer") return "/transfers/" + r.id;
  if (r.kind == "rectification") return "/rectifications/" + r.id;
  if (r.kind == "finding") return "/findings/" + r.id;
  if (r.kind == "application") return "/applications/" + r.id;
  if (r.kind == "activity") return "/activities/" + r.id;
  if (r.kind == "stationed_report") return "/oversight/reports/" + r.id;
  if (r.kind == "congress_item") return "/congress/" + r.id;
  return "";
}

std::string KindName(const std::string& kind) {
  static const std::map<std::string, std::string> names = {{"clue", "线索"},
                                                           {"case", "案件"},
                                                           {"case_person", "涉案人员"},
                                                           {"transfer", "移送"},
                                                           {"rectification", "整改"},
                                                           {"finding", "比对发现"},
                                                           {"application", "审批申请"},
                                                           {"activity", "活动台账"},
                                                           {"unit", "单位"},
                                                           {"stationed_report", "三为主一报告"},
                                                           {"congress_item", "人大意见建议"},
                                                           {"congress_task", "审议意见任务"}};
  auto it = names.find(kind);
  return it == names.end() ? kind : it->second;
}

// The records one figure counted, each linked to its own page.
// Makes the records behind the figures fit for the reader, on the page and in the downloads
// alike: texts opened by role (clue titles hold sealed ID numbers; full IDs only for 承办人 and
// 干部监督室, masked for everyone else), and findings that name commission staff left out except
// for 干部监督室 (防止"灯下黑"). The figures' values stay as counted.
Result<void> ShowRecordsTo(Ctx& ctx, report::Statistics& stats) {
  bool full_ids = casework::ShowsFullIds(*ctx.actor);
  std::set<std::string> hidden;
  if (!ctx.actor->Has(Role::kInternalSupervision)) {
    QF_ASSIGN_OR_RETURN(casework::FindingScope scope, ctx.Service().FindingScopeFor(*ctx.actor));
    hidden.insert(scope.restricted.begin(), scope.restricted.end());
  }
  for (report::Figure& figure : stats.figures) {
    std::erase_if(figure.records, [&](const report::RecordRef& r) {
      return r.kind == "finding" && hidden.contains(r.id);
    });
    for (report::RecordRef& r : figure.records) {
      r.label = casework::OpenIds(ctx.app.cipher(), r.label, full_ids);
    }
  }
  return {};
}

void FigurePage(Ctx& ctx) {
  if (!CanViewReport(*ctx.actor)) return ctx.ErrorPage(403, std::string(kRefused));
  auto units = UnitDirectory::Load(ctx.db);
  if (!units) return ctx.ErrorPage(units.error());
  Selection s = Select(ctx, *units);
  if (!s.error.empty()) return ctx.ErrorPage(s.status, s.error);
  auto stats = report::ComputeStatistics(ctx.db, *s.period, s.unit, qf::Today(ctx.app.clock()),
                                         report::SupervisionSources());
  if (!stats) return ctx.ErrorPage(stats.error());
  std::string id = Form::FromQuery(ctx.req).Get("id");
  const report::Figure* f = stats->Find(id);
  if (f == nullptr) return ctx.ErrorPage(404, fmt::format("没有名为 '{}' 的统计数据。", id));
  auto case_of_person = CaseOfPerson(ctx.db);
  if (!case_of_person) return ctx.ErrorPage(case_of_person.error());
  if (auto shown = ShowRecordsTo(ctx, *stats); !shown) return ctx.ErrorPage(shown.error());
  Json records = Json::array();
  for (const report::RecordRef& r : f->records) {
    records.push_back({{"kind", KindName(r.kind)},
                       {"date", r.date},
                       {"unit", r.unit.empty() ? std::string("—") : units->NameOf(r.unit)},
                       {"label", r.label},
                       {"amount", r.amount != 0 ? Yuan(r.amount) : std::string()},
                       {"link", RecordLink(r, *case_of_person)}});
  }
  ctx.Render("report_figure",
             {{"title", f->name},
              {"nav", "report"},
              {"name", f->name},
              {"value", f->Display()},
              {"measure", f->measure},
              {"definition", f->definition},
              {"heading", fmt::format("{}{}", stats->period.Label(), stats->unit_name)},
              {"back", "/report?" + QueryOf(s)},
              {"records", records},
              {"count", records.size()},
              {"any", !records.empty()}});
}

// The report itself, as `qingfeng report` writes it, as an attachment.
void Download(Ctx& ctx) {
  if (!CanViewReport(*ctx.actor)) return ctx.ErrorPage(403, std::string(kRefused));
  auto units = UnitDirectory::Load(ctx.db);
  if (!units) return ctx.ErrorPage(units.error());
  Selection s = Select(ctx, *units);
  if (!s.error.empty()) return ctx.ErrorPage(s.status, s.error);
  auto format = report::ParseReportFormat(Form::FromQuery(ctx.req).Get("format"));
  if (!format) return ctx.ErrorPage(format.error());
  auto stats = report::ComputeStatistics(ctx.db, *s.period, s.unit, qf::Today(ctx.app.clock()),
                                         report::SupervisionSources());
  if (!stats) return ctx.ErrorPage(stats.error());
  if (auto shown = ShowRecordsTo(ctx, *stats); !shown) return ctx.ErrorPage(shown.error());
  std::string template_text;
  if (*format != report::ReportFormat::kXlsx) {
    auto loaded = report::LoadReportTemplate(*format);
    if (!loaded) return ctx.ErrorPage(loaded.error());
    template_text = std::move(*loaded);
  }
  auto bytes = report::RenderReport(*stats, template_text, *format);
  if (!bytes) return ctx.ErrorPage(bytes.error());
  struct Kind {
    const char* extension;
    const char* content_type;
  };
  Kind kind =
      *format == report::ReportFormat::kXlsx
          ? Kind{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
      : *format == report::ReportFormat::kHtml ? Kind{"html", "text/html; charset=utf-8"}
                                               : Kind{"md", "text/markdown; charset=utf-8"};
  std::string stem = fmt::format("work-report-{}{}", stats->period.text,
                                 s.unit.empty() ? std::string() : "-" + s.unit);
  Json details = {{"period", stats->period.text},
                  {"unit", s.unit},
                  {"format", kind.extension},
                  {"bytes", bytes->size()},
                  {"sha256", crypto::Sha256Hex(*bytes)}};
  // A report leaves the building only with its trace.
  if (auto ok = ctx.AuditInOwnTransaction({.action = "report.download",
                                           .entity = "report",
                                           .entity_id = stem,
                                           .after = details.dump()});
      !ok) {
    return ctx.ErrorPage(ok.error());
  }
  std::string chinese =
      fmt::format("{}{}专项工作报告.{}", stats->period.Label(), stats->unit_name, kind.extension);
  // An ASCII name for old clients, the Chinese one (RFC 6266 / 5987) for the rest.
  ctx.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"{}.{}\"; filename*=UTF-8''{}", stem,
                                 kind.extension, UrlEncode(chinese)));
  ctx.res.set_content(std::move(*bytes), kind.content_type);
}

}  // namespace

void RegisterReportRoutes(App& app, Router& server) {
  server.Get("/report", app.StaffGet(ReportPage));
  server.Get("/report/figure", app.StaffGet(FigurePage));
  server.Get("/report/download", app.StaffGet(Download));
}

}  // namespace qf::web::internal
