// Continuous monitoring in `serve` (issue 17): after an import from the web the comparison re-runs
// in the background (the run records the imports it follows, engine/findings_store.h, so each
// import shows the findings it made new and gone), and the run's new findings about the subject
// of an open clue or case join it (CaseworkService::AttachNewFindings).
//
//   monitor.Start();             // once the App is initialised
//   monitor.Request("wangwu");   // after an import; requests while a run is going coalesce
//   monitor.Stop();              // waits for a running comparison
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"

namespace qf::web::internal {

class App;

class ComparisonMonitor {
 public:
  struct Status {
    bool running = false;
    bool pending = false;
    int64_t last_run_id = 0;   // 0 before the first
    std::string last_error;    // Chinese, "" when the last run succeeded
  };

  explicit ComparisonMonitor(App& app) : app_(app) {}
  ~ComparisonMonitor() { Stop(); }

  void Start();
  void Stop();
  // Asks for a comparison as `actor` (the importer; audited as the run's actor).
  void Request(const std::string& actor);
  Status Current() const;
  // Blocks until no comparison is pending or running (tests).
  void WaitIdle() const;

 private:
  void Loop(std::stop_token stop);
  Result<int64_t> RunOnce(const std::string& actor);

  App& app_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  Status status_;       // Guarded by mutex_
  std::string actor_;   // Guarded by mutex_: who asked last
  std::jthread worker_;
};

}  // namespace qf::web::internal
