// The keyed audit chain against a forger who can write the database (and drop its triggers) but
// has no key file: every rewrite that verified under the old plain-SM3 chain — emptied log, edited
// actor with a recomputed hash, a middle row deleted and the rest renumbered, a forged entry
// appended — is caught, and so is a deleted tail below an anchor. Both backends.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "audit/anchor.h"
#include "audit/audit_log.h"
#include "crypto/crypto.h"
#include "store/migrations.h"
#include "store/query.h"
#include "support/append_only_guard.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace qf::audit {
namespace {

class FixedClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now; }
  int64_t now = 1764979200;  // 2025-12-06T00:00:00Z
};

crypto::ChainKey KeyOf(uint8_t fill) {
  crypto::MasterKey master{};
  master.fill(fill);
  return crypto::ChainKey::FromMasterKey(master);
}

// The chain as the pre-v5 build computed it: plain SM3, no key. A forger can always do this.
std::string PlainSm3Link(const std::string& prev, int64_t seq, const std::string& at,
                         const Entry& e) {
  std::string data;
  for (const std::string& field : {prev, std::to_string(seq), at, e.actor, e.action, e.entity,
                                   e.entity_id, e.before, e.after}) {
    data += std::to_string(field.size()) + ":" + field + "|";
  }
  return crypto::Sm3Hex(data);
}

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(test_support::TestStoreUrl());
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
  }

  // Appends `n` entries, each in its own transaction, as the product does.
  void Write(int n, const std::string& action = "clue.create") {
    for (int i = 0; i < n; ++i) {
      auto tx = db_->Begin();
      ASSERT_TRUE(tx.has_value());
      clock_.now += 60;
      auto seq = Append(*db_, clock_, key_,
                        {.actor = "wangwu",
                         .action = action,
                         .entity = "clue",
                         .entity_id = std::to_string(i + 1),
                         .after = R"({"domain":"一卡通"})"});
      ASSERT_TRUE(seq.has_value()) << seq.error().message();
      ASSERT_TRUE((*tx)->Commit().has_value());
    }
  }

  VerifyReport Check(std::span<const Anchor> anchors = {}) {
    auto report = Verify(*db_, key_, anchors);
    EXPECT_TRUE(report.has_value()) << report.error().message();
    return report.value_or(VerifyReport{});
  }

  void Sql(const std::string& sql) {
    auto ok = db_->Execute(sql);
    ASSERT_TRUE(ok.has_value()) << ok.error().message();
  }

  StoredEntry Row(int64_t seq) {
    auto rows = List(*db_, seq - 1, 1);
    EXPECT_TRUE(rows.has_value() && rows->size() == 1);
    return rows && !rows->empty() ? (*rows)[0] : StoredEntry{};
  }

  void Forge() { ASSERT_TRUE(testing::LiftAppendOnlyGuard(*db_).has_value()); }

  FixedClock clock_;
  crypto::ChainKey key_ = KeyOf(1);
  std::unique_ptr<store::Database> db_;
  test_support::TempDir dir_{"qf_audit"};
};

TEST_F(AuditChainTest, RealEntriesVerifyAndAnEmptyStoreIsFine) {
  EXPECT_TRUE(Check().ok);
  Write(5);
  VerifyReport report = Check();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, 5);
}

TEST_F(AuditChainTest, TheDatabaseRefusesUpdateAndDelete) {
  Write(3);
  EXPECT_FALSE(db_->Execute("UPDATE audit_log SET actor = 'x' WHERE seq = 2").has_value());
  EXPECT_FALSE(db_->Execute("DELETE FROM audit_log WHERE seq = 3").has_value());
  EXPECT_EQ(*store::QueryInt(*db_, "SELECT count(*) FROM audit_log").value(), 3);
}

TEST_F(AuditChainTest, ALinkNeedsTheKey) {
  Write(3);
  Entry entry = Row(2).entry;
  EXPECT_NE(Link(key_, Row(1).hash, 2, Row(2).at, entry),
            Link(KeyOf(2), Row(1).hash, 2, Row(2).at, entry));
  EXPECT_EQ(Link(key_, Row(1).hash, 2, Row(2).at, entry), Row(2).hash);
  // Another key file cannot verify this chain.
  auto other = Verify(*db_, KeyOf(2), {});
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(other->ok);
  EXPECT_EQ(other->first_broken_seq, 1);
}

