// Issue 12 point 2, held by one test: every state-changing route of the web server (every POST,
// PUT and DELETE, and the GET routes that let a document leave: the report download) is a row of
// the table in Rows() below, and one successful request on each row adds the audit entry the row
// names, by the actor it names (the staff username; for the public pages the channel the code
// writes: "码上行动" for a report or objection that becomes a clue, "群众自助" for a citizen's
// application, "public" for a reporter's follow-up). A route added to the server without a row
// fails the test, naming it. The few routes that change nothing by design (the public self-check,
// receipt and progress look-ups) have a row that says why and are held to writing no entry. At the
// end the whole chain verifies under the key file the server created.
//
// A real server on port 0 over a temporary SQLite store, with a fake clock. Each row prepares its
// own state (through the casework service, in the test, under the server's key, so the chain
// stays whole) and then sends exactly one request.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "approval/approval_service.h"
#include "audit/audit_log.h"
#include "browser.h"
#include "casework/casework_service.h"
#include "core/citizen_id.h"
#include "crypto/crypto.h"
#include "oversight/congress.h"
#include "oversight/stationed_reports.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/query.h"
#include "support/temp_dir.h"
#include "web/server.h"

namespace qf::web {
namespace {

using casework::Actor;
using casework::Json;
using casework::Role;
using testing::Browser;

class FakeClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return 1766188800; }  // 2025-12-20T00:00:00Z
};

std::string ValidId(const std::string& first17) {
  return first17 + CitizenId::CheckCharacter(first17);
}

