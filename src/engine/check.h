// The comparison run: load a snapshot, evaluate the rules in parallel, record the findings
// (closed loop: new / present / gone) in one transaction. What `qingfeng check` calls.
//
//   qf::engine::CheckOptions options;
//   options.rules = {"R01", "R05"};           // empty = every rule
//   auto report = qf::engine::RunCheck(*db, options);
//   if (!report) { print(report.error().message()); return 1; }
//   WriteFindingsCsv(std::cout, report->findings);
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "core/result.h"
#include "engine/finding.h"
#include "engine/rule.h"
#include "engine/snapshot.h"
#include "engine/snapshot_file.h"
#include "engine/thresholds.h"
#include "store/database.h"

namespace qf::engine {

struct RuleSummary {
  std::string rule;  // "R01"
  std::string name;
  std::string skipped;  // why the rule did not run ("缺少 deaths 表"); empty when it ran
  int64_t findings = 0;
  int64_t new_findings = 0;  // filled by the closed loop
  int64_t gone_findings = 0;
  int64_t amount = 0;  // fen
  double milliseconds = 0;
};

struct Evaluation {
  int32_t as_of = 0;               // days
  std::vector<Finding> findings;   // sorted by rule then key
  std::vector<RuleSummary> rules;  // in catalogue order
};

// How far a comparison run is, for a progress bar: the stage and, while the rules run, how many
// of them are done.
struct CheckProgress {
  enum class Stage { kRules, kRecord };
  Stage stage = Stage::kRules;
  int64_t rules_done = 0;
  int64_t rules_total = 0;
};
// Called from the worker threads, one call at a time (under a lock), once per rule finished and
// once when recording starts: it must be cheap and must not call back into the run.
using CheckProgressFn = std::function<void(const CheckProgress&)>;

// Evaluates `rules` over the snapshot with `threads` workers (0 = hardware concurrency). Rules
// whose tables are missing are skipped with the reason. The result does not depend on `threads`.
// `on_progress` (may be empty) hears of each rule finished.
Evaluation Evaluate(const Snapshot& snap, std::span<const RuleSpec* const> rules,
                    const Thresholds& thresholds, int32_t as_of, int threads,
                    const CheckProgressFn& on_progress = {});

// The as-of date by default: the latest paid_date in payments, else today.
int32_t DefaultAsOf(const Snapshot& snap);

struct CheckOptions {
  std::optional<int32_t> as_of;    // days since 1970-01-01; default DefaultAsOf
  std::vector<std::string> rules;  // rule ids; empty = all. Unknown ids are an error.
  Thresholds thresholds;
  int threads = 0;
  bool record = true;  // store the findings and the run (the closed loop)
  // Writes the run's audit entry (check.run) as `actor`; every caller outside tests passes one.
  const audit::Recorder* recorder = nullptr;
  std::string actor = "system";
  // More connections to the same store, to read the snapshot's tables in parallel (snapshot.h);
  // empty = read on the one connection.
  ConnectionFactory more_connections;
  // The store's snapshot file (snapshot_file.h): read when current, else written after the load;
  // an empty path loads from the store every time.
  SnapshotFile snapshot_file;
  // Hears how far the run is (a background job's progress bar); may be empty.
  CheckProgressFn on_progress;
};

struct CheckReport {
  int64_t run_id = 0;  // 0 when not recorded
  Evaluation evaluation;
  // Wall time of each phase: loading the snapshot (0 over a resident one), the rules, recording.
  double load_seconds = 0, rules_seconds = 0, record_seconds = 0;
  SnapshotLoad snapshot_load;  // how the snapshot was loaded (not set over a resident one)
};

// Fails with kInvalidArgument for an unknown rule id, kDatabase when the store fails.
Result<CheckReport> RunCheck(store::Database& db, const CheckOptions& options);

// The same over a snapshot already loaded from `db` (a resident one, resident_snapshot.h): the
// rules' time without the load's. The findings are recorded into `db`.
Result<CheckReport> RunCheck(store::Database& db, const Snapshot& snap,
                             const CheckOptions& options);

}  // namespace qf::engine
