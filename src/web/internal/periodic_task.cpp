#include "web/internal/periodic_task.h"

#include <chrono>
#include <utility>

namespace qf::web::internal {

void PeriodicTask::Start(int every_seconds, std::function<void()> run) {
  if (every_seconds <= 0) return;
  thread_ = std::thread([this, every_seconds, run = std::move(run)] {
    std::unique_lock lock(mutex_);
    while (
        !wake_.wait_for(lock, std::chrono::seconds(every_seconds), [this] { return stopping_; })) {
      lock.unlock();
      run();
      lock.lock();
    }
  });
}

void PeriodicTask::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace qf::web::internal
