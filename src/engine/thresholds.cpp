#include "engine/thresholds.h"

#include <toml++/toml.h>

#include <cmath>
#include <string>
#include <system_error>

namespace qf::engine {
namespace {

// Reads a number (integer or float) scaled by `scale` and rounded; false when the key is present
// but not a non-negative number.
bool ReadScaled(const toml::table& table, const char* key, int64_t scale, int64_t& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return true;
  if (auto i = node->value_exact<int64_t>()) {
    if (*i < 0) return false;
    out = *i * scale;
    return true;
  }
  if (auto d = node->value_exact<double>()) {
    if (!(*d >= 0) || *d > 1e15) return false;
    out = static_cast<int64_t>(std::llround(*d * static_cast<double>(scale)));
    return true;
  }
  return false;
}

}  // namespace

Result<Thresholds> LoadThresholds(const std::filesystem::path& file) {
  Thresholds t;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return t;
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return Fail(ErrorCode::kInvalidArgument,
                "规则配置文件 " + file.string() + " 格式错误：" + std::string(e.description()));
  }
  const toml::table* th = root["thresholds"].as_table();
  if (th == nullptr) th = &root;
  int64_t card = t.card_max_outsiders, grace = t.grace_days, window = t.split_window_days;
  int64_t shell = t.shell_company_days;
  struct Key {
    const char* name;
    int64_t scale;
    int64_t* out;
  } keys[] = {
      {"card_max_outsiders", 1, &card},
      {"grace_days", 1, &grace},
      {"split_window_days", 1, &window},
      {"approval_threshold", 100, &t.approval_threshold},
      {"low_rent_ratio", 10000, &t.low_rent_ratio_bp},
      {"open_tender_threshold", 100, &t.open_tender_threshold},
      {"shell_company_days", 1, &shell},
  };
  for (const Key& k : keys) {
    if (!ReadScaled(*th, k.name, k.scale, *k.out)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "规则配置文件 " + file.string() + " 中 " + k.name + " 必须是非负数");
    }
  }
  if (card > 1'000'000 || grace > 100'000 || window > 100'000 || shell > 100'000) {
    return Fail(ErrorCode::kInvalidArgument,
                "规则配置文件 " + file.string() + " 中的天数或人数过大");
  }
  t.card_max_outsiders = static_cast<int32_t>(card);
  t.grace_days = static_cast<int32_t>(grace);
  t.split_window_days = static_cast<int32_t>(window);
  t.shell_company_days = static_cast<int32_t>(shell);
  return t;
}

}  // namespace qf::engine
