// FakeClock: a Clock the test moves by hand, so that deadlines, lock-out and session expiry are
// tested without sleeping.
#pragma once

#include <cstdint>

#include "core/clock.h"

namespace qf::casework::testing {

class FakeClock final : public Clock {
 public:
  // 2024-06-05 (a Wednesday) 10:00 Beijing time.
  static constexpr int64_t kStart = 1717552800;

  int64_t NowSeconds() const override { return now_; }
  void Advance(int64_t seconds) { now_ += seconds; }
  void AdvanceDays(int days) { now_ += int64_t{days} * 86400; }

 private:
  int64_t now_ = kStart;
};

}  // namespace qf::casework::testing
