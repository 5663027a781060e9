// The snapshot file: a snapshot read back gives the same findings as the one loaded from the
// store, and a file of another ledger version, another key, cut short or changed is refused.
#include "engine/snapshot_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/check.h"
#include "engine/finding.h"
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
