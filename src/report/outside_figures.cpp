// The figures other libraries keep the records of (the activity ledger, the institution, the
// People's Congress): registered here with their definitions, filled through StatisticSources.
#include <fmt/format.h>

#include "report/internal/figure_families.h"
#include "taxonomy/taxonomy.h"

namespace qf::report::internal {
namespace {

struct OutsideFigure {
  const char* id;
  const char* name;
  const char* measure;
  const char* definition;
};

// Beside the per-kind counts and head counts of the activities.
constexpr OutsideFigure kOutside[] = {
    {"activities.联合督查.communities", "联合督查覆盖社区", "个",
     "统计期间内开展的联合督查所覆盖的社区（按社区计，同一社区多次督查计一个）"},
    {"activities.制度机制.established", "新建立制度机制", "项",
     "统计期间内印发（按印发日期）、类型为“建立”的制度机制"},
    {"activities.制度机制.revised", "修订制度机制", "项",
     "统计期间内印发（按印发日期）、类型为“修订”的制度机制"},
    {"units.stationed_group", "派驻纪检监察组", "个", "截至统计截止日设置的派驻纪检监察组"},
    {"units.street_office", "街道监察办公室", "个", "截至统计截止日设置监察办公室的街道"},
    {"stationed_reports.due", "“三为主一报告”应报", "次",
     "报送期限落入统计期间的派驻纪检监察组“三为主一报告”"},
    {"stationed_reports.on_time", "“三为主一报告”按时报送", "次", "上述报告中在期限内报送的"},
    {"stationed_reports.overdue", "“三为主一报告”逾期未报", "次",
     "上述报告中截至统计截止日逾期未报的（逾期后补报的不计入按时报送，也不计入此项）"},
    {"congress.opinions", "人大常委会审议意见", "条", "统计期间内收到（按收到日期）的审议意见"},
    {"congress.tasks", "审议意见分解任务", "项", "上述审议意见分解的整改任务"},
    {"congress.tasks_done", "审议意见任务已办结", "项", "上述任务中截至统计截止日已办结的"},
    {"suggestions.received", "人大代表建议", "件", "统计期间内收到（按收到日期）的代表建议"},
    {"suggestions.answered", "代表建议已答复", "件", "上述建议中截至统计截止日已答复的"},
    {"suggestions.satisfied", "代表建议答复满意", "件", "上述已答复建议中代表表示满意的"},
};

}  // namespace

void AddOutsideFigures(Builder& b) {
  for (const taxonomy::ActivityKind& kind : taxonomy::Active().activity_kinds) {
    b.Add(fmt::format("activities.{}.count", kind.name), kind.name,
          kind.measure == "项" ? "项" : "次",
          fmt::format("统计期间内开展（按活动日期）的{}活动，一次活动计一{}", kind.name,
                      kind.measure == "项" ? "项" : "次"));
    b.Last().provided = false;
    if (kind.measure != "人次") continue;
    b.Add(fmt::format("activities.{}.people", kind.name), fmt::format("{}人次", kind.name), "人次",
          fmt::format("统计期间内{}活动登记的参加人次之和", kind.name));
    b.Last().provided = false;
  }
  for (const OutsideFigure& f : kOutside) {
    b.Add(f.id, f.name, f.measure, f.definition);
    b.Last().provided = false;
  }
}

Result<void> ApplySources(const StatisticSources& sources, const SourceQuery& query,
                          Statistics& stats) {
  for (const StatisticProvider* provider :
       {&sources.activities, &sources.oversight, &sources.congress}) {
    if (!*provider) continue;
    auto provided = (*provider)(query);
    if (!provided) return std::unexpected(provided.error());
    for (ProvidedFigure& p : *provided) {
      Figure* f = nullptr;
      for (Figure& candidate : stats.figures) {
        if (candidate.id == p.id) f = &candidate;
      }
      // Only an outside figure not yet filled: a provider neither overrides a figure the report
      // counts itself nor one another provider filled.
      if (f == nullptr || f->provided) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("统计数据 '{}' 不是待填写的外部统计：外部统计只能填写 "
                                "docs/report.md 所列的编号，且每项只由一个来源填写",
                                p.id));
      }
      f->value = p.value;
      f->records = std::move(p.records);
      f->provided = true;
    }
  }
  return {};
}

}  // namespace qf::report::internal
