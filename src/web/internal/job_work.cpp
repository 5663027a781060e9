#include "web/internal/job_work.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "casework/casework_service.h"
#include "core/result_macros.h"
#include "engine/check.h"
#include "ingest/importer.h"
#include "ingest/profiles.h"
#include "web/internal/app.h"
#include "web/internal/import_log.h"

namespace qf::web::internal {
namespace {

namespace fs = std::filesystem;

// The bar counts in thousandths of a step: one step per uploaded file, one for the comparison.
constexpr int64_t kStep = 1000;

Json TableJson(const ingest::TableReport& t, const std::string& file) {
  Json errors = Json::array();
  for (const ingest::RowError& e : t.errors) {
    errors.push_back(
        {{"line", e.line}, {"column", e.column}, {"value", e.value}, {"reason", e.reason}});
  }
  const ingest::TableProfile* profile = ingest::FindProfile(t.table);
  return {{"file", file},
          {"table", profile != nullptr ? std::string(profile->chinese) : t.table},
          {"outcome", ImportOutcomeLabel(ingest::OutcomeName(t.outcome))},
          {"ok", t.outcome == ingest::TableOutcome::kApplied},
          {"partial", t.outcome == ingest::TableOutcome::kPartial},
          {"encoding", t.encoding},
          {"read", t.rows_read},
          {"imported", t.rows_imported},
          {"rejected", t.rows_rejected},
          {"changed", t.rows_changed},
          {"removed", t.rows_removed},
          {"file_error", t.file_error},
          {"errors", errors},
          {"has_errors", !errors.empty()},
          {"has_problems", !errors.empty() || !t.file_error.empty()}};
}

// Reports the importer's progress: which file of how many, rows read, the share of its bytes.
class ImportProgressReporter {
 public:
  ImportProgressReporter(const jobs::JobContext& job, const ImportUpload& upload)
      : job_(job),
        upload_(upload),
        total_(kStep * (static_cast<int64_t>(upload.paths.size()) + 1)) {}

  void operator()(const ingest::ImportProgress& p) {
    if (p.file != file_) {
      file_ = std::string(p.file);
      ++index_;
    }
    auto shown = upload_.shown.find(file_);
    std::string name =
        shown != upload_.shown.end() ? shown->second : fs::path(file_).filename().string();
    int64_t share = p.bytes_total > 0 ? kStep * p.bytes_read / p.bytes_total : 0;
    job_.Report({.stage = fmt::format("正在导入 {}（第 {}/{} 个文件）：已读取 {} 行", name, index_,
                                      upload_.paths.size(), p.rows),
                 .done = kStep * (index_ - 1) + std::min(share, kStep - 1),
                 .total = total_});
  }

