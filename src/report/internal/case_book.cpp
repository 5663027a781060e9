// Loading the case book for the statistics.
#include "report/internal/case_book.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/period.h"
#include "core/result_macros.h"
#include "store/query.h"

namespace qf::report::internal {
namespace {

using Row = store::Statement;

// Runs `sql` and calls `each(row)` for every row.
template <typename Each>
Result<void> ReadRows(store::Database& db, std::string_view sql, Each each) {
  QF_RETURN_IF_ERROR(store::ForEachRow(db, sql, std::move(each)));
  return {};
}

int64_t JsonInt(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

nlohmann::json ParseJson(std::string_view text) {
  if (text.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

// The unit of a finding `f`'s community, as an SQL expression. A 三资 finding concerns a
// community's collective: R18–R20 and R26 name its contract (ref = contract_id), R17 its payee
// (ref = counterparty) and, in its evidence, the vouchers paid; their community is the
// collective's. Any other finding's community is its person's (persons.community). The unit is the
// one named exactly like the community ("" when there is none).
constexpr std::string_view kFindingCommunityUnit =
    "COALESCE((SELECT u.code FROM collective_contracts k JOIN units u ON u.name = k.community "
    "WHERE f.rule IN ('R18', 'R19', 'R20', 'R26') AND k.contract_id = f.ref LIMIT 1), "
    "(SELECT u.code FROM collective_transactions t JOIN units u ON u.name = t.community "
    "WHERE f.rule = 'R17' AND t.counterparty = f.ref AND f.evidence LIKE '%' || t.txn_id || '%' "
    "ORDER BY t.txn_id LIMIT 1), "
    "(SELECT u.code FROM persons p JOIN units u ON u.name = p.community "
    "WHERE p.id_number = f.id_number AND f.id_number <> '' LIMIT 1), '')";

}  // namespace

std::optional<Date> BeijingDate(std::string_view stored) {
  if (stored.size() < 10) return std::nullopt;
  auto date = Date::Parse(stored.substr(0, 10));
  if (!date) return std::nullopt;
  // "YYYY-MM-DDTHH:..." in UTC: from 16:00 UTC on it is the next day in Beijing (UTC+8).
  if (stored.size() >= 13 && stored[10] == 'T') {
    int hour = (stored[11] - '0') * 10 + (stored[12] - '0');
    if (hour >= 16) return date->AddDays(1);
  }
  return *date;
}

namespace {

// The book's units: code → name, parent, kind.
Result<void> LoadUnits(store::Database& db, CaseBook& book) {
  return ReadRows(db, "SELECT code, name, parent_code, kind FROM units", [&](Row& r) {
    book.units[r.Text(0)] = UnitRow{r.Text(1), r.Text(2), r.Text(3)};
  });
}

// The book's clues in id order.
Result<void> LoadClues(store::Database& db, CaseBook& book) {
  return ReadRows(db,
                  "SELECT clue_id, source, domain, title, unit_code, status, restricted, "
                  "created_at FROM clues ORDER BY clue_id",
                  [&](Row& r) {
                    book.clues.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                                          r.Text(5), r.Int(6) != 0, BeijingDate(r.TextView(7))});
                  });
}

// The book's cases by id.
Result<void> LoadCases(store::Database& db, CaseBook& book) {
  return ReadRows(
      db, "SELECT case_id, title, domain, unit_code, restricted, filed_at, clue_id FROM cases",
      [&](Row& r) {
        book.cases[r.Int(0)] = CaseRow{r.Int(0),
                                       r.Text(1),
                                       r.Text(2),
                                       r.Text(3),
                                       r.Int(4) != 0,
                                       BeijingDate(r.TextView(5)),
                                       r.IsNull(6) ? 0 : r.Int(6)};
      });
}

// The book's persons of cases.
Result<void> LoadPersons(store::Database& db, CaseBook& book) {
  return ReadRows(db,
                  "SELECT person_id, case_id, name, outcome, outcome_at FROM case_persons "
                  "ORDER BY person_id",
                  [&](Row& r) {
                    book.persons.push_back(
                        {r.Int(0), r.Int(1), r.Text(2), r.Text(3), BeijingDate(r.TextView(4))});
                  });
}

// The book's transfers in id order.
Result<void> LoadTransfers(store::Database& db, CaseBook& book) {
  return ReadRows(db,
                  "SELECT transfer_id, direction, organ_code, unit_code, summary, created_at "
                  "FROM transfers ORDER BY transfer_id",
                  [&](Row& r) {
                    book.transfers.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                                              BeijingDate(r.TextView(5))});
                  });
}

// The book's rectification items in id order, with their domain.
Result<void> LoadRectifications(store::Database& db, CaseBook& book) {
  return ReadRows(
      db,
      "SELECT rectification_id, kind, unit_code, content, status, restricted, "
      "created_at, due_date, closed_at, domain FROM rectifications ORDER BY rectification_id",
      [&](Row& r) {
        book.rectifications.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                                       r.Int(5) != 0, BeijingDate(r.TextView(6)),
                                       BeijingDate(r.TextView(7)), BeijingDate(r.TextView(8)),
                                       r.Text(9)});
      });
}

