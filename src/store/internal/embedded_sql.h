// SQL files compiled into the library (src/store/CMakeLists.txt generates their definitions from
// the .sql files at configure time), so the program never looks for a file at run time.
#pragma once

#include <string_view>

namespace qf::store::internal {

extern const std::string_view kSchemaV1Sql;  // schema_v1.sql
extern const std::string_view kSchemaV2CaseworkSql;  // schema_v2_casework.sql
extern const std::string_view kSchemaV3WebSql;       // schema_v3_web.sql
extern const std::string_view kSchemaV4ApprovalSql;  // schema_v4_approval.sql
extern const std::string_view kSchemaV5CaseworkTrustSql;  // schema_v5_casework_trust.sql

}  // namespace qf::store::internal
