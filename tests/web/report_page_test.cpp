// The work report in the web UI (/report, /report/figure, /report/download): a real server on
// port 0 over the hand-made case book of tests/report (known counts), logged in through the form.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "approval/approval_service.h"
#include "browser.h"
#include "core/id_text.h"
#include "crypto/crypto.h"
#include "report/case_book_fixture.h"
#include "report/xlsx_archive.h"
#include "web/server.h"

namespace qf::web {
namespace {

using testing::Browser;

// The headline figure `id` as the page shows it ("" when absent).
std::string Kpi(const std::string& page, const std::string& id) {
  std::smatch m;
  std::regex re("data-figure=\"" + id + "\"><span>[^<]*</span><strong>([^<]*)</strong>");
  return std::regex_search(page, m, re) ? m[1].str() : "";
}

// A figure in a section's table ("" when absent).
std::string Cell(const std::string& page, const std::string& id) {
  std::smatch m;
  std::regex re("data-figure=\"" + std::regex_replace(id, std::regex(R"(\.)"), R"(\.)") +
                "\">([^<]*)</a>");
  return std::regex_search(page, m, re) ? m[1].str() : "";
}

class ReportPageTest : public report::testing::CaseBookTest {
 protected:
  std::string StoreUrl() override { return "sqlite:" + (dir_ / "q.db").string(); }

  void SetUp() override {
    CaseBookTest::SetUp();  // the book, dated by clock_ (now 2024-08-05)
    if (HasFatalFailure()) return;
    ServeOptions options;
    options.db_url = StoreUrl();
    options.listen = "127.0.0.1:0";
    options.key_file = (dir_ / "q.key").string();
    options.web_root = QF_TEST_WEB_ROOT;
    options.access_log = false;
    options.threads = 2;
    options.casework_options.password_cost = casework::PasswordCost::Minimal();
    server_ = std::make_unique<WebServer>(options, clock_);
    auto port = server_->Start();
    ASSERT_TRUE(port.has_value()) << port.error().message();
    port_ = *port;
  }
  void TearDown() override {
    server_.reset();
    db_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // This test's own directory: the process id keeps parallel ctest processes apart.
  static std::filesystem::path ScratchDir() {
    auto dir =
        std::filesystem::temp_directory_path() /
        ("qf_web_report_" + std::to_string(getpid()) + "_" + crypto::ToHex(crypto::RandomBytes(4)));
    std::filesystem::create_directories(dir);
    return dir;
  }

  // A client logged in as one of the book's users (password "password-<name>").
  std::unique_ptr<Browser> As(const std::string& user) {
    auto client = std::make_unique<Browser>(port_);
    EXPECT_TRUE(client->Login(user, "password-" + user)) << user;
    return client;
  }

  std::filesystem::path dir_ = ScratchDir();
  std::unique_ptr<WebServer> server_;
  int port_ = 0;
};

TEST_F(ReportPageTest, ShowsTheFiguresOfTheCaseBook) {
  auto approver = As("approver");
  auto res = approver->Get("/report?period=2024");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string& page = res->body;
  EXPECT_NE(page.find("2024年全区专项工作统计"), std::string::npos);
  EXPECT_EQ(Kpi(page, "clues.received"), "6");
  EXPECT_EQ(Kpi(page, "cases.filed"), "2");
  EXPECT_EQ(Kpi(page, "cases.filed_persons"), "3");
  EXPECT_EQ(Kpi(page, "judicial.persons"), "1");
  EXPECT_EQ(Kpi(page, "accountability.persons"), "2");
  EXPECT_EQ(Kpi(page, "money.recovered"), "123.46");  // 1 234 549.99 + 0.01 元, rounded once
  EXPECT_EQ(Kpi(page, "money.losses_retrieved"), "5.00");
  EXPECT_EQ(Kpi(page, "findings.total"), "3");  // the dismissed one is not counted
  // Domain by domain, and the other sections.
  // Section by section (the taxonomy's report sections), each figure linked to its records.
  EXPECT_EQ(Cell(page, "section.扫黑除恶.cases"), "1");
  EXPECT_EQ(Cell(page, "section.民生.recovered"), "123.46");
  EXPECT_NE(page.find("href=\"/report/figure?id=section.%E6%B0%91%E7%94%9F.recovered&amp;"),
            std::string::npos);
  // The figures of the other ledgers are counted there too: this store holds no activity.
  EXPECT_EQ(Cell(page, "activities.座谈会.count"), "0");
  EXPECT_EQ(page.find("未接入"), std::string::npos);
  EXPECT_EQ(Cell(page, "clues.source.群众举报"), "2");
  EXPECT_EQ(Cell(page, "disposals.初步核实"), "2");
  EXPECT_EQ(Cell(page, "rectification.completed"), "1");
  EXPECT_EQ(Cell(page, "transfers.fed_back"), "1");
  // Charts beside the numbers: the domain cards and the sections carry their ECharts data.
  EXPECT_NE(page.find("class=\"chart\" data-chart="), std::string::npos);
  EXPECT_NE(page.find("/static/vendor/echarts.min.js"), std::string::npos);
  // Download links for the three formats.
  EXPECT_NE(page.find("/report/download?format=xlsx&amp;period=2024"), std::string::npos);

  // A unit subtree and a quarter: street-02 in Q2 has clues 3, 4, 5 and case B.
  auto street = approver->Get("/report?period=2024-Q2&unit=street-02");
  ASSERT_TRUE(street);
  ASSERT_EQ(street->status, 200);
  EXPECT_EQ(Kpi(street->body, "clues.received"), "3");
  EXPECT_EQ(Kpi(street->body, "cases.filed"), "1");
  EXPECT_EQ(Kpi(street->body, "money.recovered"), "0.00");
}

TEST_F(ReportPageTest, EachFigureDrillsDownToItsRecords) {
  auto approver = As("approver");
  auto res = approver->Get("/report/figure?id=cases.filed&period=2024&unit=");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->body.find("立案查处：2 件"), std::string::npos);
  EXPECT_NE(res->body.find("href=\"/cases/" + std::to_string(case_a_) + "\""), std::string::npos);
  EXPECT_NE(res->body.find("href=\"/cases/" + std::to_string(case_b_) + "\""), std::string::npos);

