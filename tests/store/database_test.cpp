#include "store/database.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/internal/postgres_sql.h"
#include "support/test_store.h"
#include "temp_dir.h"

namespace qf::store {
namespace {

using testing::TempDir;

std::unique_ptr<Database> OpenOrDie(const std::string& url) {
  auto db = Open(url);
  EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message());
  return db ? std::move(*db) : nullptr;
}

std::unique_ptr<Statement> PrepareOrDie(Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().message());
  return st ? std::move(*st) : nullptr;
}

int64_t QueryInt(Database& db, const std::string& sql) {
  auto st = PrepareOrDie(db, sql);
  auto row = st->Step();
  EXPECT_TRUE(row.has_value() && *row) << sql;
  return st->Int(0);
}

std::string QueryText(Database& db, const std::string& sql) {
  auto st = PrepareOrDie(db, sql);
  auto row = st->Step();
  EXPECT_TRUE(row.has_value() && *row) << sql;
  return st->Text(0);
}

void ExecuteOrDie(Database& db, const std::string& sql) {
  auto ok = db.Execute(sql);
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
}

// The tests of the Database contract, run on both backends. The PostgreSQL instance needs
// QF_TEST_PG_URL (scripts/run-tests.sh starts a server and sets it) and is skipped without it.
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && test_support::PostgresTestUrl().empty()) {
      GTEST_SKIP() << "QF_TEST_PG_URL 未设置：跳过 PostgreSQL 测试";
    }
  }
  bool OnSqlite() const { return GetParam() == "sqlite"; }
  // A URL that several connections share: a file for SQLite, a schema for PostgreSQL.
  std::string SharedUrl() {
    if (OnSqlite()) return "sqlite:" + (dir_.path() / "q.db").string();
    return test_support::FreshStoreUrl("postgresql");
  }
  std::unique_ptr<Database> OpenFresh() {
    return OpenOrDie(OnSqlite() ? "sqlite::memory:" : test_support::FreshStoreUrl("postgresql"));
  }
  // Test tables are written in SQLite's DDL; PostgreSQL runs them as its migrations would.
  void ExecuteOrDie(Database& db, const std::string& sql) {
    auto ok = db.Execute(OnSqlite() ? sql : internal::TranslateDdlForPostgres(sql));
    ASSERT_TRUE(ok.has_value()) << ok.error().message();
  }
  // The backend's wording of a failure, for message checks.
  std::string Says(std::string_view sqlite, std::string_view postgresql) const {
    return std::string(OnSqlite() ? sqlite : postgresql);
  }

  TempDir dir_;
};

INSTANTIATE_TEST_SUITE_P(Backends, BackendTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

TEST(DatabaseTest, OpensInMemoryAsSqlite) {
  auto db = OpenOrDie("sqlite::memory:");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->Dialect(), "sqlite");
  EXPECT_EQ(QueryInt(*db, "SELECT 40 + 2"), 42);
}

TEST_P(BackendTest, RoundTripsIntegersTextAndNull) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (k INTEGER PRIMARY KEY, i INTEGER, s TEXT)");
  auto insert = PrepareOrDie(*db, "INSERT INTO t (k, i, s) VALUES (?, ?, ?)");
  struct Row {
    int k;
    std::optional<int64_t> i;
    std::optional<std::string> s;
  };
  const Row rows[] = {
      {1, std::numeric_limits<int64_t>::min(), "张三"},
      {2, std::numeric_limits<int64_t>::max(), "清风 𠀀 ＡＢＣ"},
      {3, 0, std::string()},
      {4, std::nullopt, std::nullopt},
  };
  for (const Row& row : rows) {
    insert->Bind(1, row.k);
    insert->Bind(2, row.i);
    insert->Bind(3, row.s);
    auto ok = insert->Run();
    ASSERT_TRUE(ok.has_value()) << ok.error().message();
    EXPECT_EQ(insert->Changes(), 1);
  }

  auto select = PrepareOrDie(*db, "SELECT i, s FROM t ORDER BY k");
  for (const Row& expected : rows) {
    auto row = select->Step();
    ASSERT_TRUE(row.has_value() && *row);
    EXPECT_EQ(select->IsNull(0), !expected.i.has_value());
    EXPECT_EQ(select->IsNull(1), !expected.s.has_value());
    EXPECT_EQ(select->Int(0), expected.i.value_or(0));
    EXPECT_EQ(select->Text(1), expected.s.value_or(""));
    EXPECT_EQ(select->TextView(1), expected.s.value_or(""));
  }
  auto end = select->Step();
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(*end);
}

