// Issue 12, points 6 and 7 on a real server (port 0, loopback, fake clock): the public reporting
// channel (one transaction, UTF-8, rate limit, photo metadata, encryption at rest, day stamps,
// the audited 查看联系方式) and the web's hardening (slow clients, redirects, control characters,
// the assigned unit's 承办人).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "browser.h"
#include "casework/casework_service.h"
#include "crypto/crypto.h"
#include "store/database.h"
#include "store/migrations.h"
#include "web/internal/photo_scrub.h"
#include "web/internal/request_guard.h"
#include "web/server.h"

namespace qf::web {
namespace {

using testing::Browser;
using SteadyClock = std::chrono::steady_clock;

class FakeClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return now; }
  int64_t now = 1766188800 + 5 * 3600 + 37 * 60 + 11;  // 2025-12-20T05:37:11Z, 13:37 in Beijing
};

// A TCP connection to the server that the test drives byte by byte.
class RawSocket {
 public:
  explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawSocket() { ::close(fd_); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  bool connected() const { return connected_; }
  bool Send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // True once the server has closed the connection (waits at most `wait`).
  bool ClosedWithin(std::chrono::milliseconds wait) {
    auto until = SteadyClock::now() + wait;
    while (SteadyClock::now() < until) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) > 0) {
        char buffer[4096];
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN)) return true;
      }
    }
    return false;
  }
  // The first bytes the server sends within `wait`; "" when none came.
  std::string ReceivedWithin(std::chrono::milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return {};
    char buffer[4096];
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  }

 private:
  int fd_;
  bool connected_ = false;
};

class TrustTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("qf-trust-test-" + crypto::ToHex(crypto::RandomBytes(6)));
    std::filesystem::create_directories(dir_);
    options_.db_url = "sqlite:" + (dir_ / "q.db").string();
    auto db = store::Open(options_.db_url);
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    options_.listen = "127.0.0.1:0";
    options_.key_file = (dir_ / "q.key").string();
    options_.web_root = QF_TEST_WEB_ROOT;
    options_.access_log = false;
    options_.threads = 4;
    options_.casework_options.password_cost = casework::PasswordCost::Minimal();
    options_.demo_accounts = true;
  }

  void Start() {
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

  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.has_value()) << sql;
    auto row = (*st)->Step();
    EXPECT_TRUE(row.has_value() && *row) << sql;
    return (*st)->Int(0);
  }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.has_value()) << sql;
    auto row = (*st)->Step();
    EXPECT_TRUE(row.has_value() && *row) << sql;
    return (*st)->Text(0);
  }

  // Files a report through the public form; the response.
  httplib::Result Report(Browser& b, const std::string& content, bool real_name = false,
                         httplib::MultipartFormDataItems extra = {}) {
    b.Get("/m/report");
    httplib::MultipartFormDataItems items = {{"category", "优亲厚友", "", ""},
                                             {"content", content, "", ""}};
    if (real_name) {
      items.push_back({"identity", "real", "", ""});
      items.push_back({"reporter_name", "王举报", "", ""});
      items.push_back({"reporter_phone", "13900001111", "", ""});
    }
    for (auto& item : extra) items.push_back(std::move(item));
    return b.PostMultipart("/m/report", items);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_;
  ServeOptions options_;
  std::unique_ptr<WebServer> server_;
  int port_ = 0;
};

// ---- Public reporting channel ------------------------------------------------------------------

TEST_F(TrustTest, ReportWithInvalidUtf8IsRefusedAndStoresNothing) {
  Start();
  Browser b(port_);
  auto res = Report(b, std::string("低保\xFF\xFE冒领", 10));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("UTF-8"), std::string::npos);
  EXPECT_EQ(res->body.find("json"), std::string::npos);
  EXPECT_EQ(res->body.find("exception"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM public_reports"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM clues"), 0);
}

