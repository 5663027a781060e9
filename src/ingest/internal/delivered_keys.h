// The natural keys of a full-extract delivery (`import --replace`, spec/dataset.md): collected in
// a temporary table while the rows are upserted, so that the stored rows whose key the delivery
// lacks can be removed in the same transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/result.h"
#include "ingest/internal/field_parser.h"
#include "ingest/profiles.h"
#include "store/database.h"

namespace qf::ingest::internal {

class DeliveredKeys {
 public:
  // Creates the temporary table; call inside the import's transaction.
  static Result<std::unique_ptr<DeliveredKeys>> Begin(store::Database& db,
                                                      const TableProfile& profile);

  // Records the keys of `rows` parsed rows (row-major, the profile's columns).
  Result<void> Add(const FieldValue* values, size_t rows);

  // Deletes the stored rows whose key was not delivered, drops the temporary table, and returns
  // how many rows were removed.
  Result<int64_t> RemoveAbsent();

 private:
  DeliveredKeys(store::Database& db, const TableProfile& profile);

  store::Database& db_;
  const TableProfile& profile_;
  std::vector<size_t> key_columns_;  // indices into profile_.columns
  std::unique_ptr<store::Statement> insert_;
};

}  // namespace qf::ingest::internal
