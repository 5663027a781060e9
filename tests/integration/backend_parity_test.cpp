// The PostgreSQL acceptance test: the same synthetic district imported into SQLite and into
// PostgreSQL gives byte-identical findings exports and the same statistics. Needs QF_TEST_PG_URL
// (scripts/run-tests.sh); runs in the suite's SQLite pass only, as it opens both backends itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "district_fixture.h"
#include "engine/check.h"
#include "engine/finding.h"
#include "engine/findings_store.h"
#include "support/test_store.h"

namespace qf {
namespace {

constexpr int64_t kPersons = 3000;

struct Outcome {
  std::string findings_csv;
  std::string statistics;  // per-table row counts and the check run's counts
};

std::string Statistics(store::Database& db) {
  std::string out;
  for (const char* sql :
       {"SELECT 'persons', count(*) FROM persons", "SELECT 'payments', count(*) FROM payments",
        "SELECT 'payments.amount', sum(amount) FROM payments",
        "SELECT 'findings', count(*) FROM findings",
        "SELECT 'findings.amount', sum(amount) FROM findings",
        "SELECT 'import_log', count(*) FROM import_log",
        "SELECT 'rows_imported', sum(rows_imported) FROM import_log",
        "SELECT 'rows_changed', sum(rows_changed) FROM import_log",
        "SELECT 'check_runs', findings || '/' || new_findings || '/' || gone_findings "
        "FROM check_runs"}) {
    auto st = db.Prepare(sql);
    EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().message());
    if (!st) continue;
    while (true) {
      auto row = (*st)->Step();
      EXPECT_TRUE(row.has_value()) << (row ? "" : row.error().message());
      if (!row || !*row) break;
      out += (*st)->Text(0) + "=" + (*st)->Text(1) + "\n";
    }
  }
  return out;
}

Outcome ImportAndCheck(const std::filesystem::path& dir, const std::string& url) {
  Outcome outcome;
  auto db = testing::ImportDistrict(dir, url);
  if (db == nullptr) return outcome;
  auto report = engine::RunCheck(*db, engine::CheckOptions{});
  EXPECT_TRUE(report) << (report ? "" : report.error().message());
  auto findings = engine::CurrentFindings(*db);
  EXPECT_TRUE(findings) << (findings ? "" : findings.error().message());
  if (!findings) return outcome;
  std::ostringstream csv;
  engine::WriteFindingsCsv(csv, *findings);
  outcome.findings_csv = csv.str();
  outcome.statistics = Statistics(*db);
  return outcome;
}

TEST(BackendParityTest, SqliteAndPostgresqlExportTheSameFindingsByteForByte) {
  if (test_support::SuiteOnPostgres()) GTEST_SKIP() << "runs in the SQLite pass (opens both)";
  if (test_support::PostgresTestUrl().empty()) GTEST_SKIP() << "QF_TEST_PG_URL 未设置";
  const auto& district = testing::GetDistrict(kPersons, 11, /*noise=*/true);
  Outcome sqlite = ImportAndCheck(district.dir, "sqlite::memory:");
  Outcome postgresql = ImportAndCheck(district.dir, test_support::FreshStoreUrl("postgresql"));
  ASSERT_FALSE(sqlite.findings_csv.empty());
  EXPECT_GT(std::count(sqlite.findings_csv.begin(), sqlite.findings_csv.end(), '\n'), 20);
  // The project-fund and contract-rent rules are part of the comparison (issue 16).
  for (const char* rule : {"R21", "R22", "R23", "R24", "R25", "R26"}) {
    EXPECT_NE(sqlite.findings_csv.find(std::string("\n") + rule + ","), std::string::npos) << rule;
  }
  EXPECT_EQ(sqlite.statistics, postgresql.statistics);
  EXPECT_TRUE(sqlite.findings_csv == postgresql.findings_csv)
      << "exports differ: " << sqlite.findings_csv.size() << " vs "
      << postgresql.findings_csv.size() << " bytes";
}

}  // namespace
}  // namespace qf
