#include "store/migrations.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "store/database.h"
#include "store/internal/embedded_sql.h"
#include "store/internal/migration.h"
#include "temp_dir.h"

namespace qf::store {
namespace {

using testing::TempDir;

constexpr const char* kCanonicalTables[] = {
    "persons",  "deaths",     "officials", "kinship",  "companies",
    "vehicles", "properties", "programs",  "enrolments", "cards",
    "payments", "collective_transactions", "collective_contracts",
    "findings", "check_runs", "import_log",
};

std::unique_ptr<Database> OpenMemory() {
  auto db = Open("sqlite::memory:");
  EXPECT_TRUE(db.has_value());
  return db ? std::move(*db) : nullptr;
}

int64_t QueryInt(Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().message());
  if (!st) return -1;
  auto row = (*st)->Step();
  EXPECT_TRUE(row.has_value() && *row) << sql;
  return (*st)->Int(0);
}

bool TableExists(Database& db, const std::string& table) {
  return QueryInt(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" +
                          table + "'") == 1;
}

TEST(MigrationsTest, VersionsAscendWithoutGapsFromOne) {
  int expected = 1;
  for (const internal::Migration& migration : internal::AllMigrations()) {
    EXPECT_EQ(migration.version, expected++);
    EXPECT_FALSE(migration.sql.empty());
  }
  EXPECT_EQ(LatestSchemaVersion(), expected - 1);
  EXPECT_GE(LatestSchemaVersion(), 1);
}

TEST(MigrationsTest, EmbeddedSchemaIsTheSqlFileVerbatim) {
  // Tests run from the project root (gtest_discover_tests WORKING_DIRECTORY).
  std::ifstream in("src/store/schema_v1.sql", std::ios::binary);
  if (!in) GTEST_SKIP() << "not run from the project root";
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(internal::kSchemaV1Sql, text.str());
}

TEST(MigrationsTest, PostgresqlFallsBackToCommonSqlUntilItHasItsOwn) {
  internal::Migration common{.version = 1, .name = "x", .sql = "A", .postgresql_sql = {}};
  internal::Migration split{.version = 1, .name = "x", .sql = "A", .postgresql_sql = "B"};
  EXPECT_EQ(common.SqlFor("postgresql"), "A");
  EXPECT_EQ(split.SqlFor("postgresql"), "B");
  EXPECT_EQ(split.SqlFor("sqlite"), "A");
}

TEST(MigrationsTest, FreshStoreIsAtVersionZero) {
  auto db = OpenMemory();
  auto version = SchemaVersion(*db);
  ASSERT_TRUE(version.has_value()) << version.error().message();
  EXPECT_EQ(*version, 0);
}

TEST(MigrationsTest, MigrateCreatesEveryCanonicalTable) {
  auto db = OpenMemory();
  auto version = Migrate(*db);
  ASSERT_TRUE(version.has_value()) << version.error().message();
  EXPECT_EQ(*version, LatestSchemaVersion());
  for (const char* table : kCanonicalTables) {
    EXPECT_TRUE(TableExists(*db, table)) << table;
  }
  EXPECT_TRUE(TableExists(*db, "schema_migrations"));
}

TEST(MigrationsTest, MigrateTwiceIsANoOp) {
  auto db = OpenMemory();
  auto first = Migrate(*db);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  auto second = Migrate(*db);
  ASSERT_TRUE(second.has_value()) << second.error().message();
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM schema_migrations"), LatestSchemaVersion());
  for (const char* table : kCanonicalTables) {
    EXPECT_TRUE(TableExists(*db, table)) << table;
  }
}

TEST(MigrationsTest, RecordsWhenEachMigrationWasApplied) {
  auto db = OpenMemory();
  ASSERT_TRUE(Migrate(*db).has_value());
  auto st = db->Prepare("SELECT applied_at FROM schema_migrations WHERE version = 1");
  ASSERT_TRUE(st.has_value());
  ASSERT_TRUE((*st)->Step().value_or(false));
  std::string applied_at = (*st)->Text(0);
  ASSERT_EQ(applied_at.size(), 20u) << applied_at;  // 2024-05-01T08:30:00Z
  EXPECT_EQ(applied_at[10], 'T');
  EXPECT_EQ(applied_at.back(), 'Z');
}

TEST(MigrationsTest, MigratedSchemaAcceptsLedgerRowsAndDefaultsReview) {
  auto db = OpenMemory();
  ASSERT_TRUE(Migrate(*db).has_value());
  auto ok = db->Execute(
      "INSERT INTO payments VALUES ('P1', 'B1', 'DB01', '110105194912310029', '张三', "
      "'6217000010001', 58000, '2024-03', '2024-03-15');"
      "INSERT INTO findings (fingerprint, rule, id_number, program_code, period, account_no, ref,"
      " severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES ('f', 'R01', "
      "'110105194912310029', 'DB01', '2024-03', '6217000010001', 'P1', 'high', 58000, '死亡后领取',"
      " 'new', 1, 1)");
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
  EXPECT_EQ(QueryInt(*db, "SELECT amount FROM payments WHERE payment_id = 'P1'"), 58000);
  auto review = db->Prepare("SELECT review FROM findings");
  ASSERT_TRUE(review.has_value());
  ASSERT_TRUE((*review)->Step().value_or(false));
  EXPECT_EQ((*review)->Text(0), "open");
}

TEST(MigrationsTest, OnDiskVersionSurvivesReopen) {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "var" / "q.db").string();
  {
    auto db = Open(url);
    ASSERT_TRUE(db.has_value()) << db.error().message();
    auto version = Migrate(**db);
    ASSERT_TRUE(version.has_value()) << version.error().message();
  }
  auto db = Open(url);
  ASSERT_TRUE(db.has_value()) << db.error().message();
  auto version = SchemaVersion(**db);
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(*version, LatestSchemaVersion());
  auto again = Migrate(**db);
  ASSERT_TRUE(again.has_value()) << again.error().message();
  EXPECT_EQ(*again, LatestSchemaVersion());
}

TEST(MigrationsTest, RefusesAStoreNewerThanThisBuild) {
  auto db = OpenMemory();
  ASSERT_TRUE(Migrate(*db).has_value());
  ASSERT_TRUE(db->Execute("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00Z')")
                  .has_value());
  auto version = Migrate(*db);
  ASSERT_FALSE(version.has_value());
  EXPECT_EQ(version.error().code(), ErrorCode::kDatabase);
  EXPECT_NE(version.error().message().find("99"), std::string::npos) << version.error().message();
}

TEST(MigrationsTest, FailedMigrationIsRolledBackAndNamed) {
  // A store where a v1 table already exists but v1 is not recorded: v1's CREATE TABLE fails.
  auto db = OpenMemory();
  ASSERT_TRUE(db->Execute("CREATE TABLE import_log (x INTEGER)").has_value());
  auto version = Migrate(*db);
  ASSERT_FALSE(version.has_value());
  EXPECT_NE(version.error().message().find("v1"), std::string::npos) << version.error().message();
  EXPECT_NE(version.error().message().find("import_log"), std::string::npos)
      << version.error().message();
  EXPECT_FALSE(TableExists(*db, "persons")) << "the failed migration was not rolled back";
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM schema_migrations"), 0);
}

TEST(MigrationsTest, MigrateInsideATransactionFails) {
  auto db = OpenMemory();
  auto tx = db->Begin();
  ASSERT_TRUE(tx.has_value());
  EXPECT_FALSE(Migrate(*db).has_value());
}

}  // namespace
}  // namespace qf::store
