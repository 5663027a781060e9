// Finding: one problem found by one rule, keyed by the rule's key fields (spec/rules.md), and
// the findings export CSV of spec/dataset.md.
//
//   std::vector<Finding> fs = ...;
//   SortFindings(fs);
//   WriteFindingsCsv(std::cout, fs);
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qf::engine {

enum class Severity : uint8_t { kHigh, kMedium, kLow };
std::string_view SeverityText(Severity severity);  // 高 / 中 / 低
// kMedium for unknown text.
Severity SeverityFromText(std::string_view text);

struct Finding {
  std::string rule;
  // Key fields; the ones a rule does not use stay empty.
  std::string id_number, program_code, period, account_no, ref;
  Severity severity = Severity::kMedium;
  int64_t amount = 0;  // money at stake, fen
  std::string evidence;  // one line of Chinese naming the records
  // The payments that prove a payment-level finding (rows of the evaluated Snapshot's payments,
  // meaningful only with that snapshot): what screening a batch holds. Empty for other rules.
  std::vector<int32_t> payment_rows;

  // Lifecycle, filled by the closed loop (findings_store.h); empty for a pure evaluation.
  std::string fingerprint;
  std::string status;  // new / present / gone
  std::string review;  // open / confirmed / dismissed
};

// Rule, then key fields, byte-wise: the export order.
bool FindingLess(const Finding& a, const Finding& b);
void SortFindings(std::vector<Finding>& findings);

// Hex of a stable 128-bit FNV-1a hash of the rule and its key fields. R09's ref is not part of
// its key (spec/rules.md), so it does not enter R09's fingerprint.
std::string Fingerprint(const Finding& finding);

// The export header and one row per finding, RFC 4180 quoting, amount in yuan.
void WriteFindingsCsv(std::ostream& out, std::span<const Finding> findings);

}  // namespace qf::engine
