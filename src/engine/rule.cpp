#include "engine/rule.h"

#include <array>
#include <cctype>
#include <string>

#include "engine/internal/rules.h"

namespace qf::engine {

std::span<const RuleSpec* const> RuleCatalogue() {
  static constexpr std::array<const RuleSpec*, 26> kAll = {
      &internal::kR01, &internal::kR02, &internal::kR03, &internal::kR04, &internal::kR05,
      &internal::kR06, &internal::kR07, &internal::kR08, &internal::kR09, &internal::kR10,
      &internal::kR11, &internal::kR12, &internal::kR13, &internal::kR14, &internal::kR15,
      &internal::kR16, &internal::kR17, &internal::kR18, &internal::kR19, &internal::kR20,
      &internal::kR21, &internal::kR22, &internal::kR23, &internal::kR24, &internal::kR25,
      &internal::kR26};
  return kAll;
}

const RuleSpec* FindRule(std::string_view id) {
  std::string upper(id);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const RuleSpec* r : RuleCatalogue()) {
    if (r->id == upper) return r;
  }
  return nullptr;
}

std::string MissingTables(const RuleSpec& rule, const Snapshot& snap) {
  std::string missing;
  for (int t = 0; t < static_cast<int>(Table::kCount); ++t) {
    auto table = static_cast<Table>(t);
    if ((rule.needs & Bit(table)) != 0 && !snap.Has(table)) {
      if (!missing.empty()) missing += "、";
      missing += TableName(table);
    }
  }
  if (rule.needs_any != 0 && (snap.present & rule.needs_any) == 0) {
    std::string any;
    for (int t = 0; t < static_cast<int>(Table::kCount); ++t) {
      auto table = static_cast<Table>(t);
      if ((rule.needs_any & Bit(table)) != 0) {
        if (!any.empty()) any += "/";
        any += TableName(table);
      }
    }
    if (!missing.empty()) missing += "、";
    missing += any;
  }
  // Absent and header-only tables look alike in the store (no rows); either way the rule has
  // nothing to compare and must not accuse anyone on half the data (the boundary review).
  return missing.empty()
             ? missing
             : "缺少 " + missing + " 表的数据（未导入，或只有表头没有数据行），无可比对";
}

}  // namespace qf::engine
