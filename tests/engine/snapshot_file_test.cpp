// The snapshot file: a snapshot read back gives the same findings as the one loaded from the
// store, and a file of another ledger version, another key, cut short or changed is refused.
#include "engine/snapshot_file.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/check.h"
#include "engine/finding.h"
#include "engine/resident_snapshot.h"
#include "engine/rule.h"
#include "engine/snapshot.h"
#include "scenario_db.h"
#include "support/temp_dir.h"

namespace qf::engine {
namespace {

constexpr std::string_view kKey = "0123456789abcdef0123456789abcdef";
constexpr std::string_view kLedger = "7 3f2a 2026-12-06T08:00:00Z 2";

std::string FindingsCsv(const Snapshot& snap) {
  auto rules = RuleCatalogue();
  std::vector<const RuleSpec*> all(rules.begin(), rules.end());
  Evaluation ev = Evaluate(snap, all, Thresholds{}, DefaultAsOf(snap), 1, {});
  std::ostringstream out;
  WriteFindingsCsv(out, ev.findings);
  return out.str();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Snapshot LoadScenarioSnapshot(const std::string& name) {
  auto scenario = testing::LoadScenario(name);
  EXPECT_NE(scenario.db, nullptr) << name;
  auto snap = LoadSnapshot(*scenario.db);
  EXPECT_TRUE(snap.has_value()) << name;
  return snap ? std::move(*snap) : Snapshot();
}

TEST(SnapshotFileTest, EveryScenarioReadsBackToTheSameFindingsAndTheSameBytes) {
  if (testing::ScenarioRoot().empty()) GTEST_SKIP();
  test_support::TempDir dir("qf_snapshot_file");
  for (const std::string& name : testing::ListScenarios()) {
    SCOPED_TRACE(name);
    Snapshot loaded = LoadScenarioSnapshot(name);
    std::string path = dir.File(name + ".snapshot");
    ASSERT_TRUE(WriteSnapshotFile(loaded, path, kLedger, kKey).has_value());
    auto read = ReadSnapshotFile(path, kLedger, kKey);
    ASSERT_TRUE(read.has_value()) << read.error().message();
    EXPECT_EQ(FindingsCsv(*read), FindingsCsv(loaded));
    // Written again from what was read: byte for byte the same file, so no member was lost.
    std::string again = dir.File(name + ".again");
    ASSERT_TRUE(WriteSnapshotFile(*read, again, kLedger, kKey).has_value());
    EXPECT_EQ(Slurp(again), Slurp(path));
  }
}

class SnapshotFileRefusalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::ScenarioRoot().empty()) GTEST_SKIP();
    Snapshot snap = LoadScenarioSnapshot("r05_shared_card");
    ASSERT_GT(snap.payments.size(), 0u);
    ASSERT_TRUE(WriteSnapshotFile(snap, path_, kLedger, kKey).has_value());
  }

  void Rewrite(const std::function<void(std::string&)>& change) {
    std::string bytes = Slurp(path_);
    change(bytes);
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
  }

  test_support::TempDir dir_{"qf_snapshot_refusal"};
  std::string path_ = dir_.File("ledger.snapshot");
};

TEST_F(SnapshotFileRefusalTest, TheFileIsReadableByItsOwnerOnly) {
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_F(SnapshotFileRefusalTest, RefusesAnotherLedgerVersion) {
  auto read = ReadSnapshotFile(path_, "8 other 2026-12-07T08:00:00Z 2", kKey);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kConflict);
}

TEST_F(SnapshotFileRefusalTest, RefusesAFileSealedWithAnotherKey) {
  auto read = ReadSnapshotFile(path_, kLedger, "another key, another key file...");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kIo);
}

TEST_F(SnapshotFileRefusalTest, RefusesOneChangedByte) {
  Rewrite([](std::string& bytes) { bytes[bytes.size() / 2] ^= 0x01; });
  auto read = ReadSnapshotFile(path_, kLedger, kKey);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kIo);
}

TEST_F(SnapshotFileRefusalTest, RefusesAFileCutShortOrGrown) {
  for (auto change : {+[](std::string& b) { b.resize(b.size() - 40); },
                      +[](std::string& b) { b.resize(b.size() / 3); },
                      +[](std::string& b) { b.resize(20); }, +[](std::string& b) { b += "x"; }}) {
    SetUp();
    Rewrite(change);
    auto read = ReadSnapshotFile(path_, kLedger, kKey);
    ASSERT_FALSE(read.has_value());
    EXPECT_NE(read.error().code(), ErrorCode::kNotFound);
  }
}