TEST_P(BackendTest, EmptyStringIsNotNull) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto st = PrepareOrDie(*db, "SELECT ? IS NULL, length(?)");
  st->Bind(1, std::string_view());
  st->Bind(2, std::string_view());
  ASSERT_TRUE(st->Step().value_or(false));
  EXPECT_EQ(st->Int(0), 0);
  EXPECT_EQ(st->Int(1), 0);
}

TEST_P(BackendTest, ChineseTextKeepsItsUtf8Bytes) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto st = PrepareOrDie(*db, "SELECT ?, length(?)");
  const std::string name = "欧阳娜娜";
  st->Bind(1, name);
  st->Bind(2, name);
  ASSERT_TRUE(st->Step().value_or(false));
  EXPECT_EQ(st->Text(0), name);
  EXPECT_EQ(st->TextView(0).size(), 12u);
  EXPECT_EQ(st->Int(1), 4);  // characters, so SQLite saw valid UTF-8
}

TEST_P(BackendTest, StatementIsReusedAcrossManyRuns) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  auto tx = db->Begin();
  ASSERT_TRUE(tx.has_value()) << tx.error().message();
  auto insert = PrepareOrDie(*db, "INSERT INTO t (k, v) VALUES (?, ?)");
  for (int k = 0; k < 1000; ++k) {
    insert->Bind(1, k);
    insert->Bind(2, "值" + std::to_string(k));
    ASSERT_TRUE(insert->Run().has_value());
  }
  ASSERT_TRUE((*tx)->Commit().has_value());
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 1000);
  EXPECT_EQ(QueryText(*db, "SELECT v FROM t WHERE k = 999"), "值999");
}

TEST_P(BackendTest, BindViewReadsTheCallersBufferForOneExecution) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
  auto insert = PrepareOrDie(*db, "INSERT INTO t (k, v) VALUES (?, ?)");
  std::string buffer;
  for (int k = 1; k <= 3; ++k) {
    buffer = "第" + std::to_string(k) + "行";  // the same buffer, overwritten per row
    insert->Bind(1, k);
    insert->BindView(2, buffer);
    ASSERT_TRUE(insert->Run().has_value());
  }
  buffer = "changed after the last Run";
  insert->Bind(1, 4);  // parameter 2 not bound again: it must not read the stale buffer
  ASSERT_TRUE(insert->Run().has_value());

  auto select = PrepareOrDie(*db, "SELECT v FROM t ORDER BY k");
  for (const char* expected : {"第1行", "第2行", "第3行"}) {
    ASSERT_TRUE(select->Step().value_or(false));
    EXPECT_EQ(select->TextView(0), expected);
  }
  ASSERT_TRUE(select->Step().value_or(false));
  EXPECT_TRUE(select->IsNull(0));
}

TEST_P(BackendTest, BindViewWorksForAQuery) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('甲'), ('乙'), ('甲')");
  auto count = PrepareOrDie(*db, "SELECT count(*) FROM t WHERE v = ?");
  std::string wanted = "甲";
  count->BindView(1, wanted);
  ASSERT_TRUE(count->Step().value_or(false));
  EXPECT_EQ(count->Int(0), 2);
  EXPECT_FALSE(count->Step().value_or(true));
}

TEST_P(BackendTest, ChangesCountsUpdatedRows) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  auto update = PrepareOrDie(*db, "UPDATE t SET v = v + 10 WHERE v >= ?");
  update->Bind(1, 2);
  ASSERT_TRUE(update->Run().has_value());
  EXPECT_EQ(update->Changes(), 2);
}

TEST_P(BackendTest, BindAfterStoppingEarlyStartsAFreshQuery) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  auto st = PrepareOrDie(*db, "SELECT v FROM t WHERE v >= ? ORDER BY v");
  st->Bind(1, 1);
  ASSERT_TRUE(st->Step().value_or(false));
  EXPECT_EQ(st->Int(0), 1);
  st->Bind(1, 3);  // mid-iteration: the statement resets itself
  ASSERT_TRUE(st->Step().value_or(false));
  EXPECT_EQ(st->Int(0), 3);
  EXPECT_FALSE(st->Step().value_or(true));
}

