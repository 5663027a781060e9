#include "engine/check.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "core/date.h"
#include "core/layout_controls.h"
#include "engine/findings_store.h"

namespace qf::engine {

int32_t DefaultAsOf(const Snapshot& snap) {
  if (snap.latest_paid != kNoDate) return snap.latest_paid;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return DaysFromCivil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

Evaluation Evaluate(const Snapshot& snap, std::span<const RuleSpec* const> rules,
                    const Thresholds& thresholds, int32_t as_of, int threads,
                    const CheckProgressFn& on_progress) {
  Evaluation ev;
  ev.as_of = as_of;
  const size_t n = rules.size();
  std::vector<std::vector<Finding>> found(n);
  ev.rules.resize(n);
  std::atomic<size_t> next{0};
  RuleContext ctx{snap, thresholds, as_of};
  std::mutex progress_mutex;
  int64_t rules_done = 0;  // Guarded by progress_mutex
  auto rule_done = [&] {
    if (!on_progress) return;
    std::lock_guard lock(progress_mutex);
    on_progress({.stage = CheckProgress::Stage::kRules,
                 .rules_done = ++rules_done,
                 .rules_total = static_cast<int64_t>(n)});
  };
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) {
      const RuleSpec& rule = *rules[i];
      RuleSummary& sum = ev.rules[i];
      sum.rule = std::string(rule.id);
      sum.name = std::string(rule.name);
      sum.skipped = MissingTables(rule, snap);
      if (!sum.skipped.empty()) {
        rule_done();
        continue;
      }
      auto start = std::chrono::steady_clock::now();
      rule.run(ctx, found[i]);
      // Evidence is one line (the boundary review): a name holding a line break or a
      // bidirectional override must not split or reorder a line of the export.
      for (Finding& f : found[i]) f.evidence = ReplaceLayoutControls(f.evidence);
      sum.milliseconds =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      SortFindings(found[i]);
      // One finding per key: a rule bug must not double-count a key.
      found[i].erase(std::unique(found[i].begin(), found[i].end(),
                                 [](const Finding& a, const Finding& b) {
                                   return !FindingLess(a, b) && !FindingLess(b, a);
                                 }),
                     found[i].end());
      sum.findings = static_cast<int64_t>(found[i].size());
      for (const Finding& f : found[i]) sum.amount += f.amount;
      rule_done();
    }
  };
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min<int>(threads, static_cast<int>(std::max<size_t>(n, 1)));
  {
    std::vector<std::jthread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  for (auto& v : found) {
    for (Finding& f : v) ev.findings.push_back(std::move(f));
  }
  SortFindings(ev.findings);
  return ev;
}

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The rules `options` names, in catalogue order; every rule when it names none.
Result<std::vector<const RuleSpec*>> SelectRules(const CheckOptions& options) {
  std::vector<const RuleSpec*> rules;
  if (options.rules.empty()) {
    auto all = RuleCatalogue();
    rules.assign(all.begin(), all.end());
    return rules;
  }
  for (const std::string& id : options.rules) {
    const RuleSpec* rule = FindRule(id);
    if (rule == nullptr) return Fail(ErrorCode::kInvalidArgument, "未知的规则编号：" + id);
    if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
  }
  std::sort(rules.begin(), rules.end(),
            [](const RuleSpec* a, const RuleSpec* b) { return a->id < b->id; });
  return rules;
}

}  // namespace

Result<CheckReport> RunCheck(store::Database& db, const CheckOptions& options) {
  // An unknown rule id fails before the load.
  if (auto rules = SelectRules(options); !rules) return std::unexpected(rules.error());
  auto start = std::chrono::steady_clock::now();
  SnapshotLoad how;
  auto snap = LoadSnapshotThrough(db, options.more_connections, options.snapshot_file, &how);
  if (!snap) return std::unexpected(snap.error());
  double load_seconds = SecondsSince(start);
  auto report = RunCheck(db, *snap, options);
  if (report) {
    report->load_seconds = load_seconds;
    report->snapshot_load = how;
  }
  return report;
}

Result<CheckReport> RunCheck(store::Database& db, const Snapshot& snap,
                             const CheckOptions& options) {
  auto rules = SelectRules(options);
  if (!rules) return std::unexpected(rules.error());
  CheckReport report;
  int32_t as_of = options.as_of.value_or(DefaultAsOf(snap));
  auto start = std::chrono::steady_clock::now();
  report.evaluation =
      Evaluate(snap, *rules, options.thresholds, as_of, options.threads, options.on_progress);
  report.rules_seconds = SecondsSince(start);
  if (options.record) {
    if (options.on_progress) options.on_progress({.stage = CheckProgress::Stage::kRecord});
    start = std::chrono::steady_clock::now();
    auto run = RecordRun(db, report.evaluation, options.recorder, options.actor);
    if (!run) return std::unexpected(run.error());
    report.run_id = *run;
    report.record_seconds = SecondsSince(start);
  }
  return report;
}

}  // namespace qf::engine
