// ReportPeriod parsing and labels.
#include "report/report_period.h"

#include <fmt/format.h>

#include "core/period.h"
#include "core/strings.h"

namespace qf::report {
namespace {

constexpr std::string_view kQuarterNames[] = {"一", "二", "三", "四"};

Error BadPeriod(std::string_view text) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("无法识别的统计期间 '{}'：请写年份 2024、季度 2024-Q3、月份 2024-03 "
                           "或月份区间 2024-01..2024-06",
                           text));
}

// A single month, quarter or year in the canonical core::Period forms.
Result<Period> ParseOne(std::string_view text) {
  auto period = Period::Parse(text);
  if (!period) return std::unexpected(BadPeriod(text));
  return *period;
}

}  // namespace

std::string ReportPeriod::Label() const {
  if (text.find("..") != std::string::npos) {
    if (first.year() == last.year()) {
      return fmt::format("{}年{}月至{}月", first.year(), first.month(), last.month());
    }
    return fmt::format("{}年{}月至{}年{}月", first.year(), first.month(), last.year(),
                       last.month());
  }
  auto period = Period::Parse(text);
  if (!period) return text;
  switch (period->kind()) {
    case PeriodKind::kYear:
      return fmt::format("{}年", period->year());
    case PeriodKind::kQuarter:
      return fmt::format("{}年第{}季度", period->year(), kQuarterNames[period->index() - 1]);
    case PeriodKind::kMonth:
      return fmt::format("{}年{}月", period->year(), period->index());
  }
  return text;
}

Result<ReportPeriod> ParseReportPeriod(std::string_view raw) {
  std::string_view text = TrimSpaces(raw);
  if (text.empty()) return std::unexpected(BadPeriod(raw));
  if (auto dots = text.find(".."); dots != std::string_view::npos) {
    auto from = ParseOne(text.substr(0, dots));
    auto to = ParseOne(text.substr(dots + 2));
    if (!from || !to || from->kind() != PeriodKind::kMonth || to->kind() != PeriodKind::kMonth) {
      return std::unexpected(BadPeriod(raw));
    }
    if (to->Last() < from->First()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("统计期间 '{}' 的结束月份早于开始月份", raw));
    }
    return ReportPeriod{fmt::format("{}..{}", from->ToString(), to->ToString()), from->First(),
                        to->Last()};
  }
  auto one = ParseOne(text);
  if (!one) return std::unexpected(one.error());
  return ReportPeriod{one->ToString(), one->First(), one->Last()};
}

}  // namespace qf::report
