// The dense layer's payments (District::dense) expanded one batch at a time while payments.csv is
// written, merged into the regular payments' order (paid date, program, period): 10 million
// payments are never held in memory.
#pragma once

#include <functional>
#include <tuple>
#include <vector>

#include "synth/internal/district.h"

namespace qf::synth::internal {

// Payments the dense layer adds to payments.csv.
int64_t DensePaymentCount(const District& d);

class DenseStream {
 public:
  using Key = std::tuple<int32_t, int16_t, int32_t>;  // paid date, program, period code
  using RowFn = std::function<void(const Payment&)>;

  explicit DenseStream(const District& d);
  // Writes, in order, every batch not yet written whose key is below `key`.
  void WriteBefore(const Key& key, const RowFn& row);

 private:
  struct Batch {
    Key key;
    int index = 0;  // 1-based period of the program's 2025 periods
  };
  const District& d_;
  std::vector<Batch> batches_;                    // sorted by key
  std::vector<std::vector<int32_t>> by_program_;  // indices into d.dense, by program
  size_t next_ = 0;
};

}  // namespace qf::synth::internal
