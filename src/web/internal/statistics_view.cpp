// StatisticsTables: labels, values and grouping of the casework statistics.
#include "web/internal/statistics_view.h"

#include <map>
#include <string>

#include "casework/state_machines.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {
namespace {

using Json = nlohmann::json;

std::string Label(const std::string& key) {
  static const std::map<std::string, std::string> kLabels = {
      {"as_of", "统计截至"},
      {"clues", "线索"},
      {"cases", "案件"},
      {"total", "合计"},
      {"by_status", "按状态"},
      {"persons_by_outcome", "涉案人员处理结果"},
      {"recovered", "追缴金额（元）"},
      {"losses_retrieved", "挽回损失（元）"},
      {"rectification", "整改"},
      {"found", "发现问题"},
      {"done", "已整改销号"},
      {"overdue", "逾期未整改"}};
  auto it = kLabels.find(key);
  return it == kLabels.end() ? key : it->second;
}

// A state code under clues.by_status or cases.by_status, by its Chinese name.
std::string StateLabel(const std::string& part, const std::string& code) {
  if (part == "clues") {
    if (auto state = casework::ParseClueState(code))
      return std::string(casework::StateName(*state));
  } else if (part == "cases") {
    if (auto state = casework::ParseCaseState(code))
      return std::string(casework::StateName(*state));
  }
  return code;
}

bool IsMoney(const std::string& key) { return key == "recovered" || key == "losses_retrieved"; }

std::string Value(const std::string& key, const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) {
    int64_t n = value.get<int64_t>();
    return IsMoney(key) ? Yuan(n) : Grouped(n);
  }
  if (value.is_boolean()) return value.get<bool>() ? "是" : "否";
  return value.dump();  // a float or null: not produced today
}

// The rows of one object: scalars as rows, a nested object as a heading row followed by its
// members indented (one level is all the statistics have; deeper levels flatten into it).
void AddRows(const std::string& part, const Json& object, bool indent, Json& rows) {
  for (const auto& [key, value] : object.items()) {
    if (value.is_object()) {
      rows.push_back({{"label", Label(key)}, {"value", ""}, {"indent", indent}});
      for (const auto& [inner_key, inner] : value.items()) {
        if (inner.is_object()) {
          AddRows(part, Json{{inner_key, inner}}, true, rows);
          continue;
        }
        std::string label = key == "by_status" ? StateLabel(part, inner_key) : Label(inner_key);
        rows.push_back({{"label", label}, {"value", Value(inner_key, inner)}, {"indent", true}});
      }
    } else {
      rows.push_back({{"label", Label(key)}, {"value", Value(key, value)}, {"indent", indent}});
    }
  }
}

}  // namespace

Json StatisticsTables(const Json& statistics) {
  Json tables = Json::array();
  Json overview = Json::array();
  for (const auto& [key, value] : statistics.items()) {
    if (!value.is_object()) {
      overview.push_back({{"label", Label(key)}, {"value", Value(key, value)}, {"indent", false}});
      continue;
    }
    Json rows = Json::array();
    AddRows(key, value, false, rows);
    if (rows.empty()) rows.push_back({{"label", "（无）"}, {"value", ""}, {"indent", false}});
    tables.push_back({{"title", Label(key)}, {"rows", rows}});
  }
  if (!overview.empty()) tables.insert(tables.begin(), Json{{"title", "概况"}, {"rows", overview}});
  return tables;
}

}  // namespace qf::web::internal
