// JobBoard over a SQLite file store (and, registered again, a PostgreSQL schema): progress seen
// while a job runs, its result stored, a failure stored with its message, one job at a time in
// submission order, the start audited, and rows left unfinished by a stopped server marked
// 服务重启中断 at the next start.
#include "jobs/job_board.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "audit/audit_log.h"
#include "crypto/crypto.h"
#include "store/connection_pool.h"
#include "store/migrations.h"
#include "store/query.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace qf::jobs {
namespace {

class FixedClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return 1766188800; }  // 2025-12-20T00:00:00Z
};

crypto::ChainKey TestKey() {
  crypto::MasterKey master{};
  master.fill(7);
  return crypto::ChainKey::FromMasterKey(master);
}

class JobBoardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_support::SuiteOnPostgres() && test_support::PostgresTestUrl().empty()) {
      GTEST_SKIP() << "QF_TEST_PG_URL 未设置：跳过 PostgreSQL 测试";
    }
    auto db = pool_.Acquire();
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::Migrate(**db).has_value());
  }

  store::ConnectionPool::Lease Db() { return *pool_.Acquire(); }
  std::unique_ptr<JobBoard> NewBoard() {
    return std::make_unique<JobBoard>([this] { return pool_.Acquire(); }, clock_);
  }
  int64_t Count(const std::string& sql) {
    auto db = Db();
    auto st = store::Query(*db, sql);
    EXPECT_TRUE(st.has_value());
    EXPECT_TRUE((*st)->Step().value_or(false));
    return (*st)->Int(0);
  }

  // A file, so that the pool's connections share it; a fresh schema on PostgreSQL.
  static std::string StoreUrl(const test_support::TempDir& dir) {
    return test_support::SuiteOnPostgres() ? test_support::FreshStoreUrl("postgresql")
                                           : "sqlite:" + dir.File("q.db");
  }

  test_support::TempDir dir_;
  store::ConnectionPool pool_{StoreUrl(dir_), 4};
  FixedClock clock_;
  crypto::ChainKey key_ = TestKey();
  audit::Recorder recorder_{clock_, key_};
};

TEST_F(JobBoardTest, ProgressIsSeenWhileRunningAndTheResultIsStored) {
  auto board = NewBoard();
  board->Start();
  std::promise<void> reported, may_finish;
  auto db = Db();
  auto id = board->Submit(*db, JobKind::kImport, "wangwu", &recorder_, [&](JobContext& job) {
    job.Report({.stage = "正在导入 persons.csv", .done = 1, .total = 4});
    reported.set_value();
    may_finish.get_future().wait();
    return Result<nlohmann::json>(nlohmann::json{{"rows", 12}});
  });
  ASSERT_TRUE(id.has_value()) << id.error().message();
  reported.get_future().wait();
  auto running = board->Find(*db, *id);
  ASSERT_TRUE(running.has_value() && running->has_value());
  EXPECT_EQ((*running)->state, JobState::kRunning);
  EXPECT_EQ((*running)->progress.stage, "正在导入 persons.csv");
  EXPECT_EQ((*running)->progress.done, 1);
  EXPECT_EQ((*running)->progress.total, 4);
  may_finish.set_value();
  board->WaitIdle();

  // A new board (as after a restart) reads the stored row.
  board.reset();
  auto fresh = NewBoard();
  auto done = fresh->Find(*db, *id);
  ASSERT_TRUE(done.has_value() && done->has_value());
  EXPECT_EQ((*done)->state, JobState::kDone);
  EXPECT_EQ((*done)->kind, JobKind::kImport);
  EXPECT_EQ((*done)->started_by, "wangwu");
  EXPECT_EQ((*done)->result.value("rows", 0), 12);
  EXPECT_EQ((*done)->finished_at, "2025-12-20T00:00:00Z");
  EXPECT_EQ((*done)->progress.stage, "正在导入 persons.csv");
}

