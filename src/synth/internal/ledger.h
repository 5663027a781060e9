// Enrolment with its payments, shared by the clean ledger and the plants: an enrolment covers
// exactly the 2025 periods in which the person is alive at the period start and of the program's
// age, and every covered period is paid once at the program's standard amount.
#pragma once

#include "synth/internal/district.h"

namespace qf::synth::internal {

struct Window {
  int from = 1;            // first 2025 period index the enrolment may cover (1-based)
  int to = 12;             // last one (clamped to the cycle's count)
  int once_month = 0;      // one-time programs: the month
  bool continuing = true;  // started before 2025 when period `from` = 1 is covered
};

int PeriodCount(Cycle cycle);
Period LedgerPeriod(const Program& program, int index);
int32_t PaidDate(const Program& program, int index);
// True when the person may be paid for period `index`: alive at its start, age in range.
bool Eligible(const District& d, int32_t person, const Program& program, int index);

// The periods an enrolment covers: indices [first, last] of the 2025 periods; enrolment -1 none.
struct Coverage {
  int enrolment = -1;
  int first = 0;
  int last = 0;
};

// Adds the enrolment (and a card if the person has none) without paying it: the dense layer
// pays while writing (docs/synth.md). Draws exactly what Enrol draws.
Coverage EnrolOnly(District& d, Rng& rng, int32_t person, int program, const Window& w);

// Adds the enrolment (and a card if the person has none) and pays every covered period.
// Returns the enrolment index, or -1 when no period qualifies.
int Enrol(District& d, Rng& rng, int32_t person, int program, int64_t amount, const Window& w);

// A payment of `amount` for period `index` into the person's card.
Payment MakePayment(const District& d, int32_t person, int program, int index, int64_t amount);

}  // namespace qf::synth::internal
