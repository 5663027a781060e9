// CaseworkService::GetPersonFile: 一人一档 — everything the store holds about one person, for the
// staff who work findings, clues and cases. A query over the store's tables (the engine's snapshot
// is for whole-ledger comparison runs, not for one person), shown by the same rules as the rest
// of casework: unit scope, 灯下黑, masking by role, and an audit entry for every opening.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit/audit_log.h"
#include "casework/casework_service.h"
#include "casework/internal/findings.h"
#include "casework/internal/records.h"
#include "casework/internal/sealed_text.h"
#include "casework/internal/sql.h"
#include "casework/internal/staff.h"
#include "casework/state_machines.h"
#include "core/citizen_id.h"

namespace qf::casework {

using internal::Env;
using internal::Query;

namespace {

// Payments listed on the file (newest first); the count and total cover them all.
constexpr int kPaymentRows = 200;

Error PersonNotFound() {
  return Error(ErrorCode::kNotFound, "未找到此人的档案（或不在您的单位范围内）");
}

// An ID number as the actor may read it: full, or masked like CitizenId::Masked.
std::string ShownId(std::string_view id, bool full) {
  if (full) return std::string(id);
  auto parsed = CitizenId::Parse(id);
  return parsed ? parsed->Masked() : MaskIds(std::string(id));
}

// A bank card number as the actor may read it: the last four digits unless full.
std::string ShownAccount(std::string_view account, bool full) {
  if (full || account.size() <= 4) return std::string(account);
  return "****" + std::string(account.substr(account.size() - 4));
}

// B's relation to A as written in the kinship table, seen from B's side.
std::string_view Inverse(std::string_view relation) {
  if (relation == "父母") return "子女";
  if (relation == "子女") return "父母";
  return relation;
}

// Every row of `sql` (one ? bound to the ID number) as an object with `keys` for its columns.
Result<Json> Rows(store::Database& db, std::string_view sql, std::string_view id,
                  std::initializer_list<std::string_view> keys) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, std::string(id)));
  Json out = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    Json item = Json::object();
    int column = 0;
    for (std::string_view key : keys) {
      item[std::string(key)] = st->IsNull(column) ? std::string() : st->Text(column);
      ++column;
    }
    out.push_back(std::move(item));
  }
}

}  // namespace

std::string PersonFileKey(const crypto::FieldCipher& cipher, std::string_view id_number) {
  std::string stored = cipher.Encrypt(id_number);
  return stored.starts_with("sm4:") ? stored.substr(4) : stored;
}

Result<std::string> OpenPersonFileKey(const crypto::FieldCipher& cipher, std::string_view key) {
  bool hex = !key.empty() && key.size() <= 512 && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  auto id = hex ? cipher.Decrypt("sm4:" + std::string(key)) : Result<std::string>();
  if (!hex || !id) return std::unexpected(PersonNotFound());
  return id;
}