TEST_F(TrustTest, AReportWhoseClueCannotBeRegisteredLeavesNoReport) {
  Start();
  ASSERT_TRUE(
      db_->Execute("CREATE TRIGGER refuse_clue BEFORE INSERT ON clues BEGIN "
                   "SELECT RAISE(ABORT, 'clue refused'); END"));
  Browser b(port_);
  auto res = Report(b, "村干部优亲厚友");
  ASSERT_TRUE(res);
  EXPECT_GE(res->status, 400);
  EXPECT_EQ(Count("SELECT count(*) FROM public_reports"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM public_report_photos"), 0);
}

TEST_F(TrustTest, ReportsAreLimitedPerClientAddress) {
  options_.report_limit_per_address = 2;
  Start();
  Browser b(port_);
  EXPECT_EQ(Report(b, "第一条")->status, 200);
  EXPECT_EQ(Report(b, "第二条")->status, 200);
  auto third = Report(b, "第三条");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 429);
  EXPECT_EQ(Count("SELECT count(*) FROM public_reports"), 2);
  clock_.now += 3601;
  EXPECT_EQ(Report(b, "一小时后")->status, 200);
}

std::string Segment(uint8_t marker, const std::string& payload) {
  size_t length = payload.size() + 2;
  return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(length >> 8),
                     static_cast<char>(length & 0xFF)} +
         payload;
}

std::string Chunk(const std::string& type, const std::string& data) {
  size_t n = data.size();
  std::string out{static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                  static_cast<char>(n)};
  return out + type + data + std::string("\0\0\0\0", 4);  // the CRC is not checked here
}

// A JPEG as a phone writes it: JFIF, EXIF with a GPS position, XMP, a comment, then the image.
std::string PhoneJpeg() {
  return std::string("\xFF\xD8", 2) + Segment(0xE0, std::string("JFIF\0\1\1\0\0\1\0\1\0\0", 14)) +
         Segment(0xE1, std::string("Exif\0\0", 6) + "GPSLatitude 39.9042N GPSLongitude 116.4074E") +
         Segment(0xE1, "http://ns.adobe.com/xap/1.0/ <xmp>secret-xmp</xmp>") +
         Segment(0xFE, "secret-comment") + Segment(0xDB, std::string(65, '\1')) +
         Segment(0xC0, std::string("\x08\0\x10\0\x10\x01\x01\x11\0", 9)) +
         Segment(0xDA, std::string("\x01\x01\0\0\x3F\0", 6)) +
         std::string("\x12\x34\xFF\0\x56", 5) + std::string("\xFF\xD9", 2) + "trailing-secret";
}

std::string PhonePng() {
  return std::string("\x89PNG\r\n\x1a\n", 8) + Chunk("IHDR", std::string(13, '\1')) +
         Chunk("tEXt", std::string("Comment\0secret-text", 19)) +
         Chunk("eXIf", "GPSLatitude 39.9042N") + Chunk("iTXt", "XML:com.adobe.xmp secret-xmp") +
         Chunk("IDAT", "pixels") + Chunk("IEND", "") + "trailing-secret";
}

TEST(PhotoScrubTest, JpegKeepsTheImageAndLosesExifXmpAndComments) {
  auto clean = internal::ScrubPhoto("jpeg", PhoneJpeg());
  ASSERT_TRUE(clean.has_value()) << clean.error().message();
  for (const char* gone : {"Exif", "GPS", "secret-xmp", "secret-comment", "trailing-secret"}) {
    EXPECT_EQ(clean->find(gone), std::string::npos) << gone;
  }
  EXPECT_NE(clean->find("JFIF"), std::string::npos);
  EXPECT_NE(clean->find(std::string("\x12\x34\xFF\0\x56", 5)), std::string::npos);  // the scan
  EXPECT_TRUE(clean->ends_with("\xFF\xD9"));
}

TEST(PhotoScrubTest, PngKeepsTheImageAndLosesTextAndExif) {
  auto clean = internal::ScrubPhoto("png", PhonePng());
  ASSERT_TRUE(clean.has_value()) << clean.error().message();
  for (const char* gone : {"tEXt", "eXIf", "iTXt", "GPS", "secret", "trailing"}) {
    EXPECT_EQ(clean->find(gone), std::string::npos) << gone;
  }
  EXPECT_NE(clean->find("IHDR"), std::string::npos);
  EXPECT_NE(clean->find("pixels"), std::string::npos);
  EXPECT_NE(clean->find("IEND"), std::string::npos);
}

TEST(PhotoScrubTest, TruncatedFilesAreRefused) {
  EXPECT_FALSE(internal::ScrubPhoto("jpeg", PhoneJpeg().substr(0, 40)).has_value());
  EXPECT_FALSE(internal::ScrubPhoto("png", PhonePng().substr(0, 30)).has_value());
}

