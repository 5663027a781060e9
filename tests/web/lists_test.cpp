// The workspace's lists on a real server (issue 14 point 3): filters by label as well as code,
// a page past the last, batch review through the service, and the Excel export of exactly what
// is filtered — ID numbers masked by role as on screen, formula text neutralised, audited with the
// file's SHA-256.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <regex>

#include "browser.h"
#include "casework/casework_service.h"
#include "core/citizen_id.h"
#include "crypto/crypto.h"
#include "report/xlsx_archive.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/query.h"
#include "web/server.h"

namespace qf::web {
namespace {

using testing::Browser;

class FakeClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return 1766188800; }  // 2025-12-20T00:00:00Z
};

std::string ValidId(const std::string& first17) {
  return first17 + CitizenId::CheckCharacter(first17);
}

std::string Param(const std::string& text) { return httplib::detail::encode_query_param(text); }

class ListsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("qf-lists-test-" + crypto::ToHex(crypto::RandomBytes(6)));
    std::filesystem::create_directories(dir_);
    std::string url = "sqlite:" + (dir_ / "q.db").string();
    auto db = store::Open(url);
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    Seed();
    options_.db_url = url;
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

  void Finding(const std::string& fp, const std::string& status, int64_t amount) {
    Exec(
        "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
        "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES ('" +
        fp + "','R01','" + id_ + "','MZ01','2025-11','','','高'," + std::to_string(amount) +
        ",'死亡后仍领取低保','" + status + "',1,1)");
  }

  void Seed() {
    Exec(
        "INSERT INTO programs VALUES ('MZ01','城乡居民最低生活保障金','区民政局','民政',1,'月',"
        "NULL,124500,NULL,NULL,NULL)");
    // A name an export must not hand to Excel as a formula.
    Exec("INSERT INTO persons VALUES ('" + id_ +
         "','=HYPERLINK(\"http://x\")','男','1948-01-19','330110','后墩社区','H001','户主')");
    Exec("INSERT INTO check_runs VALUES (1,'2025-12-15T00:00:00Z','2025-12-15','R01',1,1,0)");
    Finding(std::string(32, 'a'), "new", 56500);
    Finding(std::string(32, 'b'), "new", 12300);
    Finding(std::string(32, 'c'), "present", 100);
  }

  std::unique_ptr<Browser> As(const std::string& user) {
    auto b = std::make_unique<Browser>(port_);
    EXPECT_TRUE(b->Login(user, "qingfeng-demo")) << user;
    return b;
  }

  static std::string Total(const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex(R"(id="findings-total">([0-9,]+)<)")) ? m[1].str()
                                                                                       : "";
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_;
  ServeOptions options_;
  std::unique_ptr<WebServer> server_;
  int port_ = 0;
  const std::string id_ = ValidId("33011019480119389");
};

TEST_F(ListsTest, FindingsFilterTakesTheLabelShownAsWellAsTheCode) {
  auto b = As("chengban");
  auto by_label = b->Get("/findings?status=" + Param("新增"));
  ASSERT_TRUE(by_label);
  EXPECT_EQ(Total(by_label->body), "2");
  EXPECT_EQ(Total(b->Get("/findings?status=new")->body), "2");
  EXPECT_EQ(Total(b->Get("/findings?status=" + Param("持续存在"))->body), "1");
  EXPECT_EQ(Total(b->Get("/findings?review=" + Param("待核"))->body), "3");
  EXPECT_EQ(Total(b->Get("/findings?status=" + Param("无此状态"))->body), "0");
}

TEST_F(ListsTest, APageBeyondTheLastShowsTheLastAndSortsByWhitelistedColumns) {
  auto b = As("chengban");
  auto page = b->Get("/findings?size=10&page=99&sort=amount&dir=asc");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(R"(data-total="3" data-page="1" data-pages="1">共 <strong)"),
            std::string::npos);
  EXPECT_NE(page->body.find("</strong> 条，第 1/1 页"), std::string::npos);
  size_t small = page->body.find("1.00"), large = page->body.find("565.00");
  ASSERT_NE(small, std::string::npos);
  ASSERT_NE(large, std::string::npos);
  EXPECT_LT(small, large);  // ascending
  auto injected = b->Get("/findings?sort=" + Param("amount; DROP TABLE findings"));
  ASSERT_TRUE(injected);
  EXPECT_EQ(injected->status, 200);
  EXPECT_EQ(Total(injected->body), "3");
}