Result<Json> CaseworkService::GetPersonFile(const Actor& actor, std::string_view id_number) {
  auto parsed = CitizenId::Parse(id_number);
  if (!parsed) {
    return std::unexpected(internal::FieldError("id_number", parsed.error().message()));
  }
  const std::string id = parsed->value();
  const bool full = ShowsFullIds(actor);
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(internal::StaffDirectory staff, internal::StaffDirectory::Load(env));

  // The household register entry and the unit the person belongs to.
  Json out = Json::object();
  std::string household_id, unit = "commission";
  {
    QF_ASSIGN_OR_RETURN(
        auto st, Query(db_,
                       "SELECT p.name, p.sex, p.birth_date, p.region_code, p.community, "
                       "p.household_id, p.relation, (SELECT u.code FROM units u WHERE u.name = "
                       "p.community AND u.kind = 'community') FROM persons p WHERE p.id_number = ?",
                       id));
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      household_id = st->Text(5);
      if (!st->IsNull(7)) unit = st->Text(7);
      out["person"] = {{"name", st->Text(0)},       {"sex", st->Text(1)},
                       {"birth_date", st->Text(2)}, {"region_code", st->Text(3)},
                       {"community", st->Text(4)},  {"household_id", household_id},
                       {"relation", st->Text(6)}};
    } else {
      out["person"] = nullptr;
    }
  }
  const bool restricted = staff.HasId(id);
  if (!CanSee(tree, actor, Action::kViewPersonFile, Target{unit, {}, restricted})) {
    return std::unexpected(PersonNotFound());
  }
  out["id_number"] = ShownId(id, full);
  out["restricted"] = restricted;
  out["unit"] = unit;
  if (const Unit* u = tree.Find(unit)) out["unit_name"] = u->name;

  // The household and kin beyond it.
  Json household = Json::array();
  if (!household_id.empty()) {
    QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                       "SELECT id_number, name, sex, birth_date, relation FROM "
                                       "persons WHERE household_id = ? AND id_number <> ? "
                                       "ORDER BY id_number",
                                       household_id, id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      household.push_back({{"id_number", ShownId(st->Text(0), full)},
                           {"name", st->Text(1)},
                           {"sex", st->Text(2)},
                           {"birth_date", st->Text(3)},
                           {"relation", st->Text(4)}});
    }
  }
  out["household"] = std::move(household);
  Json kin = Json::array();
  {
    QF_ASSIGN_OR_RETURN(
        auto st,
        Query(db_,
              "SELECT k.id_number_b, k.relation, 0, COALESCE(p.name, '') FROM kinship k LEFT JOIN "
              "persons p ON p.id_number = k.id_number_b WHERE k.id_number_a = ?1 UNION ALL "
              "SELECT k.id_number_a, k.relation, 1, COALESCE(p.name, '') FROM kinship k LEFT JOIN "
              "persons p ON p.id_number = k.id_number_a WHERE k.id_number_b = ?1 ORDER BY 1",
              id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      std::string relation = st->Text(1);
      kin.push_back({{"id_number", ShownId(st->Text(0), full)},
                     {"name", st->Text(3)},
                     {"relation", st->Int(2) == 0 ? relation : std::string(Inverse(relation))}});
    }
  }
  out["kin"] = std::move(kin);

  // The registries.
  QF_ASSIGN_OR_RETURN(out["deaths"], Rows(db_,
                                          "SELECT name, death_date, source FROM deaths WHERE "
                                          "id_number = ? ORDER BY death_date, source",
                                          id, {"name", "death_date", "source"}));
  QF_ASSIGN_OR_RETURN(
      out["officials"],
      Rows(db_,
           "SELECT unit, position, category, community, start_date, end_date "
           "FROM officials WHERE id_number = ? ORDER BY start_date, unit",
           id, {"unit", "position", "category", "community", "start_date", "end_date"}));
  QF_ASSIGN_OR_RETURN(
      out["companies"],
      Rows(db_,
           "SELECT credit_code, company_name, role, registered_date, status FROM "
           "companies WHERE id_number = ? ORDER BY registered_date, credit_code",
           id, {"credit_code", "company_name", "role", "registered_date", "status"}));
  QF_ASSIGN_OR_RETURN(out["vehicles"], Rows(db_,
                                            "SELECT plate, vehicle_type, registered_date FROM "
                                            "vehicles WHERE id_number = ? ORDER BY plate",
                                            id, {"plate", "vehicle_type", "registered_date"}));
  QF_ASSIGN_OR_RETURN(out["properties"],
                      Rows(db_,
                           "SELECT certificate_no, area_m2, usage, registered_date FROM properties "
                           "WHERE id_number = ? ORDER BY registered_date, certificate_no",
                           id, {"certificate_no", "area_m2", "usage", "registered_date"}));

  // The ledger: enrolments, cards, payments.
  QF_ASSIGN_OR_RETURN(
      out["enrolments"],
      Rows(db_,
           "SELECT e.program_code, COALESCE(g.name, e.program_code), "
           "COALESCE(g.department, ''), e.community, e.start_date, e.end_date FROM "
           "enrolments e LEFT JOIN programs g ON g.code = e.program_code WHERE "
           "e.id_number = ? ORDER BY e.start_date, e.program_code",
           id, {"program_code", "program", "department", "community", "start_date", "end_date"}));
  QF_ASSIGN_OR_RETURN(Json cards, Rows(db_,
                                       "SELECT account_no, bank, opened_date, status FROM cards "
                                       "WHERE id_number = ? ORDER BY opened_date, account_no",
                                       id, {"account_no", "bank", "opened_date", "status"}));
  for (Json& card : cards)
    card["account_no"] = ShownAccount(card["account_no"].get<std::string>(), full);
  out["cards"] = std::move(cards);
  {
    QF_ASSIGN_OR_RETURN(auto totals, Query(db_,
                                           "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM "
                                           "payments WHERE id_number = ?",
                                           id));
    QF_ASSIGN_OR_RETURN(bool row, totals->Step());
    int64_t count = row ? totals->Int(0) : 0, total = row ? totals->Int(1) : 0;
    totals.reset();
    QF_ASSIGN_OR_RETURN(
        auto st, Query(db_,
                       "SELECT y.paid_date, y.program_code, COALESCE(g.name, y.program_code), "
                       "y.period, y.amount, y.account_no, y.batch_no FROM payments y LEFT JOIN "
                       "programs g ON g.code = y.program_code WHERE y.id_number = ? ORDER BY "
                       "y.paid_date DESC, y.payment_id DESC LIMIT ?",
                       id, int64_t{kPaymentRows}));
    Json rows = Json::array();
    while (true) {
      QF_ASSIGN_OR_RETURN(bool more, st->Step());
      if (!more) break;
      rows.push_back({{"paid_date", st->Text(0)},
                      {"program_code", st->Text(1)},
                      {"program", st->Text(2)},
                      {"period", st->Text(3)},
                      {"amount", st->Int(4)},
                      {"account_no", ShownAccount(st->Text(5), full)},
                      {"batch_no", st->Text(6)}});
    }
    const auto shown = static_cast<int64_t>(rows.size());
    out["payments"] = {
        {"count", count}, {"total", total}, {"shown", shown}, {"rows", std::move(rows)}};
  }

  // Findings about the person (as subject, as R03's cadre, or named in the evidence), each as the
  // findings queue would let the actor see it.
  Json findings = Json::array();
  std::set<int64_t> clue_ids;
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                       "SELECT fingerprint FROM findings WHERE id_number = ?1 "
                                       "OR ref = ?1 OR evidence LIKE ?2 ORDER BY rule, period, "
                                       "fingerprint",
                                       id, "%" + id + "%"));
    std::vector<std::string> fingerprints;
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      fingerprints.push_back(st->Text(0));
    }
    st.reset();
    for (const std::string& fp : fingerprints) {
      QF_ASSIGN_OR_RETURN(auto f, internal::LoadFindingRecord(env, staff, fp));
      if (!f || !CanSee(tree, actor, Action::kViewFinding, internal::FindingTarget(*f))) continue;
      QF_ASSIGN_OR_RETURN(auto money, Query(db_,
                                            "SELECT COALESCE(SUM(CASE WHEN outcome = '止付' THEN "
                                            "amount ELSE 0 END), 0), COALESCE(SUM(CASE WHEN "
                                            "outcome = '追回' THEN amount ELSE 0 END), 0) FROM "
                                            "finding_outcomes WHERE fingerprint = ?",
                                            fp));
      QF_ASSIGN_OR_RETURN(bool has, money->Step());
      QF_ASSIGN_OR_RETURN(auto details,
                          Query(db_,
                                "SELECT f.period, f.amount, f.program_code, COALESCE(c.clue_id, 0) "
                                "FROM findings f LEFT JOIN clue_findings c ON c.fingerprint = "
                                "f.fingerprint WHERE f.fingerprint = ?",
                                fp));
      QF_ASSIGN_OR_RETURN(bool found, details->Step());
      if (!found) continue;
      int64_t clue_id = details->Int(3);
      if (clue_id != 0) clue_ids.insert(clue_id);
      findings.push_back({{"fingerprint", f->fingerprint},
                          {"rule", f->rule},
                          {"period", details->Text(0)},
                          {"amount", details->Int(1)},
                          {"program_code", details->Text(2)},
                          {"status", f->status},
                          {"review", f->review},
                          {"outcome", f->outcome},
                          {"stopped", has ? money->Int(0) : 0},
                          {"recovered", has ? money->Int(1) : 0},
                          {"evidence", internal::OpenIds(env, f->evidence, full)},
                          {"clue_id", clue_id},
                          {"restricted", f->restricted}});
    }
  }
  out["findings"] = std::move(findings);

  // Clues and cases that name the person (matched by the keyed index of the ID number, as they
  // store it encrypted), and the clues the person's findings were promoted to.
  const std::string index = cipher_.Index(id);
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                       "SELECT DISTINCT clue_id FROM clue_subjects WHERE "
                                       "id_number_index = ?",
                                       index));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      clue_ids.insert(st->Int(0));
    }
  }
  Json clues = Json::array();
  for (int64_t clue_id : clue_ids) {
    QF_ASSIGN_OR_RETURN(auto clue, internal::LoadClue(db_, clue_id));
    if (!clue) continue;
    QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(db_, *clue));
    if (!CanSee(tree, actor, Action::kViewClue, target)) continue;
    auto state = ParseClueState(clue->status);
    clues.push_back({{"id", clue->clue_id},
                     {"title", internal::OpenIds(env, clue->title, full)},
                     {"source", clue->source},
                     {"domain", clue->domain},
                     {"status", clue->status},
                     {"status_name", state ? std::string(StateName(*state)) : clue->status},
                     {"disposal", clue->disposal},
                     {"created_at", clue->created_at}});
  }
  out["clues"] = std::move(clues);
  Json cases = Json::array();
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                       "SELECT case_id, position, COALESCE(outcome, ''), "
                                       "COALESCE(outcome_detail, '') FROM case_persons WHERE "
                                       "id_number_index = ? ORDER BY case_id, person_id",
                                       index));
    std::vector<std::tuple<int64_t, std::string, std::string, std::string>> rows;
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      rows.emplace_back(st->Int(0), st->Text(1), st->Text(2), st->Text(3));
    }
    st.reset();
    for (const auto& [case_id, position, outcome, detail] : rows) {
      QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db_, case_id));
      if (!row || !CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(*row))) continue;
      auto state = ParseCaseState(row->status);
      cases.push_back({{"id", row->case_id},
                       {"title", internal::OpenIds(env, row->title, full)},
                       {"domain", row->domain},
                       {"status", row->status},
                       {"status_name", state ? std::string(StateName(*state)) : row->status},
                       {"position", internal::OpenIds(env, position, full)},
                       {"outcome", outcome},
                       {"outcome_detail", internal::OpenIds(env, detail, full)},
                       {"filed_at", row->filed_at}});
    }
  }
  out["cases"] = std::move(cases);

  bool known = !out["person"].is_null();
  for (const char* part : {"deaths", "officials", "companies", "vehicles", "properties",
                           "enrolments", "cards", "findings", "clues", "cases"}) {
    known = known || !out[part].empty();
  }
  known = known || out["payments"]["count"].get<int64_t>() > 0;
  if (!known) return std::unexpected(PersonNotFound());

  // Every opening is recorded before anything is shown.
  audit::Recorder recorder(clock_, cipher_.chain_key());
  QF_RETURN_IF_ERROR(recorder.AppendAlone(
      db_, {.actor = actor.username.empty() ? "system" : actor.username,
            .action = "person.read",
            .entity = "person",
            .entity_id = index,
            .after = Json{{"restricted", restricted}, {"unit", unit}}.dump()}));
  return out;
}

}  // namespace qf::casework
