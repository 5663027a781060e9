// Integration tests of the web server: a real server on port 0 over a temporary SQLite store,
// with a fake clock, driven by cpp-httplib's client.
#include "web/server.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <thread>

#include "browser.h"
#include "casework/casework_service.h"
#include "core/citizen_id.h"
#include "crypto/crypto.h"
#include "core/id_text.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::web {
namespace {

class FakeClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return now; }
  int64_t now = 1766188800;  // 2025-12-20T00:00:00Z
};

std::string ValidId(const std::string& first17) {
  return first17 + CitizenId::CheckCharacter(first17);
}

using testing::Browser;

class WebServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("qf-web-test-" + crypto::ToHex(crypto::RandomBytes(6)));
    std::filesystem::create_directories(dir_);
    db_url_ = "sqlite:" + (dir_ / "q.db").string();
    auto db = store::Open(db_url_);
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    Seed();

    options_.db_url = db_url_;
    options_.listen = "127.0.0.1:0";
    options_.key_file = (dir_ / "q.key").string();
    options_.web_root = QF_TEST_WEB_ROOT;
    options_.access_log = false;
    options_.threads = 4;
    options_.casework_options.password_cost = casework::PasswordCost::Minimal();
    options_.demo_accounts = true;
    server_ = std::make_unique<WebServer>(options_, clock_);
    auto port = server_->Start();
    ASSERT_TRUE(port.has_value()) << port.error().message();
    port_ = *port;
  }

  void TearDown() override {
    server_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Exec(const std::string& sql) { ASSERT_TRUE(db_->Execute(sql).has_value()) << sql; }

  void Seed() {
    Exec(
        "INSERT INTO programs VALUES ('MZ01','城乡居民最低生活保障金','区民政局','民政',1,'月',"
        "NULL,124500,NULL,NULL,NULL)");
    Exec("INSERT INTO persons VALUES ('" + person_id_ +
         "','张三丰','男','1948-01-19','330110',"
         "'后墩社区','H001','户主')");
    Exec("INSERT INTO persons VALUES ('" + ValidId("33011019500101001") +
         "','李四娘','女',"
         "'1950-01-01','330110','后墩社区','H001','配偶')");
    Exec("INSERT INTO enrolments VALUES ('MZ01','" + person_id_ +
         "','张三丰','后墩社区',"
         "'2024-01-01',NULL)");
    Exec("INSERT INTO payments VALUES ('P1','B1','MZ01','" + person_id_ +
         "','张三丰',"
         "'6222000000001234',56500,'2025-10','2025-10-10')");
    Exec("INSERT INTO payments VALUES ('P2','B2','MZ01','" + person_id_ +
         "','张三丰',"
         "'6222000000001234',56500,'2025-11','2025-11-10')");
    Exec("INSERT INTO check_runs VALUES (1,'2025-12-15T00:00:00Z','2025-12-15','R01',1,1,0)");
    Exec(
        "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
        "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES "
        "('0123456789abcdef0123456789abcdef','R01','" +
        person_id_ +
        "','MZ01','2025-11','','',"
        "'高',56500,'张三丰（" +
        person_id_ + "）死亡后仍领取低保','new',1,1)");
  }

  std::string CommunityPage() { return "/m/p/c-" + crypto::Sm3Hex("后墩社区").substr(0, 10); }

  std::filesystem::path dir_;
  std::string db_url_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_;
  ServeOptions options_;
  std::unique_ptr<WebServer> server_;
  int port_ = 0;
  std::string person_id_ = ValidId("33011019480119389");
};

TEST_F(WebServerTest, StaffPageWithoutSessionRedirectsToLogin) {
  Browser b(port_);
  auto res = b.Get("/findings");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  // (httplib's client decodes the Location header.)
  EXPECT_EQ(res->get_header_value("Location"), "/login?next=/findings");
}

TEST_F(WebServerTest, AnIdleSessionSendsBackToLoginSayingItTimedOut) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  ASSERT_EQ(b.Get("/findings")->status, 200);
  clock_.now += 31 * 60;  // past the 30 minutes a session may stay unused
  auto expired = b.Get("/findings");
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 303);
  auto login = b.Get("/login?next=/findings");
  ASSERT_TRUE(login);
  EXPECT_NE(login->body.find("登录已超时"), std::string::npos);
  // Said once: a later visit to the login page is a plain one.
  EXPECT_EQ(b.Get("/login")->body.find("登录已超时"), std::string::npos);
}

TEST_F(WebServerTest, AnUnknownPageIsAPageOfTheSiteWithTheWayBack) {
  Browser b(port_);
  auto staff = b.Get("/no-such-page");
  ASSERT_TRUE(staff);
  EXPECT_EQ(staff->status, 404);
  EXPECT_NE(staff->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(staff->body.find("页面不存在"), std::string::npos);
  EXPECT_NE(staff->body.find("href=\"/\""), std::string::npos);
  EXPECT_NE(staff->body.find("favicon.svg"), std::string::npos);
  auto citizen = b.Get("/m/no-such-page");
  ASSERT_TRUE(citizen);
  EXPECT_EQ(citizen->status, 404);
  EXPECT_NE(citizen->body.find("href=\"/m/\""), std::string::npos);
  auto icon = b.Get("/favicon.ico");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->status, 301);
  EXPECT_EQ(icon->get_header_value("Location"), "/static/favicon.svg");
}

TEST_F(WebServerTest, TheDashboardListsWhatIsOverdueAndWhatFallsDueThisWeek) {
  // Today is Saturday 2025-12-20 (the fake clock): one check is due tomorrow, one was due on the
  // 10th.
  Exec("INSERT INTO clues(clue_id, source, source_ref, domain, title, summary, amount, unit_code, "
       "restricted, status, created_by, created_at, updated_at) VALUES (1, '信访', '', '民生', "
       "'低保评议走过场', '群众反映', 0, 'commission', 0, 'in_disposal', 'shouli', "
       "'2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z')");
  Exec("INSERT INTO assignments(assignment_id, clue_id, unit_code, request, deadline, status, "
       "assigned_by, assigned_at) VALUES (1, 1, 'commission', '请核实', '2025-12-21', 'assigned', "
       "'chengban', '2025-12-01T00:00:00Z'), (2, 1, 'commission', '请再核实', '2025-12-10', "
       "'assigned', 'chengban', '2025-12-01T00:00:00Z')");
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto page = b.Get("/");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  auto due_soon = page->body.find("本周到期（1）");
  auto overdue = page->body.find("已逾期（1）");
  ASSERT_NE(due_soon, std::string::npos) << page->body;
  ASSERT_NE(overdue, std::string::npos);
  EXPECT_NE(page->body.find("期限 2025-12-21", due_soon), std::string::npos);
  EXPECT_NE(page->body.find("期限 2025-12-10（逾期 10 天）", overdue), std::string::npos);
}