  auto persons = approver->Get("/report/figure?id=judicial.persons&period=2024");
  ASSERT_TRUE(persons);
  EXPECT_NE(persons->body.find("href=\"/cases/" + std::to_string(case_a_) + "\""),
            std::string::npos);
  EXPECT_NE(persons->body.find("移送司法"), std::string::npos);

  auto unknown = approver->Get("/report/figure?id=no.such.figure&period=2024");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(ReportPageTest, ShowsTheApprovalCardWithDrillDownToTheApplications) {
  // One application, submitted 2024-08-05 by the clerk of 一街道甲社区 and waiting at 初审.
  Sql("INSERT INTO programs(code, name, department, domain, means_tested, period, standard, "
      "max_amount, min_age, max_age, exclusive_group) VALUES ('MZ01', '城乡最低生活保障', "
      "'民政局', '民生', 1, '月', 80000, NULL, NULL, NULL, NULL)");
  approval::ApprovalConfig config;
  approval::ApprovalService service(*db_, clock_, cipher_, config);
  approval::ApplicationInput in{.program_code = "MZ01",
                                .community = "一街道甲社区",
                                .applicant_name = "张三",
                                .id_number = "110105198001011238",
                                .account_no = "6228480000000001",
                                .bank = "农业银行",
                                .declared_income = 50000,
                                .declared_assets = "无",
                                .reason = "收入低于低保标准"};
  auto made = service.SubmitByClerk(
      casework::Actor{0, "clerk", {casework::Role::kIntake}, "community-01-a"}, in);
  ASSERT_TRUE(made.has_value()) << made.error().message();

  auto approver = As("approver");
  auto res = approver->Get("/report?period=2024");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->body.find("“一卡通”阳光审批"), std::string::npos);
  EXPECT_EQ(Cell(res->body, "approval.submitted"), "1");
  EXPECT_EQ(Cell(res->body, "approval.step.community_review"), "1");
  EXPECT_EQ(Cell(res->body, "approval.rejected"), "0");
  // street-02's report does not count it.
  auto street2 = approver->Get("/report?period=2024&unit=street-02");
  ASSERT_TRUE(street2);
  EXPECT_EQ(Cell(street2->body, "approval.submitted"), "0");