 private:
  const jobs::JobContext& job_;
  const ImportUpload& upload_;
  const int64_t total_;
  std::string file_;
  int64_t index_ = 0;
};

// The comparison stage of either job: every rule over the resident snapshot (check.run by
// `actor`), then the new findings about the subject of an open clue or case join it. `base` and
// `total` place the stage on the job's bar.
Result<Json> CompareStage(App& app, const jobs::JobContext& job, const std::string& actor,
                          int64_t base, int64_t total) {
  job.Report({.stage = "正在加载数据快照（导入后的首次比对需要重新读取全部数据）",
              .done = base,
              .total = total});
  auto on_progress = [&](const engine::CheckProgress& p) {
    if (p.stage == engine::CheckProgress::Stage::kRecord) {
      return job.Report({.stage = "正在记录比对发现", .done = base + kStep - 1, .total = total});
    }
    job.Report(
        {.stage = fmt::format("正在运行比对规则：已完成 {}/{} 条", p.rules_done, p.rules_total),
         .done = base + kStep * p.rules_done / std::max<int64_t>(p.rules_total, 1) * 9 / 10,
         .total = total});
  };
  QF_ASSIGN_OR_RETURN(engine::CheckReport report, app.Compare(job.db(), actor, on_progress));
  job.Report(
      {.stage = "正在将新增比对发现并入在办线索和案件", .done = base + kStep - 1, .total = total});
  casework::CaseworkService service(job.db(), app.clock(), app.cipher(),
                                    app.options().casework_options);
  QF_ASSIGN_OR_RETURN(Json attached, service.AttachNewFindings(report.run_id));
  Json rules = Json::array();
  int64_t fresh = 0, gone = 0;
  for (const engine::RuleSummary& r : report.evaluation.rules) {
    fresh += r.new_findings;
    gone += r.gone_findings;
    rules.push_back({{"rule", r.rule},
                     {"name", r.name},
                     {"skipped", r.skipped},
                     {"findings", r.findings},
                     {"new", r.new_findings},
                     {"gone", r.gone_findings},
                     {"has_new", r.new_findings > 0},
                     {"has_gone", r.gone_findings > 0}});
  }
  job.Report({.stage = "比对完成", .done = total, .total = total});
  return Json{{"run_id", report.run_id},
              {"current", report.evaluation.findings.size()},
              {"new", fresh},
              {"gone", gone},
              {"has_new", fresh > 0},
              {"has_gone", gone > 0},
              {"attached", attached.value("attached", Json::array()).size()},
              {"rules", rules}};
}

Result<Json> RunImport(App& app, const jobs::JobContext& job, const ImportUpload& upload,
                       const std::string& actor) {
  ingest::ImportOptions options;
  options.skip_invalid = upload.skip_invalid;
  options.replace = upload.replace;
  options.imported_by = actor;
  options.recorder = &app.recorder();
  options.max_errors_kept = 200;
  options.on_progress = ImportProgressReporter(job, upload);
  const int64_t total = kStep * (static_cast<int64_t>(upload.paths.size()) + 1);
  job.Report({.stage = fmt::format("正在导入：共 {} 个文件", upload.paths.size()),
              .done = 0,
              .total = total});
  auto report = ingest::ImportPaths(job.db(), upload.paths, options);
  std::error_code ignored;
  fs::remove_all(upload.dir, ignored);
  if (!report) return std::unexpected(report.error());
  Json tables = Json::array();
  for (const ingest::TableReport& t : report->tables) {
    auto shown = upload.shown.find(t.file);
    tables.push_back(TableJson(
        t, shown != upload.shown.end() ? shown->second : fs::path(t.file).filename().string()));
  }
  Json result = {
      {"tables", tables}, {"has_tables", !tables.empty()}, {"all_applied", report->AllApplied()}};
  // Continuous monitoring: whatever was applied is compared again.
  const bool applied = std::any_of(report->tables.begin(), report->tables.end(), [](const auto& t) {
    return t.outcome == ingest::TableOutcome::kApplied ||
           t.outcome == ingest::TableOutcome::kPartial;
  });
  if (!applied) {
    job.Report({.stage = "导入完成：没有表被导入，未运行比对", .done = total, .total = total});
    return result;
  }
  // The import is committed whatever the comparison does: a failed comparison is part of the
  // result (the next one catches up), not a failed job.
  auto comparison = CompareStage(app, job, actor, total - kStep, total);
  if (comparison) {
    result["comparison"] = std::move(*comparison);
  } else {
    result["comparison_error"] = comparison.error().message();
    job.Report({.stage = "导入完成，比对失败", .done = total, .total = total});
  }
  return result;
}

}  // namespace

jobs::Work ImportWork(App& app, ImportUpload upload, std::string actor) {
  return [&app, upload = std::move(upload), actor = std::move(actor)](jobs::JobContext& job) {
    return RunImport(app, job, upload, actor);
  };
}

jobs::Work CompareWork(App& app, std::string actor) {
  return [&app, actor = std::move(actor)](jobs::JobContext& job) -> Result<Json> {
    QF_ASSIGN_OR_RETURN(Json comparison, CompareStage(app, job, actor, 0, kStep));
    return Json{{"comparison", comparison}};
  };
}

}  // namespace qf::web::internal
