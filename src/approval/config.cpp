// Reading config/approval.toml.
#include "approval/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "engine/rule.h"

namespace qf::approval {
namespace {

Error ConfigError(const std::filesystem::path& file, const std::string& what) {
  return Error(ErrorCode::kInvalidArgument, "审批配置文件 " + file.string() + "：" + what);
}

// Applies the keys present in `table` onto `chain` (which starts as the default).
Result<void> ReadChain(const std::filesystem::path& file, const std::string& where,
                       const toml::table& table, ChainConfig& chain) {
  if (const toml::array* steps = table["steps"].as_array()) {
    chain.steps.clear();
    for (const toml::node& node : *steps) {
      auto text = node.value<std::string>();
      auto step = text ? ParseStep(*text) : std::nullopt;
      if (!step) {
        return std::unexpected(
            ConfigError(file, where + ".steps 中的环节 “" + text.value_or("?") + "” 不存在"));
      }
      chain.steps.push_back(*step);
    }
  }
  if (const toml::node* days = table.get("publicity_days")) {
    auto n = days->value_exact<int64_t>();
    if (!n || *n < 1 || *n > 90) {
      return std::unexpected(ConfigError(file, where + ".publicity_days 应为 1 到 90 的整数"));
    }
    chain.publicity_days = static_cast<int>(*n);
  }
  if (const toml::table* deadlines = table["deadline_days"].as_table()) {
    for (auto&& [key, node] : *deadlines) {
      auto step = ParseStep(key.str());
      auto n = node.value_exact<int64_t>();
      if (!step) {
        return std::unexpected(ConfigError(
            file, where + ".deadline_days 中的环节 “" + std::string(key.str()) + "” 不存在"));
      }
      if (!n || *n < 1 || *n > 365) {
        return std::unexpected(ConfigError(
            file, where + ".deadline_days." + std::string(key.str()) + " 应为 1 到 365 的整数"));
      }
      chain.deadline_days[*step] = static_cast<int>(*n);
    }
  }
  if (auto unit = table["department_unit"].value<std::string>()) chain.department_unit = *unit;
  // The chain's shape: in the canonical order, 申请 first, 财政发放 last, 部门审批 present.
  bool ordered = std::is_sorted(chain.steps.begin(), chain.steps.end()) &&
                 std::adjacent_find(chain.steps.begin(), chain.steps.end()) == chain.steps.end();
  if (chain.steps.empty() || !ordered || chain.steps.front() != StepKind::kApply ||
      chain.steps.back() != StepKind::kPayment || !chain.Has(StepKind::kDepartmentApproval)) {
    return std::unexpected(ConfigError(
        file, where +
                  ".steps 须按 申请、初审、公示、审核、审批、发放 的顺序排列，以申请开始、以发放"
                  "结束，且包含部门审批"));
  }
  return {};
}

}  // namespace

int ChainConfig::DeadlineDays(StepKind step) const {
  if (step == StepKind::kApply) return 0;
  if (step == StepKind::kPublicity) return publicity_days;
  auto it = deadline_days.find(step);
  return it == deadline_days.end() ? 10 : it->second;
}

bool ChainConfig::Has(StepKind step) const {
  return std::find(steps.begin(), steps.end(), step) != steps.end();
}

std::optional<StepKind> ChainConfig::Next(StepKind step) const {
  auto it = std::find(steps.begin(), steps.end(), step);
  if (it == steps.end() || it + 1 == steps.end()) return std::nullopt;
  return *(it + 1);
}

const ChainConfig& ApprovalConfig::ChainFor(std::string_view program_code) const {
  auto it = programs.find(program_code);
  return it == programs.end() ? default_chain : it->second;
}

Result<ApprovalConfig> LoadApprovalConfig(const std::filesystem::path& file) {
  ApprovalConfig config;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return config;
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return std::unexpected(ConfigError(file, "格式错误：" + std::string(e.description())));
  }
  if (const toml::table* chain = root["default"].as_table()) {
    if (auto ok = ReadChain(file, "default", *chain, config.default_chain); !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (const toml::table* programs = root["programs"].as_table()) {
    for (auto&& [code, node] : *programs) {
      const toml::table* table = node.as_table();
      if (table == nullptr) {
        return std::unexpected(
            ConfigError(file, "programs." + std::string(code.str()) + " 应为一个表"));
      }
      ChainConfig chain = config.default_chain;
      if (auto ok = ReadChain(file, "programs." + std::string(code.str()), *table, chain); !ok) {
        return std::unexpected(ok.error());
      }
      config.programs.emplace(std::string(code.str()), std::move(chain));
    }
  }
  if (const toml::table* units = root["units"].as_table()) {
    if (auto fallback = (*units)["fallback"].value<std::string>()) config.fallback_unit = *fallback;
    if (auto finance = (*units)["finance"].value<std::string>()) config.finance_unit = *finance;
  }
  if (const toml::array* rules = root["precheck"]["rules"].as_array()) {
    config.precheck_rules.clear();
    for (const toml::node& node : *rules) {
      auto id = node.value<std::string>();
      const engine::RuleSpec* rule = id ? engine::FindRule(*id) : nullptr;
      if (rule == nullptr) {
        return std::unexpected(
            ConfigError(file, "precheck.rules 中的规则 “" + id.value_or("?") + "” 不存在"));
      }
      config.precheck_rules.emplace_back(rule->id);
    }
  }
  if (const toml::table* thresholds = root["thresholds"].as_table()) {
    if (auto card = (*thresholds)["card_max_outsiders"].value_exact<int64_t>()) {
      config.thresholds.card_max_outsiders =
          static_cast<int32_t>(std::clamp<int64_t>(*card, 0, 1000));
    }
  }
  return config;
}

std::filesystem::path DefaultApprovalConfigPath(const std::filesystem::path& web_root) {
  if (const char* env = std::getenv("QINGFENG_APPROVAL_CONFIG"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  if (std::filesystem::exists("config/approval.toml", ec)) return "config/approval.toml";
  return web_root / ".." / "config" / "approval.toml";
}

}  // namespace qf::approval