std::string First(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

// `path` with its "{}" replaced by `ids` in order.
std::string At(std::string path, std::initializer_list<int64_t> ids) {
  for (int64_t id : ids) path.replace(path.find("{}"), 2, std::to_string(id));
  return path;
}

const std::string kId = R"((\d{1,18}))";  // the id pattern of casework and API routes
// A payment batch with one payment to a person the registry does not know (held: R11).
const std::string kBatchCsv =
    "payment_id,batch_no,program_code,id_number,name,account_no,amount,period,paid_date\n"
    "B-1,B12,MZ01,11010519491231002X,李四,6222000000009999,565.00,2025-12,2025-12-10\n";
const std::string kFingerprint = "0123456789abcdef0123456789abcdef";
const std::string kOtherFingerprint = "fedcba9876543210fedcba9876543210";
constexpr char kPassword[] = "qingfeng-demo";
// Typed at a failed login: it must appear nowhere in the audit log.
constexpr char kSecretTyped[] = "Typed-Secret-7781";

class AuditCoverageTest : public ::testing::Test {
 protected:
  // One row: the route, the audit actions its success adds ("a+b" for two; empty: it changes
  // nothing, and `why` says why) and the actor of those entries; `prepare` builds the state the
  // request needs and returns the request.
  struct Row {
    std::string method, pattern, action, actor, why;
    std::function<std::function<httplib::Result()>()> prepare;
  };

  void SetUp() override {
    std::string url = "sqlite:" + dir_.File("q.db");
    auto db = store::Open(url);
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    Seed();
    options_.db_url = url;
    options_.listen = "127.0.0.1:0";
    options_.key_file = dir_.File("q.key");
    options_.web_root = QF_TEST_WEB_ROOT;
    options_.access_log = false;
    options_.threads = 4;
    options_.casework_options.password_cost = casework::PasswordCost::Minimal();
    options_.demo_accounts = true;
    // Every row's request must succeed, however many the test sends from one address.
    options_.check_limit_per_address = 0;
    options_.check_limit_per_id = 0;
    options_.report_limit_per_address = 0;
    options_.receipt_limit_per_address = 1000;
    server_ = std::make_unique<WebServer>(options_, clock_);
    auto port = server_->Start();
    ASSERT_TRUE(port.has_value()) << port.error().message();
    port_ = *port;
    auto cipher = crypto::FieldCipher::FromKeyFile(options_.key_file);
    ASSERT_TRUE(cipher.has_value());
    cipher_ = std::make_unique<crypto::FieldCipher>(std::move(*cipher));
    service_ = std::make_unique<casework::CaseworkService>(*db_, clock_, *cipher_,
                                                           options_.casework_options);
    // The seeded comparison run's entry, as `qingfeng check` would have written it.
    audit::Recorder recorder(clock_, cipher_->chain_key());
    auto tx = db_->Begin();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE(recorder.Append(*db_, {.actor = "cli:test",
                                       .action = "check.run",
                                       .entity = "check_run",
                                       .entity_id = "1",
                                       .after = R"({"as_of":"2025-12-15","rules":["R01"]})"}));
    ASSERT_TRUE((*tx)->Commit().has_value());
    SeedAccounts();
  }

  void TearDown() override {
    browsers_.clear();
    service_.reset();
    server_.reset();
    db_.reset();
  }

  void Exec(const std::string& sql) { ASSERT_TRUE(db_->Execute(sql).has_value()) << sql; }

  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.has_value()) << sql;
    if (!st) return -1;
    auto row = (*st)->Step();
    EXPECT_TRUE(row.has_value() && *row) << sql;
    return (*st)->Int(0);
  }

  // The ledger behind the findings queue, the self-check and the approval pre-check.
  void Seed() {
    Exec(
        "INSERT INTO programs VALUES ('MZ01','城乡居民最低生活保障金','区民政局','民政',1,'月',"
        "NULL,124500,NULL,NULL,NULL)");
    Exec("INSERT INTO persons VALUES ('" + person_id_ +
         "','张三丰','男','1948-01-19','330110','后墩社区','H001','户主')");
    Exec("INSERT INTO enrolments VALUES ('MZ01','" + person_id_ +
         "','张三丰','后墩社区','2024-01-01',NULL)");
    Exec("INSERT INTO payments VALUES ('P1','B1','MZ01','" + person_id_ +
         "','张三丰','6222000000001234',56500,'2025-11','2025-11-10')");
    Exec("INSERT INTO check_runs VALUES (1,'2025-12-15T00:00:00Z','2025-12-15','R01',1,1,0)");
    Exec(
        "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
        "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES ('" +
        kFingerprint + "','R01','" + person_id_ +
        "','MZ01','2025-11','','','高',56500,'死亡后仍领取低保','new',1,1)");
    Exec(
        "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
        "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES ('" +
        kOtherFingerprint + "','R01','" + person_id_ +
        "','MZ01','2025-10','','','高',56500,'死亡后仍领取低保','new',1,1)");
  }

  void SeedAccounts() {
    Actor admin{0, "cli", {Role::kSystemAdmin}, "commission"};
    ASSERT_TRUE(service_->AddUnit(admin, {{"code", "street-01"},
                                          {"name", "一街道监察办公室"},
                                          {"kind", "street_office"},
                                          {"parent", "commission"}}));
    ASSERT_TRUE(service_->AddUnit(admin, {{"code", "stationed-1"},
                                          {"name", "派驻第一纪检监察组"},
                                          {"kind", "stationed_group"},
                                          {"parent", "commission"}}));
    struct Account {
      const char* username;
      Role role;
      const char* unit;
      std::optional<std::string> id;  // business accounts carry one (灯下黑)
    };
    for (const Account& a :
         {Account{"xitong", Role::kSystemAdmin, "commission", std::nullopt},
          Account{"anquan", Role::kSecurityAdmin, "commission", std::nullopt},
          Account{"shenji", Role::kAuditAdmin, "commission", std::nullopt},
          Account{"jiedao", Role::kHandler, "street-01", ValidId("11010119800101301")},
          Account{"paizhu", Role::kHandler, "stationed-1", ValidId("11010119800101302")}}) {
      auto made =
          service_->AddUserFromCli(a.username, a.username, {a.role}, a.unit, kPassword, a.id);
      ASSERT_TRUE(made.has_value()) << made.error().message();
    }
  }

  // ---- clients -------------------------------------------------------------------------------

  // A browser logged in as `user`, holding a CSRF token of its session.
  Browser& Staff(const std::string& user) {
    auto& b = browsers_[user];
    if (!b) {
      b = std::make_unique<Browser>(port_);
      EXPECT_TRUE(b->Login(user, kPassword)) << user;
      b->Get("/clues");
    }
    return *b;
  }
  // A browser with a public session (the CSRF token of `page`).
  Browser& Citizen(const std::string& page) {
    auto& b = browsers_["public"];
    if (!b) b = std::make_unique<Browser>(port_);
    b->Get(page);
    return *b;
  }
  std::string Token(const std::string& user) {
    auto& token = tokens_[user];
    if (token.empty()) {
      httplib::Client client("127.0.0.1", port_);
      auto res =
          client.Post("/api/v1/session", Json{{"username", user}, {"password", kPassword}}.dump(),
                      "application/json");
      EXPECT_TRUE(res && res->status == 200) << user;
      if (res) token = Json::parse(res->body).value("token", "");
    }
    return token;
  }
  std::function<httplib::Result()> Api(const std::string& user, const std::string& method,
                                       const std::string& path, const Json& body) {
    std::string token = Token(user);
    int port = port_;
    return [=] {
      httplib::Client client("127.0.0.1", port);
      httplib::Headers auth = {{"Authorization", "Bearer " + token}};
      std::string text = body.is_null() ? "" : body.dump();
      if (method == "POST") return client.Post(path, auth, text, "application/json");
      if (method == "PUT") return client.Put(path, auth, text, "application/json");
      return client.Delete(path, auth, text, "application/json");
    };
  }
  // A form post as `user` (fields from a JSON object: numbers and booleans as the forms send them).
  std::function<httplib::Result()> Form(const std::string& user, const std::string& path,
                                        const Json& fields) {
    Browser* b = &Staff(user);
    httplib::Params params;
    for (const auto& [k, v] : fields.items()) {
      if (v.is_string()) {
        params.emplace(k, v.get<std::string>());
      } else if (v.is_boolean()) {
        params.emplace(k, v.get<bool>() ? "1" : "");
      } else if (v.is_array()) {
        for (const auto& item : v)
          params.emplace(k, item.is_string() ? item.get<std::string>() : item.dump());
      } else {
        params.emplace(k, v.dump());
      }
    }
    return [b, path, params] { return b->Post(path, params); };
  }

  // An evidence file posted to `path` by the handler, as the upload form sends it.
  std::function<httplib::Result()> Upload(const std::string& path) {
    Browser* b = &Staff("chengban");
    return [b, path] {
      return b->PostMultipart(path, {{"file", "%PDF-1.4 evidence", "流水.pdf", "application/pdf"},
                                     {"note", "银行流水", "", ""}});
    };
  }

  // A download (an export GET) as `user`.
  std::function<httplib::Result()> Download(const std::string& user, const std::string& path) {
    Browser* b = &Staff(user);
    return [b, path] { return b->Get(path); };
  }

  // The activity form as the handler fills it in.
  static Json ActivityForm() {
    return {{"kind", "座谈会"},     {"held_on", "2025-03-05"}, {"title", "民生座谈会"},
            {"unit", "commission"}, {"domain", "民生"},        {"participants", "20"},
            {"version", "1"}};
  }
  // An activity entered through the form by the handler; its id.
  int64_t NewActivity() {
    Browser& b = Staff("chengban");
    b.Get("/activities/new");
    Json form = ActivityForm();
    httplib::Params params;
    for (const auto& [k, v] : form.items()) params.emplace(k, v.get<std::string>());
    auto res = b.Post("/activities", params);
    EXPECT_TRUE(res && res->status < 400);
    return Count("SELECT MAX(activity_id) FROM activities");
  }

  // ---- casework states, made through the service ---------------------------------------------

  Actor Intake() const { return {0, "shouli", {Role::kIntake}, "commission"}; }
  Actor Handler() const { return {0, "chengban", {Role::kIntake, Role::kHandler}, "commission"}; }
  Actor Approver() const { return {0, "shenhe", {Role::kApprover}, "commission"}; }
  Actor StreetHandler() const { return {0, "jiedao", {Role::kHandler}, "street-01"}; }
  Actor GroupHandler() const { return {0, "paizhu", {Role::kHandler}, "stationed-1"}; }

  // ---- 三为主一报告 and 人大 items, made through the oversight books ---------------------------

  // A 三为主一报告 of stationed-1 still 待报送 (the year 2030 scheduled once).
  int64_t PendingReport() {
    oversight::StationedReportBook book(*db_, clock_, *cipher_);
    EXPECT_TRUE(book.Schedule(Intake(), 2030).has_value());
    return Count(
        "SELECT MIN(report_id) FROM stationed_reports WHERE state = 'pending' AND "
        "unit_code = 'stationed-1'");
  }
  // A report submitted by the group, with an attachment.
  int64_t SubmittedReport() {
    int64_t id = PendingReport();
    oversight::StationedReportBook book(*db_, clock_, *cipher_);
    auto done = book.Submit(GroupHandler(), id, "本季度工作情况",
                            oversight::ReportFile{.name = "报告.pdf", .bytes = "%PDF-1.4"});
    EXPECT_TRUE(done.has_value()) << (done ? "" : done.error().message());
    return id;
  }
  int64_t NewOpinion() {
    oversight::CongressBook book(*db_, clock_, *cipher_);
    auto id = book.Create(Intake(), {.kind = "opinion",
                                     .received_on = "2025-03-01",
                                     .source = "区人大常委会第二十次会议",
                                     .doc_no = "区人常审〔2025〕3号",
                                     .title = "审议意见",
                                     .body = "加强监督"});
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message());
    return id.value_or(0);
  }
  // A task of a new opinion assigned to street-01; {item, task}.
  std::pair<int64_t, int64_t> StreetTask() {
    int64_t item = NewOpinion();
    oversight::CongressBook book(*db_, clock_, *cipher_);
    auto task = book.AddTask(
        Intake(), item, {.unit_code = "street-01", .due_on = "2026-06-30", .content = "入户复核"});
    EXPECT_TRUE(task.has_value()) << (task ? "" : task.error().message());
    return {item, task.value_or(0)};
  }
  // A suggestion answered by street-01, ready for the deputy's satisfaction.
  int64_t AnsweredSuggestion() {
    oversight::CongressBook book(*db_, clock_, *cipher_);
    auto id = book.Create(Intake(), {.kind = "suggestion",
                                     .received_on = "2025-03-01",
                                     .source = "王建华",
                                     .doc_no = "第2025012号",
                                     .title = "建议",
                                     .body = "内容",
                                     .unit_code = "street-01",
                                     .due_on = "2026-06-30"});
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message());
    auto item = book.Get(Intake(), id.value_or(0));
    EXPECT_TRUE(item.has_value());
    EXPECT_TRUE(
        book.Respond(StreetHandler(), item->tasks.at(0).id, {.response = "已办理", .done = true})
            .has_value());
    return id.value_or(0);
  }

  static Json ClueBody(const std::string& domain) {
    return {{"source", "信访"},
            {"domain", domain},
            {"title", "低保冒领"},
            {"summary", "群众反映"},
            {"unit", "commission"},
            {"subjects", Json::array({{{"name", "王五"}, {"position", "村会计"}}})}};
  }
  int64_t Must(const Result<Json>& r, const char* what, const char* key = "id") {
    EXPECT_TRUE(r.has_value()) << what << ": " << (r ? "" : r.error().message());
    return r ? r->value(key, int64_t{0}) : 0;
  }
  // A payment batch screened from the web by the handler; its id.
  int64_t ScreenedBatch() {
    Browser& b = Staff("chengban");
    b.Get("/screening");
    auto res = b.PostMultipart("/screening", {{"batch", kBatchCsv, "batch.csv", "text/csv"}});
    EXPECT_TRUE(res && res->status < 400);
    return Count("SELECT MAX(screening_id) FROM screenings");
  }
  int64_t NewClue(const std::string& domain = "民生") {
    return Must(service_->CreateClue(Intake(), ClueBody(domain)), "CreateClue");
  }
  int64_t ClueProposed(const std::string& disposal, const std::string& domain = "民生") {
    int64_t id = NewClue(domain);
    Must(service_->ProposeDisposal(Handler(), id, {{"disposal", disposal}}), "ProposeDisposal");
    return id;
  }
  int64_t ClueDecided(const std::string& disposal, const std::string& domain = "民生") {
    int64_t id = ClueProposed(disposal, domain);
    Must(service_->DecideDisposal(Approver(), id, {{"decision", "approve"}}), "DecideDisposal");
    return id;
  }
  int64_t ClueInDisposal(const std::string& domain = "民生") {
    return ClueDecided("初步核实", domain);
  }
  int64_t NewAssignment() {
    auto clue = service_->AssignClue(
        Handler(), ClueInDisposal(),
        {{"unit", "street-01"}, {"deadline", "2026-01-31"}, {"request", "请核实"}});
    EXPECT_TRUE(clue.has_value()) << (clue ? "" : clue.error().message());
    return clue ? (*clue)["assignments"][0].value("id", int64_t{0}) : 0;
  }
  int64_t FeedbackSubmitted() {
    int64_t id = NewAssignment();
    Must(service_->SubmitFeedback(StreetHandler(), id, {{"feedback", "已核实"}}), "Feedback");
    return id;
  }
  int64_t NewCase(const std::string& domain = "民生") {
    return Must(service_->FileCase(Approver(), {{"clue_id", ClueInDisposal(domain)}}), "FileCase");
  }
  int64_t CaseInvestigating(const std::string& domain = "民生") {
    int64_t id = NewCase(domain);
    Must(service_->TransitionCase(Handler(), id, {{"event", "investigate"}}), "investigate");
    return id;
  }
  // {case id, person id} of a case under investigation.
  std::pair<int64_t, int64_t> CasePerson() {
    int64_t id = CaseInvestigating();
    auto c = service_->GetCase(Handler(), id);
    EXPECT_TRUE(c.has_value() && !(*c)["persons"].empty());
    return {id, c ? (*c)["persons"][0].value("id", int64_t{0}) : 0};
  }
  int64_t NewTransfer() {
    return Must(service_->CreateTransfer(Handler(), TransferBody(ClueInDisposal())),
                "CreateTransfer");
  }
  static Json TransferBody(int64_t clue_id) {
    return {{"direction", "out"},
            {"organ", "police"},
            {"clue_id", clue_id},
            {"summary", "涉嫌诈骗，移送公安"},
            {"feedback_due", "2026-02-28"}};
  }
  static Json RectificationBody() {
    return {{"kind", "整改事项"},
            {"unit", "street-01"},
            {"content", "补齐低保复核台账"},
            {"due_date", "2026-02-28"}};
  }
  int64_t NewRectification() {
    return Must(service_->IssueRectification(Handler(), RectificationBody()), "Issue");
  }
  int64_t RectificationWithEvidence() {
    int64_t id = NewRectification();
    Must(service_->SubmitEvidence(StreetHandler(), id, {{"evidence", "台账已补齐"}}), "Evidence");
    return id;
  }
  int64_t UserId(const std::string& username) {
    return Count("SELECT user_id FROM users WHERE username = '" + username + "'");
  }
  int64_t NewUser(const std::string& username) {
    Actor admin{0, "xitong", {Role::kSystemAdmin}, "commission"};
    return Must(
        service_->CreateUser(
            admin, {{"username", username},
                    {"display_name", username},
                    {"unit", "commission"},
                    {"id_number", ValidId("110101198001013" + std::to_string(10 + ++users_))},
                    {"password", "password-of-" + username}}),
        "CreateUser");
  }

  // ---- public reports and applications -------------------------------------------------------

  // A real-name report from the 码上行动 page, made once; returns its receipt code.
  std::string ReportCode() {
    if (receipt_code_.empty()) {
      auto res = ReportPost()();
      EXPECT_TRUE(res && res->status == 200);
      if (res) receipt_code_ = First(res->body, R"re(data-code="(\d{16})")re");
    }
    return receipt_code_;
  }
  std::function<httplib::Result()> ReportPost() {
    Browser* b = &Citizen("/m/report");
    return [b] {
      return b->PostMultipart("/m/report", {{"category", "冒领骗取补贴", "", ""},
                                            {"content", "有人冒领低保", "", ""},
                                            {"identity", "real", "", ""},
                                            {"reporter_name", "赵六", "", ""},
                                            {"reporter_phone", "13800000000", "", ""}});
    };
  }
  int64_t ReportClue() {
    ReportCode();
    return Count("SELECT MAX(clue_id) FROM public_reports");
  }
  static httplib::Params ApplicationForm(const std::string& id_number) {
    return {
        {"program_code", "MZ01"}, {"community", "幸福社区"},  {"applicant_name", "李建国"},
        {"id_number", id_number}, {"household_size", "2"},    {"account_no", "6217000010000000011"},
        {"bank", "农商银行"},     {"declared_income", "600"}, {"declared_assets", "自住房一套"},
        {"reason", "因病致贫"}};
  }
  // A person who has not applied yet (the store refuses a second open application).
  std::string NewApplicant(bool dead = false) {
    std::string id = ValidId(fmt::format("11010519800101{:03}", ++applicants_));
    Exec("INSERT INTO persons VALUES ('" + id +
         "','李建国','男','1980-01-01','110105','幸福社区','H" + std::to_string(applicants_) +
         "','户主')");
    // A dead applicant gives the pre-check a hit to acknowledge.
    if (dead) {
      Exec("INSERT INTO deaths(id_number, name, death_date, source) VALUES ('" + id +
           "','李建国','2025-06-01','火化')");
    }
    return id;
  }
  // A clerk's application for a new applicant; returns {id, receipt code}.
  std::pair<std::string, std::string> NewApplication(bool dead = false) {
    Browser& clerk = Staff("chengban");
    clerk.Get("/applications/new");
    auto made = clerk.Post("/applications/new", ApplicationForm(NewApplicant(dead)));
    EXPECT_TRUE(made && made->status == 200) << (made ? made->body.substr(0, 800) : "");
    if (!made) return {};
    return {First(made->body, R"re(id="application-link">(\d+)<)re"),
            First(made->body, R"re(data-code="(\d{16})")re")};
  }
  // An application in 公示 (初审 approved).
  std::string ApplicationInPublicity() {
    std::string id = NewApplication().first;
    auto decided = Staff("chengban")
                       .Post("/applications/" + id + "/decide", {{"step", "community_review"},
                                                                 {"decision", "approve"},
                                                                 {"deliberation", "民主评议通过"}});
    EXPECT_TRUE(decided && decided->status == 303);
    return id;
  }

  // The finding's review version as the page shows it: a review names the version it saw.
  std::string ReviewVersion(const std::string& fingerprint) {
    auto version = store::QueryInt(
        *db_, "SELECT review_version FROM findings WHERE fingerprint = ?", fingerprint);
    EXPECT_TRUE(version.has_value() && version->has_value());
    return std::to_string(version && *version ? **version : 0);
  }

  // The finding review as the form sends it.
  std::function<httplib::Result()> ReviewFinding(const std::string& user,
                                                 const std::string& fingerprint) {
    return Form(user, "/findings/" + fingerprint + "/review",
                {{"decision", "dismissed"},
                 {"reason", "已核实：死亡登记有误"},
                 {"version", ReviewVersion(fingerprint)}});
  }

  // ---- the table -------------------------------------------------------------------------------

  std::vector<Row> Rows();

  int users_ = 0;  // accounts NewUser made, for distinct ID numbers
  test_support::TempDir dir_{"qf_web_audit_coverage"};
  FakeClock clock_;
  ServeOptions options_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<WebServer> server_;
  std::unique_ptr<crypto::FieldCipher> cipher_;
  std::unique_ptr<casework::CaseworkService> service_;
  std::map<std::string, std::unique_ptr<Browser>> browsers_;
  std::map<std::string, std::string> tokens_;
  std::string receipt_code_;
  std::string import_sha256_;  // of the file the /import row uploads
  int applicants_ = 0;
  int port_ = 0;
  const std::string person_id_ = ValidId("33011019480119389");
};

