#include "web/internal/activity_form.h"

#include "taxonomy/taxonomy.h"
#include "web/internal/casework_view.h"

namespace qf::web::internal {
namespace {

std::string JoinedValues(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out += "、";
    out += v;
  }
  return out;
}

std::vector<std::string> ValuesOf(const Json& list, const char* field) {
  std::vector<std::string> out;
  for (const Json& item : list) out.push_back(item.value(field, ""));
  return out;
}

bool Listed(const std::string& list, const std::string& code) {
  for (size_t at = 0; (at = list.find(code, at)) != std::string::npos; at += code.size()) {
    size_t end = at + code.size();
    bool starts = at == 0 || list.compare(at - 3, 3, "、") == 0;
    bool ends = end == list.size() || list.compare(end, 3, "、") == 0;
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

activities::ActivityFields ActivityFieldsOf(const Form& form) {
  activities::ActivityFields fields;
  for (const activities::FieldSpec& f : activities::Fields()) {
    fields[std::string(f.key)] = form.Get(std::string(f.key));
  }
  fields["campaigns"] = JoinedValues(form.GetAll("campaigns"));
  return fields;
}

activities::ActivityFields ActivityFieldsOf(const Json& a) {
  activities::ActivityFields fields;
  for (const char* key :
       {"kind", "held_on", "title", "unit", "domain", "mechanism", "doc_number", "summary"}) {
    fields[key] = a.value(key, "");
  }
  fields["participants"] = std::to_string(a.value("participants", int64_t{0}));
  fields["visited"] = std::to_string(a.value("visited", int64_t{0}));
  fields["campaigns"] = JoinedValues(ValuesOf(a["campaigns"], "code"));
  fields["places"] = JoinedValues(ValuesOf(a["places"], "name"));
  return fields;
}

Json ActivityFormView(Ctx& ctx, const activities::ActivityFields& fields) {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  auto get = [&](const char* key) {
    auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
  };
  Json v = Json::object();
  for (const auto& [key, value] : fields) v[key] = value;
  std::vector<std::string> kinds, domains;
  for (std::string_view k : t.ActivityKindNames()) kinds.emplace_back(k);
  for (std::string_view d : t.DomainNames(false)) domains.emplace_back(d);
  Json campaigns = Json::array();
  for (const taxonomy::Campaign& c : t.campaigns) {
    if (c.retired) continue;
    campaigns.push_back(
        {{"code", c.code}, {"name", c.name}, {"checked", Listed(get("campaigns"), c.code)}});
  }
  std::string unit = get("unit").empty() ? ctx.actor->unit_code : get("unit");
  return {{"v", v},
          {"kinds", SelectOptions(kinds, {}, get("kind"))},
          {"domains", SelectOptions(domains, {}, get("domain").empty() ? "民生" : get("domain"))},
          {"mechanisms", SelectOptions({"", "建立", "修订"}, {"（非制度机制）", "建立", "修订"},
                                       get("mechanism"))},
          {"units", Names::Load(ctx.db).InternalUnits(unit)},
          {"campaigns", campaigns}};
}

}  // namespace qf::web::internal
