// LedgerWithBatch: the ledger as it would be once a payment batch were imported, without copying
// the ledger — cut-down snapshots of it for the payment-level rules, so that screening a batch
// costs what the batch touches, not what the ledger holds (screening, issue 17).
//
//   auto merged = engine::LedgerWithBatch::Open(*resident, *batch_store);
//   Snapshot detect = merged->ForDetection();             // every finding a batch payment takes
//   ... Evaluate(detect) → the persons and accounts whose  // part in is found here, perhaps with
//   Snapshot exact = merged->ForFindings(persons, accounts); // others; here exactly as imported
//
// `batch_store` holds the batch in its payments table, validated as an import validates it; a
// payment of the batch replaces the ledger's payment of the same payment_id, as an import does.
//
// The payment-level rules are R01 R02 R04 R05 R07 R08 R09 R10 R11 R13 R14 R16. Each but R05 judges
// one person's payments of one program; R05 one account's. Both cuts keep, for every person they
// keep, the rows of persons, deaths, officials, companies, vehicles, properties and enrolments, the
// cards rows of the accounts kept payments go to with their holders, every program, and for a
// person whom no persons row names, the payments that may come first (the name evidence shows).
// Persons keep the ledger's order (new ones follow in the batch's), so evidence lists come out in
// the same order as over the whole ledger. Which tables have rows (Snapshot::present), latest_paid
// and each program's earliest_period are those of the whole ledger with the batch.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "core/result.h"
#include "engine/snapshot.h"
#include "store/database.h"

namespace qf::engine {

class LedgerWithBatch {
 public:
  // Reads the batch's payments from `batch_store`; fails only when that fails. `ledger` is
  // borrowed and must outlive the result.
  static Result<LedgerWithBatch> Open(const Snapshot& ledger, store::Database& batch_store);

  // Every payment of the batch, each batch person's household with their data, and of the
  // ledger's payments only those that decide whether a batch payment takes part in a finding:
  // the person's payments of the same program and period (R04; every period for a one-off
  // program), of exclusive programs in periods that overlap the batch's (R08), and one payment of
  // each person paid into an account the batch pays into (R05 counts persons). The rules over it
  // find every (person or account, rule) whose finding over the whole ledger with the batch a batch
  // payment takes part in; their evidence and amounts may be partial, and findings of other
  // persons mean nothing.
  Snapshot ForDetection() const;

  // The whole payment history, batch included, of each person in `persons` and of each account in
  // `accounts` (ID numbers and account numbers as stored), with the households of those persons.
  // Findings over it whose person (R05: account) is one of these are exactly those over the whole
  // ledger with the batch; findings of anyone else mean nothing.
  Snapshot ForFindings(const std::set<std::string>& persons,
                       const std::set<std::string>& accounts) const;

  LedgerWithBatch(LedgerWithBatch&&) noexcept;
  LedgerWithBatch& operator=(LedgerWithBatch&&) noexcept;
  ~LedgerWithBatch();

 private:
  struct State;
  explicit LedgerWithBatch(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace qf::engine