TEST_F(SnapshotFileRefusalTest, SaysWhenThereIsNoFile) {
  std::filesystem::remove(path_);
  auto read = ReadSnapshotFile(path_, kLedger, kKey);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace qf::engine

namespace qf::engine {
namespace {

// A store whose import_log says which tables moved, as the importer's would.
Result<void> LogImport(store::Database& db, std::string_view table, std::string_view digest) {
  return db.Execute(fmt::format(
      "INSERT INTO import_log (table_name, file, sha256, encoding, rows_read, rows_imported, "
      "rows_rejected, rows_changed, outcome, imported_at, imported_by) VALUES ('{}', 'f.csv', "
      "'{}', 'UTF-8', 1, 1, 0, 1, 'applied', '2026-12-06T08:00:00Z', 'test')",
      table, digest));
}

class LoadThroughTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::ScenarioRoot().empty()) GTEST_SKIP();
    scenario_ = testing::LoadScenario("r01_deceased");
    ASSERT_NE(scenario_.db, nullptr);
    for (int t = 0; t < static_cast<int>(Table::kCount); ++t) {
      ASSERT_TRUE(LogImport(db(), TableName(static_cast<Table>(t)), "first").has_value());
    }
  }
  store::Database& db() { return *scenario_.db; }
  Snapshot Through(SnapshotLoad& how) {
    auto snap = LoadSnapshotThrough(db(), {}, file_, &how);
    EXPECT_TRUE(snap.has_value());
    return snap ? std::move(*snap) : Snapshot();
  }
  std::string FreshFindings() {
    auto snap = LoadSnapshot(db());
    EXPECT_TRUE(snap.has_value());
    return snap ? FindingsCsv(*snap) : "";
  }

  testing::Scenario scenario_;
  test_support::TempDir dir_{"qf_load_through"};
  SnapshotFile file_{.path = dir_.File("ledger.snapshot"), .mac_key = std::string(kKey)};
};

TEST_F(LoadThroughTest, ReadsTheStoreOnceThenTheFileThenOnlyTheTablesAnImportMoved) {
  SnapshotLoad how;
  std::string first = FindingsCsv(Through(how));
  EXPECT_EQ(how.source, SnapshotSource::kStore);
  EXPECT_EQ(how.tables_from_store, static_cast<int>(Table::kCount));
  EXPECT_EQ(FindingsCsv(Through(how)), first);
  EXPECT_EQ(how.source, SnapshotSource::kFile);
  EXPECT_EQ(how.tables_from_store, 0);

  // A death registry delivery naming a payee: only deaths is read again, and the snapshot is the
  // one a load of every table from the store gives.
  auto payee = db().Prepare("SELECT id_number, name FROM payments ORDER BY payment_id LIMIT 1");
  ASSERT_TRUE(payee.has_value());
  ASSERT_TRUE((*payee)->Step().value_or(false));
  std::string id = (*payee)->Text(0), name = (*payee)->Text(1);
  payee->reset();
  ASSERT_TRUE(db().Execute(fmt::format("DELETE FROM deaths WHERE id_number = '{}'", id)));
  ASSERT_TRUE(db().Execute(
      fmt::format("INSERT INTO deaths VALUES ('{}', '{}', '2000-01-01', '民政')", id, name)));
  ASSERT_TRUE(LogImport(db(), "deaths", "second").has_value());
  std::string after = FindingsCsv(Through(how));
  EXPECT_EQ(how.source, SnapshotSource::kParts);
  EXPECT_EQ(how.tables_from_store, 1);
  EXPECT_NE(after, first);
  EXPECT_EQ(after, FreshFindings());
}

TEST_F(LoadThroughTest, APartFileNotWholeIsReadFromTheStoreInstead) {
  SnapshotLoad how;
  Through(how);
  std::string part = file_.path + "-parts/payments";
  std::string bytes = Slurp(part);
  ASSERT_FALSE(bytes.empty());
  bytes[bytes.size() / 2] ^= 0x20;
  std::ofstream(part, std::ios::binary | std::ios::trunc) << bytes;
  ASSERT_TRUE(LogImport(db(), "deaths", "second").has_value());
  std::string findings = FindingsCsv(Through(how));
  EXPECT_EQ(how.source, SnapshotSource::kParts);
  EXPECT_EQ(how.tables_from_store, 2);  // deaths moved, payments was damaged
  EXPECT_EQ(findings, FreshFindings());
}

TEST_F(LoadThroughTest, AResidentSnapshotRefreshesOnlyWhatAnImportMoved) {
  ResidentSnapshot resident;
  resident.UseFile(file_);
  ASSERT_TRUE(resident.Get(db()).has_value());
  EXPECT_EQ(resident.last_load().source, SnapshotSource::kStore);
  ASSERT_TRUE(LogImport(db(), "officials", "second").has_value());
  auto refreshed = resident.Get(db());
  ASSERT_TRUE(refreshed.has_value());
  EXPECT_EQ(resident.loads(), 2);
  EXPECT_EQ(resident.last_load().source, SnapshotSource::kParts);
  EXPECT_EQ(resident.last_load().tables_from_store, 1);
  EXPECT_EQ(FindingsCsv(**refreshed), FreshFindings());
  // The next process (serve restarted) starts from the whole file.
  ResidentSnapshot restarted;
  restarted.UseFile(file_);
  ASSERT_TRUE(restarted.Get(db()).has_value());
  EXPECT_EQ(restarted.last_load().source, SnapshotSource::kFile);
}

TEST_F(LoadThroughTest, NoPathLoadsFromTheStoreAndWritesNothing) {
  SnapshotLoad how;
  auto snap = LoadSnapshotThrough(db(), {}, SnapshotFile{}, &how);
  ASSERT_TRUE(snap.has_value());
  EXPECT_EQ(how.source, SnapshotSource::kStore);
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path()));
}

}  // namespace
}  // namespace qf::engine
