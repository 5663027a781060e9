// The schedule of 三为主一报告: what each 派驻纪检监察组 owes the commission for a year. It is
// fixed by the commission's rules rather than configured per deployment, so it lives here,
// documented:
//   - a 季度报告 for each quarter, due the 15th of the month after the quarter
//     ("2026-Q1" due 2026-04-15 … "2026-Q4" due 2027-01-15);
//   - a 年度报告 for the year, due 31 January of the next year ("2026" due 2027-01-31).
// docs/oversight.md repeats it; a change here is a change of the rules, so it needs a test change.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"

namespace qf::oversight {

struct ReportDue {
  std::string period;  // "2026-Q1" … "2026-Q4", "2026"
  std::string kind;    // "quarter" (季度报告) or "year" (年度报告)
  Date due;            // the Beijing day it is due
};

// The reports owed for `year`, in due order (the four quarters, then the year).
std::vector<ReportDue> ReportsDue(int year);

// "2026年第一季度报告", "2026年度报告": the period as people name the report.
std::string ReportPeriodName(const std::string& period);

}  // namespace qf::oversight