TEST_F(TrustTest, UploadedPhotosAreStoredWithoutTheirMetadata) {
  Start();
  Browser citizen(port_);
  auto res = Report(citizen, "照片里有 GPS", false,
                    {{"photos", PhoneJpeg(), "a.jpg", "image/jpeg"},
                     {"photos", PhonePng(), "b.png", "image/png"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  int64_t report_id = Count("SELECT report_id FROM public_reports");
  Browser staff(port_);
  ASSERT_TRUE(staff.Login("chengban", "qingfeng-demo"));
  for (int n = 0; n < 2; ++n) {
    auto photo =
        staff.Get("/reports/" + std::to_string(report_id) + "/photos/" + std::to_string(n));
    ASSERT_TRUE(photo);
    ASSERT_EQ(photo->status, 200);
    EXPECT_EQ(photo->body.find("GPS"), std::string::npos) << n;
    EXPECT_EQ(photo->body.find("secret"), std::string::npos) << n;
  }
}

TEST_F(TrustTest, ReportTextIsEncryptedAtRestAndReadableWhereItIsShown) {
  Start();
  Browser citizen(port_);
  auto res = Report(citizen, "独特的举报文本甲乙丙");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(res->body, m, std::regex(R"(\b(\d{16})\b)")));
  std::string code = m[1];
  EXPECT_TRUE(Text("SELECT content FROM public_reports").starts_with("sm4:"));
  EXPECT_EQ(Count("SELECT count(*) FROM clues WHERE summary LIKE '%独特的举报文本%'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE after LIKE '%独特的举报文本%'"), 0);
  citizen.Get("/m/receipt");
  ASSERT_EQ(citizen.Post("/m/receipt/message", {{"code", code}, {"body", "补充说明丁戊"}})->status,
            200);
  EXPECT_TRUE(Text("SELECT body FROM public_report_messages").starts_with("sm4:"));
  auto view = citizen.Post("/m/receipt", {{"code", code}});
  ASSERT_TRUE(view);
  EXPECT_NE(view->body.find("独特的举报文本甲乙丙"), std::string::npos);
  EXPECT_NE(view->body.find("补充说明丁戊"), std::string::npos);
  Browser staff(port_);
  ASSERT_TRUE(staff.Login("chengban", "qingfeng-demo"));
  int64_t clue_id = Count("SELECT clue_id FROM public_reports");
  auto page = staff.Get("/clues/" + std::to_string(clue_id));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("独特的举报文本甲乙丙"), std::string::npos);
}

TEST_F(TrustTest, AnAnonymousReportIsDatedToTheDayWhereverStaffCanReadIt) {
  Start();
  Browser citizen(port_);
  ASSERT_EQ(Report(citizen, "匿名反映")->status, 200);
  // 2025-12-20 13:37 in Beijing: the day starts at 2025-12-19T16:00:00Z.
  EXPECT_EQ(Text("SELECT created_at FROM clues"), "2025-12-19T16:00:00Z");
  EXPECT_EQ(Text("SELECT updated_at FROM clues"), "2025-12-19T16:00:00Z");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE actor = '码上行动' AND "
                  "at <> '2025-12-19T16:00:00Z'"),
            0);
  EXPECT_GE(Count("SELECT count(*) FROM audit_log WHERE actor = '码上行动'"), 1);
  EXPECT_EQ(Text("SELECT created_on FROM public_reports"), "2025-12-20");
  Browser staff(port_);
  ASSERT_TRUE(staff.Login("chengban", "qingfeng-demo"));
  auto page = staff.Get("/clues/" + std::to_string(Count("SELECT clue_id FROM public_reports")));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body.find("05:37"), std::string::npos);
  EXPECT_EQ(page->body.find("13:37"), std::string::npos);
}

TEST_F(TrustTest, AReporterContactIsShownToTheHandlerOnlyThroughAnAuditedAction) {
  Start();
  Browser citizen(port_);
  ASSERT_EQ(Report(citizen, "实名反映", /*real_name=*/true)->status, 200);
  std::string clue = std::to_string(Count("SELECT clue_id FROM public_reports"));
  Browser handler(port_);
  ASSERT_TRUE(handler.Login("chengban", "qingfeng-demo"));
  auto page = handler.Get("/clues/" + clue);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body.find("13900001111"), std::string::npos);  // not on the page itself
  EXPECT_NE(page->body.find("/clues/" + clue + "/reporter-contact"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'report.read_contact'"), 0);
  auto contact = handler.Post("/clues/" + clue + "/reporter-contact", {});
  ASSERT_TRUE(contact);
  ASSERT_EQ(contact->status, 200) << contact->body;
  EXPECT_NE(contact->body.find("13900001111"), std::string::npos);
  EXPECT_NE(contact->body.find("王举报"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'report.read_contact' AND "
                  "actor = 'chengban' AND entity = 'clue' AND entity_id = '" +
                  clue + "'"),
            1);
  // A 受理员 who sees the clue is not its 承办人.
  Browser intake(port_);
  ASSERT_TRUE(intake.Login("shouli", "qingfeng-demo"));
  intake.Get("/clues/" + clue);
  auto refused = intake.Post("/clues/" + clue + "/reporter-contact", {});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body.find("13900001111"), std::string::npos);
}

