#include "taxonomy/taxonomy.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "core/date.h"
#include "core/result_macros.h"

namespace qf::taxonomy {
namespace {

// Reads the array of tables `key`; each entry is handed to `read` with its 1-based position.
template <typename Read>
Result<void> ForEachEntry(const toml::table& root, std::string_view key, const std::string& origin,
                          Read read) {
  const toml::array* entries = root[key].as_array();
  if (entries == nullptr) return {};
  for (size_t i = 0; i < entries->size(); ++i) {
    const toml::table* entry = (*entries)[i].as_table();
    std::string where = fmt::format("{} [[{}]] 第 {} 项", origin, key, i + 1);
    if (entry == nullptr) return Fail(ErrorCode::kInvalidArgument, where + " 不是表");
    if (auto done = read(*entry, where); !done) return done;
  }
  return {};
}

Result<std::string> Text(const toml::table& entry, std::string_view key, const std::string& where,
                         bool required) {
  const toml::node* node = entry.get(key);
  if (node == nullptr) {
    if (!required) return std::string();
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 缺少 {}", where, key));
  }
  const auto* value = node->as_string();
  if (value == nullptr || (required && value->get().empty())) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 的 {} 应为非空文本", where, key));
  }
  return value->get();
}

bool Flag(const toml::table& entry, std::string_view key) { return entry[key].value_or(false); }

Result<void> Unique(std::set<std::string>& seen, const std::string& value,
                    const std::string& where) {
  if (!seen.insert(value).second) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：「{}」重复", where, value));
  }
  return {};
}

Result<void> ReadDomains(const toml::table& root, const std::string& origin, Taxonomy& t) {
  std::set<std::string> seen;
  return ForEachEntry(root, "domains", origin,
                      [&](const toml::table& e, const std::string& where) -> Result<void> {
                        Domain d;
                        QF_ASSIGN_OR_RETURN(d.name, Text(e, "name", where, true));
                        QF_ASSIGN_OR_RETURN(d.title, Text(e, "title", where, false));
                        QF_ASSIGN_OR_RETURN(d.group, Text(e, "group", where, false));
                        if (d.title.empty()) d.title = d.name;
                        d.retired = Flag(e, "retired");
                        QF_RETURN_IF_ERROR(Unique(seen, d.name, where));
                        t.domains.push_back(std::move(d));
                        return {};
                      });
}

Result<void> CheckDate(const std::string& text, const std::string& where, std::string_view key) {
  if (text.empty() || Date::Parse(text)) return {};
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("{} 的 {}「{}」不是 YYYY-MM-DD 日期", where, key, text));
}

Result<void> ReadCampaigns(const toml::table& root, const std::string& origin, Taxonomy& t) {
  std::set<std::string> seen;
  return ForEachEntry(root, "campaigns", origin,
                      [&](const toml::table& e, const std::string& where) -> Result<void> {
                        Campaign c;
                        QF_ASSIGN_OR_RETURN(c.code, Text(e, "code", where, true));
                        QF_ASSIGN_OR_RETURN(c.name, Text(e, "name", where, true));
                        QF_ASSIGN_OR_RETURN(c.domain, Text(e, "domain", where, false));
                        QF_ASSIGN_OR_RETURN(c.from, Text(e, "from", where, false));
                        QF_ASSIGN_OR_RETURN(c.to, Text(e, "to", where, false));
                        QF_RETURN_IF_ERROR(CheckDate(c.from, where, "from"));
                        QF_RETURN_IF_ERROR(CheckDate(c.to, where, "to"));
                        c.retired = Flag(e, "retired");
                        QF_RETURN_IF_ERROR(Unique(seen, c.code, where));
                        t.campaigns.push_back(std::move(c));
                        return {};
                      });
}

Result<void> ReadPublicCategories(const toml::table& root, const std::string& origin, Taxonomy& t) {
  std::set<std::string> seen;
  return ForEachEntry(root, "public_categories", origin,
                      [&](const toml::table& e, const std::string& where) -> Result<void> {
                        PublicCategory c;
                        QF_ASSIGN_OR_RETURN(c.name, Text(e, "name", where, true));
                        QF_ASSIGN_OR_RETURN(c.domain, Text(e, "domain", where, true));
                        QF_RETURN_IF_ERROR(Unique(seen, c.name, where));
                        t.public_categories.push_back(std::move(c));
                        return {};
                      });
}

Result<void> ReadActivityKinds(const toml::table& root, const std::string& origin, Taxonomy& t) {
  std::set<std::string> seen;
  return ForEachEntry(root, "activity_kinds", origin,
                      [&](const toml::table& e, const std::string& where) -> Result<void> {
                        ActivityKind k;
                        QF_ASSIGN_OR_RETURN(k.name, Text(e, "name", where, true));
                        QF_ASSIGN_OR_RETURN(k.measure, Text(e, "measure", where, false));
                        if (k.measure.empty()) k.measure = "次";
                        QF_RETURN_IF_ERROR(Unique(seen, k.name, where));
                        t.activity_kinds.push_back(std::move(k));
                        return {};
                      });
}

Result<void> ReadClueSources(const toml::table& root, const std::string& origin, Taxonomy& t) {
  const toml::array* sources = root["clues"]["sources"].as_array();
  if (sources == nullptr) return {};
  std::set<std::string> seen;
  for (const toml::node& node : *sources) {
    const auto* value = node.as_string();
    std::string where = origin + " [clues] sources";
    if (value == nullptr || value->get().empty()) {
      return Fail(ErrorCode::kInvalidArgument, where + " 应为非空文本的数组");
    }
    QF_RETURN_IF_ERROR(Unique(seen, value->get(), where));
    t.clue_sources.push_back(value->get());
  }
  return {};
}

