#include "screening/screen.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "core/result_macros.h"
#include "core/spreadsheet_cell.h"
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
// Rows per INSERT on PostgreSQL, where a round trip per row would dominate; SQLite takes one.
constexpr size_t kPostgresRowsPerStatement = 256;

// One row of the batch in the store's canonical form (what ingest wrote).
struct BatchRow {
  std::array<std::string, kColumnCount> text;  // amount (index 6) as written by the store
  int64_t amount = 0;
};

// Validates the batch as an import of `payments` would, in a private in-memory store, and reads
// its rows back in the file's order.
Result<std::vector<BatchRow>> ReadBatch(const std::string& path, const ScreenOptions& options,
                                        ingest::TableReport& report) {
  QF_ASSIGN_OR_RETURN(auto scratch, store::Open("sqlite::memory:"));
  QF_RETURN_IF_ERROR(store::Migrate(*scratch));
  ingest::ImportOptions import;
  import.imported_by = "screen";
  import.as_of = options.as_of;
  import.today = options.today;
  QF_ASSIGN_OR_RETURN(report, ingest::ImportFileAs(*scratch, "payments", path, import));
  std::vector<BatchRow> rows;
  if (report.outcome != ingest::TableOutcome::kApplied) return rows;
  QF_ASSIGN_OR_RETURN(auto st, scratch->Prepare(fmt::format(
                                   "SELECT {} FROM payments ORDER BY rowid", kColumns)));
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

std::string UpsertSql(size_t rows) {
  std::string one = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
  std::string values = one;
  for (size_t r = 1; r < rows; ++r) values += ", " + one;
  return fmt::format(
      "INSERT INTO payments ({}) VALUES {} ON CONFLICT (payment_id) DO UPDATE SET "
      "batch_no = excluded.batch_no, program_code = excluded.program_code, "
      "id_number = excluded.id_number, name = excluded.name, account_no = excluded.account_no, "
      "amount = excluded.amount, period = excluded.period, paid_date = excluded.paid_date",
      kColumns, values);
}

// Writes the batch into the ledger as an import would (a payment_id already stored is replaced).
Result<void> StageBatch(store::Database& db, const std::vector<BatchRow>& rows) {
  const size_t per_statement = db.Dialect() == "postgresql" ? kPostgresRowsPerStatement : 1;
  QF_ASSIGN_OR_RETURN(auto full, db.Prepare(UpsertSql(per_statement)));
  for (size_t r = 0; r < rows.size(); r += per_statement) {
    const size_t n = std::min(per_statement, rows.size() - r);
    std::unique_ptr<store::Statement> shorter;
    if (n != per_statement) {
      QF_ASSIGN_OR_RETURN(shorter, db.Prepare(UpsertSql(n)));
    }
    store::Statement& st = shorter != nullptr ? *shorter : *full;
    int index = 1;
    for (size_t i = r; i < r + n; ++i) {
      for (int c = 0; c < kColumnCount; ++c) {
        if (c == 6) {
          st.Bind(index++, rows[i].amount);
        } else {
          st.Bind(index++, std::string_view(rows[i].text[static_cast<size_t>(c)]));
        }
      }
    }
    QF_RETURN_IF_ERROR(st.Run());
  }
  return {};
}

// The ledger as it would be with the batch imported; the ledger itself is left unchanged.
Result<engine::Snapshot> LoadWithBatch(store::Database& ledger, const std::vector<BatchRow>& rows) {
  QF_ASSIGN_OR_RETURN(auto tx, ledger.Begin());
  QF_RETURN_IF_ERROR(StageBatch(ledger, rows));
  auto snapshot = engine::LoadSnapshot(ledger);
  tx.reset();  // rolls the batch back
  return snapshot;
}

std::vector<const engine::RuleSpec*> Rules() {
  std::vector<const engine::RuleSpec*> rules;
  for (std::string_view id : kRules) rules.push_back(engine::FindRule(id));
  return rules;
}

// Keeps the findings a positive row of the batch proves, and gives each such row its rules.
void Decide(const engine::Snapshot& snap, std::vector<engine::Finding> all, Screening& out) {
  std::unordered_map<std::string_view, size_t> batch_row;  // payment_id → index in out.rows
  for (size_t i = 0; i < out.rows.size(); ++i) batch_row.emplace(out.rows[i].payment_id, i);
  std::vector<std::map<std::string, std::string>> found(out.rows.size());  // rule → evidence
  for (engine::Finding& f : all) {
    bool kept = false;
    for (int32_t r : f.payment_rows) {
      const auto u = static_cast<size_t>(r);
      if (snap.payments.amount[u] <= 0) continue;
      auto it = batch_row.find(snap.payments.payment_id[u]);
      if (it == batch_row.end()) continue;
      kept = true;
      found[it->second].emplace(f.rule, f.evidence);  // several findings of a rule: the first
    }
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

Result<Screening> ScreenBatch(store::Database& ledger, const std::string& path,
                              const ScreenOptions& options) {
  Screening out;
  QF_ASSIGN_OR_RETURN(std::vector<BatchRow> batch, ReadBatch(path, options, out.batch));
  if (out.Refused()) return out;
  QF_ASSIGN_OR_RETURN(engine::Snapshot snap, LoadWithBatch(ledger, batch));
  for (const BatchRow& b : batch) {
    RowDecision row;
    row.payment_id = b.text[0];
    row.program_code = b.text[2];
    row.id_number = b.text[3];
    row.name = b.text[4];
    row.account_no = b.text[5];
    row.amount = b.amount;
    row.period = b.text[7];
    out.rows.push_back(std::move(row));
  }
  out.as_of = options.as_of ? options.as_of->days() : engine::DefaultAsOf(snap);
  engine::Evaluation ev =
      engine::Evaluate(snap, Rules(), options.thresholds, out.as_of, options.threads);
  for (const engine::RuleSummary& rule : ev.rules) {
    if (!rule.skipped.empty()) out.skipped.push_back(rule.rule + "：" + rule.skipped);
  }
  Decide(snap, std::move(ev.findings), out);
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
