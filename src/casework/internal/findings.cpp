// Loading findings with their owning unit and restriction.
#include "casework/internal/findings.h"

#include "casework/internal/sql.h"
#include "core/id_text.h"

namespace qf::casework::internal {
namespace {

// The texts an evidence line quotes: “…”.
std::vector<std::string_view> QuotedNames(std::string_view evidence) {
  constexpr std::string_view kOpenQuote = "\u201c";
  constexpr std::string_view kCloseQuote = "\u201d";
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (true) {
    std::size_t start = evidence.find(kOpenQuote, i);
    if (start == std::string_view::npos) break;
    start += kOpenQuote.size();
    std::size_t end = evidence.find(kCloseQuote, start);
    if (end == std::string_view::npos) break;
    out.push_back(evidence.substr(start, end - start));
    i = end + kCloseQuote.size();
  }
  return out;
}

}  // namespace

bool FindingNamesStaff(const StaffDirectory& staff, std::string_view id_number,
                       std::string_view ref, std::string_view evidence) {
  if (!id_number.empty() && staff.HasId(CitizenId::Normalize(id_number))) return true;
  if (auto ref_id = CitizenId::Parse(ref); ref_id && staff.HasId(ref_id->value())) return true;
  for (const CitizenId& id : FindIdNumbers(evidence)) {
    if (staff.HasId(id.value())) return true;
  }
  if (!id_number.empty()) return false;
  // No ID number to go by: the names the evidence quotes, and R17's counterparty.
  if (!ref.empty() && !CitizenId::Parse(ref) && staff.HasName(ref)) return true;
  for (std::string_view name : QuotedNames(evidence)) {
    if (staff.HasName(name)) return true;
  }
  return false;
}

Result<std::optional<FindingRecord>> LoadFindingRecord(const Env& env, const StaffDirectory& staff,
                                                       std::string_view fingerprint) {
  QF_ASSIGN_OR_RETURN(
      auto st,
      Query(env.db,
            "SELECT f.fingerprint, f.rule, f.id_number, f.ref, f.evidence, f.status, f.review, "
            "COALESCE(f.review_reason, ''), COALESCE(f.reviewed_by, ''), "
            "COALESCE(f.reviewed_at, ''), f.review_version, COALESCE(f.outcome, ''), "
            "COALESCE((SELECT u.code FROM persons p JOIN units u ON u.name = p.community AND "
            "u.kind = 'community' WHERE p.id_number = f.id_number), 'commission') "
            "FROM findings f WHERE f.fingerprint = ?",
            std::string(fingerprint)));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return std::optional<FindingRecord>();
  FindingRecord r;
  r.fingerprint = st->Text(0);
  r.rule = st->Text(1);
  r.id_number = st->Text(2);
  r.ref = st->Text(3);
  r.evidence = st->Text(4);
  r.status = st->Text(5);
  r.review = st->Text(6);
  r.review_reason = st->Text(7);
  r.reviewed_by = st->Text(8);
  r.reviewed_at = st->Text(9);
  r.review_version = st->Int(10);
  r.outcome = st->Text(11);
  r.unit_code = st->Text(12);
  r.restricted = FindingNamesStaff(staff, r.id_number, r.ref, r.evidence);
  return std::optional<FindingRecord>(std::move(r));
}

Target FindingTarget(const FindingRecord& finding) {
  return Target{finding.unit_code, {}, finding.restricted};
}

Result<std::vector<std::string>> RestrictedFingerprints(const Env& env,
                                                        const StaffDirectory& staff) {
  QF_ASSIGN_OR_RETURN(auto st, Query(env.db,
                                     "SELECT fingerprint, id_number, ref, evidence FROM findings "
                                     "ORDER BY fingerprint"));
  std::vector<std::string> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (FindingNamesStaff(staff, st->Text(1), st->Text(2), st->Text(3))) {
      out.push_back(st->Text(0));
    }
  }
  return out;
}

}  // namespace qf::casework::internal
