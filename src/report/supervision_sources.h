// The report's outside figures (StatisticSources) from the ledgers kept beside casework: the
// activity ledger (qf::activities), the institution and the People's Congress (qf::oversight).
// The web page, its downloads, `qingfeng report` and the tests all compute the report with these.
//
//   auto stats = ComputeStatistics(db, period, unit, today, SupervisionSources());
#pragma once

#include "report/statistics.h"

namespace qf::report {

// Providers for every id docs/report.md lists under "Outside figures", each figure with its
// records: kind "activity", "unit", "stationed_report", "congress_item" or "congress_task".
StatisticSources SupervisionSources();

}  // namespace qf::report
