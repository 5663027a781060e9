// The XLSX template of the activity ledger and its import (活动台账导入, docs/activities.md).
//
// The template has one sheet 活动台账: a header row with the Chinese labels of Fields() (required
// ones marked *) and one example row. An import reads the first sheet by those headers (in any
// order; unknown columns are refused, so that a misspelt header does not silently drop data),
// validates every row exactly as the form does, and stores all rows or none — in one transaction,
// with one audit entry "activity.import" holding the file's name, SHA-256 and row count and the
// new ids. Errors name the file, the line and the column:
//   活动台账.xlsx 第 4 行，列“活动类型”：“座谈”不是已配置的活动类型
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "activities/activity_book.h"

namespace qf::activities {

// The template's bytes (libxlsxwriter). kIo when it cannot be written.
Result<std::string> TemplateXlsx();

struct ImportResult {
  std::vector<int64_t> ids;  // the activities created, in row order
  std::string sha256;
};

// Imports the XLSX bytes of `file_name` (the name only shows in messages and the audit entry).
Result<ImportResult> ImportActivities(store::Database& db, const Clock& clock,
                                      const crypto::FieldCipher& cipher,
                                      casework::CaseworkService& service,
                                      const casework::Actor& actor, const std::string& file_name,
                                      const std::string& bytes);

}  // namespace qf::activities
