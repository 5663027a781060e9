// The work parts of the report as template context: a part per taxonomy section, the special
// campaigns, the activities, the institution and the People's Congress, each sentence made of
// clauses whose figure is not zero (an absent outside figure reads as zero).
#include "report/internal/report_prose.h"

#include <fmt/format.h>

#include "taxonomy/taxonomy.h"

namespace qf::report::internal {
namespace {

using Json = nlohmann::json;

// The sections whose prose the template writes out in full, by their ASCII flag.
struct SpecialSection {
  std::string_view name, flag;
};
constexpr SpecialSection kSpecial[] = {{"扫黑除恶", "is_saohei"},
                                       {"民生", "is_minsheng"},
                                       {"营商环境", "is_yingshang"},
                                       {"三资", "is_sanzi"},
                                       {"自身建设", "is_ziji"}};

std::string Ordinal(int n) {
  constexpr std::string_view kDigits[] = {"",   "一", "二", "三", "四", "五",
                                          "六", "七", "八", "九", "十"};
  if (n <= 10) return fmt::format("（{}）", kDigits[n]);
  if (n < 20) return fmt::format("（十{}）", kDigits[n - 10]);
  return fmt::format("（{}十{}）", kDigits[n / 10], kDigits[n % 10]);
}

void SetList(Json& item, const std::string& name, Json clauses) {
  item["any_" + name] = !clauses.empty();
  item[name] = std::move(clauses);
}

// 发现问题 个, 立案 件/人, 移送司法 人, 追缴 万元, 督促整改 个, 追责问责 件/人 of one slice.
Json SliceClauses(const Statistics& stats, const std::string& prefix) {
  auto id = [&](std::string_view family) { return fmt::format("{}.{}", prefix, family); };
  return Clauses(
      stats, {{"发现问题", id("problems"), "个"},
              {"立案查处", id("cases"), "件", id("persons"), "人"},
              {"移送司法机关", id("judicial"), "人"},
              {"追缴违纪违法所得", id("recovered"), "万元"},
              {"督促整改", id("rectifications"), "个"},
              {"追责问责", id("accountability_cases"), "件", id("accountability_persons"), "人"}});
}

Json SectionParts(const Statistics& stats, int& ordinal) {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  Json sections = Json::array();
  Json restricted =
      Clauses(stats, {{"受理反映纪检监察干部问题线索", "clues.restricted", "件"},
                      {"立案查处", "cases.restricted", "件", "cases.restricted_persons", "人"}});
  for (std::string_view name : t.Sections()) {
    const taxonomy::Domain* d = t.FindDomain(name);
    Json item = {{"name", name}, {"title", d != nullptr ? d->title : std::string(name)}};
    Json results = SliceClauses(stats, fmt::format("section.{}", name));
    bool show = !results.empty();
    bool special = false;
    for (const SpecialSection& s : kSpecial) {
      item[std::string(s.flag)] = s.name == name;
      special = special || s.name == name;
    }
    item["is_other"] = !special;
    // 扫黑除恶 and 民生 always have their paragraph; 自身建设 counts by the restricted flag (防止
    // "灯下黑": the clues about the commission's own cadres, whatever their domain).
    if (name == "扫黑除恶" || name == "民生") show = true;
    if (name == "自身建设") {
      SetList(item, "restricted", restricted);
      show = !restricted.empty();
    }
    SetList(item, "results", std::move(results));
    if (!show) continue;
    item["ordinal"] = Ordinal(++ordinal);
    sections.push_back(std::move(item));
  }
  return sections;
}

Json CampaignParts(const Statistics& stats) {
  Json campaigns = Json::array();
  for (const taxonomy::Campaign& c : taxonomy::Active().campaigns) {
    Json results = SliceClauses(stats, fmt::format("campaign.{}", c.code));
    if (results.empty()) continue;
    campaigns.push_back({{"code", c.code}, {"name", c.name}, {"results", std::move(results)}});
  }
  for (std::size_t i = 0; i < campaigns.size(); ++i) {
    campaigns[i]["sep"] = i + 1 < campaigns.size() ? "；" : "。";
  }
  return campaigns;
}

// The streets whose communities' collectives had 三资 findings: [{name, findings, amount, sep}].
Json SanziStreets(const Statistics& stats) {
  Json streets = Json::array();
  for (const Statistics::UnitLine& line : stats.sanzi_units) {
    const Figure& found = stats.Get(fmt::format("sanzi.findings.{}", line.code));
    if (!line.street || found.value == 0) continue;
    streets.push_back({{"name", line.name},
                       {"findings", found.Display()},
                       {"amount", stats.Get(fmt::format("sanzi.amount.{}", line.code)).Display()}});
  }
  for (std::size_t i = 0; i < streets.size(); ++i) {
    streets[i]["sep"] = i + 1 < streets.size() ? "，" : "";
  }
  return streets;
}

// Sets `name` (clauses) and `any_<name>` in ctx, and the part's ordinal when it has clauses.
void Part(Json& ctx, const std::string& name, Json clauses, int& ordinal) {
  bool any = !clauses.empty();
  ctx["any_" + name] = any;
  ctx[name] = std::move(clauses);
  if (any) ctx["ordinal_" + name] = Ordinal(++ordinal);
}

}  // namespace

Json Clauses(const Statistics& stats, const std::vector<Clause>& clauses, std::string_view suffix) {
  Json out = Json::array();
  for (const Clause& c : clauses) {
    const Figure& first = stats.Get(c.id + std::string(suffix));
    const Figure* second = c.id2.empty() ? nullptr : &stats.Get(c.id2 + std::string(suffix));
    if (first.value == 0 && (second == nullptr || second->value == 0)) continue;
    Json item = {{"label", c.label},     {"value", first.Display()},
                 {"measure", c.measure}, {"id", c.id + std::string(suffix)},
                 {"any_value2", false},  {"value2", ""},
                 {"measure2", ""},       {"sep", "，"}};
    if (second != nullptr && second->value != 0) {
      item["any_value2"] = true;
      item["value2"] = second->Display();
      item["measure2"] = c.measure2;
    }
    out.push_back(std::move(item));
  }
  if (!out.empty()) out.back()["sep"] = "";
  return out;
}

void AddWorkParts(const Statistics& stats, Json& ctx) {
  int ordinal = 0;
  ctx["sections"] = SectionParts(stats, ordinal);
  Json campaigns = CampaignParts(stats);
  ctx["any_campaigns"] = !campaigns.empty();
  if (!campaigns.empty()) ctx["ordinal_campaigns"] = Ordinal(++ordinal);
  ctx["campaigns"] = std::move(campaigns);
  Part(ctx, "activities",
       Clauses(stats, {{"召开座谈会", "activities.座谈会.count", "次"},
                       {"开展监督检查", "activities.监督检查.count", "次"},
                       {"走访群众", "activities.走访群众.people", "人次"},
                       {"对", "activities.联合督查.communities", "个社区开展联合督查"},
                       {"开展督导检查", "activities.督导检查.count", "次"},
                       {"培训干部", "activities.专题培训.people", "人次"},
                       {"开展以案促改", "activities.以案促改.count", "次"}}),
       ordinal);
  Json rules = Clauses(stats, {{"建立", "activities.制度机制.established", "项"},
                               {"修订", "activities.制度机制.revised", "项"}});
  for (Json& r : rules) r["sep"] = r["sep"] == "" ? "" : "、";
  ctx["any_rules_detail"] = !rules.empty();
  ctx["rules_detail"] = std::move(rules);
  Json institution = Clauses(stats, {{"设置", "units.stationed_group", "个派驻纪检监察组"},
                                     {"在", "units.street_office", "个街道设置监察办公室"}});
  Json reports = Clauses(stats, {{"应报", "stationed_reports.due", "次"},
                                 {"按时报送", "stationed_reports.on_time", "次"},
                                 {"逾期未报", "stationed_reports.overdue", "次"}});
  bool any_rules = stats.Get("activities.制度机制.count").value != 0;
  ctx["any_stationed_reports"] = !reports.empty();
  ctx["stationed_reports"] = std::move(reports);
  ctx["any_institution"] = !institution.empty();
  ctx["institution"] = std::move(institution);
  if (ctx["any_institution"] || ctx["any_stationed_reports"] || any_rules) {
    ctx["any_institution_part"] = true;
    ctx["ordinal_institution_part"] = Ordinal(++ordinal);
  } else {
    ctx["any_institution_part"] = false;
  }
  Part(ctx, "opinions",
       Clauses(stats, {{"收到区人大常委会审议意见", "congress.opinions", "条"},
                       {"分解任务", "congress.tasks", "项"},
                       {"已办结", "congress.tasks_done", "项"}}),
       ordinal);
  Json suggestions = Clauses(stats, {{"承办人大代表建议", "suggestions.received", "件"},
                                     {"已答复", "suggestions.answered", "件"},
                                     {"代表满意", "suggestions.satisfied", "件"}});
  ctx["any_suggestions"] = !suggestions.empty();
  ctx["suggestions"] = std::move(suggestions);
  bool any_congress = ctx["any_opinions"].get<bool>() || !ctx["suggestions"].empty();
  ctx["any_congress"] = any_congress;
  if (any_congress && !ctx.contains("ordinal_opinions")) {
    ctx["ordinal_opinions"] = Ordinal(++ordinal);
  }
  ctx["ordinal_congress"] = ctx.value("ordinal_opinions", "");
  ctx["sanzi_streets"] = SanziStreets(stats);
  ctx["any_sanzi_streets"] = !ctx["sanzi_streets"].empty();
}

}  // namespace qf::report::internal
