// The rows the statistics count, loaded once from the store: units, clues, cases and their
// persons, transfers, rectification items, the dated audit events that carry amounts and
// decisions, and the findings with what places them in a unit. Plain rows, no casework logic.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::report::internal {

struct UnitRow {
  std::string name;
  std::string parent;
  std::string kind;  // "community", "street_office", "commission", ...
};

struct ClueRow {
  int64_t id = 0;
  std::string source, domain, title, unit, status;
  bool restricted = false;
  std::optional<Date> created;
};

struct CaseRow {
  int64_t id = 0;
  std::string title, domain, unit;
  bool restricted = false;
  std::optional<Date> filed;
  int64_t clue_id = 0;  // the clue it was filed from, 0 for none
};

struct PersonRow {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string name, outcome;
  std::optional<Date> outcome_date;
};

struct TransferRow {
  int64_t id = 0;
  std::string direction, organ, unit, summary;
  std::optional<Date> created;
};

struct RectificationRow {
  int64_t id = 0;
  std::string kind, unit, content, status;
  bool restricted = false;
  std::optional<Date> created, due, closed;
  std::string domain;
};

// An audit-log entry the figures date by: a disposal approval, a recovery, a transfer feedback.
struct AuditEvent {
  int64_t seq = 0;
  std::string action;
  int64_t entity_id = 0;
  std::optional<Date> date;
  std::string disposal;         // clue.approve_disposal: the approved type
  int64_t recovered_delta = 0;  // case.record_recovery: fen added
  int64_t losses_retrieved_delta = 0;
};

struct FindingRow {
  std::string fingerprint, rule, id_number, period;
  int64_t amount = 0;
  std::optional<Date> placed;  // the start of its period, else its first run's as-of date
  // The unit of the finding's community (see kFindingCommunityUnit in case_book.cpp): for a 三资
  // finding the collective's community, else the person's community; "" when none is a unit.
  std::string community_unit;
  std::string clue_unit;  // the unit of the clue it was promoted to, if any
  bool promoted = false;  // promoted to a clue (clue_findings): the clue counts as the problem
};

// A finding's decision as it stands (confirmed or dismissed; open ones are not loaded), placed in
// a period by when it was made, for the confirmation rate (issue 17 point 4).
struct FindingDecisionRow {
  std::string fingerprint, rule, review;  // review: "confirmed" / "dismissed"
  std::optional<Date> decided;            // Beijing date of reviewed_at
  std::string community_unit, clue_unit;
};

// One money outcome of a finding (止付 or 追回), placed by when it was recorded. Outcomes of
// findings since dismissed (排除: a false match) are not loaded: no money was saved by them.
struct FindingMoneyRow {
  int64_t outcome_id = 0;
  std::string fingerprint, rule, outcome;  // outcome: "止付" / "追回"
  int64_t amount = 0;
  std::optional<Date> recorded;
  std::string community_unit, clue_unit;
};

struct CaseBook {
  std::map<std::string, UnitRow, std::less<>> units;
  std::vector<ClueRow> clues;
  std::map<int64_t, CaseRow> cases;
  std::vector<PersonRow> persons;
  std::vector<TransferRow> transfers;
  std::vector<RectificationRow> rectifications;
  std::vector<AuditEvent> events;
  std::vector<FindingRow> findings;
  std::vector<FindingDecisionRow> finding_decisions;
  std::vector<FindingMoneyRow> finding_money;
  // Special-campaign tags (campaign_tags): (record_kind, record_id) → campaign codes.
  std::map<std::pair<std::string, int64_t>, std::vector<std::string>> tags;

  // True when the record carries the campaign's tag.
  bool Tagged(std::string_view kind, int64_t id, std::string_view campaign) const;
};

// The Beijing calendar date of a stored UTC timestamp "2024-03-05T18:04:05Z" (→ 2024-03-06), or
// of a plain date "2024-03-05". nullopt for empty or malformed text.
std::optional<Date> BeijingDate(std::string_view stored);

Result<CaseBook> LoadCaseBook(store::Database& db);

}  // namespace qf::report::internal
