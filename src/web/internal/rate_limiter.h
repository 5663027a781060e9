// RateLimiter: at most `limit` events per key in a fixed window of `window_seconds`, on the
// injected clock (tests advance a fake clock instead of sleeping). limit 0 = unlimited.
// Keys are opaque; callers pass keyed hashes, never raw addresses or ID numbers.
// Thread safety: all methods may be called concurrently.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace qf::web::internal {

class RateLimiter {
 public:
  RateLimiter(int limit, int64_t window_seconds, const qf::Clock& clock)
      : limit_(limit), window_seconds_(window_seconds), clock_(clock) {}

  // Counts one event for `key`; false when the key is over its limit in the current window.
  bool Allow(const std::string& key);
  // False for limit 0: callers then skip computing the key (a keyed hash per request).
  bool Limited() const { return limit_ > 0; }

 private:
  struct Window {
    int64_t start = 0;
    int count = 0;
  };
  const int limit_;
  const int64_t window_seconds_;
  const qf::Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;  // Guarded by mutex_
  int64_t last_prune_ = 0;                           // Guarded by mutex_
};

}  // namespace qf::web::internal
