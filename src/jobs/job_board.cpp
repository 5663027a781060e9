#include "jobs/job_board.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "core/result_macros.h"
#include "store/query.h"

namespace qf::jobs {
namespace {

constexpr std::string_view kKindCodes[] = {"import", "compare"};
constexpr std::string_view kStateCodes[] = {"queued", "running", "done", "failed"};

std::string_view KindCode(JobKind kind) { return kKindCodes[static_cast<int>(kind)]; }
std::string_view StateCode(JobState state) { return kStateCodes[static_cast<int>(state)]; }

JobKind KindFromCode(std::string_view code) {
  return code == "compare" ? JobKind::kCompare : JobKind::kImport;
}
JobState StateFromCode(std::string_view code) {
  for (int i = 0; i < 4; ++i) {
    if (kStateCodes[i] == code) return static_cast<JobState>(i);
  }
  return JobState::kFailed;
}

constexpr std::string_view kColumns =
    "SELECT job_id, kind, started_by, state, stage, done, total, created_at, started_at, "
    "finished_at, result, error FROM jobs ";

Job ReadJob(const store::Statement& st) {
  Job job;
  job.id = st.Int(0);
  job.kind = KindFromCode(st.TextView(1));
  job.started_by = st.Text(2);
  job.state = StateFromCode(st.TextView(3));
  job.progress = {.stage = st.Text(4), .done = st.Int(5), .total = st.Int(6)};
  job.created_at = st.Text(7);
  job.started_at = st.Text(8);
  job.finished_at = st.Text(9);
  std::string result = st.Text(10);
  if (!result.empty()) job.result = nlohmann::json::parse(result, nullptr, false);
  if (job.result.is_discarded()) job.result = nullptr;
  job.error = st.Text(11);
  return job;
}

}  // namespace

std::string_view KindLabel(JobKind kind) { return kind == JobKind::kImport ? "导入" : "比对"; }

std::string_view StateLabel(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "排队";
    case JobState::kRunning:
      return "运行中";
    case JobState::kDone:
      return "完成";
    case JobState::kFailed:
      return "失败";
  }
  return "失败";
}

JobBoard::JobBoard(ConnectionSource connect, const Clock& clock)
    : connect_(std::move(connect)), clock_(clock) {}

Result<int64_t> JobBoard::MarkInterrupted(store::Database& db) const {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "UPDATE jobs SET state = 'failed', error = ?, "
                                            "finished_at = ? WHERE state IN ('queued', 'running')",
                                            kInterruptedError, IsoUtc(clock_.NowSeconds())));
  QF_RETURN_IF_ERROR(st->Run());
  return st->Changes();
}

void JobBoard::Start() {
  if (worker_.joinable()) return;
  worker_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

void JobBoard::Stop() {
  if (!worker_.joinable()) return;
  worker_.request_stop();
  changed_.notify_all();
  worker_.join();
}

Result<int64_t> JobBoard::Submit(store::Database& db, JobKind kind, const std::string& actor,
                                 const audit::Recorder* recorder, Work work) {
  Job job{.kind = kind, .started_by = actor, .created_at = IsoUtc(clock_.NowSeconds())};
  {
    QF_ASSIGN_OR_RETURN(auto tx, db.Begin());
    QF_ASSIGN_OR_RETURN(job.id, store::Insert(db,
                                              "INSERT INTO jobs (kind, started_by, state, "
                                              "created_at) VALUES (?, ?, 'queued', ?)",
                                              KindCode(kind), actor, job.created_at));
    if (recorder != nullptr) {
      nlohmann::json after = {{"kind", KindCode(kind)}, {"state", "queued"}};
      QF_RETURN_IF_ERROR(recorder->Append(db, {.actor = actor,
                                               .action = "job.start",
                                               .entity = "job",
                                               .entity_id = std::to_string(job.id),
                                               .after = after.dump()}));
    }
    QF_RETURN_IF_ERROR(tx->Commit());
  }
  std::lock_guard lock(mutex_);
  live_[job.id] = job;
  queue_.push_back({job.id, std::move(work)});
  changed_.notify_all();
  return job.id;
}

Result<std::optional<Job>> JobBoard::Find(store::Database& db, int64_t id) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = live_.find(id); it != live_.end()) return it->second;
  }
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db, std::string(kColumns) + "WHERE job_id = ?", id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return std::optional<Job>();
  return std::optional<Job>(ReadJob(*st));
}