TEST_F(WebServerTest, PostWithoutCsrfTokenIsRefused) {
  Browser b(port_);
  b.Get("/login");
  auto res = b.Post("/login", {{"username", "chengban"}, {"password", "qingfeng-demo"}}, false);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_FALSE(b.cookies.contains("qf_session"));
}

TEST_F(WebServerTest, WrongPasswordIsRefusedAndRightOneLogsIn) {
  Browser b(port_);
  EXPECT_FALSE(b.Login("chengban", "wrong-password"));
  EXPECT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto res = b.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("工作台"), std::string::npos);
}

TEST_F(WebServerTest, CookiesAreHttpOnlyAndSameSiteStrict) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  ASSERT_FALSE(b.set_cookie_headers.empty());
  for (const std::string& header : b.set_cookie_headers) {
    EXPECT_NE(header.find("HttpOnly"), std::string::npos) << header;
    EXPECT_NE(header.find("SameSite=Strict"), std::string::npos) << header;
  }
}

TEST_F(WebServerTest, ResponsesCarrySecurityHeaders) {
  Browser b(port_);
  auto res = b.Get("/m/");
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
}

TEST_F(WebServerTest, FindingsQueueFiltersAndEvidencePageShowsTheFinding) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto all = b.Get("/findings?rule=R01");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->status, 200);
  EXPECT_NE(all->body.find("0123456789abcdef0123456789abcdef"), std::string::npos);
  auto none = b.Get("/findings?rule=R02");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->body.find("0123456789abcdef0123456789abcdef"), std::string::npos);
  auto page = b.Get("/findings/0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("死亡后仍领取低保"), std::string::npos);
}

// 所属期 in the findings queue: a finding's own period when its rule keys on one, else the
// range of the periods its evidence lists, else —; never an empty cell.
TEST_F(WebServerTest, FindingsQueueShowsThePeriodsTheEvidenceCovers) {
  Exec(
      "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
      "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES "
      "('11111111111111111111111111111111','R01','" +
      person_id_ +
      "','MZ01','','','','高',113000,'张三丰于 2025-09-30 死亡，其后所属期仍发放低保：流水号 "
      "P1（2025-10，¥565.00）、P2（2025-11，¥565.00）共 2 笔，合计 ¥1,130.00','new',1,1), "
      "('22222222222222222222222222222222','R06','" +
      person_id_ + "','','','','','低',0,'张三丰名下有 2 张一卡通','new',1,1)");
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto page = b.Get("/findings?page_size=100");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<td>2025-11</td>"), std::string::npos);  // R01 of Seed(): its key
  EXPECT_NE(page->body.find("<td>2025-10 至 2025-11</td>"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("<td>—</td>"), std::string::npos);
}

TEST_F(WebServerTest, DashboardLinksTheNoHouseholdBucketToItsFindings) {
  const std::string stranger_fp = "fedcba9876543210fedcba9876543210";
  Exec(
      "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
      "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES ('" +
      stranger_fp + "','R02','" + ValidId("33011019700101003") +
      "','MZ01','2025-11','','','中',1000,'无户籍人员领取','new',1,1)");
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto dashboard = b.Get("/");
  ASSERT_TRUE(dashboard);
  const std::string link = "/findings?community=（无户籍）";
  ASSERT_NE(dashboard->body.find(link), std::string::npos);
  auto filtered = b.Get("/findings?community=" + httplib::detail::encode_query_param("（无户籍）"));
  ASSERT_TRUE(filtered);
  EXPECT_EQ(filtered->status, 200);
  EXPECT_NE(filtered->body.find(stranger_fp), std::string::npos);
  EXPECT_EQ(filtered->body.find("0123456789abcdef0123456789abcdef"), std::string::npos);
}

TEST_F(WebServerTest, DashboardStatisticsAreTablesNotJson) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto dashboard = b.Get("/");
  ASSERT_TRUE(dashboard);
  ASSERT_EQ(dashboard->status, 200);
  size_t card = dashboard->body.find("办理统计");
  ASSERT_NE(card, std::string::npos);
  std::string section =
      dashboard->body.substr(card, dashboard->body.find("</section>", card) - card);
  EXPECT_NE(section.find("<caption>线索</caption>"), std::string::npos) << section;
  EXPECT_NE(section.find("<caption>整改</caption>"), std::string::npos) << section;
  EXPECT_NE(section.find("合计"), std::string::npos);
  EXPECT_NE(section.find("逾期未整改"), std::string::npos);
  // Neither JSON nor its HTML-escaped form.
  EXPECT_EQ(section.find("{&quot;"), std::string::npos) << section;
  EXPECT_EQ(section.find("{\""), std::string::npos) << section;
}

