#include "web/internal/comparison_monitor.h"

#include <fmt/format.h>

#include "core/result_macros.h"
#include "engine/check.h"
#include "web/internal/app.h"

namespace qf::web::internal {

void ComparisonMonitor::Start() {
  if (worker_.joinable()) return;
  worker_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

void ComparisonMonitor::Stop() {
  if (!worker_.joinable()) return;
  worker_.request_stop();
  changed_.notify_all();
  worker_.join();
}

void ComparisonMonitor::Request(const std::string& actor) {
  std::lock_guard lock(mutex_);
  status_.pending = true;
  actor_ = actor;
  changed_.notify_all();
}

ComparisonMonitor::Status ComparisonMonitor::Current() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void ComparisonMonitor::WaitIdle() const {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !status_.pending && !status_.running; });
}

void ComparisonMonitor::Loop(std::stop_token stop) {
  while (true) {
    std::string actor;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return status_.pending || stop.stop_requested(); });
      if (stop.stop_requested()) return;
      status_.pending = false;
      status_.running = true;
      actor = actor_;
    }
    auto run = RunOnce(actor);
    std::lock_guard lock(mutex_);
    status_.running = false;
    status_.last_error = run ? "" : run.error().message();
    if (run) status_.last_run_id = *run;
    if (!run) fmt::print(stderr, "导入后自动比对失败：{}\n", run.error().message());
    changed_.notify_all();
  }
}

Result<int64_t> ComparisonMonitor::RunOnce(const std::string& actor) {
  QF_ASSIGN_OR_RETURN(auto lease, app_.Connection());
  store::Database& db = *lease;
  QF_ASSIGN_OR_RETURN(engine::CheckReport report, app_.Compare(db, actor));
  casework::CaseworkService service(db, app_.clock(), app_.cipher(),
                                    app_.options().casework_options);
  QF_ASSIGN_OR_RETURN(auto attached, service.AttachNewFindings(report.run_id));
  (void)attached;
  return report.run_id;
}

}  // namespace qf::web::internal
