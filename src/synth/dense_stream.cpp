// Expands the dense layer's enrolment rows into payments, one batch at a time.
#include "synth/internal/dense_stream.h"

#include <algorithm>

#include "synth/internal/ledger.h"

namespace qf::synth::internal {

int64_t DensePaymentCount(const District& d) {
  int64_t n = 0;
  for (const DensePayments& r : d.dense) n += r.last - r.first + 1;
  return n;
}

DenseStream::DenseStream(const District& d) : d_(d), by_program_(d.programs.size()) {
  for (size_t i = 0; i < d.dense.size(); ++i)
    by_program_[static_cast<size_t>(d.dense[i].program)].push_back(static_cast<int32_t>(i));
  for (size_t program = 0; program < by_program_.size(); ++program) {
    if (by_program_[program].empty()) continue;
    const Program& prog = d.programs[program];
    for (int index = 1; index <= PeriodCount(prog.cycle); ++index) {
      batches_.push_back(
          {{PaidDate(prog, index), static_cast<int16_t>(program), LedgerPeriod(prog, index).Code()},
           index});
    }
  }
  std::sort(batches_.begin(), batches_.end(),
            [](const Batch& a, const Batch& b) { return a.key < b.key; });
}

void DenseStream::WriteBefore(const Key& key, const RowFn& row) {
  for (; next_ < batches_.size() && batches_[next_].key < key; ++next_) {
    const Batch& batch = batches_[next_];
    const int program = std::get<1>(batch.key);
    for (int32_t i : by_program_[static_cast<size_t>(program)]) {
      const DensePayments& r = d_.dense[static_cast<size_t>(i)];
      if (r.first <= batch.index && batch.index <= r.last)
        row(MakePayment(d_, r.person, program, batch.index, r.amount));
    }
  }
}

}  // namespace qf::synth::internal
