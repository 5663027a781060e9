// The snapshot's loading: the interner, the same snapshot whether its tables are read on one
// connection or several, and the resident snapshot that serve keeps between comparisons.
#include "engine/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/interner.h"
#include "engine/resident_snapshot.h"
#include "scenario_db.h"

namespace qf::engine {
namespace {

TEST(InternerTest, GivesDenseIndicesInFirstSeenOrderAcrossGrowth) {
  Interner in;
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) texts.push_back("11010519491231" + std::to_string(1000 + i));
  for (size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(in.Intern(texts[i]), static_cast<int>(i));
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(in.Intern(texts[i]), static_cast<int>(i));
    EXPECT_EQ(in.Find(texts[i]), static_cast<int>(i));
    EXPECT_EQ(in.Get(static_cast<int>(i)), texts[i]);
  }
  EXPECT_EQ(in.size(), 5000);
  EXPECT_EQ(in.Find("absent"), kNone);
  EXPECT_EQ(Interner().Find(""), kNone);
  EXPECT_EQ(in.Intern(""), 5000);  // the empty text is a text like any other
  EXPECT_EQ(in.Find(""), 5000);
}

TEST(InternerTest, ReserveKeepsIndices) {
  Interner in;
  EXPECT_EQ(in.Intern("b"), 0);
  in.Reserve(100000);
  EXPECT_EQ(in.Intern("a"), 1);
  EXPECT_EQ(in.Find("b"), 0);
}

// Every part of two snapshots that an index or an order could differ in.
void ExpectSameSnapshot(const Snapshot& a, const Snapshot& b) {
  ASSERT_EQ(a.PersonCount(), b.PersonCount());
  for (int32_t p = 0; p < a.PersonCount(); ++p) ASSERT_EQ(a.Id(p), b.Id(p));
  ASSERT_EQ(a.names.size(), b.names.size());
  for (int32_t i = 0; i < a.names.size(); ++i) EXPECT_EQ(a.names.Get(i), b.names.Get(i));
  ASSERT_EQ(a.accounts.size(), b.accounts.size());
  ASSERT_EQ(a.communities.size(), b.communities.size());
  EXPECT_EQ(a.present, b.present);
  EXPECT_EQ(a.latest_paid, b.latest_paid);
  EXPECT_EQ(a.person_name, b.person_name);
  EXPECT_EQ(a.household, b.household);
  EXPECT_EQ(a.death, b.death);
  EXPECT_EQ(a.kin.items, b.kin.items);
  EXPECT_EQ(a.cards_of.items, b.cards_of.items);
  EXPECT_EQ(a.payments.person, b.payments.person);
  EXPECT_EQ(a.payments.program, b.payments.program);
  EXPECT_EQ(a.payments.account, b.payments.account);
  EXPECT_EQ(a.payments.amount, b.payments.amount);
  ASSERT_EQ(a.payments.payment_id.size(), b.payments.payment_id.size());
  for (size_t i = 0; i < a.payments.payment_id.size(); ++i) {
    EXPECT_EQ(a.payments.payment_id[i], b.payments.payment_id[i]);
  }
  ASSERT_EQ(a.programs.size(), b.programs.size());
  for (size_t i = 0; i < a.programs.size(); ++i) {
    EXPECT_EQ(a.programs[i].code, b.programs[i].code);
    EXPECT_EQ(a.programs[i].earliest_period, b.programs[i].earliest_period);
  }
}

// A scenario store copied to a file, so that more than one connection sees it.
std::string ScenarioFileUrl(const std::string& scenario, const std::string& file_name) {
  auto sc = testing::LoadScenario(scenario);
  if (sc.db == nullptr || sc.db->Dialect() != "sqlite") return "";
  auto path =
      std::filesystem::temp_directory_path() / (file_name + "-" + std::to_string(getpid()) + ".db");
  std::filesystem::remove(path);
  EXPECT_TRUE(sc.db->Execute("VACUUM INTO '" + path.string() + "'").has_value());
  return "sqlite:" + path.string();
}

TEST(SnapshotLoadTest, SeveralConnectionsLoadTheSameSnapshotAsOne) {
  if (testing::ScenarioRoot().empty()) GTEST_SKIP();
  for (const char* scenario : {"r05_shared_card", "b05_death_sources", "r25_related_official"}) {
    SCOPED_TRACE(scenario);
    std::string url = ScenarioFileUrl(scenario, std::string("qf-snapshot-") + scenario);
    if (url.empty()) GTEST_SKIP() << "the copy to a file is SQLite's";
    auto db = store::Open(url);
    ASSERT_TRUE(db.has_value());
    auto one = LoadSnapshot(**db);
    int opened = 0;
    auto several = LoadSnapshot(**db, [&] {
      ++opened;
      return store::Open(url);
    });
    ASSERT_TRUE(one.has_value()) << one.error().message();
    ASSERT_TRUE(several.has_value()) << several.error().message();
    ExpectSameSnapshot(*one, *several);
    // A factory that fails leaves the work to the one connection.
    auto fallback = LoadSnapshot(**db, [] {
      return Result<std::unique_ptr<store::Database>>(Fail(ErrorCode::kDatabase, "no"));
    });
    ASSERT_TRUE(fallback.has_value());
    ExpectSameSnapshot(*one, *fallback);
    db->reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(url.substr(7) + suffix);
  }
}

Result<void> LogImport(store::Database& db) {
  return db.Execute(
      "INSERT INTO import_log (table_name, file, sha256, encoding, rows_read, rows_imported, "
      "rows_rejected, rows_changed, outcome, imported_at, imported_by) VALUES ('payments', "
      "'p.csv', 'x', 'UTF-8', 1, 1, 0, 1, 'applied', '2024-01-01T00:00:00', 'test')");
}

TEST(ResidentSnapshotTest, KeepsTheSnapshotUntilTheLedgerMoves) {
  auto sc = testing::LoadScenario("r01_deceased");
  ASSERT_NE(sc.db, nullptr);
  ResidentSnapshot resident;
  EXPECT_EQ(resident.Peek(), nullptr);
  auto first = resident.Get(*sc.db);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  auto again = resident.Get(*sc.db);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(first->get(), again->get());
  EXPECT_EQ(resident.loads(), 1);
  const size_t payments = (*first)->payments.size();

  // The district stops paying a deceased person; an import records that the ledger moved.
  ASSERT_TRUE(sc.db->Execute("DELETE FROM payments WHERE program_code = 'JY'").has_value());
  ASSERT_TRUE(LogImport(*sc.db).has_value());
  auto moved = resident.Get(*sc.db);
  ASSERT_TRUE(moved.has_value());
  EXPECT_NE(moved->get(), first->get());
  EXPECT_EQ(resident.loads(), 2);
  EXPECT_LT((*moved)->payments.size(), payments);
  // The snapshot handed out earlier is still whole.
  EXPECT_EQ((*first)->payments.size(), payments);
}

TEST(ResidentSnapshotTest, CheckOverAResidentSnapshotRecordsWhatALoadingCheckRecords) {
  auto sc = testing::LoadScenario("r01_deceased");
  ASSERT_NE(sc.db, nullptr);
  ResidentSnapshot resident;
  auto snap = resident.Get(*sc.db);
  ASSERT_TRUE(snap.has_value());
  auto over_resident = RunCheck(*sc.db, **snap, sc.options);
  ASSERT_TRUE(over_resident.has_value()) << over_resident.error().message();
  EXPECT_EQ(over_resident->load_seconds, 0);
  auto loading = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(loading.has_value());
  EXPECT_EQ(loading->run_id, over_resident->run_id + 1);
  ASSERT_EQ(loading->evaluation.findings.size(), over_resident->evaluation.findings.size());
  for (size_t i = 0; i < loading->evaluation.findings.size(); ++i) {
    EXPECT_EQ(loading->evaluation.findings[i].fingerprint,
              over_resident->evaluation.findings[i].fingerprint);
    EXPECT_EQ(loading->evaluation.findings[i].status, "present");
  }
  // An unknown rule is refused without a load either way.
  CheckOptions bad = sc.options;
  bad.rules = {"R99"};
  EXPECT_FALSE(RunCheck(*sc.db, **snap, bad).has_value());
}

}  // namespace
}  // namespace qf::engine
