// Fresh stores for test suites that run against both backends. A suite registered twice by
// qf_test_on_postgresql() (tests/CMakeLists.txt) runs its second time with
// QF_TEST_BACKEND=postgresql; its fixtures call TestStoreUrl() instead of naming "sqlite::memory:".
// On PostgreSQL every call creates a new schema in the QF_TEST_PG_URL database (started by
// scripts/run-tests.sh), so tests stay as isolated as private in-memory SQLite databases.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>

#include "store/database.h"

namespace qf::test_support {

inline std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// The PostgreSQL server of the test run, or "" when none was given.
inline std::string PostgresTestUrl() { return EnvOrEmpty("QF_TEST_PG_URL"); }

inline bool SuiteOnPostgres() { return EnvOrEmpty("QF_TEST_BACKEND") == "postgresql"; }

// A URL for a new, empty store on `backend` ("sqlite" or "postgresql"): a private in-memory SQLite
// database, or a new schema in the PostgreSQL test database with search_path set to it through the
// URL's options. "" when PostgreSQL is asked for but QF_TEST_PG_URL is unset.
inline std::string FreshStoreUrl(std::string_view backend) {
  if (backend != "postgresql") return "sqlite::memory:";
  const std::string base = PostgresTestUrl();
  if (base.empty()) return "";
  static std::atomic<int> counter{0};
  std::string schema = "t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
                       std::to_string(std::random_device{}() % 1000000);
  auto admin = store::Open(base);
  if (!admin) {
    ADD_FAILURE() << "PostgreSQL 测试库不可用：" << admin.error().message();
    return "";
  }
  auto created = (*admin)->Execute("CREATE SCHEMA " + schema);
  if (!created) ADD_FAILURE() << created.error().message();
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

// The store of this suite run: SQLite in memory, or PostgreSQL under QF_TEST_BACKEND=postgresql.
inline std::string TestStoreUrl() {
  return FreshStoreUrl(SuiteOnPostgres() ? "postgresql" : "sqlite");
}

// Skips every test of a PostgreSQL run when no server was given (only outside `make test`).
class PostgresRunEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (SuiteOnPostgres() && PostgresTestUrl().empty()) {
      GTEST_SKIP() << "QF_TEST_PG_URL 未设置：跳过 PostgreSQL 测试（make test 会启动测试服务器）";
    }
  }
};

inline ::testing::Environment* const kPostgresRunEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresRunEnvironment);

}  // namespace qf::test_support
