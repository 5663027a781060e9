// SupervisionSchedule: `serve` runs 督办 (CaseworkService::EscalateOverdue) every
// options().supervise_every_seconds on a thread of its own, with a pooled connection. The first
// run comes one interval after start. Escalation is idempotent, so a run that overlaps another
// server's writes nothing twice.
//
// Thread safety: Start and Stop from the thread that owns the server.
#pragma once

#include "web/internal/app.h"
#include "web/internal/periodic_task.h"

namespace qf::web::internal {

class SupervisionSchedule {
 public:
  explicit SupervisionSchedule(App& app) : app_(app) {}
  ~SupervisionSchedule() { Stop(); }

  // Starts the timer thread (none when supervise_every_seconds is 0).
  void Start() {
    task_.Start(app_.options().supervise_every_seconds, [this] { RunOnce(); });
  }
  // Stops the timer thread. Safe to call twice.
  void Stop() { task_.Stop(); }

 private:
  void RunOnce();

  App& app_;
  PeriodicTask task_;
};

}  // namespace qf::web::internal