  auto drill = approver->Get("/report/figure?id=approval.submitted&period=2024");
  ASSERT_TRUE(drill);
  ASSERT_EQ(drill->status, 200);
  EXPECT_NE(drill->body.find("href=\"/applications/" + std::to_string(made->application_id) + "\""),
            std::string::npos)
      << drill->body;
  EXPECT_NE(drill->body.find("审批申请"), std::string::npos);
}

TEST_F(ReportPageTest, RefusesRolesOutsideTheReport) {
  auto anonymous = std::make_unique<Browser>(port_);
  auto redirected = anonymous->Get("/report?period=2024");
  ASSERT_TRUE(redirected);
  EXPECT_EQ(redirected->status, 303);  // to the login page

  for (const char* user : {"intake", "police1"}) {
    auto client = As(user);
    for (const char* path : {"/report?period=2024", "/report/figure?id=cases.filed&period=2024",
                             "/report/download?format=xlsx&period=2024"}) {
      auto res = client->Get(path);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 403) << user << " " << path;
      EXPECT_NE(res->body.find("无权查看工作报告"), std::string::npos) << user << " " << path;
      EXPECT_EQ(res->body.find("data-figure"), std::string::npos);
    }
  }
  // The nav link shows only where the page opens.
  auto intake_home = As("intake")->Get("/");
  ASSERT_TRUE(intake_home);
  EXPECT_EQ(intake_home->body.find("href=\"/report\""), std::string::npos);
  auto approver_home = As("approver")->Get("/");
  ASSERT_TRUE(approver_home);
  EXPECT_NE(approver_home->body.find("href=\"/report\""), std::string::npos);
}

TEST_F(ReportPageTest, BadPeriodOrUnitIsAClearErrorAndAnEmptyPeriodShowsZeros) {
  auto approver = As("approver");
  auto bad_period = approver->Get("/report?period=2024-13");
  ASSERT_TRUE(bad_period);
  EXPECT_EQ(bad_period->status, 400);
  EXPECT_NE(bad_period->body.find("统计期间有误"), std::string::npos);
  EXPECT_NE(bad_period->body.find("name=\"period\" value=\"2024-13\""), std::string::npos);

  auto bad_unit = approver->Get("/report?period=2024&unit=nowhere");
  ASSERT_TRUE(bad_unit);
  EXPECT_EQ(bad_unit->status, 400);
  EXPECT_NE(bad_unit->body.find("单位 &apos;nowhere&apos; 不存在"), std::string::npos)
      << bad_unit->body;

  auto bad_format = approver->Get("/report/download?format=pdf&period=2024");
  ASSERT_TRUE(bad_format);
  EXPECT_EQ(bad_format->status, 400);

  auto empty = approver->Get("/report?period=2019");
  ASSERT_TRUE(empty);
  ASSERT_EQ(empty->status, 200);
  EXPECT_EQ(Kpi(empty->body, "clues.received"), "0");
  EXPECT_EQ(Kpi(empty->body, "money.recovered"), "0.00");

  // Without a period the page opens on the year of the latest activity.
  auto fallback = approver->Get("/report");
  ASSERT_TRUE(fallback);
  ASSERT_EQ(fallback->status, 200);
  EXPECT_EQ(Kpi(fallback->body, "cases.filed"), "2");
}

TEST_F(ReportPageTest, DownloadsServeTheReportInEachFormat) {
  auto approver = As("approver");
  auto xlsx = approver->Get("/report/download?format=xlsx&period=2024");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(xlsx->get_header_value("Content-Disposition").starts_with("attachment;"));
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find("work-report-2024.xlsx"),
            std::string::npos);
  test_support::XlsxArchive book(xlsx->body);
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(
      book.SheetNames(),
      (std::vector<std::string>{"主要数据", "线索受理", "线索处置", "分领域查处", "比对发现",
                                "整改落实", "线索移送", "阳光审批", "审批未通过原因", "分部分查处",
                                "专项整治", "三资分社区", "监督与人大工作", "数据明细"}));
  EXPECT_NE(book.Entry("xl/sharedStrings.xml").find("低保冒领"), std::string::npos);

  auto html = approver->Get("/report/download?format=html&period=2024");
  ASSERT_TRUE(html);
  ASSERT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(html->body.find("立案查处<span class=\"figure\">2</span>件"), std::string::npos);

  auto md = approver->Get("/report/download?format=md&period=2024&unit=street-02");
  ASSERT_TRUE(md);
  ASSERT_EQ(md->status, 200);
  EXPECT_EQ(md->get_header_value("Content-Type"), "text/markdown; charset=utf-8");
  EXPECT_NE(md->body.find("二街道监察办公室"), std::string::npos);
}

TEST_F(ReportPageTest, DownloadsShowFullIdNumbersOnlyToTheRolesThatSeeThem) {
  // The 数据明细 sheet lists the records behind each figure, findings with their ID numbers.
  auto ids_in = [&](const std::string& user, const std::string& format) {
    auto res = As(user)->Get("/report/download?format=" + format + "&period=2024");
    EXPECT_TRUE(res && res->status == 200) << user << " " << format;
    if (!res) return std::vector<CitizenId>{};
    if (format != "xlsx") return FindIdNumbers(res->body);
    test_support::XlsxArchive book(res->body);
    EXPECT_TRUE(book.ok());
    return FindIdNumbers(book.Entry("xl/sharedStrings.xml"));
  };
  for (const char* format : {"xlsx", "html", "md"}) {
    EXPECT_TRUE(ids_in("approver", format).empty()) << format;
  }
  EXPECT_FALSE(ids_in("handler", "xlsx").empty());  // 承办人 reads the full numbers
}

}  // namespace
}  // namespace qf::web
