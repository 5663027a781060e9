// SQL files compiled into the library (src/store/CMakeLists.txt generates their definitions from
// the .sql files at configure time), so the program never looks for a file at run time.
#pragma once

#include <string_view>

namespace qf::store::internal {

extern const std::string_view kSchemaV1Sql;                  // schema_v1.sql
extern const std::string_view kSchemaV2CaseworkSql;          // schema_v2_casework.sql
extern const std::string_view kSchemaV3WebSql;               // schema_v3_web.sql
extern const std::string_view kSchemaV4ApprovalSql;          // schema_v4_approval.sql
extern const std::string_view kSchemaV5DeathsSql;            // schema_v5_deaths.sql
extern const std::string_view kSchemaV6AuditSql;             // schema_v6_audit.sql
extern const std::string_view kSchemaV6AuditPostgresqlSql;   // schema_v6_audit_postgresql.sql
extern const std::string_view kSchemaV7WebTrustSql;          // schema_v7_web_trust.sql
extern const std::string_view kSchemaV8FindingReviewSql;     // schema_v8_finding_review.sql
extern const std::string_view kSchemaV9ProjectsSql;          // schema_v9_projects.sql
extern const std::string_view kSchemaV10FindingOutcomesSql;  // schema_v10_finding_outcomes.sql
extern const std::string_view kSchemaV11MonitoringSql;       // schema_v11_monitoring.sql
extern const std::string_view kSchemaV12AuditEntityIndexSql;  // schema_v12_audit_entity_index.sql
extern const std::string_view kSchemaV13JobsSql;              // schema_v13_jobs.sql
extern const std::string_view kSchemaV14DocumentsSql;         // schema_v14_documents.sql
extern const std::string_view kSchemaV15CitizenLoopSql;       // schema_v15_citizen_loop.sql
extern const std::string_view kSchemaV16TaxonomySql;          // schema_v16_taxonomy.sql
extern const std::string_view kSchemaV17CongressSql;          // schema_v17_congress.sql
extern const std::string_view kSchemaV18ActivitiesSql;        // schema_v18_activities.sql

}  // namespace qf::store::internal