TEST_P(BackendTest, ResetClearsBindings) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto st = PrepareOrDie(*db, "SELECT ?");
  st->Bind(1, 7);
  ASSERT_TRUE(st->Step().value_or(false));
  st->Reset();
  ASSERT_TRUE(st->Step().value_or(false));
  EXPECT_TRUE(st->IsNull(0));
}

TEST_P(BackendTest, LastInsertIdIsTheNewKey) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  auto insert = PrepareOrDie(*db, "INSERT INTO t (v) VALUES (?)");
  insert->Bind(1, "a");
  ASSERT_TRUE(insert->Run().has_value());
  insert->Bind(1, "b");
  ASSERT_TRUE(insert->Run().has_value());
  EXPECT_EQ(db->LastInsertId(), QueryInt(*db, "SELECT id FROM t WHERE v = 'b'"));
}

TEST_P(BackendTest, LastInsertIdWithoutAnyInsertSpoilsNoTransaction) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (v TEXT)");
  auto tx = db->Begin();
  ASSERT_TRUE(tx.has_value());
  ExecuteOrDie(*db, "INSERT INTO t VALUES ('a')");
  db->LastInsertId();  // no identity column was ever used on this connection
  ExecuteOrDie(*db, "INSERT INTO t VALUES ('b')");
  ASSERT_TRUE((*tx)->Commit().has_value());
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 2);
}

TEST_P(BackendTest, TransactionRolledBackOnDestructionLeavesNothing) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (v INTEGER)");
  {
    auto tx = db->Begin();
    ASSERT_TRUE(tx.has_value()) << tx.error().message();
    ExecuteOrDie(*db, "INSERT INTO t VALUES (1), (2)");
    EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 2);
  }
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 0);
  // And the connection is usable for a new transaction.
  auto again = db->Begin();
  EXPECT_TRUE(again.has_value());
}

TEST_P(BackendTest, NestedBeginFailsClearly) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto outer = db->Begin();
  ASSERT_TRUE(outer.has_value());
  auto inner = db->Begin();
  ASSERT_FALSE(inner.has_value());
  EXPECT_EQ(inner.error().code(), ErrorCode::kDatabase);
  EXPECT_NE(inner.error().message().find("嵌套"), std::string::npos) << inner.error().message();
  EXPECT_TRUE((*outer)->Commit().has_value());
}

TEST_P(BackendTest, CommitTwiceFails) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto tx = db->Begin();
  ASSERT_TRUE(tx.has_value());
  ASSERT_TRUE((*tx)->Commit().has_value());
  EXPECT_FALSE((*tx)->Commit().has_value());
}

TEST(DatabaseTest, SqliteFileAndItsDirectoryAreCreated) {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "nested" / "dir" / "q.db").string();
  auto db = OpenOrDie(url);
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (name TEXT)");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "nested" / "dir" / "q.db"));
}

TEST(DatabaseTest, FileDatabaseIsConfigured) {
  TempDir dir;
  auto db = OpenOrDie("sqlite:" + (dir.path() / "q.db").string());
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryText(*db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryInt(*db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(*db, "PRAGMA busy_timeout"), 5000);
  EXPECT_EQ(QueryInt(*db, "PRAGMA synchronous"), 1);  // NORMAL
}

TEST_P(BackendTest, ReaderSeesLastCommitWhileAWriterIsOpen) {
  const std::string url = SharedUrl();
  auto writer = OpenOrDie(url);
  auto reader = OpenOrDie(url);
  ASSERT_NE(writer, nullptr);
  ASSERT_NE(reader, nullptr);
  ExecuteOrDie(*writer, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)");
  auto tx = writer->Begin();
  ASSERT_TRUE(tx.has_value());
  ExecuteOrDie(*writer, "INSERT INTO t VALUES (2)");
  // WAL / MVCC: the reader neither blocks nor sees the uncommitted row.
  EXPECT_EQ(QueryInt(*reader, "SELECT count(*) FROM t"), 1);
  ASSERT_TRUE((*tx)->Commit().has_value());
  EXPECT_EQ(QueryInt(*reader, "SELECT count(*) FROM t"), 2);
}

TEST_P(BackendTest, CommittedTransactionSurvivesReconnecting) {
  const std::string url = SharedUrl();
  {
    auto db = OpenOrDie(url);
    ASSERT_NE(db, nullptr);
    ExecuteOrDie(*db, "CREATE TABLE t (name TEXT)");
    auto tx = db->Begin();
    ASSERT_TRUE(tx.has_value());
    auto insert = PrepareOrDie(*db, "INSERT INTO t VALUES (?)");
    insert->Bind(1, "李四");
    ASSERT_TRUE(insert->Run().has_value());
    ASSERT_TRUE((*tx)->Commit().has_value());
    {
      auto rolled_back = db->Begin();
      ASSERT_TRUE(rolled_back.has_value());
      insert->Bind(1, "王五");
      ASSERT_TRUE(insert->Run().has_value());
    }
  }
  auto db = OpenOrDie(url);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 1);
  EXPECT_EQ(QueryText(*db, "SELECT name FROM t"), "李四");
}

