// The 文书 and 证据附件 pages on a real server (port 0, temporary SQLite store, fake clock): a
// refused template edit answered beside the form with the text kept, the roles refused at the
// routes, and a tampered evidence file answered with an error page instead of its bytes.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "browser.h"
#include "casework/casework_service.h"
#include "crypto/crypto.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/temp_dir.h"
#include "web/server.h"

namespace qf::web {
namespace {

using casework::Actor;
using casework::Role;
using testing::Browser;

class FakeClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return 1766188800; }  // 2025-12-20T00:00:00Z
};

constexpr const char* kPassword = "qingfeng-demo";

class DocumentPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string url = "sqlite:" + dir_.File("q.db");
    auto db = store::Open(url);
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
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
    auto cipher = crypto::FieldCipher::FromKeyFile(options_.key_file);
    ASSERT_TRUE(cipher.has_value());
    cipher_.emplace(std::move(*cipher));
    service_ = std::make_unique<casework::CaseworkService>(*db_, clock_, *cipher_);
  }
  void TearDown() override {
    service_.reset();
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

  // A clue registered by 受理员 and approved for 初步核实.
  int64_t ClueInDisposal() {
    Actor intake{0, "shouli", {Role::kIntake}, "commission"};
    auto clue = service_->CreateClue(intake, {{"source", "信访"},
                                              {"domain", "民生"},
                                              {"title", "低保冒领"},
                                              {"summary", "群众反映"},
                                              {"unit", "commission"}});
    EXPECT_TRUE(clue.has_value()) << (clue ? "" : clue.error().message());
    int64_t id = clue ? (*clue)["id"].get<int64_t>() : 0;
    Actor handler{0, "chengban", {Role::kIntake, Role::kHandler}, "commission"};
    Actor approver{0, "shenhe", {Role::kApprover}, "commission"};
    EXPECT_TRUE(service_->ProposeDisposal(handler, id, {{"disposal", "初步核实"}}).has_value());
    EXPECT_TRUE(service_->DecideDisposal(approver, id, {{"decision", "approve"}}).has_value());
    return id;
  }

  Browser& As(const std::string& user) {
    auto& b = browsers_[user];
    if (!b) {
      b = std::make_unique<Browser>(port_);
      EXPECT_TRUE(b->Login(user, kPassword)) << user;
      b->Get("/clues");
    }
    return *b;
  }

  test_support::TempDir dir_{"qf_web_documents"};
  FakeClock clock_;
  ServeOptions options_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<WebServer> server_;
  std::optional<crypto::FieldCipher> cipher_;
  std::unique_ptr<casework::CaseworkService> service_;
  std::map<std::string, std::unique_ptr<Browser>> browsers_;
  int port_ = 0;
};

TEST_F(DocumentPagesTest, ARefusedTemplateEditKeepsWhatWasTyped) {
  auto res = As("shenhe").Post(
      "/documents/templates/filing",
      {{"body", "立案决定 {{#persons}}未闭合的段落"}, {"note", "试改"}, {"base_version", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("模板有误"), std::string::npos);
  EXPECT_NE(res->body.find("立案决定 {{#persons}}未闭合的段落"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM document_templates WHERE doc_type = 'filing'"), 1);
  auto saved =
      As("shenhe").Post("/documents/templates/filing", {{"body", "第二版"}, {"base_version", "1"}});
  EXPECT_EQ(saved->status, 303);
  // A second editor who opened version 1 before that save is told, and keeps the text.
  auto stale = As("shenhe").Post("/documents/templates/filing",
                                 {{"body", "基于第一版的改动"}, {"base_version", "1"}});
  EXPECT_EQ(stale->status, 409);
  EXPECT_NE(stale->body.find("基于第一版的改动"), std::string::npos);
  EXPECT_NE(stale->body.find("已被改为第 2 版"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM document_templates WHERE doc_type = 'filing'"), 2);
}

TEST_F(DocumentPagesTest, RolesThatMayNotAreRefusedAtTheRoutes) {
  int64_t clue = ClueInDisposal();
  auto edit = As("chengban").Post("/documents/templates/filing", {{"body", "新正文"}});
  EXPECT_EQ(edit->status, 403);
  auto issue = As("shouli").Post("/clues/" + std::to_string(clue) + "/documents",
                                 {{"type", "verification"}});
  EXPECT_EQ(issue->status, 403);
  auto upload = As("shouli").PostMultipart("/clues/" + std::to_string(clue) + "/attachments",
                                           {{"file", "证据", "a.txt", "text/plain"}});
  EXPECT_EQ(upload->status, 403);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents") + Count("SELECT COUNT(*) FROM attachments"), 0);
  auto issued =
      As("chengban")
          .Post("/clues/" + std::to_string(clue) + "/documents", {{"type", "verification"}});
  EXPECT_EQ(issued->status, 303);
  EXPECT_EQ(issued->get_header_value("Location"), "/documents/1");
  // A refusal the page can explain (a wrong state, an empty file) comes back beside the cards.
  auto wrong =
      As("chengban").Post("/clues/" + std::to_string(clue) + "/documents", {{"type", "talk"}});
  EXPECT_EQ(wrong->status, 303);
  auto shown = As("chengban").Get("/clues/" + std::to_string(clue));
  EXPECT_NE(shown->body.find("id=\"documents-error\">该事项当前的状态不能制发谈话函询记录"),
            std::string::npos);
  auto empty = As("chengban")
                   .PostMultipart("/clues/" + std::to_string(clue) + "/attachments",
                                  {{"file", "", "空.txt", "text/plain"}});
  EXPECT_EQ(empty->status, 303);
  shown = As("chengban").Get("/clues/" + std::to_string(clue));
  EXPECT_NE(shown->body.find("文件是空的"), std::string::npos);
  auto page = As("chengban").Get("/documents/1");
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("清监核〔2025〕1号"), std::string::npos);
  EXPECT_NE(page->body.find("二〇二五年十二月二十日"), std::string::npos);
}

TEST_F(DocumentPagesTest, ATamperedFileIsAnErrorPageNotTheFile) {
  int64_t clue = ClueInDisposal();
  auto up = As("chengban")
                .PostMultipart("/clues/" + std::to_string(clue) + "/attachments",
                               {{"file", "原始证据内容", "证据.txt", "text/plain"}});
  ASSERT_EQ(up->status, 303);
  auto good = As("shenhe").Get("/attachments/1");
  ASSERT_EQ(good->status, 200);
  EXPECT_EQ(good->body, "原始证据内容");
  EXPECT_EQ(good->get_header_value("Content-Type"), "application/octet-stream");
  EXPECT_EQ(good->get_header_value("X-Content-SHA256"), crypto::Sha256Hex("原始证据内容"));
  ASSERT_TRUE(db_->Execute("UPDATE attachments SET data_base64 = 'QUJD'").has_value());
  auto bad = As("shenhe").Get("/attachments/1");
  EXPECT_EQ(bad->status, 500);
  EXPECT_NE(bad->body.find("SHA-256 不符"), std::string::npos);
  EXPECT_EQ(bad->body.find("ABC"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.integrity_failed'"),
            1);
}

}  // namespace
}  // namespace qf::web
