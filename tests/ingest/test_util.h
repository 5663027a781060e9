// Shared helpers of the ingest tests: a temporary folder, file writing, valid ID numbers and
// credit codes, and a migrated in-memory store with small query helpers.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/citizen_id.h"
#include "core/credit_code.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace qf::ingest::testing {

using TempDir = qf::test_support::TempDir;

// A valid 18-character ID number: the 17 given digits and their check character.
inline std::string Id(const std::string& first17) {
  return first17 + CitizenId::CheckCharacter(first17);
}

inline std::string CreditCodeOf(const std::string& first17) {
  return first17 + CreditCode::CheckCharacter(first17);
}

inline std::unique_ptr<store::Database> MigratedMemoryDb() {
  auto db = store::Open(test_support::TestStoreUrl());
  EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message());
  if (!db) return nullptr;
  auto migrated = store::Migrate(**db);
  EXPECT_TRUE(migrated.has_value()) << (migrated ? "" : migrated.error().message());
  return std::move(*db);
}

inline int64_t QueryInt(store::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st.has_value()) << sql;
  if (!st) return -1;
  auto row = (*st)->Step();
  EXPECT_TRUE(row.has_value() && *row) << sql;
  return (*st)->IsNull(0) ? -1 : (*st)->Int(0);
}

inline std::string QueryText(store::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st.has_value()) << sql;
  if (!st) return "";
  auto row = (*st)->Step();
  EXPECT_TRUE(row.has_value() && *row) << sql;
  if (!row || !*row) return "";
  return (*st)->IsNull(0) ? "<null>" : (*st)->Text(0);
}

}  // namespace qf::ingest::testing
