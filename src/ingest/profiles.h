// Column profiles of the canonical tables (spec/dataset.md): for each table its English and
// Chinese column names, what kind of value each column holds, which columns are optional, and the
// natural key (the PRIMARY KEY of store/schema_v1.sql) that imports upsert on.
//
// The list is in dependency order: a folder is imported in this order (programs before the
// enrolments and payments that refer to them).
//
//   const TableProfile* p = FindProfile("payments");     // or FindProfile("发放明细")
//   for (const ColumnProfile& c : p->columns) ...
#pragma once

#include <span>
#include <string_view>

namespace qf::ingest {

enum class FieldKind {
  kText,        // trimmed text
  kName,        // a person's name: stored as given (rules compare normalised names)
  kCitizenId,   // GB 11643 ID number; registries reject invalid ones, ledgers keep them
  kCreditCode,  // GB 32100 credit code, stored upper case
  kIdOrCredit,  // either an ID number or a credit code (counterparties)
  kAccountNo,   // a bank account number: text, but one Excel turned into a number is refused
  kRegionCode,  // 6-digit GB/T 2260 code
  kDate,        // any date format of dataset.md → ISO
  kPeriod,      // any period format → canonical text
  kMoney,       // yuan → integer fen
  kAge,         // whole years 0..150
  kDecimal,     // a non-negative decimal number (areas), stored as written
  kChoice,      // one of `choices`
  kYesNo,       // 是/否 → 1/0
  kRatio,       // a fraction 0..1 written "0.3" or "30%", stored as the canonical fraction "0.3"
  kCode,        // an identifier compared as written: trimmed, ASCII letters upper-cased
};

struct ColumnProfile {
  std::string_view name;     // English name = the store's column name
  std::string_view chinese;  // Chinese header name
  FieldKind kind;
  // An optional column ('?' in dataset.md) may be absent from the file, and its values may be
  // empty (stored as NULL). A required column must be present and every value non-empty.
  bool optional = false;
  std::span<const std::string_view> choices = {};
};

struct TableProfile {
  std::string_view name;     // canonical table name = file name stem = store table
  std::string_view chinese;  // Chinese table name (also accepted as a file name stem)
  // Ledger tables keep rows whose ID number is invalid (rule R11 reports them).
  bool ledger = false;
  std::span<const ColumnProfile> columns;
  std::span<const std::string_view> key;  // natural key columns
};

// Every canonical table, in import (dependency) order.
std::span<const TableProfile> AllProfiles();
// By English or Chinese table name, case-insensitive for English; nullptr when unknown.
const TableProfile* FindProfile(std::string_view table_name);

}  // namespace qf::ingest