TEST_F(AuditChainTest, EditedActorWithARecomputedSm3HashIsCaught) {
  Write(4);
  Forge();
  StoredEntry row = Row(2);
  row.entry.actor = "someone-else";
  std::string forged = PlainSm3Link(row.prev_hash, 2, row.at, row.entry);
  Sql("UPDATE audit_log SET actor = 'someone-else', hash = '" + forged + "' WHERE seq = 2");
  // ... and every later link recomputed too, as a thorough forger would.
  std::string prev = forged;
  for (int64_t seq = 3; seq <= 4; ++seq) {
    StoredEntry later = Row(seq);
    std::string hash = PlainSm3Link(prev, seq, later.at, later.entry);
    Sql("UPDATE audit_log SET prev_hash = '" + prev + "', hash = '" + hash +
        "' WHERE seq = " + std::to_string(seq));
    prev = hash;
  }
  VerifyReport report = Check();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_broken_seq, 2);
  EXPECT_NE(report.problem.find("第 2 条"), std::string::npos) << report.problem;
}

TEST_F(AuditChainTest, MiddleRowDeletedAndTheRestRenumberedIsCaught) {
  Write(5);
  Forge();
  Sql("DELETE FROM audit_log WHERE seq = 3");
  // Renumber 4, 5 → 3, 4 and relink them with plain SM3.
  std::string prev = Row(2).hash;
  for (int64_t seq = 4; seq <= 5; ++seq) {
    StoredEntry row = Row(seq);
    std::string hash = PlainSm3Link(prev, seq - 1, row.at, row.entry);
    Sql("UPDATE audit_log SET seq = " + std::to_string(seq - 1) + ", prev_hash = '" + prev +
        "', hash = '" + hash + "' WHERE seq = " + std::to_string(seq));
    prev = hash;
  }
  VerifyReport report = Check();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_broken_seq, 3);
}

TEST_F(AuditChainTest, ForgedEntryAppendedIsCaught) {
  Write(3);
  StoredEntry last = Row(3);
  Entry forged{"jiandu", "clue.close", "clue", "1", "", "{}"};
  std::string at = "2025-12-07T00:00:00Z";
  ASSERT_TRUE(store::Exec(*db_,
                          "INSERT INTO audit_log(seq, at, actor, action, entity, entity_id, "
                          "before, after, prev_hash, hash) VALUES (4, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          at, forged.actor, forged.action, forged.entity, forged.entity_id,
                          forged.before, forged.after, last.hash,
                          PlainSm3Link(last.hash, 4, at, forged))
                  .has_value());
  VerifyReport report = Check();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_broken_seq, 4);
}

TEST_F(AuditChainTest, EmptiedLogOnAStoreHoldingDataIsFlagged) {
  Write(2, "data.import");
  ASSERT_TRUE(store::Exec(*db_,
                          "INSERT INTO import_log (table_name, file, sha256, encoding, rows_read, "
                          "rows_imported, rows_rejected, rows_changed, outcome, imported_at, "
                          "imported_by) VALUES ('persons', 'persons.csv', '', 'UTF-8', 1, 1, 0, "
                          "1, 'applied', '2025-12-06 08:00:00', 'cli')")
                  .has_value());
  EXPECT_TRUE(Check().ok);
  Forge();
  Sql("DELETE FROM audit_log");
  VerifyReport report = Check();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("导入记录"), std::string::npos) << report.problem;
}

TEST_F(AuditChainTest, TailDeletedBelowTheNewestAnchorIsCaught) {
  Write(4);
  std::string path = dir_.File("anchors");
  auto head = Head(*db_);
  ASSERT_TRUE(head.has_value());
  ASSERT_TRUE(AppendAnchor(path, *head, clock_).has_value());
  Write(2);
  auto anchors = ReadAnchors(path);
  ASSERT_TRUE(anchors.has_value());
  ASSERT_EQ(anchors->size(), 1u);
  EXPECT_TRUE(Check(*anchors).ok);
  Forge();
  Sql("DELETE FROM audit_log WHERE seq >= 3");  // the intact chain 1..2 remains
  VerifyReport report = Check(*anchors);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_broken_seq, 3);
  EXPECT_NE(report.problem.find("被删除"), std::string::npos) << report.problem;
}

