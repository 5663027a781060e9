// The sunshine-approval pages on a real server (port 0, temporary SQLite store, fake clock): the
// clerk's form and its receipt code, the 初审 decision, the public 公示 with masked names and no ID
// number, an objection that needs the CSRF token and becomes a clue, progress by receipt code, and
// who may open what.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <regex>
#include <string>

#include "approval/approval_service.h"
#include "browser.h"
#include "casework/casework_service.h"
#include "core/citizen_id.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/temp_dir.h"
#include "web/server.h"

namespace qf::web {
namespace {

class FakeClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return 1766188800; }  // 2025-12-20T00:00:00Z
};

using testing::Browser;

std::string First(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

class ApprovalPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string url = "sqlite:" + dir_.File("q.db");
    auto db = store::Open(url);
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    ASSERT_TRUE(db_->Execute("INSERT INTO programs(code, name, department, domain, means_tested, "
                             "period, standard) VALUES ('MZ01', '最低生活保障', '民政局', '民生', "
                             "1, '月', 80000)")
                    .has_value());
    ASSERT_TRUE(db_->Execute("INSERT INTO persons(id_number, name, sex, birth_date, region_code, "
                             "community, household_id, relation) VALUES ('" +
                             kId +
                             "', '李建国', '男', '1980-01-01', '110105', '幸福社区', 'H1', "
                             "'户主')")
                    .has_value());
    options_.db_url = url;
    options_.listen = "127.0.0.1:0";
    options_.key_file = dir_.File("q.key");
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
  }

  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.has_value());
    auto row = (*st)->Step();
    EXPECT_TRUE(row.has_value() && *row);
    return (*st)->Int(0);
  }

  // Submits the application as chengban (受理员 + 承办人); returns {id, receipt code}.
  std::pair<std::string, std::string> Submit(Browser& clerk) {
    EXPECT_TRUE(clerk.Login("chengban", "qingfeng-demo"));
    auto form = clerk.Get("/applications/new");
    EXPECT_EQ(form->status, 200);
    auto made = clerk.Post("/applications/new", {{"program_code", "MZ01"},
                                                 {"community", "幸福社区"},
                                                 {"applicant_name", "李建国"},
                                                 {"id_number", kId},
                                                 {"household_size", "2"},
                                                 {"account_no", "6217000010000000011"},
                                                 {"bank", "农商银行"},
                                                 {"declared_income", "600"},
                                                 {"declared_assets", "自住房一套"},
                                                 {"reason", "因病致贫"}});
    EXPECT_EQ(made->status, 200) << made->body;
    return {First(made->body, R"re(id="application-link">(\d+)<)re"),
            First(made->body, R"re(data-code="(\d{16})")re")};
  }

  const std::string kId =
      "11010519800101123" + std::string(1, CitizenId::CheckCharacter("11010519800101123"));
  test_support::TempDir dir_{"qf_web_approval"};
  FakeClock clock_;
  ServeOptions options_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<WebServer> server_;
  int port_ = 0;
};

TEST_F(ApprovalPagesTest, PublicitySheetIsMaskedAndObjectionsNeedTheToken) {
  Browser clerk(port_);
  auto [id, code] = Submit(clerk);
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(code.size(), 16u);
  auto decided = clerk.Post(
      "/applications/" + id + "/decide",
      {{"step", "community_review"}, {"decision", "approve"}, {"deliberation", "民主评议通过"}});
  ASSERT_EQ(decided->status, 303);
  EXPECT_EQ(decided->get_header_value("Location").find("err="), std::string::npos)
      << decided->get_header_value("Location");

  Browser phone(port_);
  const std::string key = approval::CommunityKey("幸福社区");
  auto index = phone.Get("/m/gs");
  ASSERT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("/m/gs/" + key), std::string::npos);
  auto sheet = phone.Get("/m/gs/" + key);
  ASSERT_EQ(sheet->status, 200);
  EXPECT_NE(sheet->body.find("李*国"), std::string::npos);
  EXPECT_EQ(sheet->body.find("李建国"), std::string::npos);
  EXPECT_EQ(sheet->body.find(kId), std::string::npos);
  EXPECT_EQ(sheet->body.find(kId.substr(0, 6) + "********"), std::string::npos);

  const std::string object = "/m/gs/" + key + "/object/" + id;
  ASSERT_EQ(phone.Get(object)->status, 200);
  const int64_t clues = Count("SELECT COUNT(*) FROM clues");
  auto forged = phone.Post(object, {{"content", "伪造"}}, /*with_token=*/false);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues"), clues);
  auto objected = phone.Post(object, {{"content", "申请人有车"}, {"identity", "anonymous"}});
  ASSERT_EQ(objected->status, 200) << objected->body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues WHERE source = '群众举报'"), clues + 1);

  phone.Get("/m/apply/status");
  auto progress = phone.Post("/m/apply/status", {{"code", code}});
  ASSERT_EQ(progress->status, 200);
  EXPECT_NE(progress->body.find("公示中"), std::string::npos);
  EXPECT_EQ(progress->body.find(kId), std::string::npos);
  auto wrong = phone.Post("/m/apply/status", {{"code", "0000000000000000"}});
  EXPECT_EQ(wrong->status, 404);
}

