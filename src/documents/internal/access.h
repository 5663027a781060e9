// Who may touch the documents and attachments of a clue or case: the casework service decides
// visibility (an item the actor may not see is kNotFound, restricted items included), and the
// roles below decide the rest. Shared by DocumentBook and AttachmentStore.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "casework/casework_service.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::documents::internal {

// kInvalidArgument unless `entity` is "clue" or "case".
Result<void> RequireKnownEntity(std::string_view entity);
// What `actor` may do on the item; kNotFound when the actor may not see it.
Result<std::vector<casework::Action>> ActionsOn(casework::CaseworkService& service,
                                                const casework::Actor& actor,
                                                std::string_view entity, int64_t id);
// Whether those actions make the actor one who works the item (a clue: proposes or approves its
// disposal; a case: updates or closes it) — who may issue its documents.
bool WorksOn(std::string_view entity, const std::vector<casework::Action>& actions);
// 承办人, 审核领导 and 干部监督室 handle evidence; 受理员 and 部门联络员 do not.
bool HandlesEvidence(const casework::Actor& actor);
// Appends one audit entry (about a clue or case: it shows in the item's 流转记录) inside the
// caller's transaction (or in one of its own when `alone`: a download changes no table).
Result<void> Audit(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                   const casework::Actor& actor, std::string action, std::string_view entity,
                   std::string entity_id, const nlohmann::json& after, bool alone = false);

}  // namespace qf::documents::internal
