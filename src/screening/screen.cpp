#include "screening/screen.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include "core/result_macros.h"
#include "core/spreadsheet_cell.h"
#include "engine/batch_snapshot.h"
#include "engine/check.h"
#include "engine/rule.h"
#include "engine/snapshot.h"
#include "store/migrations.h"
#include "store/query.h"

namespace qf::screening {
namespace {

constexpr std::array<std::string_view, 12> kRules = {"R01", "R02", "R04", "R05", "R07", "R08",
                                                     "R09", "R10", "R11", "R13", "R14", "R16"};
constexpr std::string_view kColumns =
    "payment_id, batch_no, program_code, id_number, name, account_no, amount, period, paid_date";
constexpr int kColumnCount = 9;

// One row of the batch in the store's canonical form (what ingest wrote).
struct BatchRow {
  std::array<std::string, kColumnCount> text;  // amount (index 6) as written by the store
  int64_t amount = 0;
};

// The batch validated as an import of `payments` would validate it, in a private in-memory store
// that then holds it, and its rows in the file's order.
struct Batch {
  std::unique_ptr<store::Database> store;
  std::vector<BatchRow> rows;
};

Result<std::vector<BatchRow>> ReadRows(store::Database& scratch) {
  std::vector<BatchRow> rows;
  QF_ASSIGN_OR_RETURN(
      auto st, scratch.Prepare(fmt::format("SELECT {} FROM payments ORDER BY rowid", kColumns)));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) break;
    BatchRow row;
    for (int c = 0; c < kColumnCount; ++c) row.text[static_cast<size_t>(c)] = st->Text(c);
    row.amount = st->Int(6);
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<Batch> ReadBatch(const std::string& path, const ScreenOptions& options,
                        ingest::TableReport& report) {
  Batch batch;
  QF_ASSIGN_OR_RETURN(batch.store, store::Open("sqlite::memory:"));
  QF_RETURN_IF_ERROR(store::Migrate(*batch.store));
  ingest::ImportOptions import;
  import.imported_by = "screen";
  import.as_of = options.as_of;
  import.today = options.today;
  QF_ASSIGN_OR_RETURN(report, ingest::ImportFileAs(*batch.store, "payments", path, import));
  if (report.outcome != ingest::TableOutcome::kApplied) return batch;
  QF_ASSIGN_OR_RETURN(batch.rows, ReadRows(*batch.store));
  return batch;
}

// Seconds since the previous lap.
class Stopwatch {
 public:
  double Lap() {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::vector<const engine::RuleSpec*> Rules() {
  std::vector<const engine::RuleSpec*> rules;
  for (std::string_view id : kRules) rules.push_back(engine::FindRule(id));
  return rules;
}

// payment_id → index in Screening::rows.
using BatchIndex = std::unordered_map<std::string_view, size_t>;

// Calls fn(index in Screening::rows) for each positive payment of the batch that proves `f`.
template <typename Fn>
void ForBatchPayments(const engine::Snapshot& snap, const engine::Finding& f,
                      const BatchIndex& batch, Fn&& fn) {
  for (int32_t r : f.payment_rows) {
    const auto u = static_cast<size_t>(r);
    if (snap.payments.amount[u] <= 0) continue;
    auto it = batch.find(snap.payments.payment_id[u]);
    if (it != batch.end()) fn(it->second);
  }
}

// Whom the findings a positive batch payment proves are about: a person, or (R05) an account.
struct Owners {
  std::set<std::string> persons, accounts;

  bool Own(const engine::Finding& f) const {
    return f.id_number.empty() ? accounts.contains(f.account_no) : persons.contains(f.id_number);
  }
};

Owners OwnersOf(const engine::Snapshot& snap, const std::vector<engine::Finding>& findings,
                const BatchIndex& batch) {
  Owners owners;
  for (const engine::Finding& f : findings) {
    bool proven = false;
    ForBatchPayments(snap, f, batch, [&](size_t) { proven = true; });
    if (!proven) continue;
    (f.id_number.empty() ? owners.accounts : owners.persons)
        .insert(f.id_number.empty() ? f.account_no : f.id_number);
  }
  return owners;
}

// Keeps the findings of `owners` a positive row of the batch proves, and gives each such row its
// rules.
void Decide(const engine::Snapshot& snap, std::vector<engine::Finding> all, const Owners& owners,
            const BatchIndex& batch, Screening& out) {
  std::vector<std::map<std::string, std::string>> found(out.rows.size());  // rule → evidence
  for (engine::Finding& f : all) {
    if (!owners.Own(f)) continue;
    bool kept = false;
    ForBatchPayments(snap, f, batch, [&](size_t i) {
      kept = true;
      found[i].emplace(f.rule, f.evidence);  // several findings of a rule: the first
    });
    if (!kept) continue;
    f.payment_rows.clear();
    out.findings.push_back(std::move(f));
  }
  for (size_t i = 0; i < out.rows.size(); ++i) {
    RowDecision& row = out.rows[i];
    row.held = !found[i].empty();
    for (const auto& [rule, evidence] : found[i]) {
      row.rules.push_back(rule);
      if (!row.evidence.empty()) row.evidence += "；";
      row.evidence += rule + "：" + evidence;
    }
  }
}

std::vector<RowDecision> Undecided(const std::vector<BatchRow>& batch) {
  std::vector<RowDecision> rows;
  rows.reserve(batch.size());
  for (const BatchRow& b : batch) {
    RowDecision row;
    row.payment_id = b.text[0];
    row.program_code = b.text[2];
    row.id_number = b.text[3];
    row.name = b.text[4];
    row.account_no = b.text[5];
    row.amount = b.amount;
    row.period = b.text[7];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::span<const std::string_view> ScreeningRules() { return kRules; }

int64_t Screening::HeldRows() const {
  return std::count_if(rows.begin(), rows.end(), [](const RowDecision& r) { return r.held; });
}

int64_t Screening::HeldAmount() const {
  int64_t sum = 0;
  for (const RowDecision& r : rows) sum += r.held ? r.amount : 0;
  return sum;
}

Result<Screening> ScreenBatch(const LedgerSnapshot& ledger, const std::string& path,
                              const ScreenOptions& options) {
  Screening out;
  Stopwatch clock;
  QF_ASSIGN_OR_RETURN(Batch batch, ReadBatch(path, options, out.batch));
  out.seconds.validate = clock.Lap();
  if (out.Refused()) return out;
  QF_ASSIGN_OR_RETURN(std::shared_ptr<const engine::Snapshot> whole, ledger());
  out.seconds.ledger = clock.Lap();
  QF_ASSIGN_OR_RETURN(engine::LedgerWithBatch merged,
                      engine::LedgerWithBatch::Open(*whole, *batch.store));
  out.rows = Undecided(batch.rows);
  BatchIndex index;
  for (size_t i = 0; i < out.rows.size(); ++i) index.emplace(out.rows[i].payment_id, i);
  // First which persons and accounts a batch payment may implicate, then their findings exactly.
  engine::Snapshot detect = merged.ForDetection();
  out.as_of = options.as_of ? options.as_of->days() : engine::DefaultAsOf(detect);
  auto evaluate = [&](const engine::Snapshot& snap) {
    return engine::Evaluate(snap, Rules(), options.thresholds, out.as_of, options.threads);
  };
  Owners owners = OwnersOf(detect, evaluate(detect).findings, index);
  out.seconds.detect = clock.Lap();
  engine::Snapshot exact = merged.ForFindings(owners.persons, owners.accounts);
  engine::Evaluation ev = evaluate(exact);
  for (const engine::RuleSummary& rule : ev.rules) {
    if (!rule.skipped.empty()) out.skipped.push_back(rule.rule + "：" + rule.skipped);
  }
  Decide(exact, std::move(ev.findings), owners, index, out);
  out.seconds.judge = clock.Lap();
  return out;
}

void WriteDecisionsCsv(std::ostream& out, const Screening& screening) {
  out << "payment_id,decision,rules,evidence\n";
  for (const RowDecision& row : screening.rows) {
    WriteCsvText(out, row.payment_id);
    out << ',' << (row.held ? "暂停" : "通过") << ',';
    std::string rules;
    for (const std::string& r : row.rules) rules += (rules.empty() ? "" : "+") + r;
    out << rules << ',';
    WriteCsvText(out, row.evidence);
    out << '\n';
  }
}

}  // namespace qf::screening