// ---- Web hardening -----------------------------------------------------------------------------

TEST_F(TrustTest, AHundredSlowClientsLeaveThePublicPagesAnswering) {
  Start();
  std::vector<std::unique_ptr<RawSocket>> slow;
  for (int i = 0; i < 100; ++i) {
    slow.push_back(std::make_unique<RawSocket>(port_));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->Send("GET /m/ HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  // One more header line from each every 2 s, as the attack does, while the test runs (≤ 6 s).
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    for (int round = 0; round < 3 && !done; ++round) {
      for (int t = 0; t < 20 && !done; ++t)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      for (auto& s : slow) s->Send("X-Slow: 1\r\n");
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(5, 0);
  auto start = SteadyClock::now();
  auto res = client.Get("/m/");
  double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  done = true;
  trickle.join();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(seconds, 1.0);
}

TEST_F(TrustTest, AClientKeepsAtMostItsConnectionLimitAndItsNewestGetsIn) {
  options_.max_connections_per_client = 8;
  Start();
  std::vector<std::unique_ptr<RawSocket>> sockets;
  for (int i = 0; i < 12; ++i) {
    sockets.push_back(std::make_unique<RawSocket>(port_));
    sockets.back()->Send("GET /m/ HTTP/1.1\r\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  int closed = 0;
  for (int i = 0; i < 4; ++i) closed += sockets[i]->ClosedWithin(std::chrono::milliseconds(500));
  EXPECT_EQ(closed, 4);  // the oldest four made room
  for (int i = 4; i < 12; ++i)
    EXPECT_FALSE(sockets[i]->ClosedWithin(std::chrono::milliseconds(50)));
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Get("/m/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(TrustTest, AHeaderThatKeepsTricklingIsCutOffAtItsDeadline) {
  options_.header_timeout_seconds = 1;
  Start();
  RawSocket s(port_);
  ASSERT_TRUE(s.Send("GET /m/ HTTP/1.1\r\n"));
  auto start = SteadyClock::now();
  bool closed = false;
  for (int i = 0; i < 10 && !closed; ++i) {  // a line every 300 ms: each read is quick
    s.Send("X-Slow: 1\r\n");
    closed = s.ClosedWithin(std::chrono::milliseconds(300));
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::duration<double>(SteadyClock::now() - start).count(), 2.0);
}

TEST_F(TrustTest, ABodyThatKeepsTricklingIsCutOffAtItsDeadline) {
  options_.request_timeout_seconds = 1;
  Start();
  RawSocket s(port_);
  ASSERT_TRUE(
      s.Send("POST /m/check HTTP/1.1\r\nHost: x\r\nContent-Type: "
             "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"));
  auto start = SteadyClock::now();
  bool closed = false;
  for (int i = 0; i < 10 && !closed; ++i) {
    s.Send("a");
    closed = s.ClosedWithin(std::chrono::milliseconds(300));
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::duration<double>(SteadyClock::now() - start).count(), 2.5);
}

// The public pages have workers of their own (connection_gate.h): requests still sending their
// body hold every other worker, and a public page whose request arrived whole still answers.
TEST_F(TrustTest, PublicPagesAnswerWhileSlowBodiesHoldEveryOtherWorker) {
  options_.threads = 2;
  options_.quick_threads = 2;
  Start();
  std::vector<std::unique_ptr<RawSocket>> slow;
  for (const char* target : {"/login", "/m/check", "/login"}) {
    slow.push_back(std::make_unique<RawSocket>(port_));
    ASSERT_TRUE(slow.back()->Send(std::string("POST ") + target +
                                  " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                  "application/x-www-form-urlencoded\r\nContent-Length: "
                                  "1000\r\n\r\nid_number="));
  }
  // A whole public request with a slow one pipelined behind it is no quick request either.
  for (int i = 0; i < 3; ++i) {
    slow.push_back(std::make_unique<RawSocket>(port_));
    ASSERT_TRUE(slow.back()->Send(
        "GET /m/check HTTP/1.1\r\nHost: x\r\n\r\nPOST /m/check HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nid="));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto start = SteadyClock::now();
  Browser b(port_);
  auto page = b.Get("/m/check");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  auto answer = b.Post("/m/check", {{"id_number", "110101199003076579"}, {"name", "张三"}});
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_LT(std::chrono::duration<double>(SteadyClock::now() - start).count(), 1.0);

  // A client that writes the header and the body apart (as cpp-httplib's own client may): the
  // gate waits for a small body that follows, so the request is still a quick one.
  RawSocket apart(port_);
  const std::string body = "id_number=110101199003076579&name=x";
  ASSERT_TRUE(apart.Send(
      "POST /m/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  start = SteadyClock::now();
  ASSERT_TRUE(apart.Send(body));
  EXPECT_TRUE(apart.ReceivedWithin(std::chrono::milliseconds(1000)).starts_with("HTTP/1.1 "));
  EXPECT_LT(std::chrono::duration<double>(SteadyClock::now() - start).count(), 1.0);
}

TEST_F(TrustTest, LoginRedirectsOnlyToPathsOfThisSite) {
  Start();
  for (const char* evil : {"/\t/evil.example", "//evil.example", "/\\evil.example",
                           "https://evil.example/", "/\n/evil.example", " //evil.example"}) {
    Browser b(port_);
    b.Get("/login");
    auto res =
        b.Post("/login", {{"username", "chengban"}, {"password", "qingfeng-demo"}, {"next", evil}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 303);
    EXPECT_EQ(res->get_header_value("Location"), "/") << evil;
  }
  Browser b(port_);
  auto form = b.Get("/login?next=%2F%09%2Fevil.example");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->body.find("evil.example"), std::string::npos);
  auto res = b.Post(
      "/login",
      {{"username", "chengban"}, {"password", "qingfeng-demo"}, {"next", "/findings?rule=R01"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Location"), "/findings?rule=R01");
}

TEST_F(TrustTest, ControlCharactersInThePathAreABadRequest) {
  Start();
  httplib::Client client("127.0.0.1", port_);
  for (const char* path : {"/m/%00", "/static/app.js%00.png", "/login%0aGET%20/admin%20200",
                           "/m/%0d%0aX:1", "/m/%7f"}) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
  }
  EXPECT_EQ(client.Get("/m/")->status, 200);
}

TEST(RequestGuardTest, LogPathsAreOneLineWhateverTheyHold) {
  std::string forged = internal::LogSafePath("/login\nGET /admin 200\r\n%0a");
  EXPECT_EQ(forged.find('\n'), std::string::npos);
  EXPECT_EQ(forged.find('\r'), std::string::npos);
  EXPECT_EQ(forged.find(' '), std::string::npos);
  EXPECT_EQ(forged, "/login%0AGET%20/admin%20200%0D%0A%250a");
  EXPECT_EQ(internal::LogSafePath("/m/p/c-0123"), "/m/p/c-0123");
  EXPECT_EQ(internal::LogSafePath("/中"), "/%E4%B8%AD");
}

TEST(RequestGuardTest, SafeNextKeepsOnlySameSitePaths) {
  EXPECT_EQ(internal::SafeNext("/clues/3"), "/clues/3");
  EXPECT_EQ(internal::SafeNext("/findings?rule=R01&page=2"), "/findings?rule=R01&page=2");
  for (std::string_view evil : std::initializer_list<std::string_view>{
           "", "evil", "//evil", "/\\evil", "/\t/evil", "/\r\n/evil", "https://evil", "/ /evil",
           std::string_view("/\0/evil", 7)}) {
    EXPECT_EQ(internal::SafeNext(evil), "/") << evil;
  }
}

TEST_F(TrustTest, MessagesAfterAnActionAreFlashedFromTheServerNotTheUrl) {
  Start();
  Browser citizen(port_);
  ASSERT_EQ(Report(citizen, "请答复")->status, 200);
  std::string clue = "/clues/" + std::to_string(Count("SELECT clue_id FROM public_reports"));
  Browser staff(port_);
  ASSERT_TRUE(staff.Login("chengban", "qingfeng-demo"));
  staff.Get(clue);
  auto replied = staff.Post(clue + "/reply", {{"body", "已收到，正在核实"}});
  ASSERT_TRUE(replied);
  ASSERT_EQ(replied->status, 303);
  EXPECT_EQ(replied->get_header_value("Location"), clue);
  auto page = staff.Get(clue);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("答复已发送"), std::string::npos);
  EXPECT_EQ(staff.Get(clue)->body.find("答复已发送"), std::string::npos);  // shown once
  // Another browser never sees it, and a crafted link cannot make the site say anything.
  auto forged =
      staff.Get(clue + "?msg=%E8%B4%A6%E5%8F%B7%E5%BC%82%E5%B8%B8%E8%AF%B7%E6%8B%A8%E6%89%93");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->body.find("账号异常请拨打"), std::string::npos);
}

// A 承办人 of the unit a clue was assigned to (or an item issued to) answers it from the web.
TEST_F(TrustTest, TheAssignedUnitsHandlerSubmitsFeedbackAndEvidence) {
  Start();
  auto cipher = crypto::FieldCipher::FromKeyFile(options_.key_file);
  ASSERT_TRUE(cipher.has_value());
  casework::CaseworkService service(*db_, clock_, *cipher, options_.casework_options);
  casework::Actor admin{0, "cli", {casework::Role::kSystemAdmin}, "commission"};
  ASSERT_TRUE(service.AddUnit(admin, {{"code", "street-01"},
                                      {"name", "一街道监察办公室"},
                                      {"kind", "street_office"},
                                      {"parent", "commission"}}));
  // A business account carries its ID number (灯下黑): a made-up valid one.
  ASSERT_TRUE(service.AddUserFromCli("jiedao", "街道承办人", {casework::Role::kHandler},
                                     "street-01", "password-jiedao", "11010519491231002X"));
  casework::Actor intake{0, "shouli", {casework::Role::kIntake}, "commission"};
  casework::Actor handler{0, "chengban", {casework::Role::kHandler}, "commission"};
  casework::Actor approver{0, "shenhe", {casework::Role::kApprover}, "commission"};
  auto clue = service.CreateClue(intake, {{"source", "信访"},
                                          {"domain", "民生"},
                                          {"title", "低保冒领"},
                                          {"summary", "群众反映"},
                                          {"unit", "commission"}});
  ASSERT_TRUE(clue.has_value()) << clue.error().message();
  int64_t clue_id = (*clue)["id"];
  ASSERT_TRUE(service.ProposeDisposal(handler, clue_id, {{"disposal", "初步核实"}}));
  ASSERT_TRUE(service.DecideDisposal(approver, clue_id, {{"decision", "approve"}}));
  auto assigned = service.AssignClue(
      handler, clue_id, {{"unit", "street-01"}, {"deadline", "2026-01-31"}, {"request", "请核实"}});
  ASSERT_TRUE(assigned.has_value()) << assigned.error().message();
  int64_t assignment_id = (*assigned)["assignments"][0]["id"];
  auto item = service.IssueRectification(handler, {{"kind", "整改事项"},
                                                   {"unit", "street-01"},
                                                   {"content", "整改公示"},
                                                   {"due_date", "2026-01-31"}});
  ASSERT_TRUE(item.has_value()) << item.error().message();
  int64_t item_id = (*item)["id"];

  Browser street(port_);
  ASSERT_TRUE(street.Login("jiedao", "password-jiedao"));
  auto page = street.Get("/clues/" + std::to_string(clue_id));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  auto sent = street.Post("/assignments/" + std::to_string(assignment_id) + "/feedback",
                          {{"feedback", "已核实"}, {"back", std::to_string(clue_id)}});
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 303) << sent->body;
  EXPECT_EQ(Text("SELECT status FROM assignments"), "feedback_submitted");
  auto record = street.Get("/rectifications/" + std::to_string(item_id));
  ASSERT_TRUE(record);
  ASSERT_EQ(record->status, 200);
  auto evidence = street.Post("/rectifications/" + std::to_string(item_id) + "/evidence",
                              {{"evidence", "已整改"}});
  ASSERT_TRUE(evidence);
  EXPECT_EQ(evidence->status, 303) << evidence->body;
  auto after = street.Get(evidence->get_header_value("Location"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

}  // namespace
}  // namespace qf::web
