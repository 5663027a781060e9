// The closed loop: findings persist in the `findings` table under a stable fingerprint, each run
// is a `check_runs` row, and a reviewer's decision survives re-runs.
//
//   status  new      first seen by this run (or seen again after being gone, and not dismissed)
//           present  seen by an earlier run and by this one
//           gone     seen before, not by the latest run of its rule
//   review  open / confirmed / dismissed — only ReviewFinding changes it.
//
//   qf::engine::ReviewFinding(db, fingerprint, "dismissed", "已备案", "zhangsan");
//   auto current = qf::engine::CurrentFindings(db);   // the non-gone findings, export order
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "core/result.h"
#include "engine/check.h"
#include "engine/finding.h"
#include "store/database.h"

namespace qf::engine {

// Records `ev` as a new run in one transaction: inserts new findings, refreshes amount/evidence
// of present ones, marks as gone the findings of the evaluated (not skipped) rules that were not
// seen. Fills each finding's fingerprint, status and review, and each rule's new/gone counts.
// A dismissed finding that reappears keeps review=dismissed and is not counted as new. The run
// is recorded on every applied import that no run followed yet (import_log.check_run_id). With a
// recorder, the run's audit entry (check.run: as-of, rules, found/new/still/gone, skipped
// rules) is written in the same transaction. Returns the run id.
Result<int64_t> RecordRun(store::Database& db, Evaluation& ev,
                          const audit::Recorder* recorder = nullptr,
                          std::string_view actor = "system");

// Sets the review decision ("confirmed", "dismissed" or "open") with a reason and the reviewer,
// and adds one to the finding's review_version. kNotFound for an unknown fingerprint,
// kInvalidArgument for another decision. Unchecked and unaudited: staff review through
// casework::CaseworkService::ReviewFinding (role, unit, version, audit entry); this is for tools
// and tests below the casework layer.
Result<void> ReviewFinding(store::Database& db, std::string_view fingerprint,
                           std::string_view decision, std::string_view reason,
                           std::string_view who);

// The current (non-gone) findings, sorted by rule then key, with lifecycle fields filled.
Result<std::vector<Finding>> CurrentFindings(store::Database& db);

}  // namespace qf::engine
