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
               fmt::format("无法识别的统计期间 '{}'：请写年份 2024 或 2024年、季度 2024-Q3 或 "
                           "2024年第3季度、月份 2024-03 或 2024年3月、月份区间 2024-01..2024-06 "
                           "或 2024年1月至6月",
                           text));
}

// A single month, quarter or year in the canonical core::Period forms.
Result<Period> ParseOne(std::string_view text) {
  auto period = Period::Parse(text);
  if (!period) return std::unexpected(BadPeriod(text));
  return *period;
}

// Reads ASCII digits at `text[pos]` onwards (at most `max` of them) into `value`.
bool ReadNumber(std::string_view text, std::size_t& pos, int max, int& value) {
  std::size_t start = pos;
  value = 0;
  while (pos < text.size() && pos - start < static_cast<std::size_t>(max) && text[pos] >= '0' &&
         text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  return pos > start;
}

bool Eat(std::string_view text, std::size_t& pos, std::string_view word) {
  if (text.substr(pos).starts_with(word)) {
    pos += word.size();
    return true;
  }
  return false;
}

// A quarter number written 1–4 or 一–四.
bool ReadQuarter(std::string_view text, std::size_t& pos, int& quarter) {
  for (int q = 0; q < 4; ++q) {
    if (Eat(text, pos, kQuarterNames[q])) {
      quarter = q + 1;
      return true;
    }
  }
  return ReadNumber(text, pos, 1, quarter) && quarter >= 1 && quarter <= 4;
}

// One period as staff write it in Chinese, from `pos`: "2025年", "2025年第3季度", "2025年第三季度",
// "2025年3季度", "2025年3月", "2025年上半年"/"下半年"; `year` is the year already read by an
// earlier part of a range ("2025年1月至6月": "6月" takes 2025). Returns the canonical text
// ("2025", "2025-Q3", "2025-03", "2025-01..2025-06") or "" when it is not such a period; sets
// `year` and `month` (the month read, 0 otherwise).
std::string ReadChinesePart(std::string_view text, std::size_t& pos, int& year, int& month) {
  month = 0;
  std::size_t save = pos;
  int number = 0;
  if (ReadNumber(text, pos, 4, number) && pos - save == 4 && Eat(text, pos, "年")) {
    year = number;
  } else {
    pos = save;
    if (year == 0) return "";
  }
  if (pos == text.size() || text.substr(pos).starts_with("至")) {
    return pos > save ? fmt::format("{:04d}", year) : "";
  }
  if (Eat(text, pos, "上半年")) return fmt::format("{0:04d}-01..{0:04d}-06", year);
  if (Eat(text, pos, "下半年")) return fmt::format("{0:04d}-07..{0:04d}-12", year);
  if (Eat(text, pos, "全年")) return fmt::format("{:04d}", year);
  std::size_t part = pos;
  Eat(text, pos, "第");
  int quarter = 0;
  if (ReadQuarter(text, pos, quarter) && Eat(text, pos, "季度")) {
    return fmt::format("{:04d}-Q{}", year, quarter);
  }
  pos = part;
  if (ReadNumber(text, pos, 2, number) && Eat(text, pos, "月") && number >= 1 && number <= 12) {
    month = number;
    return fmt::format("{:04d}-{:02d}", year, number);
  }
  return "";
}

// The canonical text of a period written in Chinese ("2025年1月至6月" → "2025-01..2025-06"), or
// "" when `text` is not one.
std::string FromChinese(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0;
  std::string first = ReadChinesePart(text, pos, year, month);
  if (first.empty()) return "";
  if (pos == text.size()) return first;
  if (month == 0 || !Eat(text, pos, "至")) return "";
  int to_month = 0;
  std::string last = ReadChinesePart(text, pos, year, to_month);
  if (last.empty() || to_month == 0 || pos != text.size()) return "";
  return first + ".." + last;
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
  // Staff type the period as the report names it: "2025年", "2025年第3季度", "2025年1月至6月".
  std::string chinese;
  if (text.find("年") != std::string_view::npos) {
    chinese = FromChinese(text);
    if (chinese.empty()) return std::unexpected(BadPeriod(raw));
    text = chinese;
  }
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
