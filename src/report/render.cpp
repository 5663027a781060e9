// Template context, template loading and rendering in the three formats.
#include "report/render.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <map>
#include <sstream>

#include "approval/steps.h"
#include "engine/rule.h"
#include "report/internal/report_prose.h"
#include "report/internal/xlsx_export.h"
#include "report/report_tables.h"
#include "report/wan_yuan.h"
#include "taxonomy/taxonomy.h"

namespace qf::report {
namespace {

using internal::Clause;
using internal::Clauses;
namespace fs = std::filesystem;
using Json = nlohmann::json;
using Data = kainjow::mustache::data;

std::string Key(std::string_view id) {
  std::string key(id);
  std::replace(key.begin(), key.end(), '.', '_');
  return key;
}

Data ToData(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: {
      Data d{Data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, ToData(v));
      return d;
    }
    case Json::value_t::array: {
      Data d{Data::type::list};
      for (const auto& v : j) d.push_back(ToData(v));
      return d;
    }
    case Json::value_t::boolean:
      return Data(j.get<bool>());
    case Json::value_t::string:
      return Data(j.get<std::string>());
    case Json::value_t::null:
      return Data(false);
    default:
      return Data(j.dump());
  }
}

// The results of casework (立案, 追责问责, 移送司法, 追缴, 挽回损失), in total or for one domain.
// Per domain there is no 追责问责 件 figure, so the clause counts persons only.
Json ResultClauses(const Statistics& stats, std::string_view suffix = {}) {
  Clause accountability = suffix.empty() ? Clause{"追责问责", "accountability.cases", "件",
                                                  "accountability.persons", "人"}
                                         : Clause{"追责问责", "accountability.persons", "人"};
  return Clauses(stats,
                 {{"立案查处", "cases.filed", "件", "cases.filed_persons", "人"},
                  accountability,
                  {"移送司法机关", "judicial.persons", "人"},
                  {"追缴违纪违法所得", "money.recovered", "万元"},
                  {"挽回经济损失", "money.losses_retrieved", "万元"}},
                 suffix);
}

// Sets `name` to the clauses and `any_<name>` to whether there is one.
void SetClauses(Json& ctx, const std::string& name, Json clauses) {
  ctx["any_" + name] = !clauses.empty();
  ctx[name] = std::move(clauses);
}

// Makes the separators of a list: "、" between items, "" after the last one.
void ListSeparators(Json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) list[i]["sep"] = i + 1 < list.size() ? "、" : "";
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("无法读取 {}", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<ReportFormat> ParseReportFormat(std::string_view text) {
  if (text == "html") return ReportFormat::kHtml;
  if (text == "xlsx") return ReportFormat::kXlsx;
  if (text == "md" || text == "markdown") return ReportFormat::kMarkdown;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("未知的报告格式 '{}'：可选 html、xlsx、md", text));
}

namespace {

// Every configured clue source, in the taxonomy's order, as the report names it.
std::vector<internal::Clause> SourceClauses() {
  static const std::map<std::string, std::string, std::less<>> kSpoken = {
      {"比对发现", "大数据比对发现"},
      {"移送", "政法机关等移送"},
      {"12345热线", "12345热线转办"},
      {"人工录入", "其他途径"}};
  std::vector<internal::Clause> clauses;
  for (const std::string& source : taxonomy::Active().clue_sources) {
    auto spoken = kSpoken.find(source);
    clauses.push_back(
        {spoken == kSpoken.end() ? source : spoken->second, "clues.source." + source, "件"});
  }
  return clauses;
}

}  // namespace

Json ReportContext(const Statistics& stats) {
  Json ctx = Json::object();
  ctx["title"] = fmt::format("{}{}专项工作报告", stats.period.Label(),
                             stats.unit_code.empty() ? std::string() : stats.unit_name);
  ctx["unit_name"] = stats.unit_name;
  ctx["unit_code"] = stats.unit_code;
  ctx["whole_district"] = stats.unit_code.empty();
  ctx["period"] = stats.period.text;
  ctx["period_label"] = stats.period.Label();
  ctx["as_of"] = stats.as_of.ToString();
  ctx["as_of_label"] =
      fmt::format("{}年{}月{}日", stats.as_of.year(), stats.as_of.month(), stats.as_of.day());
  ctx["wan_yuan_rule"] = std::string(kWanYuanRule);
  ctx["findings_confirmation_rate"] = ConfirmationRate(stats, "");
  ctx["any_finding_outcomes"] = stats.Get("findings.decided").value != 0 ||
                                stats.Get("findings.stopped").value != 0 ||
                                stats.Get("findings.recovered").value != 0;
  for (const Figure& f : stats.figures) {
    ctx[Key(f.id)] = f.Display();
    ctx["any_" + Key(f.id)] = f.value != 0;
  }
  internal::AddWorkParts(stats, ctx);

  SetClauses(ctx, "results", ResultClauses(stats));
  Json sources = Clauses(stats, SourceClauses());
  ListSeparators(sources);
  SetClauses(ctx, "clue_sources", std::move(sources));
  Json disposals = Clauses(stats, {{"谈话函询", "disposals.谈话函询", "件"},
                                   {"初步核实", "disposals.初步核实", "件"},
                                   {"暂存待查", "disposals.暂存待查", "件"},
                                   {"予以了结", "disposals.予以了结", "件"}});
  ListSeparators(disposals);
  SetClauses(ctx, "disposal_kinds", std::move(disposals));
  SetClauses(ctx, "rectification_results",
             Clauses(stats, {{"制发监察建议", "rectification.recommendations", "份"},
                             {"督促整改问题", "rectification.found", "项"},
                             {"验收销号", "rectification.completed", "项"}}));
  SetClauses(ctx, "report_results",
             Clauses(stats, {{"受理群众举报", "reports.received", "件"},
                             {"已办结", "reports.answered", "件"}}));
  SetClauses(ctx, "transfer_results",
             Clauses(stats, {{"向政法机关移送问题线索", "transfers.sent", "件"},
                             {"接收政法机关移送问题线索", "transfers.received", "件"},
                             {"完成办理反馈", "transfers.fed_back", "件"}}));

  // The main problems of the 一卡通 paragraph: the ledger rules only (R01–R16); 三资 and
  // enterprise findings have their own sentences.
  std::vector<const engine::RuleSpec*> rules;
  for (const engine::RuleSpec* rule : engine::RuleCatalogue()) {
    if (rule->id < std::string_view("R01") || rule->id > std::string_view("R16")) continue;
    if (stats.Get(fmt::format("findings.rule.{}", rule->id)).value != 0) rules.push_back(rule);
  }
  std::stable_sort(rules.begin(), rules.end(), [&](const auto* a, const auto* b) {
    return stats.Get(fmt::format("findings.rule_amount.{}", a->id)).value >
           stats.Get(fmt::format("findings.rule_amount.{}", b->id)).value;
  });
  constexpr std::size_t kTopRules = 5;
  if (rules.size() > kTopRules) rules.resize(kTopRules);
  Json top = Json::array();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const engine::RuleSpec* rule = rules[i];
    top.push_back(
        {{"rule", rule->id},
         {"sep", i + 1 < rules.size() ? "、" : ""},
         {"name", rule->name},
         {"count", stats.Get(fmt::format("findings.rule.{}", rule->id)).Display()},
         {"amount", stats.Get(fmt::format("findings.rule_amount.{}", rule->id)).Display()}});
  }
  ctx["top_rules"] = std::move(top);

