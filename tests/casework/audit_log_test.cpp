// The audit log's keyed chain as casework writes it: intact after real changes, and editing,
// deleting or re-linking one row with raw SQL makes verification fail on exactly that entry.
// (tests/audit holds the chain's own tamper cases, anchors and the emptied log.)
#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include "casework_fixture.h"
#include "support/append_only_guard.h"

namespace qf::casework::testing {
namespace {

class AuditLogTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    ASSERT_TRUE(audit::testing::LiftAppendOnlyGuard(*db_).has_value());  // the forger's first step
  }
  Result<audit::VerifyReport> VerifyAuditLog(store::Database& db) {
    return audit::Verify(db, cipher_.chain_key(), {});
  }
  void MakeHistory() {
    NewClue();
    NewClue();
    NewClue();
  }
};

TEST_F(AuditLogTest, ChainOfRealChangesVerifies) {
  MakeHistory();
  auto report = VerifyAuditLog(*db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->entries, Count("SELECT count(*) FROM audit_log"));
  EXPECT_GE(report->entries, 8);  // 5 units, 1 user, 3 clues
}

TEST_F(AuditLogTest, EditedRowIsNamedAsTheFirstBrokenEntry) {
  MakeHistory();
  int64_t victim = Count("SELECT max(seq) FROM audit_log") - 1;
  ASSERT_TRUE(internal::Exec(*db_,
                             "UPDATE audit_log SET after = replace(after, '低保', '医保') "
                             "WHERE seq = ?",
                             victim)
                  .has_value());
  auto report = VerifyAuditLog(*db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, victim);
  EXPECT_NE(report->problem.find(std::to_string(victim)), std::string::npos) << report->problem;
}

TEST_F(AuditLogTest, ChangedActorIsDetected) {
  MakeHistory();
  ASSERT_TRUE(
      internal::Exec(*db_, "UPDATE audit_log SET actor = 'nobody' WHERE seq = 3").has_value());
  auto report = VerifyAuditLog(*db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 3);
}

TEST_F(AuditLogTest, RelinkedRowWithTheWrongKeyIsNamed) {
  MakeHistory();
  // A forger who edits row 2 and recomputes its link without the key file's chain key.
  auto st = internal::Query(*db_,
                            "SELECT prev_hash, at, actor, action, entity, entity_id, before, "
                            "after FROM audit_log WHERE seq = 2");
  ASSERT_TRUE(st.has_value());
  ASSERT_TRUE(*(*st)->Step());
  audit::Entry entry{"forger",       (*st)->Text(3), (*st)->Text(4),
                     (*st)->Text(5), (*st)->Text(6), (*st)->Text(7)};
  crypto::MasterKey other{};
  other.fill(7);
  std::string hash =
      audit::Link(crypto::ChainKey::FromMasterKey(other), (*st)->Text(0), 2, (*st)->Text(1), entry);
  st->reset();
  ASSERT_TRUE(
      internal::Exec(*db_, "UPDATE audit_log SET actor = 'forger', hash = ? WHERE seq = 2", hash)
          .has_value());
  auto report = VerifyAuditLog(*db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 2);
}

TEST_F(AuditLogTest, DeletedRowIsDetected) {
  MakeHistory();
  ASSERT_TRUE(internal::Exec(*db_, "DELETE FROM audit_log WHERE seq = 4").has_value());
  auto report = VerifyAuditLog(*db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 4);
}

TEST_F(AuditLogTest, OnlyTheAuditAdministratorReadsItAndSeesNoCaseContent) {
  MakeHistory();
  Actor auditor = MakeActor("auditor", Role::kAuditAdmin, "commission");
  Actor sysadmin = MakeActor("root2", Role::kSystemAdmin, "commission");
  auto denied = service_->ListAuditEntries(sysadmin, 0, 100);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_FALSE(service_->VerifyAudit(handler_).has_value());
  auto entries = service_->ListAuditEntries(auditor, 0, 1000);
  ASSERT_TRUE(entries.has_value()) << entries.error().message();
  bool saw_clue = false;
  for (const Json& e : (*entries)["entries"]) {
    if (e["entity"] == "clue") {
      saw_clue = true;
      EXPECT_TRUE(e["after"].is_null());
      EXPECT_TRUE(e["content_redacted"].get<bool>());
    }
  }
  EXPECT_TRUE(saw_clue);
  auto verify = service_->VerifyAudit(auditor);
  ASSERT_TRUE(verify.has_value());
  EXPECT_TRUE((*verify)["ok"].get<bool>());
}

}  // namespace
}  // namespace qf::casework::testing