TEST_P(BackendTest, RowsOfAnUnfinishedQuerySurviveOtherStatements) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  auto select = PrepareOrDie(*db, "SELECT v FROM t ORDER BY v");
  auto insert = PrepareOrDie(*db, "INSERT INTO t VALUES (?)");
  ASSERT_TRUE(select->Step().value_or(false));
  EXPECT_EQ(select->Int(0), 1);
  insert->Bind(1, 10);  // a write while the query is being read (PostgreSQL: buffers the rest)
  ASSERT_TRUE(insert->Run().has_value());
  ASSERT_TRUE(select->Step().value_or(false));
  EXPECT_EQ(select->Int(0), 2);
  ASSERT_TRUE(select->Step().value_or(false));
  EXPECT_EQ(select->Int(0), 3);
  EXPECT_FALSE(select->Step().value_or(true));
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 4);
}

TEST_P(BackendTest, ComparisonsReadAsIntegers) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "SELECT 2 > 1"), 1);
  EXPECT_EQ(QueryInt(*db, "SELECT 1 > 2"), 0);
}

TEST(DatabaseTest, TripleSlashUrlIsAnAbsolutePath) {
  TempDir dir;
  const auto file = dir.path() / "abs.db";
  auto db = OpenOrDie("sqlite://" + file.string());
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (v INTEGER)");
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST_P(BackendTest, ForeignKeysAreEnforced) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db,
               "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
               "CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))");
  auto ok = db->Execute("INSERT INTO child VALUES (5)");
  ASSERT_FALSE(ok.has_value());
  EXPECT_NE(ok.error().message().find(Says("FOREIGN KEY", "foreign key")), std::string::npos)
      << ok.error().message();
}

TEST_P(BackendTest, BadSqlNamesTheProblem) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto typo = db->Prepare("SELEC 1");
  ASSERT_FALSE(typo.has_value());
  EXPECT_EQ(typo.error().code(), ErrorCode::kDatabase);
  EXPECT_NE(typo.error().message().find("syntax error"), std::string::npos)
      << typo.error().message();
  EXPECT_NE(typo.error().message().find("SELEC 1"), std::string::npos) << typo.error().message();

  auto missing = db->Prepare("SELECT * FROM no_such_table");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message().find("no_such_table"), std::string::npos)
      << missing.error().message();

  auto exec = db->Execute("CREATE TABLE (");
  ASSERT_FALSE(exec.has_value());
  EXPECT_EQ(exec.error().code(), ErrorCode::kDatabase);
  EXPECT_NE(exec.error().message().find("syntax error"), std::string::npos)
      << exec.error().message();
}

TEST_P(BackendTest, ConstraintViolationIsAnErrorAndStatementStaysUsable) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (k TEXT PRIMARY KEY)");
  auto insert = PrepareOrDie(*db, "INSERT INTO t VALUES (?)");
  insert->Bind(1, "a");
  ASSERT_TRUE(insert->Run().has_value());
  auto duplicate = insert->Run();
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_NE(duplicate.error().message().find(Says("UNIQUE constraint failed", "duplicate key")),
            std::string::npos)
      << duplicate.error().message();
  insert->Bind(1, "b");
  EXPECT_TRUE(insert->Run().has_value());
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 2);
}

TEST_P(BackendTest, BindOutOfRangeIsReportedByRun) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto st = PrepareOrDie(*db, "SELECT ?");
  st->Bind(3, 1);
  auto row = st->Step();
  ASSERT_FALSE(row.has_value());
  EXPECT_NE(row.error().message().find("第 3 个参数"), std::string::npos) << row.error().message();
  // The error is reported once; the statement still works.
  st->Bind(1, 9);
  ASSERT_TRUE(st->Step().value_or(false));
  EXPECT_EQ(st->Int(0), 9);
}

