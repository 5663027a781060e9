// Migrate(): applies the embedded migrations (internal/migration.h) that the store lacks.
#include "store/migrations.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <string>

#include "store/internal/embedded_sql.h"
#include "store/internal/migration.h"

namespace qf::store {
namespace internal {

std::span<const Migration> AllMigrations() {
  static const Migration kMigrations[] = {
      {.version = 1,
       .name = "规范数据表、比对发现与导入日志",
       .sql = kSchemaV1Sql,
       .postgresql_sql = {}},
      {.version = 2,
       .name = "线索、案件、移送、整改、用户与审计日志",
       .sql = kSchemaV2CaseworkSql,
       .postgresql_sql = {}},
      {.version = 3,
       .name = "群众端举报表与公示、自查索引",
       .sql = kSchemaV3WebSql,
       .postgresql_sql = {}},
      {.version = 4,
       .name = "阳光审批：申请、审批环节、预审与公示异议",
       .sql = kSchemaV4ApprovalSql,
       .postgresql_sql = {}},
      {.version = 5,
       .name = "死亡人员表按（身份证号，数据来源）建键：一人可有多条死亡记录",
       .sql = kSchemaV5DeathsSql,
       .postgresql_sql = {}},
      {.version = 6,
       .name = "审计日志只增不改",
       .sql = kSchemaV6AuditSql,
       .postgresql_sql = kSchemaV6AuditPostgresqlSql},
      {.version = 7,
       .name = "登录限流（按账号与客户端）",
       .sql = kSchemaV7WebTrustSql,
       .postgresql_sql = {}},
      {.version = 8,
       .name = "比对发现审核版本（防止覆盖他人审核结论）",
       .sql = kSchemaV8FindingReviewSql,
       .postgresql_sql = {}},
      {.version = 9,
       .name = "涉企项目资金与合同收款",
       .sql = kSchemaV9ProjectsSql,
       .postgresql_sql = {}},
      {.version = 10,
       .name = "比对发现处理结果（排除、确认、止付、追回、移送）",
       .sql = kSchemaV10FindingOutcomesSql,
       .postgresql_sql = {}},
      {.version = 11,
       .name = "全量替换导入与持续监测：删除行数、导入后比对、发现归并与待办",
       .sql = kSchemaV11MonitoringSql,
       .postgresql_sql = {}},
      {.version = 12,
       .name = "审计日志按记录索引（流转记录）",
       .sql = kSchemaV12AuditEntityIndexSql,
       .postgresql_sql = {}},
      {.version = 13,
       .name = "后台任务（导入、比对）的状态、进度与结果",
       .sql = kSchemaV13JobsSql,
       .postgresql_sql = {}},
      {.version = 14,
       .name = "文书（模板版本、文号计数）与证据附件",
       .sql = kSchemaV14DocumentsSql,
       .postgresql_sql = {}},
      {.version = 15,
       .name = "群众评价答复、逾期督办与办理情况公开",
       .sql = kSchemaV15CitizenLoopSql,
       .postgresql_sql = {}},
      {.version = 16,
       .name = "线索、案件、整改事项的领域与专项标签",
       .sql = kSchemaV16TaxonomySql,
       .postgresql_sql = {}},
      {.version = 17,
       .name = "三为主一报告、人大审议意见与代表建议",
       .sql = kSchemaV17CongressSql,
       .postgresql_sql = {}},
      {.version = 18,
       .name = "活动台账（座谈会、监督检查、走访、督查、培训、制度机制）",
       .sql = kSchemaV18ActivitiesSql,
       .postgresql_sql = {}},
  };
  return kMigrations;
}

}  // namespace internal

namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

// UTC, ISO 8601, computed here rather than in SQL because the dialects spell "now" differently.
std::string UtcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

Result<bool> MigrationsTableExists(Database& db) {
  auto query =
      db.Prepare(db.Dialect() == "postgresql"
                     ? "SELECT count(*) FROM information_schema.tables "
                       "WHERE table_schema = current_schema() AND table_name = ?"
                     : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  if (!query) return std::unexpected(query.error());
  (*query)->Bind(1, "schema_migrations");
  auto row = (*query)->Step();
  if (!row) return std::unexpected(row.error());
  return *row && (*query)->Int(0) > 0;
}

// Applies one migration in its own transaction, unless another process applied it first.
Result<void> Apply(Database& db, const internal::Migration& migration) {
  auto context = [&](const Error& error) {
    return std::unexpected(error.WithContext(
        fmt::format("数据库结构迁移 v{}（{}）失败，已回滚", migration.version, migration.name)));
  };
  auto tx = db.Begin();
  if (!tx) return context(tx.error());
  {
    // Checked again under the write lock: the version read before Begin may be stale.
    auto applied = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    if (!applied) return context(applied.error());
    (*applied)->Bind(1, migration.version);
    auto row = (*applied)->Step();
    if (!row) return context(row.error());
    if (*row) return {};
  }
  if (auto ok = db.Execute(migration.SqlFor(db.Dialect())); !ok) return context(ok.error());
  auto record = db.Prepare("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)");
  if (!record) return context(record.error());
  (*record)->Bind(1, migration.version);
  (*record)->Bind(2, UtcNow());
  if (auto ok = (*record)->Run(); !ok) return context(ok.error());
  if (auto ok = (*tx)->Commit(); !ok) return context(ok.error());
  return {};
}

}  // namespace

int LatestSchemaVersion() { return internal::AllMigrations().back().version; }

Result<int> SchemaVersion(Database& db) {
  auto exists = MigrationsTableExists(db);
  if (!exists) return std::unexpected(exists.error());
  if (!*exists) return 0;
  auto query = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!query) return std::unexpected(query.error());
  auto row = (*query)->Step();
  if (!row) return std::unexpected(row.error());
  return *row ? static_cast<int>((*query)->Int(0)) : 0;
}

Result<int> Migrate(Database& db) {
  if (auto ok = db.Execute(kCreateMigrationsTable); !ok) return std::unexpected(ok.error());
  auto current = SchemaVersion(db);
  if (!current) return std::unexpected(current.error());
  if (*current > LatestSchemaVersion()) {
    return Fail(ErrorCode::kDatabase,
                fmt::format("数据库结构版本 {} 比本程序支持的版本 {} 新：请使用更新版本的 qingfeng",
                            *current, LatestSchemaVersion()));
  }
  for (const internal::Migration& migration : internal::AllMigrations()) {
    if (migration.version <= *current) continue;
    if (auto ok = Apply(db, migration); !ok) return std::unexpected(ok.error());
  }
  return SchemaVersion(db);
}

}  // namespace qf::store
