// PeriodicTask: runs a function every N seconds on a thread of its own until stopped — what the
// audit anchors and 督办 of `serve` share. The first run comes one interval after Start.
//
//   PeriodicTask task;
//   task.Start(3600, [&] { EscalateOverdue(); });  // none when the interval is 0
//   task.Stop();                                    // wakes and joins the thread
//
// Thread safety: Start and Stop from the thread that owns the server; the function runs on the
// task's thread, never twice at once.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace qf::web::internal {

class PeriodicTask {
 public:
  PeriodicTask() = default;
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;
  ~PeriodicTask() { Stop(); }

  // Starts the thread (none when every_seconds <= 0).
  void Start(int every_seconds, std::function<void()> run);
  // Wakes the thread and waits for it to end. Safe to call twice.
  void Stop();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mutex_
  std::thread thread_;
};

}  // namespace qf::web::internal