// Issue 14 point 9: a 公示 objection gets a receipt code, as a report does; the objector follows
// it at /m/receipt; a refused objection keeps its text.
TEST_F(ApprovalPagesTest, ObjectionGetsAReceiptCodeToFollowItUp) {
  Browser clerk(port_);
  auto [id, code] = Submit(clerk);
  ASSERT_FALSE(id.empty());
  auto decided = clerk.Post(
      "/applications/" + id + "/decide",
      {{"step", "community_review"}, {"decision", "approve"}, {"deliberation", "民主评议通过"}});
  ASSERT_EQ(decided->status, 303);
  Browser phone(port_);
  const std::string object = "/m/gs/" + approval::CommunityKey("幸福社区") + "/object/" + id;
  ASSERT_EQ(phone.Get(object)->status, 200);
  auto refused = phone.Post(object, {{"content", "申请人家有两辆车"}, {"identity", "real"}});
  ASSERT_EQ(refused->status, 400) << refused->body;
  EXPECT_NE(refused->body.find(">申请人家有两辆车</textarea>"), std::string::npos);
  EXPECT_NE(refused->body.find("value=\"real\" checked"), std::string::npos);

  auto objected = phone.Post(object, {{"content", "申请人家有两辆车"}, {"identity", "anonymous"}});
  ASSERT_EQ(objected->status, 200) << objected->body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(objected->body, m, std::regex(R"re(data-code="(\d{16})")re")))
      << objected->body;
  const std::string receipt = m[1];
  EXPECT_NE(receipt, code);
  // The report behind the code belongs to the objection's clue.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM public_reports r JOIN approval_objections o ON "
                  "o.clue_id = r.clue_id"),
            1);
  phone.Get("/m/receipt");
  auto view = phone.Post("/m/receipt", {{"code", receipt}});
  ASSERT_EQ(view->status, 200) << view->body;
  EXPECT_NE(view->body.find("申请人家有两辆车"), std::string::npos);
  EXPECT_NE(view->body.find("公示不实"), std::string::npos);
  EXPECT_EQ(view->body.find("李建国"), std::string::npos);
}

// Issue 14 point 2 on the approval page: the pre-check's time in Beijing minutes, never ISO UTC,
// and who submitted it by display name, never the login name.
TEST_F(ApprovalPagesTest, DetailShowsBeijingTimeAndDisplayNames) {
  Browser clerk(port_);
  auto [id, code] = Submit(clerk);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(db_->Execute("UPDATE approval_applications SET precheck_at = "
                           "'2026-12-04T02:00:00Z' WHERE application_id = " +
                           id)
                  .has_value());
  auto page = clerk.Get("/applications/" + id);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("审批前比对（2026-12-04 10:00）"), std::string::npos) << page->body;
  EXPECT_EQ(page->body.find("2026-12-04T02:00:00Z"), std::string::npos);
  EXPECT_NE(page->body.find("承办人 王强"), std::string::npos);
  EXPECT_EQ(page->body.find("，chengban，"), std::string::npos);
}

TEST_F(ApprovalPagesTest, OnlyParticipantsOpenTheApplication) {
  Browser clerk(port_);
  auto [id, code] = Submit(clerk);
  ASSERT_FALSE(id.empty());
  Browser leader(port_);
  ASSERT_TRUE(leader.Login("shenhe", "qingfeng-demo"));
  EXPECT_EQ(leader.Get("/applications/new")->status, 403);
  EXPECT_EQ(leader.Get("/applications/" + id)->status, 200);
  // 干部监督室 has no part in approval: the application does not exist for it.
  Browser supervision(port_);
  ASSERT_TRUE(supervision.Login("jiandu", "qingfeng-demo"));
  EXPECT_EQ(supervision.Get("/applications/" + id)->status, 404);
  // 受理员 submits but does not decide 初审: the page says why, nothing changes.
  Browser intake(port_);
  ASSERT_TRUE(intake.Login("shouli", "qingfeng-demo"));
  intake.Get("/applications/" + id);
  auto refused =
      intake.Post("/applications/" + id + "/decide",
                  {{"step", "community_review"}, {"decision", "approve"}, {"deliberation", "x"}});
  ASSERT_EQ(refused->status, 303);
  // The reason is a server-side flash message on the page it leads back to, not in the URL.
  EXPECT_EQ(refused->get_header_value("Location").find("err="), std::string::npos);
  auto back = intake.Get("/applications/" + id);
  ASSERT_TRUE(back);
  EXPECT_NE(back->body.find("id=\"action-error\""), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM approval_steps WHERE step = 'community_review' AND "
                  "decision IS NOT NULL"),
            0);
}

}  // namespace
}  // namespace qf::web
