// AuditRead: an audit entry for a read, in its own transaction.
#include "web/internal/web_audit.h"

#include <string>

#include "casework/audit_log.h"

namespace qf::web::internal {

Result<void> AuditRead(Ctx& ctx, std::string_view action, std::string_view entity,
                       int64_t entity_id, const Json& after) {
  auto tx = ctx.db.Begin();
  if (!tx) return std::unexpected(tx.error());
  auto seq = casework::AppendAudit(ctx.db, ctx.app.clock(),
                                   {.actor = ctx.actor ? ctx.actor->username : "system",
                                    .action = std::string(action),
                                    .entity = std::string(entity),
                                    .entity_id = std::to_string(entity_id),
                                    .before = "",
                                    .after = after.dump()});
  if (!seq) return std::unexpected(seq.error());
  return (*tx)->Commit();
}

}  // namespace qf::web::internal
