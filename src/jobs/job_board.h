// JobBoard: long work of a server (an import, a comparison) run as background jobs, one at a time,
// in the order submitted, each with its progress and, once finished, its result — kept in the
// store's `jobs` table (migration v13) so a result page outlives a restart.
//
//   jobs::JobBoard board([&] { return pool.Acquire(); }, clock);
//   board.MarkInterrupted(db);       // at start-up: rows left queued or running failed
//   board.Start();
//   auto id = board.Submit(db, JobKind::kImport, "wangwu", &recorder,
//                          [](jobs::JobContext& job) -> Result<nlohmann::json> {
//                            job.Report({.stage = "正在导入", .done = 1, .total = 3});
//                            return nlohmann::json{{"rows", 10}};
//                          });
//   auto seen = board.Find(db, *id);  // live progress while it runs, the stored row afterwards
//   board.Stop();                     // waits for the running job; queued ones stay queued
//
// One worker runs every job, so two imports never run at once: a second one waits in 排队.
// Thread safety: every member may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "audit/audit_log.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/connection_pool.h"
#include "store/database.h"

namespace qf::jobs {

enum class JobKind { kImport, kCompare };
enum class JobState { kQueued, kRunning, kDone, kFailed };

std::string_view KindLabel(JobKind kind);     // 导入, 比对
std::string_view StateLabel(JobState state);  // 排队, 运行中, 完成, 失败

// The error of a job that was queued or running when the server stopped.
inline constexpr std::string_view kInterruptedError = "服务重启中断";

struct Progress {
  std::string stage = {};  // Chinese: "正在导入 persons.csv：已读取 120000 行"
  int64_t done = 0;        // units of `total` done; the bar shows done / total
  int64_t total = 0;       // 0 = not known yet
};

struct Job {
  int64_t id = 0;
  JobKind kind = JobKind::kImport;
  std::string started_by = {};  // username
  JobState state = JobState::kQueued;
  Progress progress = {};
  std::string created_at = {}, started_at = {}, finished_at = {};  // ISO UTC; "" until reached
  nlohmann::json result = {};  // what the work returned (null until done)
  std::string error = {};      // Chinese, when failed
};

// What a running job's work sees: a connection of its own and a way to report progress.
class JobContext {
 public:
  JobContext(store::Database& db, std::function<void(Progress)> report)
      : db_(db), report_(std::move(report)) {}
  store::Database& db() const { return db_; }
  // Cheap (a lock and a copy in memory): call it as often as a progress bar needs.
  void Report(Progress progress) const { report_(std::move(progress)); }

 private:
  store::Database& db_;
  std::function<void(Progress)> report_;
};

// The work of a job: its result (stored as JSON) or why it failed. Runs on the board's thread.
using Work = std::function<Result<nlohmann::json>(JobContext&)>;
using ConnectionSource = std::function<Result<store::ConnectionPool::Lease>()>;

class JobBoard {
 public:
  // `connect` lends the worker a connection per job; `clock` stamps the rows. Both borrowed.
  JobBoard(ConnectionSource connect, const Clock& clock);
  ~JobBoard() { Stop(); }
  JobBoard(const JobBoard&) = delete;
  JobBoard& operator=(const JobBoard&) = delete;

  // Marks every row still queued or running as failed with kInterruptedError: call it once at
  // start-up, before Start. Returns how many rows it marked.
  Result<int64_t> MarkInterrupted(store::Database& db) const;
  void Start();
  // Waits for the running job; jobs still queued stay so in the store (the next start marks them).
  void Stop();

  // Records the job (queued) and its audit entry `job.start` by `actor` in one transaction on
  // `db`, then queues `work`. `recorder` may be null only in tests.
  Result<int64_t> Submit(store::Database& db, JobKind kind, const std::string& actor,
                         const audit::Recorder* recorder, Work work);
  // A job by id: the live one while queued or running here, else the stored row; nullopt when
  // there is none.
  Result<std::optional<Job>> Find(store::Database& db, int64_t id) const;
  // The newest `limit` jobs, newest first: those `started_by` started, or all when it is empty.
  Result<std::vector<Job>> List(store::Database& db, const std::string& started_by,
                                int64_t limit) const;
  // Blocks until nothing is queued or running (tests).
  void WaitIdle() const;

 private:
  struct Queued {
    int64_t id;
    Work work;
  };
  void Loop(std::stop_token stop);
  void Run(Queued& queued);
  void Finish(store::Database* db, int64_t id, const Result<nlohmann::json>& outcome);
  void SetProgress(int64_t id, Progress progress);

  ConnectionSource connect_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<Queued> queue_;     // Guarded by mutex_
  std::map<int64_t, Job> live_;  // Guarded by mutex_: queued and running jobs
  std::jthread worker_;
};

}  // namespace qf::jobs
