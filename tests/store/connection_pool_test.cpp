#include "store/connection_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>

#include "support/test_store.h"
#include "temp_dir.h"

namespace qf::store {
namespace {

class ConnectionPoolTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && test_support::PostgresTestUrl().empty()) {
      GTEST_SKIP() << "QF_TEST_PG_URL 未设置：跳过 PostgreSQL 测试";
    }
    url_ = GetParam() == "sqlite" ? "sqlite:" + (dir_.path() / "q.db").string()
                                  : test_support::FreshStoreUrl("postgresql");
  }
  testing::TempDir dir_;
  std::string url_;
};

INSTANTIATE_TEST_SUITE_P(Backends, ConnectionPoolTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

TEST_P(ConnectionPoolTest, ReturnedConnectionIsReused) {
  ConnectionPool pool(url_, 4);
  {
    auto db = pool.Acquire();
    ASSERT_TRUE(db.has_value()) << db.error().message();
    ASSERT_TRUE((*db)->Execute("CREATE TABLE t (v INTEGER)").has_value());
  }
  {
    auto db = pool.Acquire();
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Execute("INSERT INTO t VALUES (1)").has_value());
  }
  EXPECT_EQ(pool.OpenConnections(), 1);
}

TEST_P(ConnectionPoolTest, NeverOpensMoreThanTheLimit) {
  ConnectionPool pool(url_, 1);
  auto first = pool.Acquire();
  ASSERT_TRUE(first.has_value());
  std::atomic<bool> got_second{false};
  std::thread waiter([&] {
    auto second = pool.Acquire();  // waits for `first` to come back
    EXPECT_TRUE(second.has_value());
    got_second = true;
  });
  EXPECT_EQ(pool.OpenConnections(), 1);
  { auto done = std::move(*first); }  // returns the connection
  waiter.join();
  EXPECT_TRUE(got_second);
  EXPECT_EQ(pool.OpenConnections(), 1);
}

TEST_P(ConnectionPoolTest, UncommittedTransactionDoesNotOutliveItsLease) {
  ConnectionPool pool(url_, 1);
  {
    auto db = pool.Acquire();
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Execute("CREATE TABLE t (v INTEGER)").has_value());
    auto tx = (*db)->Begin();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE((*db)->Execute("INSERT INTO t VALUES (1)").has_value());
  }
  auto db = pool.Acquire();
  ASSERT_TRUE(db.has_value());
  auto tx = (*db)->Begin();  // would fail as nested if the old transaction were still open
  EXPECT_TRUE(tx.has_value());
  auto count = (*db)->Prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(count.has_value());
  ASSERT_TRUE((*count)->Step().value_or(false));
  EXPECT_EQ((*count)->Int(0), 0);
}

TEST(ConnectionPoolFailureTest, FailedOpenIsReportedAndFreesItsSlot) {
  ConnectionPool pool("mysql://nowhere/q", 1);
  auto db = pool.Acquire();
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(pool.OpenConnections(), 0);
  EXPECT_FALSE(pool.Acquire().has_value());  // does not wait for a slot that was never used
}

}  // namespace
}  // namespace qf::store