TEST_F(WebServerTest, PromotingAFindingCreatesAClueAtTheCommission) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  b.Get("/findings");
  auto res = b.Post("/findings/promote", {{"fp", "0123456789abcdef0123456789abcdef"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  std::string location = res->get_header_value("Location");
  EXPECT_TRUE(location.starts_with("/clues/"));
  auto clue = b.Get(location);
  ASSERT_TRUE(clue);
  EXPECT_EQ(clue->status, 200);
  EXPECT_NE(clue->body.find("比对发现"), std::string::npos);
}

TEST_F(WebServerTest, ComparisonStartedFromTheFindingsPageIsRecordedAndReported) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto page = b.Get("/findings");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("/findings/check"), std::string::npos);
  for (int run : {2, 3}) {  // the second run finds the snapshot resident
    auto res = b.Post("/findings/check", {});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 303) << res->body;
    // A background job: the browser goes to its page, which shows the run once it is done.
    std::string job = res->get_header_value("Location");
    EXPECT_TRUE(job.starts_with("/jobs/")) << job;
    server_->WaitForJobs();
    auto shown = b.Get(job);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->status, 200);
    EXPECT_NE(shown->body.find("完成"), std::string::npos);
    EXPECT_NE(shown->body.find(fmt::format("第 {} 次比对", run)), std::string::npos)
        << shown->body.substr(0, 3000);
    auto fragment = b.Get(job + "/progress");
    ASSERT_TRUE(fragment);
    EXPECT_EQ(fragment->body.find("<html"), std::string::npos);
    EXPECT_EQ(fragment->body.find("hx-trigger"), std::string::npos) << "a finished job polls";
  }
  // Another user's job is not there for a 受理员.
  Browser other(port_);
  ASSERT_TRUE(other.Login("shouli", "qingfeng-demo"));
  auto foreign = other.Get("/jobs/1");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 404);
  auto runs = db_->Prepare("SELECT COUNT(*) FROM check_runs");
  ASSERT_TRUE(runs.has_value());
  ASSERT_TRUE((*runs)->Step().value_or(false));
  EXPECT_EQ((*runs)->Int(0), 3);
  auto audited = db_->Prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'check.run'");
  ASSERT_TRUE(audited.has_value());
  ASSERT_TRUE((*audited)->Step().value_or(false));
  EXPECT_EQ((*audited)->Int(0), 2);
  auto started = db_->Prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'job.start'");
  ASSERT_TRUE(started.has_value());
  ASSERT_TRUE((*started)->Step().value_or(false));
  EXPECT_EQ((*started)->Int(0), 2);
}

// A job the server was running when it stopped never finished: after a restart its page says so
// (and a finished job's result page still shows its result).
TEST_F(WebServerTest, AJobRunningWhenTheServerStoppedShowsInterruptedAfterARestart) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  b.Get("/findings");
  auto res = b.Post("/findings/check", {});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303);
  std::string done = res->get_header_value("Location");
  server_->WaitForJobs();
  // As a killed process leaves it: a row still running.
  Exec("INSERT INTO jobs (job_id, kind, started_by, state, stage, done, total, created_at, "
       "started_at) VALUES (99, 'import', 'chengban', 'running', '正在导入', 1, 4, "
       "'2025-12-20T00:00:00Z', '2025-12-20T00:00:00Z')");
  server_.reset();
  server_ = std::make_unique<WebServer>(options_, clock_);
  auto port = server_->Start();
  ASSERT_TRUE(port.has_value()) << port.error().message();
  Browser again(*port);
  ASSERT_TRUE(again.Login("chengban", "qingfeng-demo"));
  auto interrupted = again.Get("/jobs/99");
  ASSERT_TRUE(interrupted);
  EXPECT_EQ(interrupted->status, 200);
  EXPECT_NE(interrupted->body.find("失败（服务重启中断）"), std::string::npos)
      << interrupted->body.substr(0, 3000);
  EXPECT_EQ(interrupted->body.find("hx-trigger"), std::string::npos);
  auto kept = again.Get(done);
  ASSERT_TRUE(kept);
  EXPECT_NE(kept->body.find("第 2 次比对"), std::string::npos);
  auto list = again.Get("/jobs");
  ASSERT_TRUE(list);
  EXPECT_NE(list->body.find("失败"), std::string::npos);
  EXPECT_NE(list->body.find("完成"), std::string::npos);
}

