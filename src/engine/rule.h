// RuleSpec: what the engine knows about one rule of the catalogue (spec/rules.md): its id and
// name, default severity, the tables it needs and the function that evaluates it over a snapshot.
// Each rule lives in src/engine/rules/rNN_*.cpp and defines one `extern const RuleSpec kRNN`.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/finding.h"
#include "engine/snapshot.h"
#include "engine/thresholds.h"

namespace qf::engine {

struct RuleContext {
  const Snapshot& snap;
  const Thresholds& thresholds;
  int32_t as_of = 0;  // days since 1970-01-01
};

// Appends the rule's findings to `out`, in any order, at most one per key.
using RuleFn = void (*)(const RuleContext& ctx, std::vector<Finding>& out);

struct RuleSpec {
  std::string_view id;    // "R01"
  std::string_view name;  // "死亡人员冒领"
  Severity severity;
  TableMask needs;      // every one of these tables must have rows
  TableMask needs_any;  // and, when not 0, at least one of these
  std::string_view key; // the key fields, for documentation and the summary
  RuleFn run;
};

// R01 … R26 in order.
std::span<const RuleSpec* const> RuleCatalogue();
// nullptr when `id` names no rule (case-insensitive: "r05" finds R05).
const RuleSpec* FindRule(std::string_view id);

// Empty when the snapshot has what the rule needs, else the reason in Chinese
// ("缺少 deaths 表的数据（未导入，或只有表头没有数据行），无可比对").
std::string MissingTables(const RuleSpec& rule, const Snapshot& snap);

}  // namespace qf::engine
