#include "documents/internal/access.h"

#include <algorithm>

#include "audit/audit_log.h"
#include "core/result_macros.h"

namespace qf::documents::internal {

using casework::Action;
using casework::Role;

Result<void> RequireKnownEntity(std::string_view entity) {
  if (entity == "clue" || entity == "case") return {};
  return Fail(ErrorCode::kInvalidArgument, "文书和附件只能属于线索或案件");
}

Result<std::vector<Action>> ActionsOn(casework::CaseworkService& service,
                                      const casework::Actor& actor, std::string_view entity,
                                      int64_t id) {
  QF_RETURN_IF_ERROR(RequireKnownEntity(entity));
  return service.PermittedActions(actor, entity, id);
}

bool WorksOn(std::string_view entity, const std::vector<Action>& actions) {
  auto has = [&](Action a) {
    return std::find(actions.begin(), actions.end(), a) != actions.end();
  };
  if (entity == "clue") return has(Action::kProposeDisposal) || has(Action::kApproveDisposal);
  return has(Action::kUpdateCase) || has(Action::kCloseCase);
}

bool HandlesEvidence(const casework::Actor& actor) {
  return actor.Has(Role::kHandler) || actor.Has(Role::kApprover) ||
         actor.Has(Role::kInternalSupervision);
}

Result<void> Audit(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                   const casework::Actor& actor, std::string action, std::string_view entity,
                   std::string entity_id, const nlohmann::json& after, bool alone) {
  return audit::RecordAfter(db, clock, cipher.chain_key(), actor.username, std::move(action),
                            std::string(entity), std::move(entity_id), after.dump(), alone);
}

}  // namespace qf::documents::internal
