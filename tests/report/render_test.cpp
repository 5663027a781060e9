// The report in its three formats from the shipped templates (config/report/), and the XLSX read
// back with libzip + pugixml.
#include "report/render.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>

#include "case_book_fixture.h"
#include "report/internal/xlsx_export.h"
#include "report/report_tables.h"
#include "xlsx_archive.h"

namespace qf::report::testing {
namespace {

using RenderTest = CaseBookTest;

std::string Render(const Statistics& stats, ReportFormat format) {
  std::string tmpl;
  if (format != ReportFormat::kXlsx) {
    auto loaded = LoadReportTemplate(format);
    EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message());
    tmpl = loaded ? *loaded : "";
  }
  auto out = RenderReport(stats, tmpl, format);
  EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().message());
  return out ? *out : "";
}

TEST_F(RenderTest, HtmlReportCarriesTheFiguresForPrinting) {
  std::string html = Render(Compute("2024-Q2"), ReportFormat::kHtml);
  EXPECT_NE(html.find("关于2024年第二季度纪检监察专项工作情况的报告"), std::string::npos);
  EXPECT_NE(html.find("立案查处<span class=\"figure\">2</span>件<span class=\"figure\">3</span>人"),
            std::string::npos);
  EXPECT_NE(html.find("移送司法机关<span class=\"figure\">1</span>人"), std::string::npos);
  EXPECT_NE(html.find("追缴违纪违法所得<span class=\"figure\">123.45</span>万元"),
            std::string::npos);
  EXPECT_NE(html.find("扫黑除恶“打伞破网”"), std::string::npos);
  EXPECT_NE(html.find("营商环境"), std::string::npos);
  EXPECT_NE(html.find("民生领域系统治理"), std::string::npos);
  EXPECT_NE(html.find("自身建设"), std::string::npos);
  EXPECT_NE(html.find("存在的问题"), std::string::npos);
  EXPECT_NE(html.find("下一步工作打算"), std::string::npos);
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("counter(page)"), std::string::npos);
  EXPECT_NE(html.find("FangSong"), std::string::npos);
  EXPECT_NE(html.find("SimHei"), std::string::npos);
  EXPECT_NE(html.find("四舍五入"), std::string::npos);
  EXPECT_NE(html.find("仍有<span class=\"figure\">1</span>项整改事项超过期限"), std::string::npos);
  // A misspelt tag renders as nothing: no figure may be empty.
  EXPECT_EQ(html.find("<span class=\"figure\"></span>"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
}

TEST_F(RenderTest, MarkdownReportCarriesTheFiguresAndTables) {
  std::string md = Render(Compute("2024"), ReportFormat::kMarkdown);
  EXPECT_NE(md.find("# 关于2024年纪检监察专项工作情况的报告"), std::string::npos);
  EXPECT_NE(md.find("立案查处**2**件**3**人"), std::string::npos);
  EXPECT_NE(md.find("追缴违纪违法所得**123.46**万元"), std::string::npos);
  EXPECT_NE(md.find("| 合计 |"), std::string::npos);
  EXPECT_NE(md.find("| R01 | 死亡人员冒领 | 2 | 0.13 |"), std::string::npos);
  EXPECT_EQ(md.find("****"), std::string::npos);
  EXPECT_EQ(md.find("&quot;"), std::string::npos);  // Markdown is not HTML-escaped
}

TEST_F(RenderTest, UnitReportNamesTheUnit) {
  std::string md = Render(Compute("2024", "street-02"), ReportFormat::kMarkdown);
  EXPECT_NE(md.find("关于2024年二街道监察办公室纪检监察专项工作情况的报告"), std::string::npos);
  EXPECT_NE(md.find("挽回经济损失**5.00**万元"), std::string::npos);
}

TEST_F(RenderTest, EmptyPeriodLeavesOutZeroClauses) {
  for (ReportFormat format : {ReportFormat::kMarkdown, ReportFormat::kHtml}) {
    std::string text = Render(Compute("2023"), format);
    // The prose before the tables says nothing of figures that are zero.
    std::string prose = text.substr(0, text.find("附表"));
    EXPECT_EQ(prose.find("移送司法机关"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("立案查处**"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("立案查处<span"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("**0"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("\"figure\">0"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("追缴违纪违法所得"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("制发监察建议"), std::string::npos) << prose;
    EXPECT_NE(prose.find("本期未受理问题线索"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("，，"), std::string::npos) << prose;
    EXPECT_EQ(prose.find("，。"), std::string::npos) << prose;
  }
}

TEST_F(RenderTest, ClauseWithAZeroFigureIsLeftOutAndTheOthersKeepTheirCommas) {
  // Q2 2024: cases were filed, some figures of the quarter are zero (no transfer feedback).
  Statistics stats = Compute("2024-Q2");
  ASSERT_EQ(stats.Get("transfers.fed_back").value, 0);
  std::string md = Render(stats, ReportFormat::kMarkdown);
  std::string prose = md.substr(0, md.find("附表"));
  EXPECT_EQ(prose.find("**0**"), std::string::npos) << prose;
  EXPECT_EQ(prose.find("**0.00**"), std::string::npos) << prose;
  EXPECT_NE(prose.find("立案查处**2**件**3**人，"), std::string::npos) << prose;
  EXPECT_EQ(prose.find("，。"), std::string::npos) << prose;
}

TEST_F(RenderTest, YikatongParagraphNamesOnlyLedgerRules) {
  Sql("INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, ref, "
      "severity, amount, evidence, status, first_seen_run, last_seen_run, review) VALUES "
      "('s1', 'R19', '', '', '2024-06', '', 'HT-1', '中', 900000000, 'e', 'new', 1, 1, 'open'), "
      "('s2', 'R17', '', '', '2024-06', '', '某公司', '高', 800000000, 'e', 'new', 1, 1, "
      "'open')");
  Statistics stats = Compute("2024");
  EXPECT_EQ(stats.Get("findings.domain.一卡通").value, 3);
  EXPECT_EQ(stats.Get("findings.domain.三资").value, 2);
  std::string md = Render(stats, ReportFormat::kMarkdown);
  std::size_t start = md.find("开展惠民惠农财政补贴资金“一卡通”大数据比对");
  ASSERT_NE(start, std::string::npos) << md;
  std::string paragraph = md.substr(start, md.find("\n", start) - start);
  EXPECT_NE(paragraph.find("发现问题**3**条"), std::string::npos) << paragraph;
  EXPECT_NE(paragraph.find("死亡人员冒领"), std::string::npos) << paragraph;
  EXPECT_EQ(paragraph.find("低价发包"), std::string::npos) << paragraph;
  EXPECT_EQ(paragraph.find("拆分支付"), std::string::npos) << paragraph;
  // The 三资 sentence carries them instead.
  EXPECT_NE(md.find("等问题**2**条"), std::string::npos);
}

TEST(XlsxExportTest, TextThatASpreadsheetWouldRunIsQuoted) {
  std::string path = (std::filesystem::temp_directory_path() / "qf-xlsx-inject.xlsx").string();
  Table table{"明细",
              "=标题",
              {"名称", "金额"},
              {{"=HYPERLINK(\"http://evil.example\")", "-12.5"}, {"@SUM(1)", "3"}}};
  ASSERT_TRUE(internal::WriteXlsx({table}, path).has_value());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  test_support::XlsxArchive xlsx(bytes);
  ASSERT_TRUE(xlsx.ok());
  std::string strings = xlsx.Entry("xl/sharedStrings.xml");
  EXPECT_NE(strings.find("'=HYPERLINK"), std::string::npos) << strings;
  EXPECT_NE(strings.find("'@SUM(1)"), std::string::npos) << strings;
  EXPECT_NE(strings.find("'=标题"), std::string::npos) << strings;
  EXPECT_EQ(strings.find("-12.5"), std::string::npos);  // written as a number
}

TEST_F(RenderTest, XlsxHasOneSheetPerTable) {
  Statistics stats = Compute("2024-Q2");
  std::string bytes = Render(stats, ReportFormat::kXlsx);
  test_support::XlsxArchive xlsx(bytes);
  ASSERT_TRUE(xlsx.ok());
  pugi::xml_document workbook;
  ASSERT_TRUE(workbook.load_string(xlsx.Entry("xl/workbook.xml").c_str()));
  std::vector<std::string> sheets;
  for (pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
    sheets.push_back(s.attribute("name").value());
  }
  EXPECT_EQ(sheets, (std::vector<std::string>{"主要数据", "线索受理", "线索处置", "分领域查处",
                                              "比对发现", "整改落实", "线索移送", "阳光审批",
                                              "审批未通过原因", "分部分查处", "专项整治",
                                              "三资分社区", "监督与人大工作", "数据明细"}));
  std::string strings = xlsx.Entry("xl/sharedStrings.xml");
  EXPECT_NE(strings.find("立案查处"), std::string::npos);
  EXPECT_NE(strings.find("低保冒领"), std::string::npos);  // a drill-down record
  // 主要数据: 追缴 123.45 万元 as a number cell.
  pugi::xml_document sheet1;
  ASSERT_TRUE(sheet1.load_string(xlsx.Entry("xl/worksheets/sheet1.xml").c_str()));
  bool found = false;
  for (pugi::xpath_node v : sheet1.select_nodes("//v")) {
    if (std::string(v.node().text().get()) == "123.45") found = true;
  }
  EXPECT_TRUE(found);
  // 数据明细 lists every record of every headline figure.
  std::size_t detail_rows = ReportTables(stats).back().rows.size();
  EXPECT_GT(detail_rows, 20u);
}

// With QF_REPORT_SAMPLE_DIR set, writes the case book's 2024 report in the three formats there
// (report-sample.{html,md,xlsx}): tests/report/screenshot.mjs shows it beside the demo district's.
TEST_F(RenderTest, WritesTheSampleReportWhenAsked) {
  const char* dir = std::getenv("QF_REPORT_SAMPLE_DIR");
  if (dir == nullptr || *dir == '\0') GTEST_SKIP() << "QF_REPORT_SAMPLE_DIR not set";
  Statistics stats = Compute("2024");
  for (auto [format, ext] :
       {std::pair{ReportFormat::kHtml, "html"}, std::pair{ReportFormat::kMarkdown, "md"},
        std::pair{ReportFormat::kXlsx, "xlsx"}}) {
    std::string bytes = Render(stats, format);
    ASSERT_FALSE(bytes.empty());
    std::ofstream out(std::string(dir) + "/report-sample." + ext, std::ios::binary);
    out << bytes;
    ASSERT_TRUE(out.good());
  }
}

TEST(RenderErrorsTest, BrokenTemplateAndUnknownFormatAreRefused) {
  Statistics empty;
  auto broken = RenderReport(empty, "{{#open}} never closed", ReportFormat::kHtml);
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code(), ErrorCode::kInvalidArgument);
  auto format = ParseReportFormat("pdf");
  ASSERT_FALSE(format.has_value());
  EXPECT_EQ(format.error().code(), ErrorCode::kInvalidArgument);
  auto missing = LoadReportTemplate(ReportFormat::kHtml, "/nonexistent");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace qf::report::testing
