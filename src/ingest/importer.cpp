#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/layout_controls.h"
#include "ingest/internal/rejected_writer.h"
#include "ingest/internal/table_import.h"
#include "ingest/profiles.h"

namespace qf::ingest {
namespace {

namespace fs = std::filesystem;

struct Job {
  const TableProfile* profile = nullptr;  // null: the file could not be matched to a table
  std::string path;
  std::string problem;  // why the file is not imported (when profile is null or ambiguous)
};

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool IsTableExtension(const fs::path& p) {
  std::string ext = Lower(p.extension().string());
  return ext == ".csv" || ext == ".xlsx";
}

size_t Order(const TableProfile* profile) {
  auto all = AllProfiles();
  for (size_t i = 0; i < all.size(); ++i) {
    if (&all[i] == profile) return i;
  }
  return all.size();
}

std::string JoinPath(const std::string& folder, const std::string& name) {
  if (folder.empty() || folder.back() == '/') return folder + name;
  return folder + "/" + name;
}

// Resolves the command-line paths into files to import.
Result<std::vector<Job>> Resolve(const std::vector<std::string>& paths) {
  std::vector<Job> jobs;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> names;
      for (const auto& entry : fs::directory_iterator(path, ec)) {
        if (entry.is_regular_file(ec) && IsTableExtension(entry.path())) {
          names.push_back(entry.path().filename().string());
        }
      }
      std::sort(names.begin(), names.end());
      std::vector<Job> found;
      for (const std::string& name : names) {
        const TableProfile* profile = FindProfile(fs::path(name).stem().string());
        if (profile == nullptr) continue;  // other files in a delivery folder are not tables
        auto same = std::find_if(found.begin(), found.end(),
                                 [&](const Job& j) { return j.profile == profile; });
        if (same != found.end()) {
          same->problem = fmt::format(
              "{}：文件夹中同时有 {} 和 {}，都对应表 {}；请只保留一个", path,
              fs::path(same->path).filename().string(), name, profile->name);
          continue;
        }
        found.push_back({profile, JoinPath(path, name), {}});
      }
      if (found.empty()) {
        return Fail(ErrorCode::kNotFound,
                    fmt::format("{}：文件夹中没有标准表文件（如 payments.csv、persons.xlsx）", path));
      }
      for (auto& job : found) jobs.push_back(std::move(job));
    } else if (fs::exists(path, ec)) {
      fs::path p(path);
      Job job{FindProfile(p.stem().string()), path, {}};
      if (!IsTableExtension(p)) {
        job.profile = nullptr;
        job.problem = fmt::format("{}：只能导入 .csv 或 .xlsx 文件", path);
      } else if (job.profile == nullptr) {
        job.problem = fmt::format(
            "{}：无法从文件名判断是哪张表；文件名应为标准表名，如 payments.csv 或 发放明细.csv",
            path);
      }
      jobs.push_back(std::move(job));
    } else {
      jobs.push_back({nullptr, path, fmt::format("{}：文件或文件夹不存在", path)});
    }
  }
  std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
    return Order(a.profile) < Order(b.profile);
  });
  return jobs;
}

}  // namespace

std::string_view OutcomeName(TableOutcome outcome) {
  switch (outcome) {
    case TableOutcome::kApplied:
      return "applied";
    case TableOutcome::kPartial:
      return "partial";
    case TableOutcome::kRefused:
      return "refused";
    case TableOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

bool ImportReport::AllApplied() const {
  return std::all_of(tables.begin(), tables.end(),
                     [](const TableReport& t) { return t.outcome == TableOutcome::kApplied; });
}

int64_t ImportReport::RowsRejected() const {
  int64_t n = 0;
  for (const auto& t : tables) n += t.rows_rejected;
  return n;
}

Result<ImportReport> ImportPaths(store::Database& db, const std::vector<std::string>& paths,
                                 const ImportOptions& options) {
  auto jobs = Resolve(paths);
  if (!jobs) return std::unexpected(jobs.error());
  std::unique_ptr<internal::RejectedWriter> rejected;
  if (!options.rejected_path.empty()) {
    auto writer = internal::RejectedWriter::Create(options.rejected_path);
    if (!writer) return std::unexpected(writer.error());
    rejected = std::move(*writer);
  }
  ImportReport report;
  for (const Job& job : *jobs) {
    if (job.profile == nullptr || !job.problem.empty()) {
      TableReport failed;
      failed.table = job.profile != nullptr ? std::string(job.profile->name) : "";
      failed.file = job.path;
      failed.outcome = TableOutcome::kFailed;
      failed.file_error = job.problem;
      report.tables.push_back(std::move(failed));
      continue;
    }
    report.tables.push_back(
        internal::ImportTable(db, *job.profile, job.path, options, rejected.get()));
  }
  if (rejected) rejected->Finish();
  return report;
}

Result<TableReport> ImportFileAs(store::Database& db, std::string_view table,
                                 const std::string& path, const ImportOptions& options) {
  const TableProfile* profile = FindProfile(table);
  if (profile == nullptr) {
    return Fail(ErrorCode::kNotFound, fmt::format("没有名为 {} 的标准表", table));
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Fail(ErrorCode::kNotFound, fmt::format("{}：文件不存在", path));
  }
  return internal::ImportTable(db, *profile, path, options, nullptr);
}

std::string SummaryLine(const TableReport& t) {
  std::string name = std::filesystem::path(t.file).filename().string();
  std::string line =
      fmt::format("{}：读取 {} 行，导入 {} 行，拒绝 {} 行，变更 {} 行，用时 {:.1f} 秒", name,
                  t.rows_read, t.rows_imported, t.rows_rejected, t.rows_changed, t.seconds);
  if (t.rows_removed > 0) line += fmt::format("，删除交付中没有的 {} 行", t.rows_removed);
  switch (t.outcome) {
    case TableOutcome::kApplied:
      break;
    case TableOutcome::kPartial:
      line += "（已跳过被拒绝的行）";
      break;
    case TableOutcome::kRefused:
      line += "（有被拒绝的行，整表未导入）";
      break;
    case TableOutcome::kFailed:
      line += "（文件无法导入，整表未导入）";
      break;
  }
  return line;
}

std::string DescribeRowError(const RowError& e) {
  // Core parsers name the value in their reason already; say it only when they did not.
  if (e.value.empty() || e.reason.find(e.value) != std::string::npos) {
    return fmt::format("{} 第 {} 行，列 {}：{}", e.file, e.line, e.column, e.reason);
  }
  // One line on the terminal: a value's line breaks or bidi overrides shown as spaces.
  return fmt::format("{} 第 {} 行，列 {}：{}（值：“{}”）", e.file, e.line, e.column, e.reason,
                     ReplaceLayoutControls(e.value));
}

}  // namespace qf::ingest
