// The classification every clue, case and rectification item carries (issue 15 point 1): one
// domain (领域, the taxonomy's Chinese name, stored in the record's `domain` column) and any number
// of special-campaign tags (专项, the taxonomy's campaign codes, stored in `campaign_tags`).
//
//   QF_ASSIGN_OR_RETURN(auto domain, ParseDomain(body, "domain", {}));       // nullopt: absent
//   QF_ASSIGN_OR_RETURN(auto campaigns, ParseCampaigns(body, "campaigns", {}));
//   ... INSERT the record ...
//   QF_RETURN_IF_ERROR(WriteCampaignTags(db, "clue", clue_id, campaigns.value_or({})));
//
// Validation is against qf::taxonomy::Active(): a retired domain or campaign is refused for a new
// classification unless the record already carries it (`kept`), so old records stay valid.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casework/internal/json_fields.h"
#include "store/database.h"

namespace qf::casework::internal {

// body[field] as a domain name: absent or blank → nullopt; unknown, or retired and not `kept` →
// kInvalidArgument naming the field.
Result<std::optional<std::string>> ParseDomain(const Json& body, std::string_view field,
                                               std::string_view kept, std::string_view path = "");
// ParseDomain for a new record, where the domain is required (absent → "必填").
Result<std::string> ParseNewDomain(const Json& body, std::string_view field,
                                   std::string_view path = "");
// body[field] as an array of campaign codes (a single string is one code; the Chinese name is
// accepted too and stored as its code): absent → nullopt; duplicates dropped; an unknown code, or
// a retired one not in `kept`, → kInvalidArgument naming "campaigns[i]".
Result<std::optional<std::vector<std::string>>> ParseCampaigns(const Json& body,
                                                               std::string_view field,
                                                               const std::vector<std::string>& kept,
                                                               std::string_view path = "");

// The campaign codes of one record, in code order.
Result<std::vector<std::string>> LoadCampaignTags(store::Database& db, std::string_view kind,
                                                  int64_t id);
// Every record of `kind` with its codes.
Result<std::map<int64_t, std::vector<std::string>>> LoadAllCampaignTags(store::Database& db,
                                                                        std::string_view kind);
// Replaces the record's tags by `codes`, inside the caller's transaction.
Result<void> WriteCampaignTags(store::Database& db, std::string_view kind, int64_t id,
                               const std::vector<std::string>& codes);

// True when `codes` holds the campaign `code_or_name` names (its code or its Chinese name).
bool HasCampaign(const std::vector<std::string>& codes, std::string_view code_or_name);

// [{"code": "ZX-JC", "name": "“净窗”行动"}, ...]; a code no longer in the taxonomy keeps its code
// as its name.
Json CampaignsJson(const std::vector<std::string>& codes);

}  // namespace qf::casework::internal
