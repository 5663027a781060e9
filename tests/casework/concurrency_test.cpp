// Two web workers on two connections racing for the same finding or the same clue. Runs in the
// PostgreSQL pass of the suite (QF_TEST_BACKEND=postgresql): an in-memory SQLite store has only
// one connection, and a SQLite file serializes writers anyway.
#include <gtest/gtest.h>

#include <latch>
#include <string>
#include <thread>

#include "audit/audit_log.h"
#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

constexpr int kRounds = 12;

class ConcurrencyTest : public CaseworkTest {
 protected:
  void SetUp() override {
    if (!test_support::SuiteOnPostgres()) {
      GTEST_SKIP() << "并发写测试在 PostgreSQL 轮次中运行（内存 SQLite 库只有一个连接）";
    }
    CaseworkTest::SetUp();
    if (HasFatalFailure()) return;
    auto db = store::Open(url_);
    ASSERT_TRUE(db.has_value()) << db.error().message();
    other_db_ = std::move(*db);
    other_ = std::make_unique<CaseworkService>(
        *other_db_, clock_, cipher_, CaseworkOptions{.password_cost = PasswordCost::Minimal()});
  }

  // Runs `a` on this thread's service and `b` on the other's, released at the same moment.
  template <typename A, typename B>
  std::pair<Result<Json>, Result<Json>> Race(A a, B b) {
    std::latch start(2);
    std::optional<Result<Json>> other_result;
    std::thread other([&] {
      start.arrive_and_wait();
      other_result.emplace(b(*other_));
    });
    start.arrive_and_wait();
    Result<Json> mine = a(*service_);
    other.join();
    return {std::move(mine), std::move(*other_result)};
  }

  // Exactly one succeeded; the other lost with a conflict. Returns the loser's message.
  static void ExpectOneWinner(const Result<Json>& a, const Result<Json>& b) {
    EXPECT_NE(a.has_value(), b.has_value())
        << (a ? "" : a.error().message()) << " / " << (b ? "" : b.error().message());
    const Result<Json>& loser = a ? b : a;
    if (!loser) {
      EXPECT_EQ(loser.error().code(), ErrorCode::kConflict) << loser.error().message();
    }
  }

  void ExpectAuditChainIntact() {
    auto report = audit::Verify(*db_, cipher_.chain_key(), {});
    ASSERT_TRUE(report.has_value()) << report.error().message();
    EXPECT_TRUE(report->ok) << report->problem;
  }

  std::unique_ptr<store::Database> other_db_;
  std::unique_ptr<CaseworkService> other_;
};

TEST_F(ConcurrencyTest, TwoWorkersPromotingTheSameFindingMakeOneClue) {
  for (int i = 0; i < kRounds; ++i) {
    ASSERT_TRUE(internal::Exec(
        *db_,
        "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, ref, "
        "severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES "
        "(?, 'R01', ?, 'DB', '2024-03', '', '', '高', 45000, '死亡后仍发放', 'new', 1, 1)",
        "fp" + std::to_string(i), kCitizenA));
  }
  for (int i = 0; i < kRounds; ++i) {
    Json body = {{"fingerprints", {"fp" + std::to_string(i)}}};
    auto [a, b] = Race([&](CaseworkService& s) { return s.PromoteFindings(intake_, body); },
                       [&](CaseworkService& s) { return s.PromoteFindings(intake_, body); });
    ExpectOneWinner(a, b);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM clues"), kRounds);
  EXPECT_EQ(Count("SELECT count(*) FROM clue_findings"), kRounds);
  EXPECT_EQ(Count("SELECT count(DISTINCT clue_id) FROM clue_findings"), kRounds);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE review = 'confirmed'"), kRounds);
  ExpectAuditChainIntact();
}

TEST_F(ConcurrencyTest, TwoHandlersMovingTheSameClueMoveItOnce) {
  for (int i = 0; i < kRounds; ++i) {
    int64_t id = NewClue();
    auto [a, b] = Race(
        [&](CaseworkService& s) {
          return s.ProposeDisposal(handler_, id, {{"disposal", "初步核实"}});
        },
        [&](CaseworkService& s) {
          return s.ProposeDisposal(handler_, id, {{"disposal", "谈话函询"}});
        });
    ExpectOneWinner(a, b);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'clue.propose_disposal' AND "
                    "entity_id = '" +
                    std::to_string(id) + "'"),
              1);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM clues WHERE status = 'pending_approval'"), kRounds);
  ExpectAuditChainIntact();
}

}  // namespace
}  // namespace qf::casework::testing
