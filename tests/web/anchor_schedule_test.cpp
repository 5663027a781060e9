// `serve` anchors the audit log: on its schedule when entries were added, and when it stops, so
// that a tail deleted while it ran is caught by `audit verify`.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "audit/anchor.h"
#include "audit/audit_log.h"
#include "browser.h"
#include "store/database.h"
#include "support/temp_dir.h"
#include "web/server.h"

namespace qf::web {
namespace {

class StillClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return 1766188800; }  // 2025-12-20T00:00:00Z
};

class AnchorScheduleTest : public ::testing::Test {
 protected:
  ServeOptions Options(int every_seconds) {
    ServeOptions options;
    options.db_url = "sqlite:" + dir_.File("q.db");
    options.listen = "127.0.0.1:0";
    options.key_file = dir_.File("q.key");
    options.web_root = QF_TEST_WEB_ROOT;
    options.access_log = false;
    options.threads = 4;
    options.casework_options.password_cost = casework::PasswordCost::Minimal();
    options.demo_accounts = true;
    options.anchor_every_seconds = every_seconds;
    return options;
  }

  std::vector<audit::Anchor> Anchors() {
    auto anchors = audit::ReadAnchors(dir_.File("qingfeng.anchors"));
    EXPECT_TRUE(anchors.has_value());
    return anchors.value_or(std::vector<audit::Anchor>{});
  }

  int64_t HeadSeq() {
    auto db = store::Open("sqlite:" + dir_.File("q.db"));
    EXPECT_TRUE(db.has_value());
    auto head = audit::Head(**db);
    EXPECT_TRUE(head.has_value());
    return head ? head->seq : -1;
  }

  StillClock clock_;
  test_support::TempDir dir_{"qf_anchor_schedule"};
};

TEST_F(AnchorScheduleTest, StoppingAnchorsTheNewestEntryBesideTheKeyFile) {
  {
    WebServer server(Options(0), clock_);
    auto port = server.Start();
    ASSERT_TRUE(port.has_value()) << port.error().message();
    testing::Browser browser(*port);
    ASSERT_TRUE(browser.Login("chengban", "qingfeng-demo"));
    EXPECT_TRUE(Anchors().empty());  // no schedule: nothing before the stop
  }
  auto anchors = Anchors();
  ASSERT_EQ(anchors.size(), 1u);
  EXPECT_EQ(anchors[0].seq, HeadSeq());
  EXPECT_GT(anchors[0].seq, 4);  // key, demo accounts, the login
}

TEST_F(AnchorScheduleTest, TheScheduleAnchorsOnlyWhenEntriesWereAdded) {
  WebServer server(Options(1), clock_);
  auto port = server.Start();
  ASSERT_TRUE(port.has_value()) << port.error().message();
  auto wait_for = [&](size_t n) {
    for (int i = 0; i < 50 && Anchors().size() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return Anchors().size();
  };
  ASSERT_EQ(wait_for(1), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(Anchors().size(), 1u);  // nothing new: no second anchor
  testing::Browser browser(*port);
  ASSERT_TRUE(browser.Login("chengban", "qingfeng-demo"));
  ASSERT_EQ(wait_for(2), 2u);
  EXPECT_EQ(Anchors()[1].seq, HeadSeq());
  server.Stop();
  EXPECT_EQ(Anchors().size(), 2u);  // the stop found the newest entry anchored already
}

}  // namespace
}  // namespace qf::web
