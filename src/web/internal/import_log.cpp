// Paged SQL over import_log for the import page and its export.
#include "web/internal/import_log.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/date.h"
#include "ingest/profiles.h"
#include "store/query.h"
#include "web/internal/casework_view.h"

namespace qf::web::internal {
namespace {

using Json = nlohmann::json;

const std::vector<Choice> kOutcomes = {{"applied", "已导入"},
                                       {"partial", "部分导入（跳过错误行）"},
                                       {"refused", "被拒绝（整表未导入）"},
                                       {"failed", "失败（整表未导入）"}};


// The first UTC instant of Beijing day `day` (UTC+8, no daylight saving): the day before, 16:00.
std::string BeijingDayStart(const std::string& day) {
  auto date = Date::Parse(day);
  return date ? date->AddDays(-1).ToString() + "T16:00:00Z" : std::string();
}

struct Where {
  std::string sql = " WHERE 1 = 1";
  std::vector<std::string> args;
  void Add(const std::string& clause, std::string value) {
    sql += clause;
    args.push_back(std::move(value));
  }
};

Where BuildWhere(const ListQuery& q) {
  Where w;
  std::vector<ListFilter> filters = ImportLogFilters();
  for (const ListFilter& f : filters) {
    auto given = q.filters.find(f.name);
    if (given == q.filters.end()) continue;
    w.Add(f.name == "outcome" ? " AND i.outcome = ?" : " AND i.table_name = ?",
          CodeOf(given->second, f.choices));
  }
  if (!q.search.empty()) {
    // A table typed by its Chinese name matches its code too.
    const ingest::TableProfile* profile = ingest::FindProfile(q.search);
    w.sql += " AND (i.file LIKE ? ESCAPE '\\' OR i.table_name = ? OR i.imported_by = ?)";
    w.args.insert(w.args.end(), {"%" + LikeEscaped(q.search) + "%",
                                 profile ? std::string(profile->name) : q.search, q.search});
  }
  if (!q.from.empty()) w.Add(" AND i.imported_at >= ?", BeijingDayStart(q.from));
  if (auto to = Date::Parse(q.to); to) {
    w.Add(" AND i.imported_at < ?", BeijingDayStart(to->AddDays(1).ToString()));
  }
  return w;
}

// imported_at in Beijing minutes. New rows are UTC with Z; rows written before 6 Dec 2026 hold
// the importing machine's local wall time without a zone, which cannot be converted without
// knowing that machine's offset: they are shown as written, to the minute (docs/import.md).
std::string ImportedAtShown(const std::string& stored) {
  if (stored.size() >= 16 && stored[10] == ' ') return stored.substr(0, 16);
  return ShownTime(stored);
}

Json RowOf(const store::Statement& st, const Names& names) {
  const ingest::TableProfile* profile = ingest::FindProfile(st.Text(0));
  Json item = {{"table", profile != nullptr ? std::string(profile->chinese) : st.Text(0)},
               {"file", std::filesystem::path(st.Text(1)).filename().string()},
               {"outcome", ImportOutcomeLabel(st.Text(2))},
               {"read", st.Int(3)},
               {"imported", st.Int(4)},
               {"rejected", st.Int(5)},
               {"at", ImportedAtShown(st.Text(6))},
               {"by", names.User(st.Text(7))},
               {"removed", st.Int(8)},
               {"run_text", "—"}};
  if (!st.IsNull(9)) {
    item["run"] = {{"id", st.Int(9)}, {"new", st.Int(10)}, {"gone", st.Int(11)}};
    item["run_text"] =
        fmt::format("第 {} 次：新增 {} 条，消失 {} 条", st.Int(9), st.Int(10), st.Int(11));
  }
  return item;
}

}  // namespace

std::string ImportOutcomeLabel(std::string_view outcome) {
  for (const Choice& c : kOutcomes) {
    if (c.code == outcome) return c.label;
  }
  return std::string(outcome);
}

const ListSpec& ImportLogSpec() {
  static const ListSpec spec = {.path = "/import",
                                .columns = {{"table", "表", "i.table_name"},
                                            {"file", "文件", "i.file"},
                                            {"outcome", "结果", "i.outcome"},
                                            {"read", "读取", "i.rows_read", true},
                                            {"imported", "导入", "i.rows_imported", true},
                                            {"rejected", "拒绝", "i.rows_rejected", true},
                                            {"removed", "删除", "i.rows_removed", true},
                                            {"", "导入后比对", ""},
                                            {"at", "时间", "i.import_id", true},
                                            {"by", "操作人", "i.imported_by"}},
                                .default_sort = "at",
                                .default_descending = true,
                                .tiebreak = "i.import_id DESC",
                                .filters = {"outcome", "table"}};
  return spec;
}

std::vector<ListFilter> ImportLogFilters() {
  std::vector<Choice> tables;
  for (const ingest::TableProfile& p : ingest::AllProfiles()) {
    tables.push_back({std::string(p.name), std::string(p.chinese)});
  }
  return {{"outcome", "结果", kOutcomes}, {"table", "表", tables}};
}

Result<ImportLogPage> QueryImportLog(store::Database& db, const ListQuery& query, bool all) {
  Where w = BuildWhere(query);
  auto bind = [&](store::Statement& st) {
    for (size_t i = 0; i < w.args.size(); ++i) st.Bind(static_cast<int>(i + 1), w.args[i]);
  };
  auto counted = db.Prepare("SELECT COUNT(*) FROM import_log i" + w.sql);
  if (!counted) return std::unexpected(counted.error());
  bind(**counted);
  if (auto row = (*counted)->Step(); !row) return std::unexpected(row.error());
  ImportLogPage page;
  page.paging = PageOf((*counted)->Int(0), query);
  std::string sql =
      "SELECT i.table_name, i.file, i.outcome, i.rows_read, i.rows_imported, i.rows_rejected, "
      "i.imported_at, i.imported_by, i.rows_removed, r.run_id, r.new_findings, r.gone_findings "
      "FROM import_log i LEFT JOIN check_runs r ON r.run_id = i.check_run_id" +
      w.sql + OrderBy(ImportLogSpec(), query) +
      (all ? std::string()
           : fmt::format(" LIMIT {} OFFSET {}", page.paging.page_size, page.paging.Offset()));
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  bind(**st);
  Names names = Names::Load(db);
  while (true) {
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    page.rows.push_back(RowOf(**st, names));
  }
  return page;
}

}  // namespace qf::web::internal
