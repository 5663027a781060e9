#include "engine/findings_store.h"

#include <fmt/format.h>

#include <ctime>
#include <string>
#include <unordered_map>

#include "engine/internal/rules.h"

namespace qf::engine {
namespace {

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct Stored {
  std::string rule, status, review;
  bool seen = false;
};

// The check.run audit entry: what was compared and what changed (rule codes and counts only, so
// the JSON is written by hand).
audit::Entry RunEntry(const Evaluation& ev, int64_t run_id, std::string_view actor,
                      int64_t new_total, int64_t gone_total, int64_t imports) {
  std::string rules, skipped;
  for (const RuleSummary& r : ev.rules) {
    std::string& list = r.skipped.empty() ? rules : skipped;
    list += (list.empty() ? "\"" : ",\"") + r.rule + "\"";
  }
  auto found = static_cast<int64_t>(ev.findings.size());
  std::string after = fmt::format(
      R"({{"as_of":"{}","rules":[{}],"skipped":[{}],"findings":{},"new":{},"still":{},"gone":{},"imports_followed":{}}})",
      internal::DateText(ev.as_of), rules, skipped, found, new_total, found - new_total,
      gone_total, imports);
  return {std::string(actor), "check.run", "check_run", std::to_string(run_id), "", after};
}

}  // namespace

Result<int64_t> RecordRun(store::Database& db, Evaluation& ev, const audit::Recorder* recorder,
                          std::string_view actor) {
  auto tx = db.Begin();
  if (!tx) return std::unexpected(tx.error());
  auto fail = [](const Error& e) { return std::unexpected(e.WithContext("记录比对结果")); };

  int64_t run_id = 1;
  {
    auto st = db.Prepare("SELECT COALESCE(MAX(run_id), 0) + 1 FROM check_runs");
    if (!st) return fail(st.error());
    auto row = (*st)->Step();
    if (!row) return fail(row.error());
    if (*row) run_id = (*st)->Int(0);
  }

  std::unordered_map<std::string, Stored> stored;
  {
    auto st = db.Prepare("SELECT fingerprint, rule, status, review FROM findings");
    if (!st) return fail(st.error());
    while (true) {
      auto row = (*st)->Step();
      if (!row) return fail(row.error());
      if (!*row) break;
      stored.emplace((*st)->Text(0), Stored{(*st)->Text(1), (*st)->Text(2), (*st)->Text(3)});
    }
  }

  auto insert = db.Prepare(
      "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, ref, "
      "severity, amount, evidence, status, first_seen_run, last_seen_run, review) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, 'open')");
  if (!insert) return fail(insert.error());
  auto update = db.Prepare(
      "UPDATE findings SET ref = ?, amount = ?, evidence = ?, status = ?, last_seen_run = ? "
      "WHERE fingerprint = ?");
  if (!update) return fail(update.error());
  auto mark_gone = db.Prepare("UPDATE findings SET status = 'gone' WHERE fingerprint = ?");
  if (!mark_gone) return fail(mark_gone.error());

  std::unordered_map<std::string, RuleSummary*> summary_of;
  std::string rule_list;
  for (RuleSummary& r : ev.rules) {
    if (!r.skipped.empty()) continue;
    summary_of[r.rule] = &r;
    if (!rule_list.empty()) rule_list += ",";
    rule_list += r.rule;
  }

  int64_t new_total = 0, gone_total = 0;
  for (Finding& f : ev.findings) {
    f.fingerprint = Fingerprint(f);
    auto it = stored.find(f.fingerprint);
    RuleSummary* sum = summary_of[f.rule];
    if (it == stored.end()) {
      store::Statement& st = **insert;
      st.Reset();
      st.Bind(1, f.fingerprint);
      st.Bind(2, f.rule);
      st.Bind(3, f.id_number);
      st.Bind(4, f.program_code);
      st.Bind(5, f.period);
      st.Bind(6, f.account_no);
      st.Bind(7, f.ref);
      st.Bind(8, SeverityText(f.severity));
      st.Bind(9, f.amount);
      st.Bind(10, f.evidence);
      st.Bind(11, run_id);
      st.Bind(12, run_id);
      if (auto r = st.Run(); !r) return fail(r.error());
      f.status = "new";
      f.review = "open";
      stored.emplace(f.fingerprint, Stored{f.rule, "new", "open", true});
    } else {
      Stored& old = it->second;
      old.seen = true;
      f.review = old.review;
      f.status = old.status == "gone" && old.review != "dismissed" ? "new" : "present";
      store::Statement& st = **update;
      st.Reset();
      st.Bind(1, f.ref);
      st.Bind(2, f.amount);
      st.Bind(3, f.evidence);
      st.Bind(4, f.status);
      st.Bind(5, run_id);
      st.Bind(6, f.fingerprint);
      if (auto r = st.Run(); !r) return fail(r.error());
    }
    if (f.status == "new") {
      ++new_total;
      if (sum != nullptr) ++sum->new_findings;
    }
  }
  for (auto& [fingerprint, old] : stored) {
    if (old.seen || old.status == "gone") continue;
    auto sum = summary_of.find(old.rule);
    if (sum == summary_of.end()) continue;  // rule not evaluated this run: unknown, unchanged
    store::Statement& st = **mark_gone;
    st.Reset();
    st.Bind(1, fingerprint);
    if (auto r = st.Run(); !r) return fail(r.error());
    ++sum->second->gone_findings;
    ++gone_total;
  }

  auto run = db.Prepare(
      "INSERT INTO check_runs(run_id, started_at, as_of, rules, findings, new_findings, "
      "gone_findings) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!run) return fail(run.error());
  (*run)->Bind(1, run_id);
  (*run)->Bind(2, NowUtc());
  (*run)->Bind(3, internal::DateText(ev.as_of));
  (*run)->Bind(4, rule_list);
  (*run)->Bind(5, static_cast<int64_t>(ev.findings.size()));
  (*run)->Bind(6, new_total);
  (*run)->Bind(7, gone_total);
  if (auto r = (*run)->Run(); !r) return fail(r.error());
  // The run follows every applied import since the previous run: each import can then show the
  // findings it made new and gone (import_log.check_run_id).
  auto follow = db.Prepare(
      "UPDATE import_log SET check_run_id = ? WHERE check_run_id IS NULL AND outcome IN "
      "('applied', 'partial')");
  if (!follow) return fail(follow.error());
  (*follow)->Bind(1, run_id);
  if (auto r = (*follow)->Run(); !r) return fail(r.error());
  const int64_t imports = (*follow)->Changes();
  if (recorder != nullptr) {
    auto entry =
        recorder->Append(db, RunEntry(ev, run_id, actor, new_total, gone_total, imports));
    if (!entry) return fail(entry.error());
  }
  if (auto r = (*tx)->Commit(); !r) return fail(r.error());
  return run_id;
}

Result<void> ReviewFinding(store::Database& db, std::string_view fingerprint,
                           std::string_view decision, std::string_view reason,
                           std::string_view who) {
  if (decision != "confirmed" && decision != "dismissed" && decision != "open") {
    return Fail(
        ErrorCode::kInvalidArgument,
        "审核结论必须是 confirmed、dismissed 或 open，而不是“" + std::string(decision) + "”");
  }
  auto st = db.Prepare(
      "UPDATE findings SET review = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ?, "
      "review_version = review_version + 1 WHERE fingerprint = ?");
  if (!st) return std::unexpected(st.error());
  (*st)->Bind(1, decision);
  (*st)->Bind(2, reason);
  (*st)->Bind(3, who);
  (*st)->Bind(4, NowUtc());
  (*st)->Bind(5, fingerprint);
  if (auto r = (*st)->Run(); !r) return std::unexpected(r.error());
  if ((*st)->Changes() == 0) {
    return Fail(ErrorCode::kNotFound, "没有指纹为 " + std::string(fingerprint) + " 的比对发现");
  }
  return {};
}

Result<std::vector<Finding>> CurrentFindings(store::Database& db) {
  auto st = db.Prepare(
      "SELECT rule, id_number, program_code, period, account_no, ref, severity, amount, "
      "evidence, fingerprint, status, review FROM findings WHERE status <> 'gone'");
  if (!st) return std::unexpected(st.error());
  std::vector<Finding> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    Finding f;
    f.rule = (*st)->Text(0);
    f.id_number = (*st)->Text(1);
    f.program_code = (*st)->Text(2);
    f.period = (*st)->Text(3);
    f.account_no = (*st)->Text(4);
    f.ref = (*st)->Text(5);
    f.severity = SeverityFromText((*st)->Text(6));
    f.amount = (*st)->Int(7);
    f.evidence = (*st)->Text(8);
    f.fingerprint = (*st)->Text(9);
    f.status = (*st)->Text(10);
    f.review = (*st)->Text(11);
    out.push_back(std::move(f));
  }
  SortFindings(out);
  return out;
}

}  // namespace qf::engine
