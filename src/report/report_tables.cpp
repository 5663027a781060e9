// Arranging the figures into tables.
#include "report/report_tables.h"

#include <fmt/format.h>

#include "approval/steps.h"
#include "casework/casework_service.h"
#include "engine/rule.h"
#include "taxonomy/taxonomy.h"

namespace qf::report {
namespace {

// The headline figures, in the order the summary table and the drill-down list them.
constexpr std::string_view kHeadline[] = {"clues.received",
                                          "disposals.total",
                                          "cases.filed",
                                          "cases.filed_persons",
                                          "judicial.persons",
                                          "accountability.cases",
                                          "accountability.persons",
                                          "money.recovered",
                                          "money.losses_retrieved",
                                          "clues.restricted",
                                          "cases.restricted",
                                          "cases.restricted_persons",
                                          "reports.received",
                                          "reports.answered",
                                          "findings.total",
                                          "findings.amount",
                                          "findings.stopped",
                                          "findings.recovered",
                                          "rectification.found",
                                          "rectification.recommendations",
                                          "rectification.completed",
                                          "rectification.overdue",
                                          "transfers.sent",
                                          "transfers.received",
                                          "transfers.fed_back"};

// The sunshine approval figures the drill-down sheet lists (each application once per figure).
constexpr std::string_view kApprovalDetail[] = {"approval.submitted", "approval.overdue"};

std::vector<std::string> FigureRow(const Figure& f) {
  return {f.name, f.Display(), f.measure, f.definition};
}

std::string Days(double days) { return fmt::format("{:.1f}", days); }

Table ApprovalTable(const Statistics& stats) {
  const approval::ApprovalStatistics& a = stats.approval;
  Table table{"阳光审批",
              "表8 阳光审批办理情况（按环节）",
              {"环节", "在办（件）", "已办理（件）", "其中未通过（件）", "平均用时（天）",
               "最长用时（天）", "逾期（项）"},
              {}};
  for (const approval::StepStatistics& s : a.steps) {
    if (s.step == approval::StepKind::kApply) continue;
    table.rows.push_back({std::string(approval::StepName(s.step)), std::to_string(s.open),
                          std::to_string(s.decided), std::to_string(s.rejected),
                          s.decided > 0 ? Days(s.average_days) : "—",
                          s.decided > 0 ? Days(s.max_days) : "—", std::to_string(s.overdue)});
  }
  table.rows.push_back(
      {fmt::format("合计：受理 {} 件，审批中 {} 件，通过并发放 {} 件，未通过 {} 件", a.submitted,
                   a.in_progress, a.completed, a.rejected),
       std::to_string(a.in_progress), "", std::to_string(a.rejected), "", "",
       std::to_string(a.overdue.size())});
  return table;
}

Table RejectionTable(const Statistics& stats) {
  Table table{"审批未通过原因", "表9 阳光审批未通过原因", {"原因", "件数"}, {}};
  for (std::string_view category : approval::RejectionCategories()) {
    table.rows.push_back({std::string(category),
                          stats.Get(fmt::format("approval.rejection.{}", category)).Display()});
  }
  table.rows.push_back({"合计", stats.Get("approval.rejected").Display()});
  return table;
}

// One row per slice ("section.<name>" or "campaign.<code>"): its families in SliceFamilies order.
Table SliceTable(const Statistics& stats, std::string sheet, std::string title,
                 std::string first_column,
                 const std::vector<std::pair<std::string, std::string>>& slices) {
  Table table{
      std::move(sheet),
      std::move(title),
      {std::move(first_column), "发现问题（个）", "立案（件）", "立案（人）", "移送司法（人）",
       "追缴（万元）", "督促整改（个）", "追责问责（件）", "追责问责（人）"},
      {}};
  for (const auto& [label, prefix] : slices) {
    std::vector<std::string> row{label};
    for (std::string_view family : SliceFamilies()) {
      row.push_back(stats.Get(fmt::format("{}.{}", prefix, family)).Display());
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

Table SectionTable(const Statistics& stats) {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  std::vector<std::pair<std::string, std::string>> slices;
  for (std::string_view section : t.Sections()) {
    const taxonomy::Domain* d = t.FindDomain(section);
    slices.emplace_back(d != nullptr ? d->title : std::string(section),
                        fmt::format("section.{}", section));
  }
  return SliceTable(stats, "分部分查处", "表10 分部分查处情况（按报告各部分所统计的领域）", "部分",
                    slices);
}

Table CampaignTable(const Statistics& stats) {
  std::vector<std::pair<std::string, std::string>> slices;
  for (const taxonomy::Campaign& c : taxonomy::Active().campaigns) {
    slices.emplace_back(fmt::format("{}（{}）", c.name, c.code),
                        fmt::format("campaign.{}", c.code));
  }
  return SliceTable(stats, "专项整治", "表11 专项整治情况（按专项标注）", "专项", slices);
}

Table SanziTable(const Statistics& stats) {
  Table table{
      "三资分社区",
      "表12 农村集体“三资”监管情况（按街道、社区）",
      {"街道/社区", "比对发现问题（条）", "涉及金额（万元）", "问题线索（件）", "立案（件）"},
      {}};
  for (const Statistics::UnitLine& line : stats.sanzi_units) {
    std::vector<std::string> row{line.street ? fmt::format("{}（合计）", line.name)
                                             : fmt::format("　{}", line.name)};
    for (const char* family : {"findings", "amount", "clues", "cases"}) {
      row.push_back(stats.Get(fmt::format("sanzi.{}.{}", family, line.code)).Display());
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

// The figures other ledgers provide; "未接入" while no provider fills them.
Table OutsideTable(const Statistics& stats) {
  Table table{"监督与人大工作",
              "表13 日常监督、体制机制与人大审议意见办理情况",
              {"指标", "数值", "单位", "统计口径"},
              {}};
  for (const Figure& f : stats.figures) {
    if (!f.id.starts_with("activities.") && !f.id.starts_with("units.") &&
        !f.id.starts_with("stationed_reports.") && !f.id.starts_with("congress.") &&
        !f.id.starts_with("suggestions.")) {
      continue;
    }
    std::vector<std::string> row = FigureRow(f);
    if (!f.provided) row[1] = "未接入";
    table.rows.push_back(std::move(row));
  }
  return table;
}

// The figures whose records the 数据明细 sheet lists beside the headline ones: the slices, the
// 三资 units and the outside figures.
bool Detailed(const Figure& f) {
  return f.id.starts_with("section.") || f.id.starts_with("campaign.") ||
         f.id.starts_with("sanzi.") || f.id.starts_with("activities.") ||
         f.id.starts_with("units.") || f.id.starts_with("stationed_reports.") ||
         f.id.starts_with("congress.") || f.id.starts_with("suggestions.");
}

}  // namespace

std::vector<Table> ReportTables(const Statistics& stats) {
  std::vector<Table> tables;

  Table summary{"主要数据", "表1 主要数据", {"指标", "数值", "单位", "统计口径"}, {}};
  for (std::string_view id : kHeadline) summary.rows.push_back(FigureRow(stats.Get(id)));
  tables.push_back(std::move(summary));

  Table clues{"线索受理", "表2 问题线索受理情况", {"分类", "项目", "件数"}, {}};
  for (std::string_view s : casework::ClueSources()) {
    clues.rows.push_back(
        {"来源", std::string(s), stats.Get(fmt::format("clues.source.{}", s)).Display()});
  }
  for (std::string_view d : casework::ClueDomains()) {
    clues.rows.push_back(
        {"领域", std::string(d), stats.Get(fmt::format("clues.domain.{}", d)).Display()});
  }
  clues.rows.push_back({"合计", "", stats.Get("clues.received").Display()});
  tables.push_back(std::move(clues));

  Table disposals{"线索处置", "表3 问题线索处置情况（四种方式）", {"处置方式", "件数"}, {}};
  for (std::string_view t : casework::Disposals()) {
    disposals.rows.push_back({std::string(t), stats.Get(fmt::format("disposals.{}", t)).Display()});
  }
  disposals.rows.push_back({"合计", stats.Get("disposals.total").Display()});
  tables.push_back(std::move(disposals));

  Table domains{"分领域查处",
                "表4 分领域查处情况",
                {"领域", "受理线索（件）", "立案（件）", "立案（人）", "移送司法（人）",
                 "追责问责（人）", "追缴（万元）", "挽回损失（万元）"},
                {}};
  auto domain_row = [&](const std::string& label, const std::string& suffix,
                        const std::string& clue_id) {
    domains.rows.push_back({label, stats.Get(clue_id).Display(),
                            stats.Get("cases.filed" + suffix).Display(),
                            stats.Get("cases.filed_persons" + suffix).Display(),
                            stats.Get("judicial.persons" + suffix).Display(),
                            stats.Get("accountability.persons" + suffix).Display(),
                            stats.Get("money.recovered" + suffix).Display(),
                            stats.Get("money.losses_retrieved" + suffix).Display()});
  };
  for (std::string_view d : casework::ClueDomains()) {
    domain_row(std::string(d), fmt::format(".domain.{}", d), fmt::format("clues.domain.{}", d));
  }
  domain_row("合计", "", "clues.received");
  tables.push_back(std::move(domains));

  Table findings{"比对发现",
                 "表5 大数据比对发现问题及处理结果（按规则）",
                 {"规则", "名称", "问题（条）", "涉及金额（万元）", "止付（万元）", "追回（万元）",
                  "已核定（条）", "确认率"},
                 {}};
  for (const engine::RuleSpec* rule : engine::RuleCatalogue()) {
    findings.rows.push_back(
        {std::string(rule->id), std::string(rule->name),
         stats.Get(fmt::format("findings.rule.{}", rule->id)).Display(),
         stats.Get(fmt::format("findings.rule_amount.{}", rule->id)).Display(),
         stats.Get(fmt::format("findings.rule_stopped.{}", rule->id)).Display(),
         stats.Get(fmt::format("findings.rule_recovered.{}", rule->id)).Display(),
         stats.Get(fmt::format("findings.rule_decided.{}", rule->id)).Display(),
         ConfirmationRate(stats, rule->id)});
  }
  findings.rows.push_back(
      {"合计", "", stats.Get("findings.total").Display(), stats.Get("findings.amount").Display(),
       stats.Get("findings.stopped").Display(), stats.Get("findings.recovered").Display(),
       stats.Get("findings.decided").Display(), ConfirmationRate(stats, "")});
  tables.push_back(std::move(findings));

  Table rect{"整改落实", "表6 监察建议与整改落实", {"指标", "数值", "单位", "统计口径"}, {}};
  for (std::string_view id : {"rectification.found", "rectification.recommendations",
                              "rectification.completed", "rectification.overdue"}) {
    rect.rows.push_back(FigureRow(stats.Get(id)));
  }
  tables.push_back(std::move(rect));

  Table transfers{
      "线索移送", "表7 线索双向移送与群众举报", {"指标", "数值", "单位", "统计口径"}, {}};
  for (std::string_view id : {"transfers.sent", "transfers.received", "transfers.fed_back",
                              "reports.received", "reports.answered"}) {
    transfers.rows.push_back(FigureRow(stats.Get(id)));
  }
  tables.push_back(std::move(transfers));
  tables.push_back(ApprovalTable(stats));
  tables.push_back(RejectionTable(stats));
  tables.push_back(SectionTable(stats));
  tables.push_back(CampaignTable(stats));
  tables.push_back(SanziTable(stats));
  tables.push_back(OutsideTable(stats));

  Table detail{"数据明细",
               "表14 数据明细（每项主要数据所统计的记录）",
               {"指标", "记录类型", "编号", "日期", "单位", "内容", "金额（元）"},
               {}};
  std::vector<std::string_view> detailed(std::begin(kHeadline), std::end(kHeadline));
  detailed.insert(detailed.end(), std::begin(kApprovalDetail), std::end(kApprovalDetail));
  for (const Figure& f : stats.figures) {
    if (Detailed(f) && !f.records.empty()) detailed.push_back(f.id);
  }
  for (std::string_view id : detailed) {
    const Figure& f = stats.Get(id);
    for (const RecordRef& r : f.records) {
      detail.rows.push_back({f.name, r.kind, r.id, r.date, r.unit, r.label,
                             r.amount != 0 ? Money::FromFen(r.amount).ToYuanString() : ""});
    }
  }
  tables.push_back(std::move(detail));
  return tables;
}

}  // namespace qf::report
