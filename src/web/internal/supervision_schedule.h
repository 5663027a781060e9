// SupervisionSchedule: `serve` runs 督办 (CaseworkService::EscalateOverdue) every
// options().supervise_every_seconds on a thread of its own, with a pooled connection. The first
// run comes one interval after start. Escalation is idempotent, so a run that overlaps another
// server's writes nothing twice.
//
// Thread safety: Start and Stop from the thread that owns the server.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "web/internal/app.h"

namespace qf::web::internal {

class SupervisionSchedule {
 public:
  explicit SupervisionSchedule(App& app) : app_(app) {}
  ~SupervisionSchedule() { Stop(); }

  // Starts the timer thread (none when supervise_every_seconds is 0).
  void Start();
  // Stops the timer thread. Safe to call twice.
  void Stop();

 private:
  void RunOnce();

  App& app_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mutex_
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace qf::web::internal