  // Sunshine approval: the steps (mean days need a decimal the figures do not carry) and the
  // reasons applications were turned down, for the 一卡通 paragraph.
  Json steps = Json::array();
  for (const approval::StepStatistics& s : stats.approval.steps) {
    if (s.step == approval::StepKind::kApply) continue;
    steps.push_back({{"name", approval::StepName(s.step)},
                     {"open", s.open},
                     {"decided", s.decided},
                     {"rejected", s.rejected},
                     {"average_days", fmt::format("{:.1f}", s.average_days)},
                     {"overdue", s.overdue},
                     {"any_decided", s.decided > 0}});
  }
  ctx["approval_steps"] = std::move(steps);
  Json rejections = Json::array();
  const auto& reasons = stats.approval.rejections;
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    rejections.push_back({{"category", reasons[i].category},
                          {"count", std::to_string(reasons[i].count)},
                          {"sep", i + 1 < reasons.size() ? "、" : ""}});
  }
  ctx["approval_rejections"] = std::move(rejections);

  Json tables = Json::array();
  for (const Table& table : ReportTables(stats)) {
    if (table.sheet == "数据明细") continue;
    Json rows = Json::array();
    for (const auto& row : table.rows) rows.push_back({{"cells", row}});
    tables.push_back({{"title", table.title},
                      {"sheet", table.sheet},
                      {"columns", table.columns},
                      {"rows", rows}});
  }
  ctx["tables"] = std::move(tables);
  return ctx;
}

Result<std::string> LoadReportTemplate(ReportFormat format, std::string_view dir) {
  std::string name =
      format == ReportFormat::kMarkdown ? "report.md.mustache" : "report.html.mustache";
  std::vector<fs::path> candidates;
  if (!dir.empty()) {
    candidates.push_back(fs::path(dir) / name);
  } else {
    candidates.push_back(fs::path("config/report") / name);
    candidates.push_back(fs::path(QF_SOURCE_DIR) / "config/report" / name);
  }
  for (const fs::path& path : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return ReadFile(path);
  }
  std::string looked;
  for (const fs::path& path : candidates) looked += (looked.empty() ? "" : "、") + path.string();
  return Fail(ErrorCode::kNotFound, fmt::format("找不到报告模板（查找了 {}）", looked));
}

Result<std::string> TablesXlsx(const std::vector<Table>& tables) {
  std::string path = (fs::temp_directory_path() / "qingfeng-report-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return Fail(ErrorCode::kIo, "无法创建临时文件");
  close(fd);
  auto written = internal::WriteXlsx(tables, path);
  Result<std::string> bytes =
      written ? ReadFile(path) : Result<std::string>(std::unexpected(written.error()));
  std::error_code ec;
  fs::remove(path, ec);
  return bytes;
}

Result<std::string> RenderReport(const Statistics& stats, std::string_view template_text,
                                 ReportFormat format) {
  if (format == ReportFormat::kXlsx) return TablesXlsx(ReportTables(stats));
  kainjow::mustache::mustache tmpl{std::string(template_text)};
  if (!tmpl.is_valid()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("报告模板有误：{}", tmpl.error_message()));
  }
  if (format == ReportFormat::kMarkdown) {
    tmpl.set_custom_escape([](const std::string& s) { return s; });
  }
  std::string out = tmpl.render(ToData(ReportContext(stats)));
  if (!tmpl.is_valid()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("报告模板有误：{}", tmpl.error_message()));
  }
  return out;
}

}  // namespace qf::report
