// Domains and campaign tags of casework records: validation against the taxonomy and storage.
#include "casework/internal/classification.h"

#include <fmt/format.h>

#include <algorithm>

#include "casework/internal/sql.h"
#include "taxonomy/taxonomy.h"

namespace qf::casework::internal {
namespace {

// The campaign a user named, by code or by its Chinese name.
const taxonomy::Campaign* FindCampaign(const taxonomy::Taxonomy& t, std::string_view text) {
  if (const taxonomy::Campaign* c = t.FindCampaign(text)) return c;
  for (const taxonomy::Campaign& c : t.campaigns) {
    if (c.name == text) return &c;
  }
  return nullptr;
}

}  // namespace

Result<std::optional<std::string>> ParseDomain(const Json& body, std::string_view field,
                                               std::string_view kept, std::string_view path) {
  QF_ASSIGN_OR_RETURN(auto name, GetOptionalString(body, field, 40, path));
  std::string name_path = JoinPath(path, field);
  if (!name) return std::optional<std::string>();
  const taxonomy::Domain* domain = taxonomy::Active().FindDomain(*name);
  if (domain == nullptr) {
    return std::unexpected(FieldError(
        name_path,
        fmt::format("'{}' 不是规定的领域（见 config/taxonomy.toml 的 domains）", *name)));
  }
  if (domain->retired && *name != kept) {
    return std::unexpected(
        FieldError(name_path, fmt::format("领域「{}」已停用，不能再选用", *name)));
  }
  return name;
}

Result<std::string> ParseNewDomain(const Json& body, std::string_view field,
                                   std::string_view path) {
  QF_ASSIGN_OR_RETURN(auto name, ParseDomain(body, field, "", path));
  if (!name) return std::unexpected(FieldError(JoinPath(path, field), "必填"));
  return *name;
}

Result<std::optional<std::vector<std::string>>> ParseCampaigns(const Json& body,
                                                               std::string_view field,
                                                               const std::vector<std::string>& kept,
                                                               std::string_view path) {
  std::string list_path = JoinPath(path, field);
  if (!body.contains(field) || body[field].is_null()) {
    return std::optional<std::vector<std::string>>();
  }
  Json list = body[field].is_string() ? Json::array({body[field]}) : body[field];
  if (!list.is_array() || list.size() > kMaxListItems) {
    return std::unexpected(FieldError(list_path, "应为专项代码的列表"));
  }
  const taxonomy::Taxonomy& t = taxonomy::Active();
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string item_path = fmt::format("{}[{}]", list_path, i);
    if (!list[i].is_string()) {
      return std::unexpected(FieldError(item_path, "应为专项代码（字符串）"));
    }
    std::string text = list[i].get<std::string>();
    if (text.empty()) continue;
    const taxonomy::Campaign* c = FindCampaign(t, text);
    if (c == nullptr) {
      return std::unexpected(FieldError(
          item_path,
          fmt::format("'{}' 不是规定的专项（见 config/taxonomy.toml 的 campaigns）", text)));
    }
    if (c->retired && std::find(kept.begin(), kept.end(), c->code) == kept.end()) {
      return std::unexpected(
          FieldError(item_path, fmt::format("专项「{}」已停用，不能再选用", c->name)));
    }
    if (std::find(codes.begin(), codes.end(), c->code) == codes.end()) codes.push_back(c->code);
  }
  std::sort(codes.begin(), codes.end());
  return std::optional<std::vector<std::string>>(std::move(codes));
}

Result<std::vector<std::string>> LoadCampaignTags(store::Database& db, std::string_view kind,
                                                  int64_t id) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db,
                                     "SELECT campaign FROM campaign_tags WHERE record_kind = ? AND "
                                     "record_id = ? ORDER BY campaign",
                                     std::string(kind), id));
  std::vector<std::string> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(st->Text(0));
  }
  return out;
}

Result<std::map<int64_t, std::vector<std::string>>> LoadAllCampaignTags(store::Database& db,
                                                                        std::string_view kind) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db,
                                     "SELECT record_id, campaign FROM campaign_tags WHERE "
                                     "record_kind = ? ORDER BY record_id, campaign",
                                     std::string(kind)));
  std::map<int64_t, std::vector<std::string>> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out[st->Int(0)].push_back(st->Text(1));
  }
  return out;
}

Result<void> WriteCampaignTags(store::Database& db, std::string_view kind, int64_t id,
                               const std::vector<std::string>& codes) {
  QF_RETURN_IF_ERROR(Exec(db, "DELETE FROM campaign_tags WHERE record_kind = ? AND record_id = ?",
                          std::string(kind), id));
  for (const std::string& code : codes) {
    QF_RETURN_IF_ERROR(Exec(db,
                            "INSERT INTO campaign_tags(record_kind, record_id, campaign) VALUES "
                            "(?, ?, ?)",
                            std::string(kind), id, code));
  }
  return {};
}

bool HasCampaign(const std::vector<std::string>& codes, std::string_view code_or_name) {
  const taxonomy::Campaign* c = FindCampaign(taxonomy::Active(), code_or_name);
  std::string_view code = c != nullptr ? std::string_view(c->code) : code_or_name;
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

Json CampaignsJson(const std::vector<std::string>& codes) {
  Json out = Json::array();
  for (const std::string& code : codes) {
    const taxonomy::Campaign* c = taxonomy::Active().FindCampaign(code);
    out.push_back({{"code", code}, {"name", c != nullptr ? c->name : code}});
  }
  return out;
}

}  // namespace qf::casework::internal
