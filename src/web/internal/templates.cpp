// Templates over kainjow mustache.
#include "web/internal/templates.h"

#include <fmt/format.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <memory>
#include <sstream>
#include <unordered_map>

#include "core/result_macros.h"

namespace qf::web::internal {
namespace {

namespace mst = kainjow::mustache;

mst::data ToData(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, ToData(v));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& v : j) d.push_back(ToData(v));
      return d;
    }
    case nlohmann::json::value_t::string:
      // The mustache library treats every string, "" included, as true: `{{#message}}` with an
      // empty message would draw an empty notice box. An empty string is false here, and still
      // renders as nothing.
      if (j.get_ref<const std::string&>().empty()) return mst::data(mst::data::type::bool_false);
      return mst::data(j.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mst::data(mst::data::type::bool_true)
                           : mst::data(mst::data::type::bool_false);
    case nlohmann::json::value_t::null:
      return mst::data(mst::data::type::bool_false);
    default:
      return mst::data(j.dump());
  }
}

std::atomic<int> g_generation_counter{0};

// What a thread keeps of one Templates, as the mustache renderer is not re-entrant: the parsed
// templates, and each (layout, title)'s rendered text before and after the body. Dropped when the
// thread meets another Templates or a new Load.
struct ThreadCache {
  int generation = -1;
  const Templates* owner = nullptr;
  std::unordered_map<std::string, std::unique_ptr<mst::mustache>> parsed;
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> around;
};

ThreadCache& ThreadCacheOf(const Templates* owner, int generation) {
  thread_local ThreadCache cache;
  if (cache.owner != owner || cache.generation != generation) {
    cache = ThreadCache{generation, owner, {}, {}};
  }
  return cache;
}

}  // namespace

Result<void> Templates::Load(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Fail(ErrorCode::kIo, fmt::format("模板目录 {} 不存在", dir));
  }
  std::map<std::string, std::string> sources;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    mst::mustache parsed(ss.str());
    if (!parsed.is_valid()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("模板 {} 有误：{}", entry.path().string(), parsed.error_message()));
    }
    sources[entry.path().stem().string()] = ss.str();
  }
  sources_ = std::move(sources);
  generation_ = ++g_generation_counter;
  return {};
}

Result<std::string> Templates::Render(const std::string& name, const nlohmann::json& data) const {
  ThreadCache& cache = ThreadCacheOf(this, generation_);
  auto it = cache.parsed.find(name);
  if (it == cache.parsed.end()) {
    auto src = sources_.find(name);
    if (src == sources_.end()) {
      return Fail(ErrorCode::kNotFound, fmt::format("模板 {} 不存在", name));
    }
    it = cache.parsed.emplace(name, std::make_unique<mst::mustache>(src->second)).first;
  }
  return it->second->render(ToData(data));
}

Result<std::string> Templates::RenderInLayout(const std::string& layout, const std::string& title,
                                              std::string_view body) const {
  ThreadCache& cache = ThreadCacheOf(this, generation_);
  if (cache.around.size() > 256) cache.around.clear();
  auto key = std::pair(layout, title);
  auto it = cache.around.find(key);
  if (it == cache.around.end()) {
    // A marker no page body contains: the layout's own text, rendered, lies either side of it.
    static constexpr std::string_view kMarker = "\x01qf-body\x01";
    QF_ASSIGN_OR_RETURN(std::string whole,
                        Render(layout, {{"title", title}, {"body", std::string(kMarker)}}));
    const size_t at = whole.find(kMarker);
    if (at == std::string::npos) {
      return Fail(ErrorCode::kInternal, fmt::format("模板 {} 没有 {{{{{{body}}}}}}", layout));
    }
    it = cache.around
             .emplace(std::move(key),
                      std::pair(whole.substr(0, at), whole.substr(at + kMarker.size())))
             .first;
  }
  const auto& [before, after] = it->second;
  std::string page;
  page.reserve(before.size() + body.size() + after.size());
  page.append(before).append(body).append(after);
  return page;
}

}  // namespace qf::web::internal
