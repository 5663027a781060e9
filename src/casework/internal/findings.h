// Comparison findings as casework sees them: the unit that owns one (the community unit of the
// person it is about, else the commission), whether it names commission staff (restricted to
// 干部监督室), and its review version.
//
// A finding names the people whose ID numbers are its id_number, its ref (R03: the cadre) and
// every ID number in its evidence ("姓名（ID）"). Findings without an id_number (the collective
// and project rules) also name the people their evidence quotes (“承包方”, “向“对方”…”) and, for
// R17, the counterparty in ref — those are matched by name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casework/internal/records.h"
#include "casework/internal/staff.h"

namespace qf::casework::internal {

struct FindingRecord {
  std::string fingerprint, rule, id_number, ref, evidence, status;
  std::string review, review_reason, reviewed_by, reviewed_at;
  int64_t review_version = 0;
  std::string outcome;    // the latest outcome (FindingOutcomes()), "" for none
  std::string unit_code;  // owning unit
  bool restricted = false;
};

// The finding, or nullopt when there is none with that fingerprint.
Result<std::optional<FindingRecord>> LoadFindingRecord(const Env& env, const StaffDirectory& staff,
                                                       std::string_view fingerprint);
Target FindingTarget(const FindingRecord& finding);

// True when the finding names a member of `staff` (see the file comment).
bool FindingNamesStaff(const StaffDirectory& staff, std::string_view id_number,
                       std::string_view ref, std::string_view evidence);

// Fingerprints of every finding that names staff. Reads the whole findings table.
Result<std::vector<std::string>> RestrictedFingerprints(const Env& env,
                                                        const StaffDirectory& staff);

}  // namespace qf::casework::internal