// Every domain a group, a campaign or a public category names must be a domain of the file.
Result<void> CheckReferences(const Taxonomy& t, const std::string& origin) {
  auto check = [&](std::string_view domain, std::string_view what) -> Result<void> {
    if (domain.empty() || t.FindDomain(domain) != nullptr) return {};
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：{} 的领域「{}」不在 [[domains]] 中", origin, what, domain));
  };
  for (const Domain& d : t.domains)
    QF_RETURN_IF_ERROR(check(d.group, "领域 " + d.name + " 的 group"));
  for (const Campaign& c : t.campaigns) QF_RETURN_IF_ERROR(check(c.domain, "专项 " + c.code));
  for (const PublicCategory& c : t.public_categories) {
    QF_RETURN_IF_ERROR(check(c.domain, "举报类别 " + c.name));
  }
  if (t.domains.empty()) return Fail(ErrorCode::kInvalidArgument, origin + " 没有 [[domains]]");
  if (t.clue_sources.empty()) {
    return Fail(ErrorCode::kInvalidArgument, origin + " 没有 [clues] sources");
  }
  return {};
}

template <typename T, typename Key>
std::vector<std::string_view> Names(const std::vector<T>& items, Key key, bool include_retired) {
  std::vector<std::string_view> out;
  for (const T& item : items) {
    if (include_retired || !item.retired) out.push_back(key(item));
  }
  return out;
}

std::unique_ptr<const Taxonomy>& Slot() {
  static std::unique_ptr<const Taxonomy> slot;
  return slot;
}

}  // namespace

const Domain* Taxonomy::FindDomain(std::string_view name) const {
  for (const Domain& d : domains) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

const Campaign* Taxonomy::FindCampaign(std::string_view code) const {
  for (const Campaign& c : campaigns) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

const ActivityKind* Taxonomy::FindActivityKind(std::string_view name) const {
  for (const ActivityKind& k : activity_kinds) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

bool Taxonomy::HasClueSource(std::string_view source) const {
  for (const std::string& s : clue_sources) {
    if (s == source) return true;
  }
  return false;
}

std::vector<std::string_view> Taxonomy::DomainNames(bool include_retired) const {
  return Names(
      domains, [](const Domain& d) -> std::string_view { return d.name; }, include_retired);
}

std::vector<std::string_view> Taxonomy::CampaignCodes(bool include_retired) const {
  return Names(
      campaigns, [](const Campaign& c) -> std::string_view { return c.code; }, include_retired);
}

std::vector<std::string_view> Taxonomy::ActivityKindNames() const {
  std::vector<std::string_view> out;
  for (const ActivityKind& k : activity_kinds) out.push_back(k.name);
  return out;
}

std::vector<std::string_view> Taxonomy::PublicCategories() const {
  std::vector<std::string_view> out;
  for (const PublicCategory& c : public_categories) out.push_back(c.name);
  return out;
}

std::string_view Taxonomy::DomainForPublicCategory(std::string_view category) const {
  for (const PublicCategory& c : public_categories) {
    if (c.name == category) return c.domain;
  }
  for (const PublicCategory& c : public_categories) {
    if (c.name == "其他") return c.domain;
  }
  return FindDomain("民生") != nullptr ? "民生" : std::string_view(domains.front().name);
}

std::vector<std::string_view> Taxonomy::DomainsOfSection(std::string_view section) const {
  std::vector<std::string_view> out;
  for (const Domain& d : domains) {
    if (d.name == section || d.group == section) out.push_back(d.name);
  }
  return out;
}

std::vector<std::string_view> Taxonomy::Sections() const {
  std::vector<std::string_view> out;
  for (const Domain& d : domains) {
    if (d.group.empty()) out.push_back(d.name);
  }
  return out;
}

Result<Taxonomy> ParseTaxonomy(std::string_view text, const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("分类配置文件 {} 第 {} 行格式错误：{}", origin, e.source().begin.line,
                            e.description()));
  }
  Taxonomy t;
  QF_RETURN_IF_ERROR(ReadDomains(root, origin, t));
  QF_RETURN_IF_ERROR(ReadCampaigns(root, origin, t));
  QF_RETURN_IF_ERROR(ReadClueSources(root, origin, t));
  QF_RETURN_IF_ERROR(ReadPublicCategories(root, origin, t));
  QF_RETURN_IF_ERROR(ReadActivityKinds(root, origin, t));
  QF_RETURN_IF_ERROR(CheckReferences(t, origin));
  return t;
}

Result<Taxonomy> LoadTaxonomy(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "无法读取分类配置文件 " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return ParseTaxonomy(text.str(), file.string());
}

std::filesystem::path DefaultTaxonomyPath() {
  std::error_code ec;
  if (std::filesystem::exists("config/taxonomy.toml", ec)) return "config/taxonomy.toml";
  return std::filesystem::path(QF_SOURCE_DIR) / "config/taxonomy.toml";
}

const Taxonomy& Active() {
  static std::once_flag default_loaded;
  std::call_once(default_loaded, [] {
    if (Slot() != nullptr) return;
    auto loaded = LoadTaxonomy(DefaultTaxonomyPath());
    if (!loaded) {
      std::fprintf(stderr, "%s\n", loaded.error().message().c_str());
      std::exit(2);
    }
    Slot() = std::make_unique<const Taxonomy>(std::move(*loaded));
  });
  return *Slot();
}

void Install(Taxonomy taxonomy) { Slot() = std::make_unique<const Taxonomy>(std::move(taxonomy)); }

}  // namespace qf::taxonomy
