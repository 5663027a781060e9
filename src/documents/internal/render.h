// Rendering a document: the template's context from the clue or case as the casework service
// returns it (names, numbers, Chinese dates, unit and user names), and the mustache render of a
// template version into plain text (no HTML escaping: pages escape the text when they show it).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace qf::documents::internal {

// The fields every template may use about the item: {"clue": {...}, "subjects": [...],
// "subject_names", "has_amount", "amount"} for a clue, {"case": {...}, "persons": [...],
// "person_names"} for a case (docs/documents.md lists them).
Result<nlohmann::json> ItemContext(store::Database& db, std::string_view entity,
                                   const nlohmann::json& item);
// "2026-12-06T02:42:19Z" → 二〇二六年十二月六日 (its Beijing date); "" when not such a time.
std::string ChineseDateOf(const std::string& iso_utc);
// The display name of a user ("" → the login name), and the name of a unit by code.
Result<std::string> DisplayName(store::Database& db, std::string_view username);
Result<std::string> UnitName(store::Database& db, std::string_view code);
// kInvalidArgument with the parser's message when `text` is not a valid mustache template.
Result<void> CheckTemplate(std::string_view text);
Result<std::string> RenderText(std::string_view text, const nlohmann::json& context);

}  // namespace qf::documents::internal
