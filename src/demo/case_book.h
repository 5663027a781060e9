// The demo district's case book: what a year of the commission's casework looks like, seeded
// through the CaseworkService so that `qingfeng demo` shows a work report with figures in every
// section (not only the comparison's findings).
//
//   demo::DemoCaseBookOptions options{.casework = {}, .fallback_today = Today(clock)};
//   auto seeded = demo::SeedDemoCaseBook(db, cipher, options);
//   if (seeded && seeded->seeded) { /* seeded->clues, seeded->cases, seeded->year */ }
//
// What it writes (docs/report.md lists it): street offices and community units (one per community
// of `persons`, named as there, so that findings belong to a unit), the staff who did the work,
// and clues from every source — the largest findings promoted, citizen reports, petitions, an
// audit, a deputy's letter, a transfer from the 扫黑办, a restricted clue about the commission's
// own staff — disposed in all four ways, cases filed with their persons and outcomes (党纪处分,
// 政务处分, 组织处理, 移送司法), money recovered and losses retrieved, transfers both ways with
// feedback, and 监察建议 / 整改事项 of which some are closed and one is overdue.
//
// Deterministic: the same store content gives the same book. Every event is dated in one calendar
// year — the year of the latest comparison's as-of date (check_runs), else the year before
// `fallback_today` — at 10:00 Beijing time on fixed days.
//
// Only a fresh case book is seeded: a store that already holds a clue, case, transfer or
// rectification item is left alone (`seeded` false), so re-running the demo never duplicates it.
// Each step is its own casework transaction with its audit entry; a failure stops the seeding with
// the failing step's error and leaves the steps before it in place.
#pragma once

#include "casework/casework_service.h"
#include "core/date.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::demo {

struct DemoCaseBookOptions {
  casework::CaseworkOptions casework;  // the password cost of the seeded staff accounts
  Date fallback_today;                 // decides the year when the store has no comparison run
};

struct DemoCaseBookResult {
  bool seeded = false;  // false: the store already had casework; nothing was written
  int year = 0;         // the calendar year the book is dated in
  int units = 0;        // units created (street offices and communities)
  int clues = 0;
  int cases = 0;
  int finding_outcomes = 0;  // outcomes recorded on findings (止付, 追回, 移送, 排除)
};

Result<DemoCaseBookResult> SeedDemoCaseBook(store::Database& db, const crypto::FieldCipher& cipher,
                                            const DemoCaseBookOptions& options);

}  // namespace qf::demo