Result<std::vector<Job>> JobBoard::List(store::Database& db, const std::string& started_by,
                                        int64_t limit) const {
  QF_ASSIGN_OR_RETURN(auto st,
                      store::Query(db,
                                   std::string(kColumns) + "WHERE ? = '' OR started_by = ? "
                                                           "ORDER BY job_id DESC LIMIT ?",
                                   started_by, started_by, limit));
  std::vector<Job> jobs;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    jobs.push_back(ReadJob(*st));
  }
  // The stored progress of a running job is its start: the live one is newer.
  std::lock_guard lock(mutex_);
  for (Job& job : jobs) {
    if (auto it = live_.find(job.id); it != live_.end()) job = it->second;
  }
  return jobs;
}

void JobBoard::WaitIdle() const {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    return std::none_of(live_.begin(), live_.end(), [](const auto& entry) {
      return entry.second.state == JobState::kQueued || entry.second.state == JobState::kRunning;
    });
  });
}

void JobBoard::Loop(std::stop_token stop) {
  while (true) {
    Queued next;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || stop.stop_requested(); });
      if (stop.stop_requested()) return;
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    Run(next);
  }
}

void JobBoard::Run(Queued& queued) {
  auto lease = connect_();
  if (!lease) return Finish(nullptr, queued.id, std::unexpected(lease.error()));
  store::Database& db = **lease;
  std::string started_at = IsoUtc(clock_.NowSeconds());
  {
    std::lock_guard lock(mutex_);
    Job& job = live_[queued.id];
    job.state = JobState::kRunning;
    job.started_at = started_at;
  }
  (void)store::Exec(db, "UPDATE jobs SET state = 'running', started_at = ? WHERE job_id = ?",
                    started_at, queued.id);
  JobContext context(db, [this, id = queued.id](Progress p) { SetProgress(id, std::move(p)); });
  Result<nlohmann::json> outcome = Fail(ErrorCode::kInternal, "任务执行出错（内部错误）");
  try {
    outcome = queued.work(context);
  } catch (const std::exception& e) {
    // The exception's text goes to the server's log, never to a page.
    fmt::print(stderr, "后台任务 {} 出错：{}\n", queued.id, e.what());
  }
  Finish(&db, queued.id, outcome);
}

void JobBoard::Finish(store::Database* db, int64_t id, const Result<nlohmann::json>& outcome) {
  Job job;
  {
    std::lock_guard lock(mutex_);
    job = live_[id];
  }
  job.state = outcome ? JobState::kDone : JobState::kFailed;
  job.finished_at = IsoUtc(clock_.NowSeconds());
  job.error = outcome ? "" : outcome.error().message();
  if (outcome) job.result = *outcome;
  if (db != nullptr) {
    auto saved = store::Exec(
        *db,
        "UPDATE jobs SET state = ?, stage = ?, done = ?, total = ?, "
        "finished_at = ?, result = ?, error = ? WHERE job_id = ?",
        StateCode(job.state), job.progress.stage, job.progress.done, job.progress.total,
        job.finished_at,
        outcome ? job.result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                : std::string(),
        job.error, id);
    if (!saved) fmt::print(stderr, "后台任务 {} 的结果未能保存：{}\n", id, saved.error().message());
  }
  std::lock_guard lock(mutex_);
  // Without a stored row the finished job stays in memory, so its page still says how it ended.
  if (db != nullptr) {
    live_.erase(id);
  } else {
    live_[id] = job;
  }
  changed_.notify_all();
}

void JobBoard::SetProgress(int64_t id, Progress progress) {
  std::lock_guard lock(mutex_);
  if (auto it = live_.find(id); it != live_.end()) it->second.progress = std::move(progress);
}

}  // namespace qf::jobs
