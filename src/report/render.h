// The special work report (专项工作报告): the statistics rendered through an editable mustache
// template (config/report/report.html.mustache, report.md.mustache), or exported as XLSX with one
// sheet per table (report_tables.h).
//
//   auto stats = qf::report::ComputeStatistics(db, *period, "", today);
//   auto tmpl = qf::report::LoadReportTemplate(qf::report::ReportFormat::kHtml);
//   auto html = qf::report::RenderReport(*stats, *tmpl, qf::report::ReportFormat::kHtml);
//
// The web UI can render its own page from ReportContext(stats) (the same data the templates see).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "report/report_tables.h"
#include "report/statistics.h"

namespace qf::report {

enum class ReportFormat { kHtml, kXlsx, kMarkdown };

// "html", "xlsx", "md" (or "markdown"); kInvalidArgument otherwise.
Result<ReportFormat> ParseReportFormat(std::string_view text);

// What a template sees. Keys (docs/report.md lists them):
//   title, unit_name, unit_code, period, period_label, as_of, wan_yuan_rule
//   every figure by its id with '.' replaced by '_': {{cases_filed}}, {{money_recovered}} (万元
//   text), {{disposals_谈话函询}}; and any_<that key> (true when the figure is not zero)
//   sections: one per taxonomy section shown, in file order: [{name, title, ordinal ("（一）"),
//              results: clauses of section.<name>.*, any_results, is_saohei, is_minsheng,
//              is_yingshang, is_sanzi, is_ziji, is_other; 自身建设 also restricted (clauses of
//              clues.restricted, cases.restricted/_persons)}] — a section is shown when a figure
//              of it is not zero (扫黑除恶 and 民生 always; 自身建设 when a restricted figure is
//              not)
//   campaigns: [{code, name, results, sep}] for the campaigns with a figure; any_campaigns,
//              ordinal_campaigns
//   activities, institution, stationed_reports, rules_detail, opinions, suggestions: clause
//              lists of the outside figures, each with any_<name>; ordinal_activities,
//              ordinal_institution_part (any_institution_part), ordinal_congress (any_congress)
//   sanzi_streets: [{name, findings, amount, sep}] the streets with 三资 findings
//   A clause list is [{label, value, measure, any_value2, value2, measure2, sep, id}] holding
//   only the clauses whose figures are not zero (absent outside figures read as zero).
//   top_rules: the (at most 5) rules that found problems, most money first:
//              [{rule, name, count, amount, sep}] (sep: "、" between items, "" after the last)
//   approval_steps: [{name, open, decided, rejected, average_days, overdue, any_decided}]
//   (阳光审批,
//              申请 left out); approval_rejections: [{category, count, sep}], most frequent first
//   tables: [{title, sheet, columns: [..], rows: [{cells: [..]}]}] (not the drill-down table)
nlohmann::json ReportContext(const Statistics& stats);

// The template text for `format` (kHtml or kMarkdown): from `dir` when given, else
// ./config/report, else the source tree's config/report. kNotFound naming where it looked.
Result<std::string> LoadReportTemplate(ReportFormat format, std::string_view dir = "");

// The report as bytes: HTML or Markdown text through `template_text` (kInvalidArgument for a
// template that does not parse, with the parser's message), or an XLSX file (`template_text`
// unused). kIo when the XLSX cannot be written.
Result<std::string> RenderReport(const Statistics& stats, std::string_view template_text,
                                 ReportFormat format);

// Any tables as the bytes of an XLSX file, one sheet each, written as the report's (title row,
// header row, numbers as numbers, text cells neutralised against formula injection). kIo when it
// cannot be written. The web lists export through it.
Result<std::string> TablesXlsx(const std::vector<Table>& tables);

}  // namespace qf::report
