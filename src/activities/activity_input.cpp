#include "activities/activity_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "core/result_macros.h"
#include "core/strings.h"
#include "taxonomy/taxonomy.h"

namespace qf::activities {
namespace {

constexpr std::array kFields = {
    FieldSpec{"kind", "活动类型", true},
    FieldSpec{"held_on", "日期", true},
    FieldSpec{"title", "标题", true},
    FieldSpec{"unit", "组织单位", true},
    FieldSpec{"domain", "领域", true},
    FieldSpec{"campaigns", "专项", false},
    FieldSpec{"participants", "参与人次", false},
    FieldSpec{"visited", "走访人数", false},
    FieldSpec{"places", "地点或社区", false},
    FieldSpec{"mechanism", "建立/修订", false},
    FieldSpec{"doc_number", "文号", false},
    FieldSpec{"summary", "内容摘要", false},
    FieldSpec{"clue_problems", "发现问题（转线索）", false},
    FieldSpec{"rectification_problems", "发现问题（转整改）", false},
};

constexpr size_t kMaxText = 2000;

Error Bad(std::string_view key, std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message)).WithField(std::string(key));
}

std::string Get(const ActivityFields& fields, std::string_view key) {
  auto it = fields.find(key);
  return it == fields.end() ? std::string() : std::string(TrimSpaces(it->second));
}

// Splits at line breaks and at each of `separators`, trimming and dropping empty parts.
std::vector<std::string> SplitList(std::string_view text,
                                   std::initializer_list<std::string_view> separators) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string part(TrimSpaces(current));
    if (!part.empty()) out.push_back(part);
    current.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n' || text[i] == '\r') {
      flush();
      ++i;
      continue;
    }
    bool split = false;
    for (std::string_view sep : separators) {
      if (text.substr(i).starts_with(sep)) {
        flush();
        i += sep.size();
        split = true;
        break;
      }
    }
    if (!split) current += text[i++];
  }
  flush();
  return out;
}

Result<std::string> Text(const ActivityFields& fields, std::string_view key, bool required) {
  std::string value = Get(fields, key);
  if (required && value.empty()) return std::unexpected(Bad(key, "不能为空"));
  if (value.size() > kMaxText) {
    return std::unexpected(Bad(key, fmt::format("过长（至多 {} 字节）", kMaxText)));
  }
  return value;
}

Result<int64_t> Count(const ActivityFields& fields, std::string_view key) {
  std::string text = Get(fields, key);
  if (text.empty()) return int64_t{0};
  int64_t value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 1000000) {
    return std::unexpected(Bad(key, fmt::format("“{}”不是 0 到 1000000 之间的整数", text)));
  }
  return value;
}

Result<Date> HeldOn(const ActivityFields& fields, bool date_is_serial) {
  std::string text = Get(fields, "held_on");
  if (text.empty()) return std::unexpected(Bad("held_on", "不能为空"));
  if (date_is_serial) {
    double serial = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
    if (ec == std::errc() && end == text.data() + text.size() && serial > 1 && serial < 200000) {
      return Date::FromDays(static_cast<int32_t>(serial) - 25569);  // Excel's 1970-01-01
    }
  }
  auto date = Date::Parse(text);
  if (!date) {
    return std::unexpected(
        Bad("held_on", fmt::format("“{}”不是日期（应如 2026-03-05 或 2026年3月5日）", text)));
  }
  return *date;
}

Result<std::vector<std::string>> Campaigns(const ActivityFields& fields,
                                           const taxonomy::Taxonomy& t) {
  std::vector<std::string> out;
  for (const std::string& item : SplitList(Get(fields, "campaigns"), {"；", "、", "，", ","})) {
    const taxonomy::Campaign* found = t.FindCampaign(item);
    for (const taxonomy::Campaign& c : t.campaigns) {
      if (!found && c.name == item) found = &c;
    }
    if (!found || found->retired) {
      return std::unexpected(Bad("campaigns", fmt::format("“{}”不是已配置的专项", item)));
    }
    if (std::find(out.begin(), out.end(), found->code) == out.end()) out.push_back(found->code);
  }
  return out;
}

