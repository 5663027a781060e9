#include "ingest/internal/delivered_keys.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/result_macros.h"

namespace qf::ingest::internal {
namespace {

constexpr std::string_view kTable = "qf_delivered_keys";
// Rows per INSERT on PostgreSQL (a round trip per row would dominate); SQLite takes one.
constexpr size_t kPostgresRowsPerStatement = 256;

std::string KeyList(const TableProfile& profile, std::string_view prefix = "") {
  std::string list;
  for (auto k : profile.key) list += fmt::format("{}{}{}", list.empty() ? "" : ", ", prefix, k);
  return list;
}

std::string InsertSql(const TableProfile& profile, size_t rows) {
  std::string one = "(";
  for (size_t i = 0; i < profile.key.size(); ++i) one += i == 0 ? "?" : ", ?";
  one += ")";
  std::string values = one;
  for (size_t r = 1; r < rows; ++r) values += ", " + one;
  return fmt::format("INSERT INTO {} ({}) VALUES {}", kTable, KeyList(profile), values);
}

void BindValue(store::Statement& st, int index, const FieldValue& v) {
  switch (v.type) {
    case FieldValue::Type::kNull:
      st.BindNull(index);
      break;
    case FieldValue::Type::kText:
      st.Bind(index, std::string_view(v.text));
      break;
    case FieldValue::Type::kInt:
      st.Bind(index, v.number);
      break;
  }
}

}  // namespace

DeliveredKeys::DeliveredKeys(store::Database& db, const TableProfile& profile)
    : db_(db), profile_(profile) {
  for (auto k : profile.key) {
    for (size_t c = 0; c < profile.columns.size(); ++c) {
      if (profile.columns[c].name == k) key_columns_.push_back(c);
    }
  }
}

Result<std::unique_ptr<DeliveredKeys>> DeliveredKeys::Begin(store::Database& db,
                                                            const TableProfile& profile) {
  std::unique_ptr<DeliveredKeys> keys(new DeliveredKeys(db, profile));
  QF_RETURN_IF_ERROR(db.Execute(fmt::format("DROP TABLE IF EXISTS {}", kTable)));
  // The key columns with the stored table's types, and no rows.
  QF_RETURN_IF_ERROR(db.Execute(fmt::format("CREATE TEMPORARY TABLE {} AS SELECT {} FROM {} WHERE 1 = 0",
                                            kTable, KeyList(profile), profile.name)));
  return keys;
}

Result<void> DeliveredKeys::Add(const FieldValue* values, size_t rows) {
  const size_t ncols = profile_.columns.size();
  const size_t per_statement = db_.Dialect() == "postgresql" ? kPostgresRowsPerStatement : 1;
  if (insert_ == nullptr) {
    QF_ASSIGN_OR_RETURN(insert_, db_.Prepare(InsertSql(profile_, per_statement)));
  }
  for (size_t r = 0; r < rows; r += per_statement) {
    const size_t n = std::min(per_statement, rows - r);
    std::unique_ptr<store::Statement> shorter;  // the last, shorter run of a batch
    if (n != per_statement) {
      QF_ASSIGN_OR_RETURN(shorter, db_.Prepare(InsertSql(profile_, n)));
    }
    store::Statement& st = shorter != nullptr ? *shorter : *insert_;
    int index = 1;
    for (size_t i = 0; i < n; ++i) {
      for (size_t c : key_columns_) BindValue(st, index++, values[(r + i) * ncols + c]);
    }
    QF_RETURN_IF_ERROR(st.Run());
  }
  return {};
}

Result<int64_t> DeliveredKeys::RemoveAbsent() {
  QF_RETURN_IF_ERROR(db_.Execute(fmt::format("CREATE INDEX {0}_key ON {0} ({1})", kTable,
                                             KeyList(profile_))));
  std::string match;
  for (auto k : profile_.key) {
    match += fmt::format("{}d.{} = {}.{}", match.empty() ? "" : " AND ", k, profile_.name, k);
  }
  QF_ASSIGN_OR_RETURN(auto remove,
                      db_.Prepare(fmt::format("DELETE FROM {} WHERE NOT EXISTS (SELECT 1 FROM {} d "
                                              "WHERE {})",
                                              profile_.name, kTable, match)));
  QF_RETURN_IF_ERROR(remove->Run());
  const int64_t removed = remove->Changes();
  QF_RETURN_IF_ERROR(db_.Execute(fmt::format("DROP TABLE {}", kTable)));
  return removed;
}

}  // namespace qf::ingest::internal
