// The taxonomy on staff pages (docs/taxonomy.md): domain choices and campaign check boxes for the
// intake forms, campaign names for lists and pages, the 专项 filter of the casework lists, and the
// 领域 · 专项 card of a clue's, case's or rectification item's page with its 重新归类 form, which
// only roles allowed to reclassify see.
//
//   data["opts"]["domains"] = DomainOptions(chosen);              // non-retired domains
//   data["campaign_boxes"] = CampaignBoxes({});                   // every campaign unchecked
//   data["classification_html"] = ClassificationHtml(ctx, "clue", id, clue, may_reclassify, data);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "web/internal/app.h"
#include "web/internal/list_query.h"

namespace qf::web::internal {

// {value, label, selected} options of the domains offered for new records (a retired domain only
// when it is `selected`); a non-empty `blank_label` comes first with the value "".
nlohmann::json DomainOptions(std::string_view selected, std::string_view blank_label = "");
// {code, name, checked} check boxes of the campaigns offered (a retired one only when checked).
nlohmann::json CampaignBoxes(const std::vector<std::string>& checked);
// The codes of a record's "campaigns" ([{code, name}]).
std::vector<std::string> CampaignCodesOf(const nlohmann::json& record);
// "“净窗”行动、…" of a record's "campaigns"; "" for none.
std::string CampaignNamesOf(const nlohmann::json& record);
// Every campaign as a choice of the lists' 专项 filter (code, Chinese name).
std::vector<Choice> CampaignChoices();

// The rendered card: the item's domain and campaigns and, when `can_reclassify`, the form that
// posts to /<entity>s/<id>/reclassify. A refused reclassification's message and typed domain and
// reason come from `page` (errors.reclassify, v.reclassify).
std::string ClassificationHtml(Ctx& ctx, std::string_view entity, int64_t id,
                               const nlohmann::json& record, bool can_reclassify,
                               const nlohmann::json& page);

}  // namespace qf::web::internal
