// An activity as entered — by the web form or by a row of the XLSX template — and its validation.
// Both hand in the same text fields (key → text, as typed), so the form and the template accept
// exactly the same values and refuse them with the same messages:
//
//   ActivityFields fields = {{"kind", "座谈会"}, {"held_on", "2026-03-05"}, {"title", "..."},
//                            {"unit", "street-01"}, {"domain", "民生"}, {"participants", "23"}};
//   auto input = ParseActivity(fields, tree);   // Error::field() names the key at fault
//   FieldLabel("kind") == "活动类型"             // the form's label and the template's header
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casework/permissions.h"
#include "core/date.h"
#include "core/result.h"

namespace qf::activities {

// key → text as typed; a missing key is an empty field.
using ActivityFields = std::map<std::string, std::string, std::less<>>;

// One field of an activity: its key (form field name), its Chinese label (the template's header)
// and whether it must be filled in.
struct FieldSpec {
  std::string_view key, label;
  bool required;
};
// Every field, in the template's column order:
//   kind 活动类型*, held_on 日期*, title 标题*, unit 组织单位*, domain 领域*, campaigns 专项,
//   participants 参与人次, visited 走访人数, places 地点或社区, mechanism 建立/修订, doc_number
//   文号, summary 内容摘要, clue_problems 发现问题（转线索）, rectification_problems
//   发现问题（转整改）.
// Lists (campaigns, places, problems) are separated by a line break, "；", "、", "，" or ",";
// problems by a line break or "；" only (a problem's text may hold commas).
std::span<const FieldSpec> Fields();
std::string_view FieldLabel(std::string_view key);

struct ProblemInput {
  std::string description;
  bool as_clue = true;  // else a rectification item (整改事项) of the organising unit
};

struct ActivityInput {
  std::string kind;  // a taxonomy activity kind: 座谈会 ...
  Date held_on;      // Beijing date
  std::string title;
  std::string unit_code;  // the organising unit (units.code; the form may name it in Chinese)
  std::string domain;     // a taxonomy domain not retired
  std::vector<std::string> campaigns;  // taxonomy campaign codes (code or name accepted)
  int64_t participants = 0;            // 人次 (head count)
  int64_t visited = 0;                 // persons visited (走访群众)
  std::vector<std::string> places;     // as entered; communities are matched to units
  std::string mechanism;               // 制度机制: 建立 or 修订; "" for other kinds
  std::string doc_number;              // 制度机制: its 文号
  std::string summary;
  std::vector<ProblemInput> problems;
};

// Validates and normalises the fields: the kind, domain and campaigns against the active taxonomy
// (config/taxonomy.toml), the unit against `tree` (code or Chinese name), the date as any
// accepted format (an Excel serial number too when `date_is_serial`), counts as whole numbers
// 0..1000000, 制度机制 needing 建立/修订 (and refusing them for other kinds). kInvalidArgument with
// Error::field() the key and a message without the label ("“座谈”不是已配置的活动类型").
Result<ActivityInput> ParseActivity(const ActivityFields& fields, const casework::UnitTree& tree,
                                    bool date_is_serial = false);

// The clue source of a problem found by an activity of `kind`: 监督检查 for 监督检查, 督导检查 and
// 联合督查 (what an inspection finds), 人工录入 for every other kind (heard at a 座谈会 or a visit,
// entered by hand).
std::string_view ClueSourceFor(std::string_view kind);

}  // namespace qf::activities