TEST_F(AuditChainTest, AnchorThatNamesAnotherLinkIsCaught) {
  Write(3);
  auto head = Head(*db_);
  ASSERT_TRUE(head.has_value());
  head->hash = std::string(64, 'a');
  ASSERT_TRUE(AppendAnchor(dir_.File("anchors"), *head, clock_).has_value());
  auto anchors = ReadAnchors(dir_.File("anchors"));
  ASSERT_TRUE(anchors.has_value());
  VerifyReport report = Check(*anchors);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_broken_seq, 3);
}

TEST_F(AuditChainTest, AnchorFileIsPrivateAppendOnlyAndItsDamageIsNamed) {
  Write(2);
  std::string path = dir_.File("sub/anchors");
  auto head = Head(*db_);
  ASSERT_TRUE(head.has_value());
  auto line = AppendAnchor(path, *head, clock_);
  ASSERT_TRUE(line.has_value());
  EXPECT_TRUE(line->starts_with("qingfeng-anchor v1 seq=2 hash=" + head->hash)) << *line;
  ASSERT_TRUE(AppendAnchor(path, *head, clock_).has_value());
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto anchors = ReadAnchors(path);
  ASSERT_TRUE(anchors.has_value());
  ASSERT_EQ(anchors->size(), 2u);
  EXPECT_EQ((*anchors)[1].line, 2);
  std::ofstream(path, std::ios::app) << "seq=9 hash=edited\n";
  auto damaged = ReadAnchors(path);
  ASSERT_FALSE(damaged.has_value());
  EXPECT_NE(damaged.error().message().find("第 3 行"), std::string::npos);
}

TEST_F(AuditChainTest, AnEmptyLogCanBeAnchoredAndStaysConsistent) {
  auto head = Head(*db_);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 0);
  ASSERT_TRUE(AppendAnchor(dir_.File("anchors"), *head, clock_).has_value());
  auto anchors = ReadAnchors(dir_.File("anchors"));
  ASSERT_TRUE(anchors.has_value());
  EXPECT_TRUE(Check(*anchors).ok);
}

}  // namespace
}  // namespace qf::audit

namespace qf::audit {
namespace {

// `serve --key-file` and the commands find the same anchors: beside the key file, unless
// $QINGFENG_ANCHOR_FILE names another place for both.
TEST_F(AuditChainTest, OneRecordsEntriesAreReadThroughTheEntityIndexInOrder) {
  Write(5);
  Write(2, "clue.update");
  auto entries = ListFor(*db_, "clue", "2", 10);
  ASSERT_TRUE(entries.has_value()) << entries.error().message();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_LT((*entries)[0].seq, (*entries)[1].seq);
  EXPECT_EQ((*entries)[1].entry.action, "clue.update");
  // The 流转记录 read does not scan the log (v12's index), on either backend.
  std::string plan;
  const bool postgres = db_->Dialect() == "postgresql";
  auto st = db_->Prepare(
      postgres
          ? "SELECT indexname FROM pg_indexes WHERE tablename = 'audit_log' AND indexdef LIKE "
            "'%(entity, entity_id, seq)%'"
          : "EXPLAIN QUERY PLAN SELECT seq FROM audit_log WHERE entity = 'clue' AND entity_id = "
            "'2' ORDER BY seq");
  ASSERT_TRUE(st.has_value());
  while (*(*st)->Step()) plan += (*st)->Text(postgres ? 0 : 3) + "\n";  // indexname, detail
  EXPECT_NE(plan.find("audit_log_by_entity"), std::string::npos) << plan;
}

TEST(AnchorFilePathTest, SitsBesideTheKeyFileUnlessTheEnvironmentNamesOne) {
  unsetenv("QINGFENG_ANCHOR_FILE");
  EXPECT_EQ(DefaultAnchorFilePath("/srv/qf/qingfeng.key"), "/srv/qf/qingfeng.anchors");
  setenv("QINGFENG_ANCHOR_FILE", "/mnt/usb/anchors", 1);
  EXPECT_EQ(DefaultAnchorFilePath("/srv/qf/qingfeng.key"), "/mnt/usb/anchors");
  unsetenv("QINGFENG_ANCHOR_FILE");
}

}  // namespace
}  // namespace qf::audit
