// Domains and campaigns on staff pages: choices, names, and the 领域 · 专项 card.
#include "web/internal/classification_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "taxonomy/taxonomy.h"
#include "web/internal/templates.h"

namespace qf::web::internal {

using Json = nlohmann::json;

Json DomainOptions(std::string_view selected, std::string_view blank_label) {
  Json out = Json::array();
  if (!blank_label.empty()) {
    out.push_back({{"value", ""}, {"label", blank_label}, {"selected", selected.empty()}});
  }
  for (const taxonomy::Domain& d : taxonomy::Active().domains) {
    if (d.retired && d.name != selected) continue;
    out.push_back({{"value", d.name}, {"label", d.name}, {"selected", d.name == selected}});
  }
  return out;
}

Json CampaignBoxes(const std::vector<std::string>& checked) {
  Json out = Json::array();
  for (const taxonomy::Campaign& c : taxonomy::Active().campaigns) {
    bool on = std::find(checked.begin(), checked.end(), c.code) != checked.end();
    if (c.retired && !on) continue;
    out.push_back({{"code", c.code}, {"name", c.name}, {"checked", on}});
  }
  return out;
}

std::vector<std::string> CampaignCodesOf(const Json& record) {
  std::vector<std::string> out;
  if (!record.contains("campaigns") || !record["campaigns"].is_array()) return out;
  for (const Json& c : record["campaigns"]) {
    if (c.is_object()) out.push_back(c.value("code", ""));
  }
  return out;
}

std::string CampaignNamesOf(const Json& record) {
  std::string out;
  if (!record.contains("campaigns") || !record["campaigns"].is_array()) return out;
  for (const Json& c : record["campaigns"]) {
    if (c.is_object()) out += (out.empty() ? "" : "、") + c.value("name", c.value("code", ""));
  }
  return out;
}

std::vector<Choice> CampaignChoices() {
  std::vector<Choice> out;
  for (const taxonomy::Campaign& c : taxonomy::Active().campaigns) out.push_back({c.code, c.name});
  return out;
}

std::string ClassificationHtml(Ctx& ctx, std::string_view entity, int64_t id, const Json& record,
                               bool can_reclassify, const Json& page) {
  std::string domain = record.value("domain", "");
  Json typed = page.contains("v") && page["v"].contains("reclassify") ? page["v"]["reclassify"]
                                                                      : Json::object();
  Json data = {{"domain", domain},
               {"campaigns", record.value("campaigns", Json::array())},
               {"has_campaigns", !CampaignCodesOf(record).empty()},
               {"can_reclassify", can_reclassify},
               {"action", fmt::format("/{}s/{}/reclassify", entity, id)},
               {"version", record.value("updated_at", "")},
               {"csrf", ctx.CsrfToken()},
               {"reason", typed.value("reason", "")},
               {"domains", DomainOptions(typed.value("domain", domain))},
               {"boxes", CampaignBoxes(CampaignCodesOf(record))}};
  if (page.contains("errors") && page["errors"].contains("reclassify")) {
    data["error"] = page["errors"]["reclassify"].value("message", "");
    data["open"] = true;
  }
  auto html = ctx.app.templates().Render("classification_section", data);
  return html ? *html : std::string();
}

}  // namespace qf::web::internal
