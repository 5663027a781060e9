// AnchorSchedule: `serve` anchors the audit log (audit/anchor.h) on a schedule and when it stops,
// so that a tail deleted from the database while the server ran is caught by `audit verify`.
// An anchor is written only when entries were appended since the last one.
//
// Thread safety: Start and Stop from the thread that owns the server.
#pragma once

#include <cstdint>

#include "web/internal/app.h"
#include "web/internal/periodic_task.h"

namespace qf::web::internal {

class AnchorSchedule {
 public:
  explicit AnchorSchedule(App& app) : app_(app) {}
  ~AnchorSchedule() { Stop(); }

  // Starts the timer thread (none when app.options().anchor_every_seconds is 0).
  void Start();
  // Stops the timer and writes the final anchor. Safe to call twice.
  void Stop();

 private:
  void AnchorIfAdvanced();

  App& app_;
  // The last seq anchored by this server: read and written by the task's thread, then by Stop
  // once that thread has ended.
  int64_t anchored_seq_ = -1;
  bool stopped_ = false;
  PeriodicTask task_;
};

}  // namespace qf::web::internal