// Nothing half-applied: an upload whose table has a bad row is a finished job that says the table
// was refused, with the row's line and column; the table is as it was and no comparison ran.
TEST_F(WebServerTest, AnImportJobWithARefusedTableLeavesTheTableAsItWas) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  b.Get("/import");
  std::string csv =
      "id_number,name,sex,birth_date,region_code,community,household_id,relation\n" +
      ValidId("33011019600101001") + ",王五,男,1960-01-01,330110,后墩社区,H002,户主\n" +
      "11010519491231002,赵六,男,1949-12-31,330110,后墩社区,H003,户主\n";
  auto res = b.PostMultipart("/import", {{"files", csv, "persons.csv", "text/csv"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  std::string job = res->get_header_value("Location");
  ASSERT_TRUE(job.starts_with("/jobs/")) << job;
  server_->WaitForJobs();
  auto page = b.Get(job);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("完成"), std::string::npos);
  EXPECT_NE(page->body.find("persons.csv → 户籍人口：被拒绝（整表未导入）"), std::string::npos)
      << page->body.substr(0, 4000);
  // Read 2, imported 0, rejected 1; the rejected row by its line and column.
  EXPECT_NE(page->body.find("<td>2</td><td>0</td><td>1</td>"), std::string::npos);
  EXPECT_NE(page->body.find("<td>3</td><td>id_number</td>"), std::string::npos);
  EXPECT_EQ(page->body.find("比对结果"), std::string::npos) << "nothing applied, nothing compared";
  auto persons = db_->Prepare("SELECT COUNT(*) FROM persons");
  ASSERT_TRUE(persons.has_value());
  ASSERT_TRUE((*persons)->Step().value_or(false));
  EXPECT_EQ((*persons)->Int(0), 2);
  auto runs = db_->Prepare("SELECT COUNT(*) FROM check_runs");
  ASSERT_TRUE(runs.has_value());
  ASSERT_TRUE((*runs)->Step().value_or(false));
  EXPECT_EQ((*runs)->Int(0), 1);
}

TEST_F(WebServerTest, DismissingAFindingNeedsAReason) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  b.Get("/findings/0123456789abcdef0123456789abcdef");
  auto res = b.Post("/findings/0123456789abcdef0123456789abcdef/review",
                    {{"decision", "dismissed"}, {"reason", ""}, {"version", "0"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = b.Post("/findings/0123456789abcdef0123456789abcdef/review",
               {{"decision", "dismissed"}, {"reason", "已核实"}, {"version", "0"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
}

// 最近导入 shows when each import happened in Beijing minutes: a row stored as UTC with Z is
// converted; a row of an earlier build (local wall time, no zone) is shown as written, to the
// minute (docs/import.md).
TEST_F(WebServerTest, RecentImportsShowBeijingTimeAndOldRowsAsWritten) {
  Exec(
      "INSERT INTO import_log (table_name, file, sha256, encoding, rows_read, rows_imported, "
      "rows_rejected, rows_changed, outcome, imported_at, imported_by) VALUES "
      "('enrolments', 'new.csv', 'x', 'UTF-8', 1, 1, 0, 1, 'applied', '2026-12-04T02:00:00Z', "
      "'chengban'), "
      "('enrolments', 'old.csv', 'y', 'UTF-8', 1, 1, 0, 1, 'applied', '2025-12-20 08:00:00', "
      "'chengban')");
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto page = b.Get("/import");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("2026-12-04 10:00"), std::string::npos);
  EXPECT_EQ(page->body.find("2026-12-04T02:00:00Z"), std::string::npos);
  EXPECT_NE(page->body.find("2025-12-20 08:00"), std::string::npos);
  EXPECT_EQ(page->body.find("2025-12-20 08:00:00"), std::string::npos);
}

// The system administrator is not offered 停用 on their own account, and a forged request is
// refused with a Chinese message: the account stays enabled.
TEST_F(WebServerTest, AdministratorCannotDisableTheirOwnAccount) {
  auto cipher = crypto::FieldCipher::FromKeyFile(options_.key_file);
  ASSERT_TRUE(cipher.has_value());
  casework::CaseworkService service(*db_, clock_, *cipher, options_.casework_options);
  ASSERT_TRUE(service.AddUserFromCli("admin1", "系统管理员", {casework::Role::kSystemAdmin},
                                     "commission", "admin-password", std::nullopt));
  auto st = db_->Prepare("SELECT user_id FROM users WHERE username = 'admin1'");
  ASSERT_TRUE(st.has_value());
  ASSERT_TRUE((*st)->Step().value_or(false));
  const std::string own = std::to_string((*st)->Int(0));
  st->reset();
  Browser b(port_);
  ASSERT_TRUE(b.Login("admin1", "admin-password"));
  auto page = b.Get("/admin/users");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("/admin/users/" + own + "/disabled"), std::string::npos);
  EXPECT_NE(page->body.find("/disabled\""), std::string::npos);  // others' rows keep theirs
  auto refused = b.Post("/admin/users/" + own + "/disabled", {{"disabled", "1"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 303);
  auto back = b.Get("/admin/users");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 200);
  EXPECT_NE(back->body.find("不能停用本人账号"), std::string::npos);
  auto disabled = db_->Prepare("SELECT disabled FROM users WHERE user_id = " + own);
  ASSERT_TRUE(disabled.has_value());
  ASSERT_TRUE((*disabled)->Step().value_or(false));
  EXPECT_EQ((*disabled)->Int(0), 0);
}

TEST_F(WebServerTest, AdministratorCannotOpenTheFindingsQueue) {
  auto cipher = crypto::FieldCipher::FromKeyFile(options_.key_file);
  ASSERT_TRUE(cipher.has_value());
  casework::CaseworkService service(*db_, clock_, *cipher, options_.casework_options);
  ASSERT_TRUE(service.AddUserFromCli("admin1", "系统管理员", {casework::Role::kSystemAdmin},
                                     "commission", "admin-password", std::nullopt));
  Browser b(port_);
  ASSERT_TRUE(b.Login("admin1", "admin-password"));
  auto res = b.Get("/findings");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(WebServerTest, DisclosurePageMasksNamesAndNeverShowsIdNumbers) {
  Browser b(port_);
  auto res = b.Get(CommunityPage());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("张*丰"), std::string::npos);
  EXPECT_EQ(res->body.find("张三丰"), std::string::npos);
  EXPECT_EQ(res->body.find(person_id_), std::string::npos);
  EXPECT_EQ(res->body.find(person_id_.substr(6, 8)), std::string::npos);
  EXPECT_NE(res->body.find("565.00"), std::string::npos);
}

TEST_F(WebServerTest, DisclosurePageIsRenderedAgainAfterAnImport) {
  Browser b(port_);
  auto first = b.Get(CommunityPage());
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(first->body.find("王*五"), std::string::npos);
  // A new enrolment without an import logged: the page served from the cache stays as it was.
  Exec("INSERT INTO enrolments VALUES ('MZ01','" + ValidId("33011019600101002") +
       "','王小五','后墩社区','2025-01-01',NULL)");
  auto cached = b.Get(CommunityPage());
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->body, first->body);
  // The importer logs every file it applied: the next request sees the new ledger version.
  Exec(
      "INSERT INTO import_log (table_name, file, sha256, encoding, rows_read, rows_imported, "
      "rows_rejected, rows_changed, outcome, imported_at, imported_by) VALUES ('enrolments', "
      "'enrolments.csv', 'x', 'UTF-8', 1, 1, 0, 1, 'applied', '2025-12-20 08:00:00', 'test')");
  auto fresh = b.Get(CommunityPage());
  ASSERT_TRUE(fresh);
  EXPECT_NE(fresh->body.find("王*五"), std::string::npos);
}

TEST_F(WebServerTest, OnePooledConnectionServesConcurrentRequests) {
  // A second server over the same store (stopping the fixture's right after its start could
  // race cpp-httplib's listen loop).
  ServeOptions options = options_;
  options.threads = 8;
  options.db_connections = 1;
  WebServer server(options, clock_);
  auto port = server.Start();
  ASSERT_TRUE(port.has_value()) << port.error().message();
  std::vector<std::thread> clients;
  std::atomic<int> served{0};
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&, port = *port] {
      Browser b(port);
      for (int n = 0; n < 10; ++n) {
        auto page = b.Get(n % 2 == 0 ? CommunityPage() : "/m/check");
        if (page && page->status == 200) ++served;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(served.load(), 80);
}

TEST_F(WebServerTest, SelfCheckShowsOwnPaymentsForTheRightName) {
  Browser b(port_);
  b.Get("/m/check");
  auto res = b.Post("/m/check", {{"id_number", person_id_}, {"name", "张三丰"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("1,130.00"), std::string::npos);
  EXPECT_EQ(res->body.find(person_id_), std::string::npos);
}

// `serve` answers the self-check from its resident snapshot (self_check.h) and never from one the
// ledger has moved past: a payment imported after the snapshot was loaded shows at once.
TEST_F(WebServerTest, SelfCheckFromTheResidentSnapshotFollowsAnImport) {
  server_.reset();
  options_.preload_snapshot = true;
  options_.check_limit_per_id = 0;  // many look-ups of one ID
  options_.check_limit_per_address = 0;
  server_ = std::make_unique<WebServer>(options_, clock_);
  auto port = server_->Start();
  ASSERT_TRUE(port.has_value()) << port.error().message();
  port_ = *port;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the snapshot preloads
  Browser b(port_);
  b.Get("/m/check");
  auto total = [&] {
    auto res = b.Post("/m/check", {{"id_number", person_id_}, {"name", "张三丰"}});
    EXPECT_TRUE(res && res->status == 200);
    return res ? res->body : "";
  };
  EXPECT_NE(total().find("1,130.00"), std::string::npos);
  Exec("INSERT INTO payments VALUES ('P3','B3','MZ01','" + person_id_ +
       "','张三丰','6222000000001234',56500,'2025-12','2025-12-10')");
  Exec(
      "INSERT INTO import_log(table_name, file, sha256, encoding, rows_read, rows_imported, "
      "rows_rejected, rows_changed, outcome, imported_at, imported_by) VALUES ('payments', "
      "'p.csv', 'abc', 'UTF-8', 1, 1, 0, 1, 'applied', '2025-12-15T01:00:00Z', 'test')");
  for (int i = 0; i < 20; ++i) {  // before, during and after the snapshot's reload
    std::string page = total();
    EXPECT_NE(page.find("1,695.00"), std::string::npos) << i;
    EXPECT_NE(page.find("2025-12-10"), std::string::npos) << i;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

TEST_F(WebServerTest, SelfCheckWithWrongNameLooksExactlyLikeAnUnknownId) {
  Browser b(port_);
  b.Get("/m/check");
  auto wrong_name = b.Post("/m/check", {{"id_number", person_id_}, {"name", "王五"}});
  auto unknown_id =
      b.Post("/m/check", {{"id_number", ValidId("11010519491231002")}, {"name", "王五"}});
  ASSERT_TRUE(wrong_name);
  ASSERT_TRUE(unknown_id);
  EXPECT_EQ(wrong_name->status, unknown_id->status);
  EXPECT_EQ(wrong_name->body, unknown_id->body);
  EXPECT_EQ(wrong_name->body.find("565.00"), std::string::npos);
}

TEST_F(WebServerTest, SelfCheckIsRateLimitedPerIdUntilTheHourPasses) {
  Browser b(port_);
  b.Get("/m/check");
  for (int i = 0; i < options_.check_limit_per_id; ++i) {
    auto res = b.Post("/m/check", {{"id_number", person_id_}, {"name", "王五"}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << i;
  }
  auto refused = b.Post("/m/check", {{"id_number", person_id_}, {"name", "张三丰"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  clock_.now += 3600;
  auto again = b.Post("/m/check", {{"id_number", person_id_}, {"name", "张三丰"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(WebServerTest, AnonymousReportGetsAReceiptStoresNoAddressAndEscapesItsText) {
  Browser b(port_);
  b.Get("/m/report");
  auto res = b.PostMultipart("/m/report",
                             {{"category", "冒领骗取补贴", "", ""},
                              {"content", "<script>alert('x')</script> 有人冒领", "", ""},
                              {"identity", "anonymous", "", ""},
                              {"place", "c-" + crypto::Sm3Hex("后墩社区").substr(0, 10), "", ""}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(res->body, m, std::regex(R"re(data-code="(\d{16})")re")));
  std::string code = m[1];

  // The code itself is nowhere in the store; no table holds the sender's address.
  for (const char* table : {"public_reports", "public_report_messages", "clues", "audit_log"}) {
    auto st = db_->Prepare(std::string("SELECT * FROM ") + table);
    ASSERT_TRUE(st.has_value());
    while (true) {
      auto row = (*st)->Step();
      ASSERT_TRUE(row.has_value());
      if (!*row) break;
      for (int c = 0; c < 20; ++c) {
        std::string v = (*st)->Text(c);
        EXPECT_EQ(v.find("127.0.0.1"), std::string::npos) << table;
        EXPECT_EQ(v.find(code), std::string::npos) << table;
      }
    }
  }
  auto st = db_->Prepare("SELECT unit_code, source FROM clues");
  ASSERT_TRUE(st.has_value());
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ((*st)->Text(0), "commission");
  EXPECT_EQ((*st)->Text(1), "群众举报");

  b.Get("/m/receipt");
  auto view = b.Post("/m/receipt", {{"code", code}});
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, 200);
  EXPECT_NE(view->body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(view->body.find("<script>alert"), std::string::npos);
}

// Issue 14 point 9: the citizen pages.
TEST_F(WebServerTest, SelfCheckAcceptsAnIdTypedWithSpacesAndStatesTheDataDate) {
  Browser b(port_);
  auto form = b.Get("/m/check");
  ASSERT_TRUE(form);
  EXPECT_NE(form->body.find("数据截至 2025年12月15日"), std::string::npos);
  // As printed on the card: 6 + 8 + 4, and with a full-width space.
  const std::string spaced =
      person_id_.substr(0, 6) + " " + person_id_.substr(6, 8) + "\u3000" + person_id_.substr(14);
  auto res = b.Post("/m/check", {{"id_number", spaced}, {"name", "张三丰"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->body.find("1,130.00"), std::string::npos);
  EXPECT_NE(res->body.find("数据截至 2025年12月15日"), std::string::npos);
  EXPECT_EQ(res->body.find(person_id_), std::string::npos);
  // A wrong number gives back the name, never the number.
  auto bad = b.Post("/m/check", {{"id_number", "123 456"}, {"name", "张三丰"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("value=\"张三丰\""), std::string::npos);
}

TEST_F(WebServerTest, RefusedReportKeepsWhatWasTyped) {
  Browser b(port_);
  b.Get("/m/report");
  auto res = b.PostMultipart("/m/report", {{"category", "优亲厚友", "", ""},
                                           {"content", "村干部把低保给了亲戚，已有两年", "", ""},
                                           {"identity", "real", "", ""},
                                           {"reporter_name", "王大妈", "", ""},
                                           {"reporter_phone", "12ab", "", ""}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("实名反映请填写姓名和联系电话"), std::string::npos);
  EXPECT_NE(res->body.find(">村干部把低保给了亲戚，已有两年</textarea>"), std::string::npos);
  EXPECT_NE(res->body.find("<option selected>优亲厚友</option>"), std::string::npos);
  EXPECT_NE(res->body.find("value=\"王大妈\""), std::string::npos);
  EXPECT_NE(res->body.find("value=\"12ab\""), std::string::npos);
  EXPECT_NE(res->body.find("value=\"real\" checked"), std::string::npos);
}

TEST_F(WebServerTest, PublicIndexLinksPublicityAndApplicationAndSearchesPlaces) {
  Browser b(port_);
  auto index = b.Get("/m/");
  ASSERT_TRUE(index);
  EXPECT_NE(index->body.find("href=\"/m/gs\""), std::string::npos);
  EXPECT_NE(index->body.find("href=\"/m/apply\""), std::string::npos);
  EXPECT_NE(index->body.find("name=\"q\""), std::string::npos);
  EXPECT_NE(index->body.find(CommunityPage()), std::string::npos);
  auto found = b.Get("/m/?q=" + httplib::detail::encode_query_param("后墩"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, 200);
  EXPECT_NE(found->body.find(CommunityPage()), std::string::npos);
  EXPECT_NE(found->body.find("找到 1 处"), std::string::npos);
  auto none = b.Get("/m/?q=" + httplib::detail::encode_query_param("不存在的村"));
  ASSERT_TRUE(none);
  EXPECT_NE(none->body.find("没有名称含"), std::string::npos);
}

TEST_F(WebServerTest, WrongReceiptCodeFindsNothing) {
  Browser b(port_);
  b.Get("/m/receipt");
  auto res = b.Post("/m/receipt", {{"code", "1234567890123456"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(WebServerTest, ReportPhotoMustBeAnImage) {
  Browser b(port_);
  b.Get("/m/report");
  auto res = b.PostMultipart("/m/report", {{"category", "其他", "", ""},
                                           {"content", "照片测试", "", ""},
                                           {"photos", "not an image", "a.jpg", "image/jpeg"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

TEST_F(WebServerTest, ApiNeedsABearerTokenFromTheSessionRoute) {
  httplib::Client client("127.0.0.1", port_);
  auto refused = client.Get("/api/v1/clues");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto login =
      client.Post("/api/v1/session", R"({"username":"chengban","password":"qingfeng-demo"})",
                  "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200);
  std::string token = nlohmann::json::parse(login->body)["token"];
  auto clues = client.Get("/api/v1/clues", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(clues);
  EXPECT_EQ(clues->status, 200);
}

// Every `METHOD /api/v1/...` row of docs/api.md reaches an API handler: the answer is the API's
// JSON (even when it is 400/403/404 for the dummy ids and bodies), never the router's plain-text
// 404 of a path nobody serves.
TEST_F(WebServerTest, DocumentedApiRoutesAllAnswer) {
  std::ifstream doc(std::string(QF_TEST_WEB_ROOT) + "/../docs/api.md");
  ASSERT_TRUE(doc.good());
  std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  static const std::regex row(R"(\| `(GET|POST|PUT|DELETE) (/api/v1/[^`? ]*))");
  std::vector<std::pair<std::string, std::string>> routes;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), row); it != std::sregex_iterator();
       ++it) {
    std::string path = std::regex_replace((*it)[2].str(), std::regex(R"(\{[a-z_]+\})"), "1");
    routes.emplace_back((*it)[1].str(), path);
  }
  ASSERT_GE(routes.size(), 35u) << "docs/api.md lost its route tables?";
  httplib::Client client("127.0.0.1", port_);
  auto login =
      client.Post("/api/v1/session", R"({"username":"chengban","password":"qingfeng-demo"})",
                  "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200);
  httplib::Headers auth = {
      {"Authorization",
       "Bearer " + nlohmann::json::parse(login->body)["token"].get<std::string>()}};
  // The logout goes last: it ends the session the others use.
  std::stable_partition(routes.begin(), routes.end(), [](const auto& r) {
    return !(r.first == "DELETE" && r.second == "/api/v1/session");
  });
  for (const auto& [method, path] : routes) {
    httplib::Result res = method == "GET"    ? client.Get(path, auth)
                          : method == "POST" ? client.Post(path, auth, "{}", "application/json")
                          : method == "PUT"  ? client.Put(path, auth, "{}", "application/json")
                                             : client.Delete(path, auth);
    ASSERT_TRUE(res) << method << " " << path;
    EXPECT_NE(res->status, 405) << method << " " << path;
    if (res->status == 204) continue;
    EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("application/json"))
        << method << " " << path << " → " << res->status << " " << res->body;
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << method << " " << path;
    if (res->status >= 400) {
      EXPECT_TRUE(body["error"].is_object()) << method << " " << path << " " << res->body;
      EXPECT_TRUE(body["error"].contains("code")) << method << " " << path;
    }
  }
  auto unknown = client.Get("/api/v1/no-such-route", auth);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_FALSE(unknown->get_header_value("Content-Type").starts_with("application/json"));
}

TEST_F(WebServerTest, EveryStaffAndPublicPageRenders) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  for (const char* path : {"/", "/findings", "/clues", "/cases", "/transfers", "/rectifications",
                           "/import", "/qr", "/m/", "/m/check", "/m/report", "/m/receipt"}) {
    auto res = b.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path << "\n" << res->body;
  }
}

TEST_F(WebServerTest, QrSheetHasOneSvgCodePerPlace) {
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto res = b.Get("/qr");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  // One community, one program, one service window.
  size_t count = 0;
  for (size_t pos = 0; (pos = res->body.find("<svg", pos)) != std::string::npos; ++pos) ++count;
  EXPECT_EQ(count, 3u);
  EXPECT_NE(res->body.find("后墩社区"), std::string::npos);
}

// ---- Issue 12: finding reviews, 灯下黑, ID numbers on pages ------------------------------------

constexpr const char* kFp = "0123456789abcdef0123456789abcdef";

int64_t CountRows(store::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  if (!st) return -1;
  auto row = (*st)->Step();
  return row && *row ? (*st)->Int(0) : -1;
}

TEST_F(WebServerTest, AStaleReviewIsRefusedWith409AndAChineseMessage) {
  Browser first(port_), second(port_);
  ASSERT_TRUE(first.Login("shouli", "qingfeng-demo"));
  ASSERT_TRUE(second.Login("chengban", "qingfeng-demo"));
  auto page = second.Get(std::string("/findings/") + kFp);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find(R"(name="version" value="0")"), std::string::npos);
  first.Get(std::string("/findings/") + kFp);
  auto saved = first.Post(std::string("/findings/") + kFp + "/review",
                          {{"decision", "confirmed"}, {"version", "0"}});
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 303);
  // The second reviewer decides on what the page showed them: version 0. Refused.
  auto stale = second.Post(std::string("/findings/") + kFp + "/review",
                           {{"decision", "dismissed"}, {"reason", "已备案"}, {"version", "0"}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_NE(stale->body.find("请刷新页面"), std::string::npos) << stale->body;
  EXPECT_EQ(CountRows(*db_, "SELECT count(*) FROM findings WHERE review = 'confirmed'"), 1);
  // A form without a version (an old page) is refused too, never applied.
  auto unversioned = second.Post(std::string("/findings/") + kFp + "/review",
                                 {{"decision", "dismissed"}, {"reason", "已备案"}});
  ASSERT_TRUE(unversioned);
  EXPECT_EQ(unversioned->status, 400);
  EXPECT_EQ(CountRows(*db_,
                      "SELECT count(*) FROM audit_log WHERE action = 'finding.review' AND "
                      "actor = 'shouli'"),
            1);
}

TEST_F(WebServerTest, AFindingNamingStaffIsOnlyInTheSupervisionQueue) {
  auto cipher = crypto::FieldCipher::FromKeyFile(options_.key_file);
  ASSERT_TRUE(cipher.has_value());
  casework::CaseworkService service(*db_, clock_, *cipher, options_.casework_options);
  // 张三丰, the subject of the seeded finding, works at the commission.
  ASSERT_TRUE(service.AddUserFromCli("zhangsf", "张三丰", {casework::Role::kHandler}, "commission",
                                     "zhangsf-password", person_id_));
  for (auto [user, password] :
       {std::pair{"chengban", "qingfeng-demo"}, std::pair{"shenhe", "qingfeng-demo"},
        std::pair{"zhangsf", "zhangsf-password"}}) {
    Browser b(port_);
    ASSERT_TRUE(b.Login(user, password));
    auto queue = b.Get("/findings");
    ASSERT_TRUE(queue);
    EXPECT_EQ(queue->body.find(kFp), std::string::npos) << user;
    auto detail = b.Get(std::string("/findings/") + kFp);
    ASSERT_TRUE(detail);
    EXPECT_EQ(detail->status, 404) << user;
    // The staff member named in it cannot reset its review.
    auto reset = b.Post(std::string("/findings/") + kFp + "/review",
                        {{"decision", "open"}, {"version", "0"}});
    ASSERT_TRUE(reset);
    EXPECT_EQ(reset->status, 404) << user;
  }
  Browser jiandu(port_);
  ASSERT_TRUE(jiandu.Login("jiandu", "qingfeng-demo"));
  auto queue = jiandu.Get("/findings");
  ASSERT_TRUE(queue);
  EXPECT_NE(queue->body.find(kFp), std::string::npos);
  EXPECT_EQ(queue->body.find(person_id_), std::string::npos);  // the queue names no one
  int64_t reads =
      CountRows(*db_, "SELECT count(*) FROM audit_log WHERE action = 'finding.read_restricted'");
  auto detail = jiandu.Get(std::string("/findings/") + kFp);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->status, 200);
  EXPECT_NE(detail->body.find("仅干部监督室可见"), std::string::npos);
  EXPECT_EQ(CountRows(*db_,
                      "SELECT count(*) FROM audit_log WHERE action = 'finding.read_restricted' "
                      "AND actor = 'jiandu'"),
            reads + 1);
}

// Every valid ID number in clear in `html`.
std::vector<std::string> IdsIn(const std::string& html) {
  std::vector<std::string> out;
  for (const CitizenId& id : FindIdNumbers(html)) out.push_back(id.value());
  return out;
}

TEST_F(WebServerTest, NoPageShowsAFullIdNumberToARoleThatMayNotSeeIt) {
  Browser clerk(port_);
  ASSERT_TRUE(clerk.Login("shouli", "qingfeng-demo"));
  clerk.Get("/findings");
  auto promoted = clerk.Post("/findings/promote", {{"fp", kFp}});
  ASSERT_TRUE(promoted);
  ASSERT_EQ(promoted->status, 303) << promoted->body;
  std::string clue_page = promoted->get_header_value("Location");
  // Stored: the summary built from the finding's evidence holds the ID sealed, not in clear.
  auto st = db_->Prepare("SELECT title || summary || source_ref FROM clues");
  ASSERT_TRUE(st.has_value());
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ(IdsIn((*st)->Text(0)), std::vector<std::string>{}) << (*st)->Text(0);

  const std::vector<std::string> pages = {
      "/",      "/findings", std::string("/findings/") + kFp,
      "/clues", clue_page,   "/report/figure?id=findings.total"};
  for (const char* user : {"shouli", "shenhe"}) {
    Browser b(port_);
    ASSERT_TRUE(b.Login(user, "qingfeng-demo"));
    for (const std::string& path : pages) {
      auto res = b.Get(path);
      ASSERT_TRUE(res) << path;
      EXPECT_EQ(IdsIn(res->body), std::vector<std::string>{}) << user << " " << path;
    }
  }
  // 承办人 sees the full number, in the summary as in the subjects.
  Browser handler(port_);
  ASSERT_TRUE(handler.Login("chengban", "qingfeng-demo"));
  auto full = handler.Get(clue_page);
  ASSERT_TRUE(full);
  EXPECT_NE(full->body.find(person_id_), std::string::npos);
}

// The 项目资金 pages (issue 16): a project with a payment before its acceptance, an invoice another
// project lists too, and its R22 finding.
TEST_F(WebServerTest, ProjectPageShowsTimelinePaymentsInvoicesAndFindings) {
  Exec(
      "INSERT INTO enterprise_projects VALUES ('XM01','技术改造专项','区经信局',"
      "'91330110MA00000012','某某科技有限公司','智能产线改造',100000000,30000000,'0.3',"
      "'2025-01-05','2025-02-01','2025-09-01','" +
      person_id_ + "',NULL)");
  Exec(
      "INSERT INTO enterprise_projects VALUES ('XM02','数字化转型专项','区经信局',"
      "'91330110MA00000025','某某软件有限公司','平台建设',50000000,10000000,NULL,"
      "'2025-01-05','2025-01-20',NULL,NULL,NULL)");
  Exec(
      "INSERT INTO project_payments VALUES ('BF1','XM01',9000000,'2025-02-20','预拨'),"
      "('BF2','XM01',21000001,'2025-08-20','验收后')");
  Exec(
      "INSERT INTO project_invoices VALUES ('XM01','0330','0001','设备公司',500000,'2024-12-01'),"
      "('XM02','0330','0001','设备公司',500000,'2024-12-01')");
  Exec(
      "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
      "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES "
      "('fedcba9876543210fedcba9876543210','R22','','','','','XM01','高',1,"
      "'项目 XM01 累计拨付超过核定补助','new',1,1)");
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto list = b.Get("/projects?department=%E5%8C%BA%E7%BB%8F%E4%BF%A1%E5%B1%80");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("XM01"), std::string::npos);
  EXPECT_NE(list->body.find("XM02"), std::string::npos);
  auto page = b.Get("/projects/XM01");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  for (const char* step : {"申报", "批准", "预拨", "验收", "拨付"}) {
    EXPECT_NE(page->body.find(std::string("<strong>") + step + "</strong>"), std::string::npos)
        << step;
  }
  EXPECT_NE(page->body.find("<dd>30%</dd>"), std::string::npos);  // max_ratio 0.3
  EXPECT_NE(page->body.find("验收前拨付"), std::string::npos);    // BF2 before 2025-09-01
  EXPECT_NE(page->body.find("另有 1 个项目使用"), std::string::npos);
  EXPECT_NE(page->body.find("R22 超额拨付"), std::string::npos);
  EXPECT_NE(page->body.find("张三丰"), std::string::npos);  // the reviewer, by name
  auto missing = b.Get("/projects/XM99");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  // XM02 was approved on 2025-01-20 and never advanced: 预拨 overdue as of the last check.
  auto supervision = b.Get("/projects/supervision");
  ASSERT_TRUE(supervision);
  ASSERT_EQ(supervision->status, 200);
  EXPECT_NE(supervision->body.find("XM02"), std::string::npos);
  EXPECT_NE(supervision->body.find("已超期"), std::string::npos);
}

// 三资 findings name a contract or a counterparty, not a person: the dashboard counts them under
// their collective's community (not as （无户籍）), and that community's filter lists them.
TEST_F(WebServerTest, DashboardCountsSanziFindingsUnderTheirCommunity) {
  Exec(
      "INSERT INTO collective_contracts VALUES ('HT09','东湖村','鱼塘','水面','10','王五',NULL,"
      "'2023-01-01','2025-12-31',1000000,'未公开')");
  Exec(
      "INSERT INTO collective_transactions VALUES ('T9','东湖村','2025-03-05','支',90000,"
      "'某建材公司',NULL,'材料款',NULL,NULL)");
  const std::string r20 = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
  const std::string r17 = "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b";
  const std::string r22 = "7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c";
  Exec(
      "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
      "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES ('" +
      r20 + "','R20','','','','','HT09','中',1000000,'未经公开程序','new',1,1), ('" + r17 +
      "','R17','','','','','某建材公司','高',270000,'拆分支付','new',1,1), ('" + r22 +
      "','R22','','','','','XM09','高',5000,'超额拨付','new',1,1)");
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto dashboard = b.Get("/");
  ASSERT_TRUE(dashboard);
  const std::string& body = dashboard->body;
  // The by-community table: 东湖村 with both 三资 findings, the enterprise one on its own.
  std::size_t table = body.find("按社区");
  ASSERT_NE(table, std::string::npos);
  std::size_t row = body.find("/findings?community=东湖村", table);
  ASSERT_NE(row, std::string::npos) << body;
  EXPECT_NE(body.find("<td>2</td><td>12,700.00</td>", row), std::string::npos)
      << body.substr(row, 200);
  EXPECT_NE(body.find("/findings?community=（涉企项目）", table), std::string::npos);
  EXPECT_EQ(body.find("/findings?community=（无户籍）", table), std::string::npos);

  auto filtered = b.Get("/findings?community=" + httplib::detail::encode_query_param("东湖村"));
  ASSERT_TRUE(filtered);
  EXPECT_EQ(filtered->status, 200);
  EXPECT_NE(filtered->body.find(r20), std::string::npos);
  EXPECT_NE(filtered->body.find(r17), std::string::npos);
  EXPECT_EQ(filtered->body.find(r22), std::string::npos);
  auto none = b.Get("/findings?community=" + httplib::detail::encode_query_param("（无户籍）"));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->body.find(r20), std::string::npos);
  EXPECT_EQ(none->body.find(r22), std::string::npos);
}

// The 三资 page: a contract's years, the due ones against the receipts carrying its contract_id.
TEST_F(WebServerTest, SanziPageShowsRentDueAgainstReceivedByYear) {
  Exec(
      "INSERT INTO collective_contracts VALUES ('HT01','后墩社区','鱼塘','水面','10','王五',NULL,"
      "'2023-01-01','2025-12-31',1000000,'公开招标')");
  Exec(
      "INSERT INTO collective_transactions VALUES ('T1','后墩社区','2023-01-05','收',1000000,"
      "'王五',NULL,'租金',NULL,'HT01')");
  Browser b(port_);
  ASSERT_TRUE(b.Login("chengban", "qingfeng-demo"));
  auto index = b.Get("/sanzi");
  ASSERT_TRUE(index);
  EXPECT_NE(index->body.find("后墩社区"), std::string::npos);
  auto page = b.Get("/sanzi/%E5%90%8E%E5%A2%A9%E7%A4%BE%E5%8C%BA");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("第1年"), std::string::npos);
  EXPECT_NE(page->body.find("欠收"), std::string::npos);    // 2024: due, nothing received
  EXPECT_NE(page->body.find("未到期"), std::string::npos);  // 2025 ends after the as-of date
  EXPECT_NE(page->body.find("T1"), std::string::npos);
  auto missing = b.Get("/sanzi/%E6%97%A0%E6%AD%A4%E7%A4%BE%E5%8C%BA");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

}  // namespace
}  // namespace qf::web
