// Screening a payment batch before it is paid (发放前比对; spec/cli.md `screen`, issue 17).
//
// A batch is a `payments` table that is not imported. Screening answers, for each of its rows,
// what importing the batch and running the comparison would find: the batch is validated exactly
// as an import would validate it (in a private in-memory store), and the payment-level rules
// (ScreeningRules) run unchanged over the ledger with the batch (engine::LedgerWithBatch), in two
// cut-down snapshots: the first finds which persons and accounts a batch payment may implicate,
// the second holds their whole history and gives their findings exactly. A finding belongs to the
// screening when one of the payments that prove it (engine::Finding::payment_rows) is a positive
// row of the batch; such a row is held (暂停) with every rule it takes part in, every other row
// passes (通过). Reversals (negative amounts) return money and are never held. The ledger is left
// as it was.
//
//   auto ledger = [&] { return resident.Get(db); };          // engine::ResidentSnapshot
//   auto screening = qf::screening::ScreenBatch(ledger, "batch-2024-12.csv", options);
//   if (!screening) die(screening.error().message());        // a store failed
//   if (screening->Refused()) print(screening->batch.errors); // the batch itself is refused
//   WriteDecisionsCsv(out, *screening);                       // the file that goes back to the
//   bank
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "engine/finding.h"
#include "engine/snapshot.h"
#include "engine/thresholds.h"
#include "ingest/importer.h"
#include "store/database.h"

namespace qf::screening {

// R01, R02, R04, R05, R07, R08, R09, R10, R11, R13, R14, R16: the rules a payment can trigger.
std::span<const std::string_view> ScreeningRules();

struct RowDecision {
  std::string payment_id, program_code, id_number, name, account_no, period;
  int64_t amount = 0;              // fen
  bool held = false;               // 暂停; otherwise 通过
  std::vector<std::string> rules;  // the rules the row takes part in, ascending
  std::string evidence;            // "R01：…；R16：…"
};

struct Screening {
  ingest::TableReport batch;              // the batch's validation, as an import would report it
  int32_t as_of = 0;                      // days since 1970-01-01
  std::vector<RowDecision> rows;          // in the batch's order
  std::vector<engine::Finding> findings;  // sorted as the findings export
  std::vector<std::string> skipped;  // "R01：缺少 deaths 表…" for rules that could not run
  // Wall time of each step: validating the batch, getting the ledger's snapshot (a load, or none
  // for a resident one), finding whom the batch may implicate, judging them exactly.
  struct {
    double validate = 0, ledger = 0, detect = 0, judge = 0;
  } seconds;

  bool Refused() const { return batch.outcome != ingest::TableOutcome::kApplied; }
  int64_t HeldRows() const;
  int64_t HeldAmount() const;  // fen
};

struct ScreenOptions {
  // The comparison's as-of date; default: the latest paid_date of the ledger with the batch.
  std::optional<Date> as_of;
  engine::Thresholds thresholds;
  int threads = 0;
  // Today, for the plausibility of the batch's dates (ingest::ImportOptions::today).
  std::function<Date()> today;
};

// The ledger's snapshot, asked for only once the batch has passed validation: the resident one
// in `serve`, a fresh load in the command line.
using LedgerSnapshot = std::function<Result<std::shared_ptr<const engine::Snapshot>>()>;

// Screens the batch file at `path` against the ledger. Fails only when a store fails; a batch
// that cannot be read or has rejected rows comes back Refused() with its errors in `batch`.
Result<Screening> ScreenBatch(const LedgerSnapshot& ledger, const std::string& path,
                              const ScreenOptions& options);

// `payment_id,decision,rules,evidence`, one row per payment of the batch in its order; decision
// 通过 or 暂停, rules joined by `+` (spec/cli.md).
void WriteDecisionsCsv(std::ostream& out, const Screening& screening);

}  // namespace qf::screening
