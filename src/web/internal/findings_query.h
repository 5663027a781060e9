// Read-side queries of the findings queue and the dashboard, straight on the findings table (the
// engine owns writing it): filtered, sorted, paged server-side so that the queue stays fast on a
// district of a million people.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "web/internal/list_query.h"

namespace qf::web::internal {

// The dashboard's bucket for findings about people missing from the household register; as a
// community filter it selects exactly those findings.
inline constexpr const char* kNoHouseholdCommunity = "（无户籍）";
// The bucket of findings that name neither a person nor a collective (enterprise projects,
// R21–R24). 三资 findings (R17–R20, R26) count under the community of their collective.
inline constexpr const char* kEnterpriseCommunity = "（涉企项目）";

struct FindingFilter {
  std::string rule, severity, community, program, review, status;
  // The actor's scope (casework::FindingScope): unless `all_units`, only findings about persons
  // of `communities`; never the `exclude` fingerprints; when `only` is set, nothing else.
  bool all_units = true;
  std::vector<std::string> communities;
  std::vector<std::string> exclude;
  std::optional<std::vector<std::string>> only;
  // Matches the person's name (unless `search_names` is off), the rule code, a fingerprint
  // prefix or the program code.
  std::string search;
  bool search_names = true;
  std::string period_from, period_to;  // "YYYY-MM" bounds of 所属期, "" for open
  std::string order_by;    // OrderBy(FindingsListSpec(), …); "" = amount, largest first
  int64_t page = 1;        // clamped into range by QueryFindings
  int64_t page_size = 50;  // 0: every row (the export)
};

struct FindingRow {
  std::string fingerprint, rule, id_number, program_code, period, account_no, ref, severity;
  int64_t amount = 0;
  std::string evidence, status, review, review_reason, reviewed_by, reviewed_at;
  std::string person_name, community, program_name;
  int64_t clue_id = 0;  // 0 when not promoted
  int64_t review_version = 0;
};

struct FindingsPage {
  std::vector<FindingRow> rows;
  int64_t total = 0;
  int64_t total_amount = 0;
  int64_t page = 1;  // the page shown: the one asked for, clamped into 1..pages
};

// The 所属期 a finding is shown with. Only R04, R07 and R12 key on a period (`period`); for the
// others it is the range of the periods its evidence names — the payments listed as
// "流水号 P1（2024-03，…）" and "所属期 2024-03" — "2024-03 至 2024-07", followed by " 等" when the
// evidence lists only the first of its payments; "—" when it names none (a person-level,
// contract or project finding).
//   ShownPeriod("", "…流水号 P1（2024-03，¥1.00）、P2（2024-05，¥1.00）共 2 笔…")
//       // "2024-03 至 2024-05"
std::string ShownPeriod(const std::string& period, const std::string& evidence);

// The findings queue's columns and their whitelisted SQL sort expressions (list_query.h).
const ListSpec& FindingsListSpec();

Result<FindingsPage> QueryFindings(store::Database& db, const FindingFilter& filter);
Result<std::optional<FindingRow>> LoadFinding(store::Database& db, const std::string& fingerprint);

// Label/count/amount rows for the dashboard and the filter drop-downs.
struct Bucket {
  std::string key, label;
  int64_t count = 0;
  int64_t amount = 0;
};
Result<std::vector<Bucket>> FindingsByRule(store::Database& db);
Result<std::vector<Bucket>> FindingsByCommunity(store::Database& db, int limit);
Result<std::vector<Bucket>> FindingsByReview(store::Database& db);
Result<std::vector<Bucket>> FindingsByMonth(store::Database& db);
Result<std::vector<Bucket>> Communities(store::Database& db);
Result<std::vector<Bucket>> Programs(store::Database& db);

// Replaces every 18-character ID number in `text` by its staff mask (110105********002X).
std::string MaskIdsInText(std::string_view text);

}  // namespace qf::web::internal