Result<std::string> UnitCode(const ActivityFields& fields, const casework::UnitTree& tree) {
  QF_ASSIGN_OR_RETURN(std::string text, Text(fields, "unit", true));
  if (tree.Find(text)) return text;
  for (const auto& [code, unit] : tree.units()) {
    if (unit.name == text) return code;
  }
  return std::unexpected(Bad("unit", fmt::format("“{}”不是已登记的单位", text)));
}

Result<void> CheckKindAndMechanism(ActivityInput& input, const ActivityFields& fields,
                                   const taxonomy::Taxonomy& t) {
  QF_ASSIGN_OR_RETURN(input.kind, Text(fields, "kind", true));
  if (!t.FindActivityKind(input.kind)) {
    return std::unexpected(Bad("kind", fmt::format("“{}”不是已配置的活动类型", input.kind)));
  }
  QF_ASSIGN_OR_RETURN(input.domain, Text(fields, "domain", true));
  const taxonomy::Domain* domain = t.FindDomain(input.domain);
  if (!domain || domain->retired) {
    return std::unexpected(Bad("domain", fmt::format("“{}”不是已配置的领域", input.domain)));
  }
  QF_ASSIGN_OR_RETURN(input.mechanism, Text(fields, "mechanism", false));
  QF_ASSIGN_OR_RETURN(input.doc_number, Text(fields, "doc_number", false));
  if (input.kind == "制度机制") {
    if (input.mechanism != "建立" && input.mechanism != "修订") {
      return std::unexpected(Bad("mechanism", "制度机制须填“建立”或“修订”"));
    }
  } else if (!input.mechanism.empty()) {
    return std::unexpected(Bad("mechanism", "只有制度机制填写建立/修订"));
  }
  return {};
}

std::vector<ProblemInput> Problems(const ActivityFields& fields) {
  std::vector<ProblemInput> out;
  for (auto& text : SplitList(Get(fields, "clue_problems"), {"；"})) out.push_back({text, true});
  for (auto& text : SplitList(Get(fields, "rectification_problems"), {"；"})) {
    out.push_back({text, false});
  }
  return out;
}

}  // namespace

std::span<const FieldSpec> Fields() { return kFields; }

std::string_view FieldLabel(std::string_view key) {
  for (const FieldSpec& f : kFields) {
    if (f.key == key) return f.label;
  }
  return key;
}

Result<ActivityInput> ParseActivity(const ActivityFields& fields, const casework::UnitTree& tree,
                                    bool date_is_serial) {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  ActivityInput input;
  QF_RETURN_IF_ERROR(CheckKindAndMechanism(input, fields, t));
  QF_ASSIGN_OR_RETURN(input.held_on, HeldOn(fields, date_is_serial));
  QF_ASSIGN_OR_RETURN(input.title, Text(fields, "title", true));
  QF_ASSIGN_OR_RETURN(input.unit_code, UnitCode(fields, tree));
  QF_ASSIGN_OR_RETURN(input.campaigns, Campaigns(fields, t));
  QF_ASSIGN_OR_RETURN(input.participants, Count(fields, "participants"));
  QF_ASSIGN_OR_RETURN(input.visited, Count(fields, "visited"));
  input.places = SplitList(Get(fields, "places"), {"；", "、", "，", ","});
  QF_ASSIGN_OR_RETURN(input.summary, Text(fields, "summary", false));
  input.problems = Problems(fields);
  for (const ProblemInput& p : input.problems) {
    if (p.description.size() > kMaxText) {
      return std::unexpected(Bad(p.as_clue ? "clue_problems" : "rectification_problems",
                                 fmt::format("每个问题至多 {} 字节", kMaxText)));
    }
  }
  return input;
}

std::string_view ClueSourceFor(std::string_view kind) {
  return kind == "监督检查" || kind == "督导检查" || kind == "联合督查" ? "监督检查" : "人工录入";
}

}  // namespace qf::activities