TEST_F(ListsTest, BatchReviewGoesThroughTheServiceAtTheVersionsShown) {
  auto b = As("chengban");
  b->Get("/findings");
  const std::string a(32, 'a'), c(32, 'c');
  auto res = b->Post("/findings/review", {{"fp", a},
                                          {"v_" + a, "0"},
                                          {"fp", c},
                                          {"v_" + c, "0"},
                                          {"decision", "dismissed"},
                                          {"reason", "批量核实：登记有误"},
                                          {"back", "/findings?status=new"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/findings?status=new");
  std::string after_batch = b->Get("/findings")->body;
  EXPECT_NE(after_batch.find("2 条比对发现已标记为已排除"), std::string::npos);
  auto dismissed =
      store::QueryInt(*db_, "SELECT count(*) FROM findings WHERE review = 'dismissed'");
  EXPECT_EQ(dismissed.value_or(std::nullopt).value_or(-1), 2);
  auto audited = store::QueryInt(
      *db_,
      "SELECT count(*) FROM audit_log WHERE action = 'finding.review' AND actor = 'chengban'");
  EXPECT_EQ(audited.value_or(std::nullopt).value_or(-1), 2);
  // A stale version is refused by the service, not overwritten; a reason-less 排除 too.
  auto stale = b->Post("/findings/review", {{"fp", std::string(32, 'b')},
                                            {"v_" + std::string(32, 'b'), "7"},
                                            {"decision", "dismissed"},
                                            {"reason", "理由"}});
  ASSERT_TRUE(stale);
  auto open = store::QueryInt(*db_, "SELECT count(*) FROM findings WHERE review = 'open'");
  EXPECT_EQ(open.value_or(std::nullopt).value_or(-1), 1);
  EXPECT_NE(b->Get("/findings")->body.find("1 条未能标记"), std::string::npos);
}

TEST_F(ListsTest, ExportHoldsWhatIsFilteredMaskedForTheRoleAndIsAudited) {
  const std::string masked = CitizenId::Parse(id_)->Masked();
  for (const auto& [user, shown, hidden] :
       {std::tuple{"shouli", masked, id_}, std::tuple{"chengban", id_, masked}}) {
    SCOPED_TRACE(user);
    auto b = As(user);
    auto xlsx = b->Get("/findings/export?status=" + Param("新增"));
    ASSERT_TRUE(xlsx);
    ASSERT_EQ(xlsx->status, 200) << xlsx->body.substr(0, 300);
    EXPECT_TRUE(xlsx->get_header_value("Content-Disposition").starts_with("attachment;"));
    test_support::XlsxArchive book(xlsx->body);
    ASSERT_TRUE(book.ok());
    std::string strings = book.Entry("xl/sharedStrings.xml");
    EXPECT_NE(strings.find("比对发现（导出于 2025-12-20 08:00，共 2 条）"), std::string::npos);
    EXPECT_NE(strings.find("身份证号"), std::string::npos);
    EXPECT_NE(strings.find(shown), std::string::npos);
    EXPECT_EQ(strings.find(hidden), std::string::npos);
    EXPECT_NE(strings.find("新增"), std::string::npos);
    EXPECT_EQ(strings.find("持续存在"), std::string::npos);  // the present one is filtered out
    EXPECT_TRUE(strings.find("'=HYPERLINK") != std::string::npos ||
                strings.find("&apos;=HYPERLINK") != std::string::npos)
        << "the name is written as text, not as a formula";
    std::string sheet = book.Entry("xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("<dimension ref=\"A1:K4\"/>"), std::string::npos) << sheet.substr(0, 400);
    auto st = store::Query(*db_,
                           "SELECT after FROM audit_log WHERE action = 'findings.export' AND "
                           "actor = ? ORDER BY seq DESC LIMIT 1",
                           std::string(user));
    ASSERT_TRUE(st.has_value());
    ASSERT_TRUE((*st)->Step().value_or(false));
    std::string after = (*st)->Text(0);
    EXPECT_NE(after.find(crypto::Sha256Hex(xlsx->body)), std::string::npos) << after;
    EXPECT_EQ(after.find(id_), std::string::npos);
  }
}

TEST_F(ListsTest, ClueListFiltersByTheStateLabel) {
  auto clerk = As("shouli");
  clerk->Get("/clues");
  auto made = clerk->Post(
      "/clues",
      {{"source", "信访"}, {"domain", "民生"}, {"title", "低保冒领举报"}, {"summary", "群众反映"}});
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 303) << made->body.substr(0, 400);
  auto registered = clerk->Get("/clues?status=" + Param("已受理"));
  ASSERT_TRUE(registered);
  EXPECT_NE(registered->body.find("低保冒领举报"), std::string::npos);
  EXPECT_NE(registered->body.find(R"(data-total="1" data-page="1" data-pages="1")"),
            std::string::npos);
  auto in_disposal = clerk->Get("/clues?status=" + Param("处置中"));
  EXPECT_EQ(in_disposal->body.find("低保冒领举报"), std::string::npos);
  EXPECT_NE(in_disposal->body.find(R"(data-total="0")"), std::string::npos);
  EXPECT_NE(registered->body.find("<nav class=\"breadcrumb\""), std::string::npos);
  EXPECT_NE(registered->body.find("执纪办案"), std::string::npos);
}

// Domains and campaigns (docs/taxonomy.md): the new-clue form takes several campaigns, the list
// filters by 专项 (its Chinese name or code) and shows them, and the page offers 重新归类 to a
// 承办人 but not to a 受理员, who is refused if they post it anyway.
TEST_F(ListsTest, CampaignsAreTaggedFilteredAndReclassifiedByAHandlerOnly) {
  auto clerk = As("shouli");
  clerk->Get("/clues");
  auto made = clerk->Post("/clues", {{"source", "12345热线"},
                                     {"domain", "窗口服务"},
                                     {"campaigns", "ZX-JC"},
                                     {"campaigns", "ZX-MS-10+1"},
                                     {"title", "窗口索要好处费"},
                                     {"summary", "群众反映"}});
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 303) << made->body.substr(0, 400);
  std::string clue = made->get_header_value("Location");
  ASSERT_TRUE(clue.starts_with("/clues/")) << clue;
  auto by_name = clerk->Get("/clues?campaign=" + Param("“净窗”行动"));
  EXPECT_NE(by_name->body.find(R"(data-total="1")"), std::string::npos);
  EXPECT_NE(by_name->body.find("窗口服务 · “净窗”行动、“10+1”民生领域专项整治"), std::string::npos);
  EXPECT_NE(clerk->Get("/clues?campaign=ZX-JC")->body.find(R"(data-total="1")"), std::string::npos);
  EXPECT_NE(clerk->Get("/clues?campaign=ZX-YKT")->body.find(R"(data-total="0")"),
            std::string::npos);
  auto for_clerk = clerk->Get(clue);
  EXPECT_NE(for_clerk->body.find("id=\"classification\""), std::string::npos);
  EXPECT_EQ(for_clerk->body.find("reclassify-form"), std::string::npos);
  auto refused = clerk->Post(clue + "/reclassify", {{"domain", "民生"}, {"reason", "改"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);

  auto handler = As("chengban");
  auto page = handler->Get(clue);
  EXPECT_NE(page->body.find("reclassify-form"), std::string::npos);
  auto unknown = handler->Post(clue + "/reclassify",
                               {{"domain", "卫健医保"}, {"campaigns", "ZX-NOPE"}, {"reason", "r"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(unknown->body.find("专项：&apos;ZX-NOPE&apos; 不是规定的专项"), std::string::npos)
      << unknown->body.substr(0, 200);
  auto done = handler->Post(
      clue + "/reclassify",
      {{"domain", "卫健医保"}, {"campaigns", "ZX-MS-10+1"}, {"reason", "医保经办窗口"}});
  ASSERT_TRUE(done);
  ASSERT_EQ(done->status, 303) << done->body.substr(0, 400);
  auto after = handler->Get(clue);
  EXPECT_NE(after->body.find(R"(<td id="classification-domain">卫健医保</td>)"), std::string::npos);
  EXPECT_NE(after->body.find("<b>重新归类</b>"), std::string::npos);
  EXPECT_NE(after->body.find("领域 窗口服务 → 卫健医保"), std::string::npos);
  // Out of the 净窗 campaign now.
  EXPECT_NE(clerk->Get("/clues?campaign=ZX-JC")->body.find(R"(data-total="0")"), std::string::npos);
}

// 干部监督室's queue of findings that name commission staff names no one: a search by name finds
// nothing there, and its export carries no name or ID number either.
TEST_F(ListsTest, TheRestrictedQueueCannotBeSearchedOrExportedByName) {
  auto cipher = crypto::FieldCipher::FromKeyFile(options_.key_file);
  ASSERT_TRUE(cipher.has_value());
  casework::CaseworkService service(*db_, clock_, *cipher, options_.casework_options);
  Exec("UPDATE persons SET name = '赵敏' WHERE id_number = '" + id_ + "'");
  ASSERT_TRUE(service.AddUserFromCli("zhaomin", "赵敏", {casework::Role::kHandler}, "commission",
                                     "zhaomin-password", id_));
  auto b = As("jiandu");
  EXPECT_EQ(Total(b->Get("/findings")->body), "3");
  EXPECT_EQ(Total(b->Get("/findings?q=" + Param("赵敏"))->body), "0");
  EXPECT_EQ(Total(b->Get("/findings?q=R01")->body), "3");
  auto xlsx = b->Get("/findings/export?q=R01&sort=person");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  test_support::XlsxArchive book(xlsx->body);
  std::string strings = book.Entry("xl/sharedStrings.xml");
  EXPECT_NE(strings.find("涉及本机关工作人员"), std::string::npos);
  EXPECT_EQ(strings.find("赵敏"), std::string::npos);
  EXPECT_EQ(strings.find(id_.substr(0, 6)), std::string::npos);
}

}  // namespace
}  // namespace qf::web
