// RateLimiter: fixed windows, pruned once per window so memory stays bounded by active keys.
#include "web/internal/rate_limiter.h"

namespace qf::web::internal {

bool RateLimiter::Allow(const std::string& key) {
  if (limit_ <= 0) return true;
  int64_t now = clock_.NowSeconds();
  std::lock_guard lock(mutex_);
  if (now - last_prune_ >= window_seconds_) {
    std::erase_if(windows_, [&](const auto& kv) { return now - kv.second.start >= window_seconds_; });
    last_prune_ = now;
  }
  Window& w = windows_[key];
  if (w.count == 0 || now - w.start >= window_seconds_) {
    w.start = now;
    w.count = 0;
  }
  if (w.count >= limit_) return false;
  ++w.count;
  return true;
}

}  // namespace qf::web::internal
