// ReportPeriod: the span a report covers — a year ("2024"), a quarter ("2024-Q3"), a month
// ("2024-03") or a range of months ("2024-01..2024-06"). Every figure of the statistics counts
// the events whose date (Beijing calendar date) lies in [first, last].
//
//   auto period = qf::report::ParseReportPeriod("2024-Q3");   // Result<ReportPeriod>
//   period->first;   // 2024-07-01
//   period->Label(); // "2024年第三季度"
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace qf::report {

struct ReportPeriod {
  std::string text;  // canonical: "2024", "2024-Q3", "2024-03", "2024-01..2024-06"
  Date first;
  Date last;

  bool Contains(Date d) const { return first <= d && d <= last; }
  // Chinese title used in the report: "2024年", "2024年第三季度", "2024年3月", "2024年1月至6月".
  std::string Label() const;
};

// kInvalidArgument with a message naming the accepted forms for anything else (an unknown
// period, a range that ends before it starts, months out of 1..12).
Result<ReportPeriod> ParseReportPeriod(std::string_view text);

}  // namespace qf::report
