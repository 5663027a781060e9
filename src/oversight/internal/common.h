// What the oversight books share: the unit tree, who counts as commission staff, one audit entry
// in the caller's transaction, and base64 for the attachment of a stationed group's report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "casework/permissions.h"
#include "casework/roles.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::oversight::internal {

Result<casework::UnitTree> LoadUnits(store::Database& db);
// The unit's Chinese name, or the code itself for an unknown unit.
std::string UnitName(const casework::UnitTree& tree, std::string_view code);
// A business role (never an administrator: 三员分立 keeps them away from content).
bool HasBusinessRole(const casework::Actor& actor);
// A business role in a unit of kind 区纪委监委: sees every report, opinion and suggestion.
bool IsCommissionStaff(const casework::UnitTree& tree, const casework::Actor& actor);
// Whether `unit_code` is the actor's unit or lies below it.
bool InActorSubtree(const casework::UnitTree& tree, const casework::Actor& actor,
                    std::string_view unit_code);
// Appends one audit entry inside the caller's transaction (or alone: a download changes no table).
Result<void> Audit(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                   const casework::Actor& actor, std::string action, std::string entity,
                   std::string entity_id, const nlohmann::json& after, bool alone = false);
// kInvalidArgument naming `field` unless `text` is a date (YYYY-MM-DD); the date as written.
Result<std::string> RequireDate(std::string_view text, std::string_view field,
                                std::string_view label);
// kInvalidArgument naming `field` when `text` is empty after trimming; the trimmed text.
Result<std::string> RequireText(std::string_view text, std::string_view field,
                                std::string_view label);

}  // namespace qf::oversight::internal
