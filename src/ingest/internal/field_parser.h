// Parses one field of a canonical table into the form the store keeps (schema_v1.sql): ISO
// dates, canonical periods, integer fen, normalised ID numbers, upper-case credit codes, 1/0 for
// 是/否. The rules per kind are those of spec/dataset.md "Field formats".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/profiles.h"

namespace qf::ingest::internal {

struct FieldValue {
  enum class Type { kNull, kText, kInt };
  Type type = Type::kNull;
  std::string text;
  int64_t number = 0;
};

// Parses `value` for `column`. `ledger`: the table keeps invalid ID numbers (normalised) instead
// of rejecting them. `numeric_cell`: the value came from an XLSX number cell (a date is then an
// Excel serial number). Returns true on success; otherwise `reason` says why, in Chinese.
bool ParseField(const ColumnProfile& column, bool ledger, std::string_view value,
                bool numeric_cell, FieldValue& out, std::string& reason);

}  // namespace qf::ingest::internal
