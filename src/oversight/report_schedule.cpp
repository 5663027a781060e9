#include "oversight/report_schedule.h"

#include <fmt/format.h>

namespace qf::oversight {

std::vector<ReportDue> ReportsDue(int year) {
  std::vector<ReportDue> due;
  for (int quarter = 1; quarter <= 4; ++quarter) {
    const int month = quarter * 3 + 1;  // the month after the quarter
    const Date day = month > 12 ? *Date::FromYmd(year + 1, 1, 15) : *Date::FromYmd(year, month, 15);
    due.push_back({fmt::format("{}-Q{}", year, quarter), "quarter", day});
  }
  due.push_back({std::to_string(year), "year", *Date::FromYmd(year + 1, 1, 31)});
  return due;
}

std::string ReportPeriodName(const std::string& period) {
  static constexpr const char* kQuarters[] = {"一", "二", "三", "四"};
  if (period.size() == 7 && period[4] == '-' && period[5] == 'Q' && period[6] >= '1' &&
      period[6] <= '4') {
    return fmt::format("{}年第{}季度报告", period.substr(0, 4), kQuarters[period[6] - '1']);
  }
  return fmt::format("{}年度报告", period);
}

}  // namespace qf::oversight