std::vector<AuditCoverageTest::Row> AuditCoverageTest::Rows() {
  const std::string v = "/api/v1";
  const std::string gs = R"((c-[0-9a-f]{10}))";
  const std::string fp = R"(([0-9a-f]{8,64}))";
  return {
      // ---- sessions ----
      {"POST", "/login", "user.login", "chengban", "",
       [this] {
         Browser* b = &Citizen("/login");
         return std::function<httplib::Result()>([b] {
           return b->Post("/login", {{"username", "chengban"}, {"password", kPassword}});
         });
       }},
      {"POST", "/logout", "user.logout", "chengban", "",
       [this] {
         auto b = std::make_shared<Browser>(port_);
         EXPECT_TRUE(b->Login("chengban", kPassword));
         b->Get("/clues");
         return std::function<httplib::Result()>([b] { return b->Post("/logout", {}); });
       }},
      {"POST", v + "/session", "user.login", "shenhe", "",
       [this] {
         int port = port_;
         return std::function<httplib::Result()>([port] {
           return httplib::Client("127.0.0.1", port)
               .Post("/api/v1/session",
                     Json{{"username", "shenhe"}, {"password", kPassword}}.dump(),
                     "application/json");
         });
       }},
      {"DELETE", v + "/session", "user.logout", "jiandu", "",
       [this] { return Api("jiandu", "DELETE", "/api/v1/session", nullptr); }},
      // ---- accounts ----
      {"POST", v + "/units", "unit.create", "xitong", "",
       [this] {
         return Api("xitong", "POST", "/api/v1/units",
                    {{"code", "street-02"},
                     {"name", "二街道监察办公室"},
                     {"kind", "street_office"},
                     {"parent", "commission"}});
       }},
      {"POST", v + "/users", "user.create", "xitong", "",
       [this] {
         return Api("xitong", "POST", "/api/v1/users",
                    {{"username", "xinren"},
                     {"display_name", "新人"},
                     {"unit", "commission"},
                     {"id_number", ValidId("11010119800101399")}});
       }},
      {"PUT", v + "/users/" + kId + "/roles", "user.set_roles", "anquan", "",
       [this] {
         return Api("anquan", "PUT", At("/api/v1/users/{}/roles", {NewUser("role-user")}),
                    {{"roles", {"handler"}}});
       }},
      {"POST", v + "/users/" + kId + "/unlock", "user.unlock", "anquan", "",
       [this] {
         return Api("anquan", "POST", At("/api/v1/users/{}/unlock", {UserId("jiedao")}),
                    Json::object());
       }},
      {"PUT", v + "/users/" + kId + "/disabled", "user.set_disabled", "xitong", "",
       [this] {
         return Api("xitong", "PUT", At("/api/v1/users/{}/disabled", {NewUser("leaver")}),
                    {{"disabled", true}});
       }},
      // ---- findings and imports ----
      {"POST", "/findings/" + fp + "/review", "finding.review", "chengban", "",
       [this] { return ReviewFinding("chengban", kFingerprint); }},
      {"POST", v + "/findings/" + R"(([^/]{1,100}))" + "/review", "finding.review", "shenhe", "",
       [this] {
         return Api("shenhe", "POST", "/api/v1/findings/" + kFingerprint + "/review",
                    {{"decision", "confirmed"},
                     {"reason", "复核：确有问题"},
                     {"version", std::stoll(ReviewVersion(kFingerprint))}});
       }},
      {"POST", "/findings/" + fp + "/outcome", "finding.outcome", "chengban", "",
       [this] {
         return Form("chengban", "/findings/" + kOtherFingerprint + "/outcome",
                     {{"outcome", "止付"},
                      {"amount", "565.00"},
                      {"version", ReviewVersion(kOtherFingerprint)}});
       }},
      {"POST", v + "/findings/" + R"(([^/]{1,100}))" + "/outcome", "finding.outcome", "shenhe", "",
       [this] {
         return Api("shenhe", "POST", "/api/v1/findings/" + kOtherFingerprint + "/outcome",
                    {{"outcome", "追回"},
                     {"amount", 56500},
                     {"version", std::stoll(ReviewVersion(kOtherFingerprint))}});
       }},
      {"POST", "/findings/review", "finding.review", "chengban", "",
       [this] {
         // 批量审核 from the queue: a finding of its own, at the version its row showed.
         const std::string batch(32, 'a');
         Exec(
             "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, "
             "account_no, ref, severity, amount, evidence, status, first_seen_run, "
             "last_seen_run) VALUES ('" +
             batch + "','R01','" + person_id_ +
             "','MZ01','2025-09','','','高',56500,'死亡后仍领取低保','new',1,1)");
         return Form("chengban", "/findings/review",
                     {{"fp", batch},
                      {"v_" + batch, ReviewVersion(batch)},
                      {"decision", "dismissed"},
                      {"reason", "批量核实：死亡登记有误"},
                      {"back", "/findings"}});
       }},
      {"GET", "/findings/export", "findings.export", "chengban", "",
       [this] { return Download("chengban", "/findings/export?status=新增&sort=amount"); }},
      {"POST", "/persons", "", "",
       "the look-up only redirects to the person's file; opening the file is what is audited "
       "(person.read)",
       [this] {
         return Form("chengban", "/persons", {{"id_number", person_id_}});
       }},
      {"POST", "/findings/promote", "clue.create", "shouli", "",
       [this] {
         return Form("shouli", "/findings/promote", {{"fp", kFingerprint}});
       }},
      {"POST", v + "/clues/from-findings", "clue.create", "shouli", "",
       [this] {
         return Api("shouli", "POST", "/api/v1/clues/from-findings",
                    {{"fingerprints", {kOtherFingerprint}}, {"title", "死亡后仍领取"}});
       }},
      {"POST", "/findings/check", "job.start+check.run", "chengban", "",
       [this] { return Form("chengban", "/findings/check", {}); }},
      {"POST", "/import", "job.start+data.import+check.run", "chengban", "",
       [this] {
         Browser* b = &Staff("chengban");
         b->Get("/import");
         std::string csv =
             "id_number,name,death_date,source\n" + person_id_ + ",张三丰,2025-09-01,火化\n";
         import_sha256_ = crypto::Sha256Hex(csv);
         return std::function<httplib::Result()>([b, csv] {
           return b->PostMultipart("/import", {{"files", csv, "deaths.csv", "text/csv"}});
         });
       }},
      {"POST", R"(/todos/(\d{1,18})/done)", "todo.done", "chengban", "",
       [this] {
         // A 待办 of continuous monitoring about a clue of the handler's unit (commission).
         int64_t clue = NewClue();
         Exec(
             "INSERT INTO todos(unit_code, kind, clue_id, summary, created_at) VALUES "
             "('commission', 'finding_attached', " +
             std::to_string(clue) + ", '持续监测：新增比对发现 R01', '2026-01-05T02:00:00Z')");
         int64_t todo = Count("SELECT MAX(todo_id) FROM todos");
         return Form("chengban", At("/todos/{}/done", {todo}), {});
       }},
      // ---- administration in the browser ----
      {"POST", "/admin/users", "user.create", "xitong", "",
       [this] {
         return Form("xitong", "/admin/users",
                     {{"username", "form-user"},
                      {"display_name", "表单新人"},
                      {"unit", "commission"},
                      {"id_number", ValidId("11010119800101400")}});
       }},
      {"POST", "/admin/users/" + kId + "/roles", "user.set_roles", "anquan", "",
       [this] {
         return Form("anquan", At("/admin/users/{}/roles", {NewUser("form-roles")}),
                     {{"role", "handler"}});
       }},
      {"POST", "/admin/users/" + kId + "/unlock", "user.unlock", "anquan", "",
       [this] { return Form("anquan", At("/admin/users/{}/unlock", {UserId("jiedao")}), {}); }},
      {"POST", "/admin/users/" + kId + "/disabled", "user.set_disabled", "xitong", "",
       [this] {
         return Form("xitong", At("/admin/users/{}/disabled", {NewUser("form-leaver")}),
                     {{"disabled", "1"}});
       }},
      {"POST", "/admin/users/" + kId + "/reset-password", "user.reset_password", "anquan", "",
       [this] {
         return Form("anquan", At("/admin/users/{}/reset-password", {NewUser("form-forgot")}), {});
       }},
      {"POST", "/account/password", "user.change_password", "form-own", "",
       [this] {
         NewUser("form-own");
         auto b = std::make_shared<Browser>(port_);
         EXPECT_TRUE(b->Login("form-own", "password-of-form-own"));
         b->Get("/account/password");
         return std::function<httplib::Result()>([b] {
           return b->Post("/account/password", {{"current", "password-of-form-own"},
                                                {"new", "a-new-password-1"},
                                                {"confirm", "a-new-password-1"}});
         });
       }},
      // ---- 发放前比对 ----
      {"POST", "/screening", "screen.run", "chengban", "",
       [this] {
         Browser* b = &Staff("chengban");
         b->Get("/screening");
         return std::function<httplib::Result()>([b] {
           return b->PostMultipart("/screening", {{"batch", kBatchCsv, "batch.csv", "text/csv"}});
         });
       }},
      {"POST", "/screening/" + kId + "/rows/" + kId + "/release", "screen.release", "shenhe", "",
       [this] {
         int64_t id = ScreenedBatch();
         int64_t seq = Count(
             "SELECT MIN(seq) FROM screening_rows WHERE held = 1 AND "
             "screening_id = " +
             std::to_string(id));
         return Form("shenhe", At("/screening/{}/rows/{}/release", {id, seq}),
                     {{"reason", "已核实：本人健在，系户籍迁入未同步"}});
       }},
      {"GET", "/screening/" + kId + "/download", "screen.download", "chengban", "",
       [this] {
         int64_t id = ScreenedBatch();
         Browser* b = &Staff("chengban");
         return std::function<httplib::Result()>(
             [b, id] { return b->Get(At("/screening/{}/download", {id})); });
       }},
      // ---- 三为主一报告 and 人大 (oversight/) ----
      {"POST", "/oversight/reports/schedule", "stationed_report.schedule", "shouli", "",
       [this] {
         return Form("shouli", "/oversight/reports/schedule", {{"year", "2029"}});
       }},
      {"POST", "/oversight/reports/" + kId + "/submit", "stationed_report.submit", "paizhu", "",
       [this] {
         return Form("paizhu", At("/oversight/reports/{}/submit", {PendingReport()}),
                     {{"body", "本季度开展日常监督"}});
       }},
      {"POST", "/oversight/reports/" + kId + "/review", "stationed_report.read", "shenhe", "",
       [this] {
         return Form("shenhe", At("/oversight/reports/{}/review", {SubmittedReport()}),
                     {{"decision", "read"}});
       }},
      {"GET", "/oversight/reports/" + kId + "/file", "stationed_report.download", "shenhe", "",
       [this] {
         return Download("shenhe", At("/oversight/reports/{}/file", {SubmittedReport()}));
       }},
      {"GET", "/oversight/reports/export", "stationed_reports.export", "shenhe", "",
       [this] { return Download("shenhe", "/oversight/reports/export?status=待报送"); }},
      {"POST", "/congress", "congress.opinion.create", "shouli", "",
       [this] {
         return Form("shouli", "/congress",
                     {{"kind", "opinion"},
                      {"received_on", "2025-04-01"},
                      {"source", "区人大常委会第二十一次会议"},
                      {"doc_no", "区人常审〔2025〕4号"},
                      {"title", "关于营商环境的审议意见"},
                      {"body", "整治吃拿卡要"}});
       }},
      {"POST", "/congress/" + kId + "/tasks", "congress.task.create", "shouli", "",
       [this] {
         return Form("shouli", At("/congress/{}/tasks", {NewOpinion()}),
                     {{"unit", "street-01"}, {"due_on", "2026-06-30"}, {"content", "明察暗访"}});
       }},
      {"POST", "/congress/tasks/" + kId + "/respond", "congress.task.respond", "jiedao", "",
       [this] {
         auto [item, task] = StreetTask();
         return Form("jiedao", At("/congress/tasks/{}/respond", {task}),
                     {{"item", std::to_string(item)}, {"response", "已复核"}, {"done", "1"}});
       }},
      {"POST", "/congress/" + kId + "/rate", "congress.suggestion.rate", "shouli", "",
       [this] {
         return Form("shouli", At("/congress/{}/rate", {AnsweredSuggestion()}),
                     {{"satisfaction", "满意"}});
       }},
      {"GET", "/congress/export", "congress.export", "shenhe", "",
       [this] { return Download("shenhe", "/congress/export?kind=审议意见"); }},
      // ---- 文书 and 证据附件 (documents/) ----
      {"POST", "/clues/" + kId + "/documents", "document.issue", "chengban", "",
       [this] {
         return Form("chengban", At("/clues/{}/documents", {ClueInDisposal()}),
                     {{"type", "verification"}});
       }},
      {"POST", "/cases/" + kId + "/documents", "document.issue", "chengban", "",
       [this] {
         return Form("chengban", At("/cases/{}/documents", {NewCase()}), {{"type", "filing"}});
       }},
      {"POST", "/clues/" + kId + "/attachments", "attachment.upload", "chengban", "",
       [this] { return Upload(At("/clues/{}/attachments", {NewClue()})); }},
      {"POST", "/cases/" + kId + "/attachments", "attachment.upload", "chengban", "",
       [this] { return Upload(At("/cases/{}/attachments", {NewCase()})); }},
      {"GET", "/attachments/" + kId, "attachment.download", "chengban", "",
       [this] {
         Upload(At("/cases/{}/attachments", {NewCase()}))();
         int64_t id = Count("SELECT MAX(attachment_id) FROM attachments");
         Browser* b = &Staff("chengban");
         return std::function<httplib::Result()>(
             [b, id] { return b->Get(At("/attachments/{}", {id})); });
       }},
      {"POST", "/documents/templates/([a-z][a-z0-9_-]{0,40})", "document_template.edit", "shenhe",
       "",
       [this] {
         return Form("shenhe", "/documents/templates/filing",
                     {{"body", "立案决定：{{case.title}}（{{number}}）"},
                      {"note", "精简"},
                      {"base_version", "1"}});
       }},
      // ---- clues: forms ----
      {"POST", "/clues", "clue.create", "shouli", "",
       [this] {
         return Form("shouli", "/clues",
                     {{"source", "信访"},
                      {"domain", "民生"},
                      {"title", "低保冒领"},
                      {"summary", "群众反映"},
                      {"subject_name", "王五"}});
       }},
      {"POST", "/clues/" + kId + "/propose", "clue.propose_disposal", "chengban", "",
       [this] {
         return Form("chengban", At("/clues/{}/propose", {NewClue()}), {{"disposal", "初步核实"}});
       }},
      {"POST", "/clues/" + kId + "/decide", "clue.approve_disposal", "shenhe", "",
       [this] {
         return Form("shenhe", At("/clues/{}/decide", {ClueProposed("初步核实")}),
                     {{"decision", "approve"}});
       }},
      {"POST", "/clues/" + kId + "/reopen", "clue.reopen", "chengban", "",
       [this] { return Form("chengban", At("/clues/{}/reopen", {ClueDecided("暂存待查")}), {}); }},
      {"POST", "/clues/" + kId + "/assign", "assignment.create", "chengban", "",
       [this] {
         return Form("chengban", At("/clues/{}/assign", {ClueInDisposal()}),
                     {{"unit", "street-01"}, {"deadline", "2026-01-31"}, {"request", "请核实"}});
       }},
      {"POST", "/clues/assign", "assignment.create", "chengban", "",
       [this] {
         return Form("chengban", "/clues/assign",
                     {{"id", std::to_string(ClueInDisposal())},
                      {"unit", "street-01"},
                      {"deadline", "2026-01-31"},
                      {"request", "请核实"},
                      {"back", "/clues?status=处置中"}});
       }},
      {"GET", "/applications/export", "applications.export", "chengban", "",
       [this] { return Download("chengban", "/applications/export?status=办理中"); }},
      {"GET", "/import/export", "imports.export", "chengban", "",
       [this] { return Download("chengban", "/import/export?outcome=已导入"); }},
      {"GET", "/admin/audit/export", "audit.export", "shenji", "",
       [this] { return Download("shenji", "/admin/audit/export?action=clue"); }},
      {"GET", "/clues/export", "clues.export", "chengban", "",
       [this] { return Download("chengban", "/clues/export?status=处置中"); }},
      {"GET", "/cases/export", "cases.export", "chengban", "",
       [this] { return Download("chengban", "/cases/export?q=低保"); }},
      {"GET", "/transfers/export", "transfers.export", "chengban", "",
       [this] { return Download("chengban", "/transfers/export"); }},
      {"GET", "/rectifications/export", "rectifications.export", "chengban", "",
       [this] { return Download("chengban", "/rectifications/export?sort=date&dir=desc"); }},
      {"POST", "/clues/" + kId + "/file-case", "case.create", "shenhe", "",
       [this] { return Form("shenhe", At("/clues/{}/file-case", {ClueInDisposal()}), {}); }},
      {"POST", "/clues/" + kId + "/reply", "report.reply", "chengban", "",
       [this] {
         return Form("chengban", At("/clues/{}/reply", {ReportClue()}),
                     {{"body", "已受理，正在核实"}});
       }},
      {"POST", "/clues/" + kId + "/reporter-contact", "report.read_contact", "chengban", "",
       [this] { return Form("chengban", At("/clues/{}/reporter-contact", {ReportClue()}), {}); }},
      {"POST", "/assignments/" + kId + "/feedback", "assignment.feedback", "jiedao", "",
       [this] {
         return Form("jiedao", At("/assignments/{}/feedback", {NewAssignment()}),
                     {{"feedback", "已核实"}});
       }},
      {"POST", "/assignments/" + kId + "/review", "assignment.review", "chengban", "",
       [this] {
         return Form("chengban", At("/assignments/{}/review", {FeedbackSubmitted()}),
                     {{"decision", "accept"}});
       }},
      // ---- clues: API ----
      {"POST", v + "/clues", "clue.create", "shouli", "",
       [this] { return Api("shouli", "POST", "/api/v1/clues", ClueBody("民生")); }},
      {"POST", v + "/clues/" + kId + "/disposal", "clue.propose_disposal", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/clues/{}/disposal", {NewClue()}),
                    {{"disposal", "初步核实"}});
       }},
      {"POST", v + "/clues/" + kId + "/decision", "clue.approve_disposal", "shenhe", "",
       [this] {
         return Api("shenhe", "POST", At("/api/v1/clues/{}/decision", {ClueProposed("初步核实")}),
                    {{"decision", "approve"}});
       }},
      {"POST", v + "/clues/" + kId + "/reopen", "clue.reopen", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/clues/{}/reopen", {ClueDecided("暂存待查")}),
                    Json::object());
       }},
      {"POST", v + "/clues/" + kId + "/assignments", "assignment.create", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/clues/{}/assignments", {ClueInDisposal()}),
                    {{"unit", "street-01"}, {"deadline", "2026-01-31"}, {"request", "请核实"}});
       }},
      {"POST", v + "/assignments/" + kId + "/feedback", "assignment.feedback", "jiedao", "",
       [this] {
         return Api("jiedao", "POST", At("/api/v1/assignments/{}/feedback", {NewAssignment()}),
                    {{"feedback", "已核实"}});
       }},
      {"POST", v + "/assignments/" + kId + "/review", "assignment.review", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/assignments/{}/review", {FeedbackSubmitted()}),
                    {{"decision", "accept"}});
       }},
      // ---- cases: forms ----
      {"POST", "/cases/" + kId + "/persons", "case.add_person", "chengban", "",
       [this] {
         return Form("chengban", At("/cases/{}/persons", {NewCase()}),
                     {{"name", "赵七"}, {"position", "出纳"}});
       }},
      {"POST", "/cases/" + kId + "/persons/" + kId + "/outcome", "case.record_outcome", "chengban",
       "",
       [this] {
         auto [id, person] = CasePerson();
         return Form("chengban", At("/cases/{}/persons/{}/outcome", {id, person}),
                     {{"outcome", "党纪处分"}, {"detail", "警告"}});
       }},
      {"POST", "/cases/" + kId + "/recovery", "case.record_recovery", "chengban", "",
       [this] {
         return Form("chengban", At("/cases/{}/recovery", {CaseInvestigating()}),
                     {{"recovered", "100.00"}});
       }},
      {"POST", "/cases/" + kId + "/transition", "case.investigate", "chengban", "",
       [this] {
         return Form("chengban", At("/cases/{}/transition", {NewCase()}),
                     {{"event", "investigate"}});
       }},
      {"POST", "/cases/" + kId + "/link", "case.link", "chengban", "",
       [this] {
         int64_t linked = NewCase();
         return Form("chengban", At("/cases/{}/link", {NewCase("扫黑除恶")}),
                     {{"linked_case_id", std::to_string(linked)}, {"aspect", "保护伞"}});
       }},
      // ---- cases: API ----
      {"POST", v + "/cases", "case.create", "shenhe", "",
       [this] {
         return Api("shenhe", "POST", "/api/v1/cases", {{"clue_id", ClueInDisposal()}});
       }},
      {"POST", v + "/cases/" + kId + "/persons", "case.add_person", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/cases/{}/persons", {NewCase()}),
                    {{"name", "赵七"}, {"position", "出纳"}});
       }},
      {"PUT", v + "/cases/" + kId + "/persons/" + kId + "/outcome", "case.record_outcome",
       "chengban", "",
       [this] {
         auto [id, person] = CasePerson();
         return Api("chengban", "PUT", At("/api/v1/cases/{}/persons/{}/outcome", {id, person}),
                    {{"outcome", "党纪处分"}, {"detail", "警告"}});
       }},
      {"POST", v + "/cases/" + kId + "/recoveries", "case.record_recovery", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/cases/{}/recoveries", {CaseInvestigating()}),
                    {{"recovered", 10000}});
       }},
      {"POST", v + "/cases/" + kId + "/transitions", "case.investigate", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/cases/{}/transitions", {NewCase()}),
                    {{"event", "investigate"}});
       }},
      {"POST", v + "/cases/" + kId + "/links", "case.link", "chengban", "",
       [this] {
         int64_t linked = NewCase();
         return Api("chengban", "POST", At("/api/v1/cases/{}/links", {NewCase("扫黑除恶")}),
                    {{"linked_case_id", linked}, {"aspect", "保护伞"}});
       }},
      // ---- transfers ----
      {"POST", "/transfers", "transfer.create", "chengban", "",
       [this] {
         Json body = TransferBody(ClueInDisposal());
         body["clue_id"] = std::to_string(body["clue_id"].get<int64_t>());
         return Form("chengban", "/transfers", body);
       }},
      {"POST", "/transfers/" + kId + "/transition", "transfer.acknowledge", "chengban", "",
       [this] {
         return Form("chengban", At("/transfers/{}/transition", {NewTransfer()}),
                     {{"event", "acknowledge"}});
       }},
      {"POST", v + "/transfers", "transfer.create", "chengban", "",
       [this] {
         return Api("chengban", "POST", "/api/v1/transfers", TransferBody(ClueInDisposal()));
       }},
      {"POST", v + "/transfers/" + kId + "/transitions", "transfer.acknowledge", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/transfers/{}/transitions", {NewTransfer()}),
                    {{"event", "acknowledge"}});
       }},
      // ---- rectifications ----
      {"POST", "/rectifications", "rectification.create", "chengban", "",
       [this] { return Form("chengban", "/rectifications", RectificationBody()); }},
      {"POST", "/rectifications/" + kId + "/evidence", "rectification.submit_evidence", "jiedao",
       "",
       [this] {
         return Form("jiedao", At("/rectifications/{}/evidence", {NewRectification()}),
                     {{"evidence", "台账已补齐"}});
       }},
      {"POST", "/rectifications/" + kId + "/verify", "rectification.close", "shenhe", "",
       [this] {
         return Form("shenhe", At("/rectifications/{}/verify", {RectificationWithEvidence()}),
                     {{"decision", "close"}});
       }},
      {"POST", v + "/rectifications", "rectification.create", "chengban", "",
       [this] { return Api("chengban", "POST", "/api/v1/rectifications", RectificationBody()); }},
      {"POST", v + "/rectifications/" + kId + "/evidence", "rectification.submit_evidence",
       "jiedao", "",
       [this] {
         return Api("jiedao", "POST",
                    At("/api/v1/rectifications/{}/evidence", {NewRectification()}),
                    {{"evidence", "台账已补齐"}});
       }},
      {"POST", v + "/rectifications/" + kId + "/verification", "rectification.close", "shenhe", "",
       [this] {
         return Api("shenhe", "POST",
                    At("/api/v1/rectifications/{}/verification", {RectificationWithEvidence()}),
                    {{"decision", "close"}});
       }},
      // ---- 重新归类 (docs/taxonomy.md) ----
      {"POST", "/clues/" + kId + "/reclassify", "clue.reclassify", "chengban", "",
       [this] {
         return Form("chengban", At("/clues/{}/reclassify", {NewClue()}),
                     {{"domain", "窗口服务"}, {"campaigns", "ZX-JC"}, {"reason", "窗口作风问题"}});
       }},
      {"POST", "/cases/" + kId + "/reclassify", "case.reclassify", "shenhe", "",
       [this] {
         return Form("shenhe", At("/cases/{}/reclassify", {NewCase()}),
                     {{"domain", "一卡通"}, {"campaigns", "ZX-YKT"}, {"reason", "补贴资金问题"}});
       }},
      {"POST", "/rectifications/" + kId + "/reclassify", "rectification.reclassify", "chengban", "",
       [this] {
         return Form("chengban", At("/rectifications/{}/reclassify", {NewRectification()}),
                     {{"domain", "民生"}, {"campaigns", "ZX-MS-10+1"}, {"reason", "低保问题"}});
       }},
      {"POST", v + "/clues/" + kId + "/reclassify", "clue.reclassify", "chengban", "",
       [this] {
         return Api("chengban", "POST", At("/api/v1/clues/{}/reclassify", {NewClue()}),
                    {{"domain", "窗口服务"}, {"campaigns", {"ZX-JC"}}, {"reason", "窗口作风问题"}});
       }},
      {"POST", v + "/cases/" + kId + "/reclassify", "case.reclassify", "shenhe", "",
       [this] {
         return Api("shenhe", "POST", At("/api/v1/cases/{}/reclassify", {NewCase()}),
                    {{"domain", "一卡通"}, {"campaigns", {"ZX-YKT"}}, {"reason", "补贴资金问题"}});
       }},
      {"POST", v + "/rectifications/" + kId + "/reclassify", "rectification.reclassify", "chengban",
       "",
       [this] {
         return Api("chengban", "POST",
                    At("/api/v1/rectifications/{}/reclassify", {NewRectification()}),
                    {{"domain", "民生"}, {"campaigns", Json::array()}, {"reason", "低保问题"}});
       }},
      // ---- the activity ledger (活动台账) ----
      {"POST", "/activities", "activity.create", "chengban", "",
       [this] { return Form("chengban", "/activities", ActivityForm()); }},
      {"POST", "/activities/" + kId, "activity.update", "chengban", "",
       [this] { return Form("chengban", At("/activities/{}", {NewActivity()}), ActivityForm()); }},
      {"POST", "/activities/import", "activity.import", "chengban", "",
       [this] {
         Browser* b = &Staff("chengban");
         auto blank = b->Get("/activities/template.xlsx");
         EXPECT_TRUE(blank && blank->status == 200);
         std::string xlsx = blank ? blank->body : "";
         return std::function<httplib::Result()>([b, xlsx] {
           return b->PostMultipart(
               "/activities/import",
               {{"file", xlsx, "活动台账.xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
         });
       }},
      {"POST", "/activities/" + kId + "/attachments", "attachment.upload", "chengban", "",
       [this] { return Upload(At("/activities/{}/attachments", {NewActivity()})); }},
      {"GET", "/activities/" + kId + "/attachments/" + kId, "attachment.download", "chengban", "",
       [this] {
         int64_t activity = NewActivity();
         auto sent = Upload(At("/activities/{}/attachments", {activity}))();
         EXPECT_TRUE(sent && sent->status < 400);
         int64_t file = Count("SELECT MAX(attachment_id) FROM attachments");
         return Download("chengban", At("/activities/{}/attachments/{}", {activity, file}));
       }},
      {"GET", "/activities/export", "activities.export", "chengban", "",
       [this] { return Download("chengban", "/activities/export?kind=座谈会"); }},
      {"GET", "/activities/template.xlsx", "", "", "the blank template holds no record",
       [this] { return Download("chengban", "/activities/template.xlsx"); }},
      // ---- the work report ----
      {"GET", "/report/download", "report.download", "shenhe", "",
       [this] {
         Browser* b = &Staff("shenhe");
         return std::function<httplib::Result()>(
             [b] { return b->Get("/report/download?format=xlsx&period=2025"); });
       }},
      // ---- sunshine approval: staff ----
      {"POST", "/applications/new", "application.submit", "chengban", "",
       [this] {
         Browser* b = &Staff("chengban");
         b->Get("/applications/new");
         httplib::Params form = ApplicationForm(NewApplicant());
         return std::function<httplib::Result()>(
             [b, form] { return b->Post("/applications/new", form); });
       }},
      {"POST", "/applications/" + kId + "/decide", "application.decide", "chengban", "",
       [this] {
         return Form("chengban", "/applications/" + NewApplication().first + "/decide",
                     {{"step", "community_review"},
                      {"decision", "approve"},
                      {"deliberation", "民主评议通过"}});
       }},
      {"POST", "/applications/" + kId + "/precheck", "application.precheck", "shenhe", "",
       [this] {
         return Form("shenhe", "/applications/" + NewApplication().first + "/precheck", {});
       }},
      {"POST", "/applications/" + kId + "/acknowledge", "application.acknowledge", "shenhe", "",
       [this] {
         std::string id = NewApplication(/*dead=*/true).first;
         std::string hit = std::to_string(
             Count("SELECT MAX(hit_id) FROM approval_precheck_hits WHERE application_id = " + id));
         return Form("shenhe", "/applications/" + id + "/acknowledge",
                     {{"hit", hit}, {"note", "已核实，申请人已故，不予受理"}});
       }},
      {"POST", "/applications/" + kId + "/declaration", "application.declare", "chengban", "",
       [this] {
         return Form("chengban", "/applications/" + NewApplication().first + "/declaration",
                     {{"declaration", "本人与申请人无亲属关系"}});
       }},
      // ---- public pages ----
      {"POST", "/m/report", "clue.create", "码上行动", "", [this] { return ReportPost(); }},
      {"POST", "/m/receipt/message", "report.follow_up", "public", "",
       [this] {
         std::string code = ReportCode();
         Browser* b = &Citizen("/m/receipt");
         return std::function<httplib::Result()>([b, code] {
           return b->Post("/m/receipt/message", {{"code", code}, {"body", "补充：还有一户"}});
         });
       }},
      {"POST", "/m/receipt/rate", "report.rate+todo.create", "码上行动回执", "",
       [this] {
         std::string code = ReportCode();
         // An answer to rate: the clue page's reply, sent now.
         auto reply = Form("chengban", At("/clues/{}/reply", {ReportClue()}),
                           {{"body", "经核实，已处理"}})();
         EXPECT_TRUE(reply && reply->status < 400);
         Browser* b = &Citizen("/m/receipt");
         return std::function<httplib::Result()>([b, code] {
           return b->Post("/m/receipt/rate",
                          {{"code", code}, {"rating", "不满意"}, {"comment", "没有解决"}});
         });
       }},
      {"POST", "/m/gs/" + gs + "/object/" + kId, "clue.create", "码上行动", "",
       [this] {
         std::string id = ApplicationInPublicity();
         std::string path = "/m/gs/" + approval::CommunityKey("幸福社区") + "/object/" + id;
         Browser* b = &Citizen(path);
         return std::function<httplib::Result()>([b, path] {
           return b->Post(path, {{"content", "申请人有车"}, {"identity", "anonymous"}});
         });
       }},
      {"POST", "/m/apply", "application.submit", "群众自助", "",
       [this] {
         Browser* b = &Citizen("/m/apply");
         httplib::Params form = ApplicationForm(NewApplicant());
         return std::function<httplib::Result()>([b, form] { return b->Post("/m/apply", form); });
       }},
      {"POST", "/m/check", "", "", "the self-check only reads the disclosure",
       [this] {
         Browser* b = &Citizen("/m/check");
         std::string id = person_id_;
         return std::function<httplib::Result()>([b, id] {
           return b->Post("/m/check", {{"id_number", id}, {"name", "张三丰"}});
         });
       }},
      {"POST", "/m/receipt", "", "", "a receipt look-up only reads the report",
       [this] {
         std::string code = ReportCode();
         Browser* b = &Citizen("/m/receipt");
         return std::function<httplib::Result()>([b, code] {
           return b->Post("/m/receipt", {{"code", code}});
         });
       }},
      {"POST", "/m/apply/status", "", "", "a progress look-up only reads the application",
       [this] {
         std::string code = NewApplication().second;
         Browser* b = &Citizen("/m/apply/status");
         return std::function<httplib::Result()>([b, code] {
           return b->Post("/m/apply/status", {{"code", code}});
         });
       }},
  };
}

// The routes that change state or let a document leave: every POST, PUT and DELETE, and the GET
// routes that export or download.
bool Audited(const Route& r) {
  static const std::set<std::string> kExportGets = {"/report/download",
                                                    "/screening/" + kId + "/download",
                                                    "/attachments/" + kId,
                                                    "/findings/export",
                                                    "/clues/export",
                                                    "/cases/export",
                                                    "/transfers/export",
                                                    "/rectifications/export",
                                                    "/applications/export",
                                                    "/import/export",
                                                    "/admin/audit/export",
                                                    "/oversight/reports/export",
                                                    "/oversight/reports/" + kId + "/file",
                                                    "/congress/export",
                                                    "/activities/export",
                                                    "/activities/template.xlsx",
                                                    "/activities/" + kId + "/attachments/" + kId};
  return r.method != "GET" || kExportGets.contains(r.pattern);
}

TEST_F(AuditCoverageTest, EveryStateChangingRouteHasARowOfTheTable) {
  std::set<std::pair<std::string, std::string>> served, table;
  for (const Route& r : server_->Routes()) {
    if (Audited(r)) served.insert({r.method, r.pattern});
  }
  ASSERT_FALSE(served.empty());
  for (const Row& row : Rows()) {
    EXPECT_TRUE(table.insert({row.method, row.pattern}).second)
        << "two rows for " << row.method << " " << row.pattern;
  }
  for (const auto& [method, pattern] : served) {
    EXPECT_TRUE(table.contains({method, pattern}))
        << method << " " << pattern << " changes state but has no row in the audit table";
  }
  for (const auto& [method, pattern] : table) {
    EXPECT_TRUE(served.contains({method, pattern}))
        << method << " " << pattern << " is in the table but the server has no such route";
  }
}

TEST_F(AuditCoverageTest, EverySuccessfulStateChangeAddsItsAuditEntry) {
  for (const Row& row : Rows()) {
    SCOPED_TRACE(row.method + " " + row.pattern);
    auto send = row.prepare();
    ASSERT_FALSE(HasFatalFailure());
    auto head = audit::Head(*db_);
    ASSERT_TRUE(head.has_value());
    int64_t tables_before = Count(
        "SELECT (SELECT COUNT(*) FROM clues) + (SELECT COUNT(*) FROM public_reports) + "
        "(SELECT COUNT(*) FROM approval_applications) + (SELECT COUNT(*) FROM users)");
    auto res = send();
    ASSERT_TRUE(res) << "no answer";
    EXPECT_LT(res->status, 400) << res->body.substr(0, 600);
    server_->WaitForJobs();  // imports and comparisons run as background jobs
    auto added = audit::List(*db_, head->seq, 1000);
    ASSERT_TRUE(added.has_value());
    std::string seen;
    std::set<std::string> found;
    for (const audit::StoredEntry& e : *added) {
      seen += " " + e.entry.actor + ":" + e.entry.action;
      if (e.entry.actor == row.actor) found.insert(e.entry.action);
      if (e.entry.action == "data.import") {
        // What was imported, by its SHA-256, and the counts.
        EXPECT_NE(e.entry.after.find(import_sha256_), std::string::npos) << e.entry.after;
        EXPECT_NE(e.entry.after.find(R"("rows_imported":1)"), std::string::npos) << e.entry.after;
      }
    }
    if (row.action.empty()) {
      EXPECT_TRUE(added->empty()) << "changes nothing (" << row.why << ") yet wrote:" << seen;
      EXPECT_EQ(Count("SELECT (SELECT COUNT(*) FROM clues) + (SELECT COUNT(*) FROM "
                      "public_reports) + (SELECT COUNT(*) FROM approval_applications) + "
                      "(SELECT COUNT(*) FROM users)"),
                tables_before);
    } else {
      for (size_t from = 0; from <= row.action.size();) {
        size_t plus = std::min(row.action.find('+', from), row.action.size());
        std::string action = row.action.substr(from, plus - from);
        EXPECT_TRUE(found.contains(action))
            << "expected " << row.actor << ":" << action << ", got:" << seen;
        from = plus + 1;
      }
    }
  }
  auto key = crypto::FieldCipher::FromKeyFile(options_.key_file);
  ASSERT_TRUE(key.has_value());
  auto report = audit::Verify(*db_, key->chain_key(), {});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_GT(report->entries, 60);
}

// Failed logins are entries too, for a name that is not a user as well; what was typed as the
// password is nowhere in the log.
TEST_F(AuditCoverageTest, FailedLoginsAreAuditedWithoutThePassword) {
  auto head = audit::Head(*db_);
  ASSERT_TRUE(head.has_value());
  Browser b(port_);
  EXPECT_FALSE(b.Login("chengban", kSecretTyped));
  EXPECT_FALSE(b.Login("no-such-user", kSecretTyped));
  httplib::Client client("127.0.0.1", port_);
  auto api = client.Post("/api/v1/session",
                         Json{{"username", "nobody-at-all"}, {"password", kSecretTyped}}.dump(),
                         "application/json");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 401);
  auto added = audit::List(*db_, head->seq, 100);
  ASSERT_TRUE(added.has_value());
  std::set<std::string> failed;
  for (const audit::StoredEntry& e : *added) {
    if (e.entry.action == "user.login_failed") failed.insert(e.entry.actor);
  }
  EXPECT_EQ(failed, (std::set<std::string>{"chengban", "no-such-user", "nobody-at-all"}));
  EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM audit_log WHERE instr(actor || action || "
                              "entity || entity_id || before || after, '") +
                  kSecretTyped + "') > 0"),
            0);
}

}  // namespace
}  // namespace qf::web
