// Plausibility of a parsed row (issue 12, point 8): values that parse but cannot be true are row
// errors, like values that do not parse. A careful auditor's reading, in docs/import.md:
//
// - a persons.birth_date after the as-of date (no one is born after the data was drawn);
// - a persons.birth_date that contradicts the birth date inside the ID number (characters 7–14);
// - a payments.paid_date after the as-of date (money cannot have been paid in the future).
//
// The as-of date is ImportOptions::as_of (`qingfeng import --as-of`), else the date of
// ImportOptions::today (the system clock by default). Names with control or bidirectional
// characters are refused by the field parser (field_parser.h), one field at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "ingest/importer.h"
#include "ingest/internal/field_parser.h"
#include "ingest/profiles.h"

namespace qf::ingest::internal {

struct Implausible {
  size_t column = 0;   // index into profile.columns
  std::string reason;  // Chinese
};

// The as-of date of an import: options.as_of, else options.today(), else the system's local date.
Date ResolveAsOf(const ImportOptions& options);

// Checks one row whose fields all parsed: `values` has one entry per profile column.
std::vector<Implausible> CheckPlausibility(const TableProfile& profile, const FieldValue* values,
                                           Date as_of);

}  // namespace qf::ingest::internal