TEST_F(JobBoardTest, AFailureIsStoredWithItsMessage) {
  auto board = NewBoard();
  board->Start();
  auto db = Db();
  auto failing = board->Submit(*db, JobKind::kCompare, "wangwu", &recorder_, [](JobContext&) {
    return Result<nlohmann::json>(Fail(ErrorCode::kDatabase, "数据库已满"));
  });
  auto throwing = board->Submit(
      *db, JobKind::kCompare, "wangwu", &recorder_,
      [](JobContext&) -> Result<nlohmann::json> { throw std::runtime_error("secret detail"); });
  ASSERT_TRUE(failing.has_value() && throwing.has_value());
  board->WaitIdle();
  auto first = board->Find(*db, *failing);
  ASSERT_TRUE(first.has_value() && first->has_value());
  EXPECT_EQ((*first)->state, JobState::kFailed);
  EXPECT_EQ((*first)->error, "数据库已满");
  auto second = board->Find(*db, *throwing);
  ASSERT_TRUE(second.has_value() && second->has_value());
  EXPECT_EQ((*second)->state, JobState::kFailed);
  EXPECT_EQ((*second)->error.find("secret"), std::string::npos) << (*second)->error;
}

TEST_F(JobBoardTest, JobsRunOneAtATimeInTheOrderSubmitted) {
  auto board = NewBoard();
  auto db = Db();
  std::atomic<int> running{0}, most{0};
  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    auto id = board->Submit(*db, JobKind::kImport, "wangwu", &recorder_, [&, i](JobContext&) {
      most = std::max(most.load(), ++running);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      {
        std::lock_guard lock(order_mutex);
        order.push_back(i);
      }
      --running;
      return Result<nlohmann::json>(nlohmann::json::object());
    });
    ASSERT_TRUE(id.has_value());
    ids.push_back(*id);
  }
  // Not started yet: every one waits in 排队.
  auto queued = board->Find(*db, ids[2]);
  ASSERT_TRUE(queued.has_value() && queued->has_value());
  EXPECT_EQ((*queued)->state, JobState::kQueued);
  board->Start();
  board->WaitIdle();
  EXPECT_EQ(most.load(), 1);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
}

TEST_F(JobBoardTest, StartingAJobIsAuditedWithItsRow) {
  auto board = NewBoard();
  auto db = Db();
  auto id = board->Submit(*db, JobKind::kCompare, "wangwu", &recorder_, [](JobContext&) {
    return Result<nlohmann::json>(nlohmann::json::object());
  });
  ASSERT_TRUE(id.has_value());
  auto entries = audit::ListFor(*db, "job", std::to_string(*id));
  ASSERT_TRUE(entries.has_value());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].entry.action, "job.start");
  EXPECT_EQ((*entries)[0].entry.actor, "wangwu");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE state = 'queued'"), 1);
}

TEST_F(JobBoardTest, JobsUnfinishedAtAStopAreMarkedInterruptedAtTheNextStart) {
  auto db = Db();
  int64_t running_id = 0, queued_id = 0;
  {
    auto board = NewBoard();  // never started: what a process killed mid-job leaves behind
    auto nothing = [](JobContext&) { return Result<nlohmann::json>(nullptr); };
    running_id = *board->Submit(*db, JobKind::kImport, "wangwu", &recorder_, nothing);
    queued_id = *board->Submit(*db, JobKind::kCompare, "wangwu", &recorder_, nothing);
    ASSERT_TRUE(store::Exec(*db, "UPDATE jobs SET state = 'running' WHERE job_id = ?", running_id)
                    .has_value());
  }
  auto next = NewBoard();
  auto marked = next->MarkInterrupted(*db);
  ASSERT_TRUE(marked.has_value());
  EXPECT_EQ(*marked, 2);
  for (int64_t id : {running_id, queued_id}) {
    auto job = next->Find(*db, id);
    ASSERT_TRUE(job.has_value() && job->has_value());
    EXPECT_EQ((*job)->state, JobState::kFailed);
    EXPECT_EQ((*job)->error, kInterruptedError);
  }
  auto mine = next->List(*db, "wangwu", 10);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->size(), 2u);
  auto others = next->List(*db, "someone-else", 10);
  ASSERT_TRUE(others.has_value());
  EXPECT_TRUE(others->empty());
}

}  // namespace
}  // namespace qf::jobs
