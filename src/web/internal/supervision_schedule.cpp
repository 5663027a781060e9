#include "web/internal/supervision_schedule.h"

#include <fmt/format.h>

#include <chrono>

#include "casework/casework_service.h"

namespace qf::web::internal {

void SupervisionSchedule::Start() {
  int every = app_.options().supervise_every_seconds;
  if (every <= 0) return;
  thread_ = std::thread([this, every] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(every), [this] { return stopping_; })) {
      lock.unlock();
      RunOnce();
      lock.lock();
    }
  });
}

void SupervisionSchedule::Stop() {
  if (stopped_) return;
  stopped_ = true;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SupervisionSchedule::RunOnce() {
  auto lease = app_.Connection();
  if (!lease) return;
  casework::CaseworkService service(**lease, app_.clock(), app_.cipher(),
                                    app_.options().casework_options);
  if (auto done = service.EscalateOverdue(); !done) {
    // The server keeps serving; the next run tries again.
    fmt::print(stderr, "逾期督办失败：{}\n", done.error().message());
  }
}

}  // namespace qf::web::internal