TEST_P(BackendTest, PrepareRefusesASecondStatement) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  auto two = db->Prepare("SELECT 1; SELECT 2");
  ASSERT_FALSE(two.has_value());
  EXPECT_NE(two.error().message().find("Execute"), std::string::npos) << two.error().message();
  auto trailing_comment = db->Prepare("SELECT 1; -- done");
  EXPECT_TRUE(trailing_comment.has_value());
}

TEST(DatabaseTest, UnreachablePostgresqlIsAnErrorWithoutThePassword) {
  auto db = Open("postgresql://auditor:secret@127.0.0.1:1/qingfeng?connect_timeout=2");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code(), ErrorCode::kDatabase);
  EXPECT_NE(db.error().message().find("PostgreSQL"), std::string::npos) << db.error().message();
  EXPECT_EQ(db.error().message().find("secret"), std::string::npos) << "leaks the password";
}

TEST_P(BackendTest, DialectNamesTheBackend) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->Dialect(), GetParam());
}

TEST_P(BackendTest, LostRaceForAKeyIsAConflictOnPostgresql) {
  if (OnSqlite()) GTEST_SKIP() << "SQLite serializes writers; a duplicate key is kDatabase there";
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (k TEXT PRIMARY KEY); INSERT INTO t VALUES ('a')");
  auto again = db->Execute("INSERT INTO t VALUES ('a')");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
}

TEST_P(BackendTest, FailedPrepareInsideATransactionSpoilsNothing) {
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (k TEXT PRIMARY KEY)");
  auto tx = db->Begin();
  ASSERT_TRUE(tx.has_value());
  ExecuteOrDie(*db, "INSERT INTO t VALUES ('a')");
  auto bad = db->Prepare("SELECT * FROM no_such_table");  // a prepare error spoils nothing
  EXPECT_FALSE(bad.has_value());
  ExecuteOrDie(*db, "INSERT INTO t VALUES ('b')");
  ASSERT_TRUE((*tx)->Commit().has_value());
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 2);
}

TEST_P(BackendTest, FailedStatementMakesThePostgresqlCommitFail) {
  if (OnSqlite()) GTEST_SKIP() << "SQLite keeps a transaction going after a failed statement";
  auto db = OpenFresh();
  ASSERT_NE(db, nullptr);
  ExecuteOrDie(*db, "CREATE TABLE t (k TEXT PRIMARY KEY)");
  auto tx = db->Begin();
  ASSERT_TRUE(tx.has_value());
  ExecuteOrDie(*db, "INSERT INTO t VALUES ('a')");
  EXPECT_FALSE(db->Execute("INSERT INTO t VALUES ('a')").has_value());
  auto commit = (*tx)->Commit();
  ASSERT_FALSE(commit.has_value());
  EXPECT_NE(commit.error().message().find("未保存"), std::string::npos) << commit.error().message();
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM t"), 0);
}

TEST(DatabaseTest, DisplayUrlHidesOnlyThePassword) {
  EXPECT_EQ(DisplayUrl("postgresql://auditor:secret@db:5432/qingfeng"),
            "postgresql://auditor:***@db:5432/qingfeng");
  EXPECT_EQ(DisplayUrl("postgresql://auditor@db:5432/qingfeng"),
            "postgresql://auditor@db:5432/qingfeng");
  EXPECT_EQ(DisplayUrl("sqlite:var/qingfeng.db"), "sqlite:var/qingfeng.db");
  EXPECT_EQ(DisplayUrl("sqlite::memory:"), "sqlite::memory:");
}

TEST(DatabaseTest, UnknownSchemeIsRefused) {
  auto db = Open("mysql://localhost/q");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(db.error().message().find("mysql://localhost/q"), std::string::npos);

  auto empty = Open("sqlite:");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
}

TEST(DatabaseTest, NonDatabaseFileIsAnError) {
  TempDir dir;
  const auto file = dir.path() / "not.db";
  {
    std::FILE* out = std::fopen(file.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    std::fputs("this is not an SQLite database, just some text that is long enough......", out);
    std::fclose(out);
  }
  auto db = Open("sqlite:" + file.string());
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code(), ErrorCode::kDatabase);
  EXPECT_NE(db.error().message().find("not a database"), std::string::npos) << db.error().message();
}

}  // namespace
}  // namespace qf::store
