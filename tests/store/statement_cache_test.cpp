#include "store/statement_cache.h"

#include <gtest/gtest.h>

#include <string>

#include "store/connection_pool.h"
#include "support/temp_dir.h"

namespace qf::store {
namespace {

std::unique_ptr<Database> OpenOrFail(const std::string& url) {
  auto db = Open(url);
  EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message());
  return db ? std::move(*db) : nullptr;
}

int64_t Count(Database& db) {
  auto st = db.Prepare("SELECT count(*) FROM t WHERE v >= ?");
  EXPECT_TRUE(st.has_value());
  (*st)->Bind(1, int64_t{0});
  EXPECT_TRUE((*st)->Step().value_or(false));
  return (*st)->Int(0);
}

TEST(StatementCacheTest, ARecycledStatementStartsAgainWithoutItsBindings) {
  auto db = WithStatementCache(OpenOrFail("sqlite::memory:"));
  ASSERT_TRUE(db->Execute("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)"));
  {
    auto st = db->Prepare("SELECT v FROM t WHERE v >= ? ORDER BY v");
    ASSERT_TRUE(st.has_value());
    (*st)->Bind(1, int64_t{2});
    ASSERT_TRUE((*st)->Step().value_or(false));
    EXPECT_EQ((*st)->Int(0), 2);
  }  // given back in the middle of its rows
  auto again = db->Prepare("SELECT v FROM t WHERE v >= ? ORDER BY v");
  ASSERT_TRUE(again.has_value());
  // Unbound, the parameter is NULL: no row (a kept binding of 2 would yield 2 and 3).
  EXPECT_FALSE((*again)->Step().value_or(true));
  (*again)->Bind(1, int64_t{1});
  ASSERT_TRUE((*again)->Step().value_or(false));
  EXPECT_EQ((*again)->Int(0), 1);
}

TEST(StatementCacheTest, AStatementGivenBackMidReadHoldsNoSnapshot) {
  test_support::TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "q.db").string();
  auto reader = WithStatementCache(OpenOrFail(url));
  auto writer = OpenOrFail(url);
  ASSERT_TRUE(writer->Execute("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2)"));
  {
    auto st = reader->Prepare("SELECT v FROM t WHERE v >= ?");
    ASSERT_TRUE(st.has_value());
    (*st)->Bind(1, int64_t{0});
    ASSERT_TRUE((*st)->Step().value_or(false));  // a read transaction is open now
  }
  ASSERT_TRUE(writer->Execute("INSERT INTO t VALUES (3)"));
  EXPECT_EQ(Count(*reader), 3);
}

TEST(StatementCacheTest, PoolWithCachedStatementsStillSeesOtherConnectionsWrites) {
  test_support::TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "q.db").string();
  auto writer = OpenOrFail(url);
  ASSERT_TRUE(writer->Execute("CREATE TABLE t (v INTEGER)"));
  ConnectionPool pool(url, 2, /*cache_statements=*/true);
  for (int64_t n = 1; n <= 3; ++n) {
    ASSERT_TRUE(writer->Execute("INSERT INTO t VALUES (" + std::to_string(n) + ")"));
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.has_value());
    EXPECT_EQ(Count(**lease), n);
  }
  EXPECT_EQ(pool.OpenConnections(), 1);
}

TEST(StatementCacheTest, PoolRunsItsOnOpenHookOncePerNewConnection) {
  ConnectionPool pool("sqlite::memory:", 2, /*cache_statements=*/true);
  int opened = 0;
  pool.SetOnOpen([&](Database& db) -> Result<void> {
    ++opened;
    return db.Execute("CREATE TABLE t (v INTEGER)");  // visible only to this connection
  });
  {
    auto a = pool.Acquire();
    auto b = pool.Acquire();
    ASSERT_TRUE(a.has_value() && b.has_value());
    EXPECT_EQ(Count(**a), 0);
    EXPECT_EQ(Count(**b), 0);
  }
  auto again = pool.Acquire();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(Count(**again), 0);
  EXPECT_EQ(opened, 2);
  // A failing hook fails the Acquire and frees the slot it reserved.
  ConnectionPool refusing("sqlite::memory:", 1);
  refusing.SetOnOpen([](Database& db) { return db.Execute("NOT SQL"); });
  EXPECT_FALSE(refusing.Acquire().has_value());
  EXPECT_EQ(refusing.OpenConnections(), 0);
}

}  // namespace
}  // namespace qf::store
