#include "web/internal/anchor_schedule.h"

#include <fmt/format.h>

#include <chrono>

#include "audit/anchor.h"
#include "audit/audit_log.h"

namespace qf::web::internal {

void AnchorSchedule::Start() {
  int every = app_.options().anchor_every_seconds;
  if (every <= 0) return;
  thread_ = std::thread([this, every] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(every), [this] { return stopping_; })) {
      lock.unlock();
      AnchorIfAdvanced();
      lock.lock();
    }
  });
}

void AnchorSchedule::Stop() {
  if (stopped_) return;
  stopped_ = true;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  AnchorIfAdvanced();
}

void AnchorSchedule::AnchorIfAdvanced() {
  auto lease = app_.Connection();
  if (!lease) return;
  auto head = audit::Head(**lease);
  if (!head) return;
  std::lock_guard lock(mutex_);
  if (head->seq == anchored_seq_) return;
  auto line = audit::AppendAnchor(app_.AnchorFile(), *head, app_.clock());
  if (!line) {
    // The server keeps serving; `audit verify` will show the gap since the last anchor.
    fmt::print(stderr, "审计锚点写入失败：{}\n", line.error().message());
    return;
  }
  anchored_seq_ = head->seq;
}

}  // namespace qf::web::internal