// The book's audit entries that date disposals, recoveries and transfer feedback.
Result<void> LoadEvents(store::Database& db, CaseBook& book) {
  return ReadRows(
      db,
      "SELECT seq, action, entity_id, at, before, after FROM audit_log WHERE action IN "
      "('clue.approve_disposal', 'case.record_recovery', 'transfer.feedback') ORDER BY seq",
      [&](Row& r) {
        AuditEvent e;
        e.seq = r.Int(0);
        e.action = r.Text(1);
        e.entity_id = std::atoll(r.Text(2).c_str());
        e.date = BeijingDate(r.TextView(3));
        nlohmann::json before = ParseJson(r.TextView(4));
        nlohmann::json after = ParseJson(r.TextView(5));
        if (auto it = after.find("disposal"); it != after.end() && it->is_string()) {
          e.disposal = it->get<std::string>();
        }
        e.recovered_delta = JsonInt(after, "recovered") - JsonInt(before, "recovered");
        e.losses_retrieved_delta =
            JsonInt(after, "losses_retrieved") - JsonInt(before, "losses_retrieved");
        book.events.push_back(std::move(e));
      });
}

// The book's findings not dismissed, each placed in time and in its community's unit.
Result<void> LoadFindings(store::Database& db, CaseBook& book) {
  return ReadRows(
      db,
      fmt::format("SELECT f.fingerprint, f.rule, f.id_number, f.period, f.amount, r.as_of, {}, "
                  "c.unit_code, cf.clue_id FROM findings f "
                  "LEFT JOIN check_runs r ON r.run_id = f.first_seen_run "
                  "LEFT JOIN clue_findings cf ON cf.fingerprint = f.fingerprint "
                  "LEFT JOIN clues c ON c.clue_id = cf.clue_id "
                  "WHERE f.review <> 'dismissed' ORDER BY f.rule, f.fingerprint",
                  kFindingCommunityUnit),
      [&](Row& r) {
        FindingRow f{r.Text(0), r.Text(1), r.Text(2), r.Text(3),   r.Int(4),
                     {},        r.Text(6), r.Text(7), !r.IsNull(8)};
        if (auto period = Period::Parse(f.period); !f.period.empty() && period) {
          f.placed = period->First();
        } else {
          f.placed = BeijingDate(r.TextView(5));
        }
        book.findings.push_back(std::move(f));
      });
}

// The columns that place a finding's decision or money outcome in a unit: its community's unit,
// and that of the clue it was promoted to.
std::string FindingUnits() {
  return fmt::format(
      "{}, (SELECT c.unit_code FROM clue_findings cf JOIN clues c ON "
      "c.clue_id = cf.clue_id WHERE cf.fingerprint = f.fingerprint)",
      kFindingCommunityUnit);
}

// The book's findings decided (confirmed or dismissed).
Result<void> LoadFindingDecisions(store::Database& db, CaseBook& book) {
  return ReadRows(
      db,
      fmt::format("SELECT f.fingerprint, f.rule, f.review, f.reviewed_at, {} FROM "
                  "findings f WHERE f.review IN ('confirmed', 'dismissed') ORDER BY "
                  "f.rule, f.fingerprint",
                  FindingUnits()),
      [&](Row& r) {
        book.finding_decisions.push_back(
            {r.Text(0), r.Text(1), r.Text(2), BeijingDate(r.TextView(3)), r.Text(4), r.Text(5)});
      });
}

// The book's money outcomes (止付, 追回) of findings not dismissed.
Result<void> LoadFindingMoney(store::Database& db, CaseBook& book) {
  return ReadRows(
      db,
      fmt::format("SELECT o.outcome_id, f.fingerprint, f.rule, o.outcome, o.amount, "
                  "o.recorded_at, {} FROM finding_outcomes o JOIN findings f ON "
                  "f.fingerprint = o.fingerprint WHERE o.outcome IN ('止付', '追回') "
                  "AND f.review <> 'dismissed' ORDER BY o.outcome_id",
                  FindingUnits()),
      [&](Row& r) {
        book.finding_money.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4),
                                      BeijingDate(r.TextView(5)), r.Text(6), r.Text(7)});
      });
}

// The book's special-campaign tags of every record.
Result<void> LoadTags(store::Database& db, CaseBook& book) {
  return ReadRows(db,
                  "SELECT record_kind, record_id, campaign FROM campaign_tags "
                  "ORDER BY record_kind, record_id, campaign",
                  [&](Row& r) {
                    book.tags[{r.Text(0), r.Int(1)}].push_back(r.Text(2));
                  });
}

}  // namespace

Result<CaseBook> LoadCaseBook(store::Database& db) {
  CaseBook book;
  QF_RETURN_IF_ERROR(LoadUnits(db, book));
  QF_RETURN_IF_ERROR(LoadClues(db, book));
  QF_RETURN_IF_ERROR(LoadCases(db, book));
  QF_RETURN_IF_ERROR(LoadPersons(db, book));
  QF_RETURN_IF_ERROR(LoadTransfers(db, book));
  QF_RETURN_IF_ERROR(LoadRectifications(db, book));
  QF_RETURN_IF_ERROR(LoadEvents(db, book));
  QF_RETURN_IF_ERROR(LoadFindings(db, book));
  QF_RETURN_IF_ERROR(LoadFindingDecisions(db, book));
  QF_RETURN_IF_ERROR(LoadFindingMoney(db, book));
  QF_RETURN_IF_ERROR(LoadTags(db, book));
  return book;
}

bool CaseBook::Tagged(std::string_view kind, int64_t id, std::string_view campaign) const {
  auto it = tags.find({std::string(kind), id});
  if (it == tags.end()) return false;
  return std::find(it->second.begin(), it->second.end(), campaign) != it->second.end();
}

}  // namespace qf::report::internal
