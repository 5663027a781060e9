// Audit entries the web layer writes itself (reads that the casework service does not see, such
// as 查看联系方式). Everything goes through casework::AppendAudit, inside a transaction.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "web/internal/app.h"

namespace qf::web::internal {

// One entry by the request's staff actor, committed before the caller shows what was read.
Result<void> AuditRead(Ctx& ctx, std::string_view action, std::string_view entity,
                       int64_t entity_id, const Json& after);

}  // namespace qf::web::internal
