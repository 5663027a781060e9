// The commission's taxonomy as configuration (config/taxonomy.toml, docs/taxonomy.md): the domains
// (领域) that every clue, case, rectification item and activity carries one of, the special
// campaigns (专项) they may be tagged with, the clue sources, the public report categories with the
// domain each files its clue under, and the kinds of supervision activity.
//
//   auto taxonomy = qf::taxonomy::LoadTaxonomy("config/taxonomy.toml");
//   if (!taxonomy) { print(taxonomy.error().message); exit(2); }
//   qf::taxonomy::Install(std::move(*taxonomy));        // at start-up, before any thread
//   const qf::taxonomy::Taxonomy& t = qf::taxonomy::Active();
//   if (!t.FindDomain("卫健医保")) ...
//
// Records store a domain's and a source's Chinese name and a campaign's code; a name a record
// carries must stay in the file (marked `retired` once no longer offered for new records).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace qf::taxonomy {

struct Domain {
  std::string name;   // stored in records: "卫健医保"
  std::string title;  // the report's heading: "卫生健康和医疗保障"
  std::string group;  // the report section that counts it; "" = its own
  bool retired = false;
};

struct Campaign {
  std::string code;      // stored in records: "ZX-JC"
  std::string name;      // "“净窗”行动"
  std::string domain;    // the domain it mainly concerns; "" = none
  std::string from, to;  // YYYY-MM-DD, "" = open
  bool retired = false;
};

struct PublicCategory {
  std::string name;    // what the citizen picks: "吃拿卡要"
  std::string domain;  // the domain its clue is filed under: "窗口服务"
};

struct ActivityKind {
  std::string name;     // "座谈会"
  std::string measure;  // the report's unit: "次", "人次" or "项"
};

struct Taxonomy {
  std::vector<Domain> domains;
  std::vector<Campaign> campaigns;
  std::vector<std::string> clue_sources;
  std::vector<PublicCategory> public_categories;
  std::vector<ActivityKind> activity_kinds;

  const Domain* FindDomain(std::string_view name) const;
  const Campaign* FindCampaign(std::string_view code) const;
  const ActivityKind* FindActivityKind(std::string_view name) const;
  bool HasClueSource(std::string_view source) const;
  // Domain names for a choice list: every domain, or only those offered for new records.
  std::vector<std::string_view> DomainNames(bool include_retired = true) const;
  std::vector<std::string_view> CampaignCodes(bool include_retired = true) const;
  std::vector<std::string_view> ActivityKindNames() const;
  std::vector<std::string_view> PublicCategories() const;  // in file order
  // The domain a public report of `category` is filed under; "其他"'s (or "民生") when unknown.
  std::string_view DomainForPublicCategory(std::string_view category) const;
  // The domains counted by `section`: the section's own domain and those whose group is it.
  std::vector<std::string_view> DomainsOfSection(std::string_view section) const;
  // Domains without a group, in file order: the report's sections.
  std::vector<std::string_view> Sections() const;
};

// Parses a taxonomy file's text; `origin` names it in errors. Fails with the key at fault on a
// missing name, a duplicate, a group or campaign domain that is not a domain, or a public category
// filed under an unknown domain.
Result<Taxonomy> ParseTaxonomy(std::string_view text, const std::string& origin);
Result<Taxonomy> LoadTaxonomy(const std::filesystem::path& file);

// ./config/taxonomy.toml if it exists, else the source tree's.
std::filesystem::path DefaultTaxonomyPath();

// The process's taxonomy: the one installed, else the default file's (loaded at first use; a
// malformed default file stops the program with its error). Install before starting threads; the
// reference stays valid until the next Install.
const Taxonomy& Active();
void Install(Taxonomy taxonomy);

}  // namespace qf::taxonomy
