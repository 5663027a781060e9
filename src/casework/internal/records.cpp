// Shared loading, auditing and ID handling for the casework service files.
#include "casework/internal/records.h"

#include <fmt/format.h>

#include "casework/internal/classification.h"
#include "casework/internal/sealed_text.h"
#include "casework/internal/sql.h"
#include "casework/internal/staff.h"
#include "casework/state_machines.h"

namespace qf::casework::internal {

Json PersonKey(std::string_view stored_enc) {
  constexpr std::string_view kPrefix = "sm4:";
  if (!stored_enc.starts_with(kPrefix)) return Json();
  return std::string(stored_enc.substr(kPrefix.size()));
}

Error NotFound(std::string_view what, int64_t id, std::string_view field) {
  Error error(ErrorCode::kNotFound, fmt::format("{} {} 不存在", what, id));
  return field.empty() ? error : error.WithField(std::string(field));
}

Result<UnitTree> LoadUnitTree(store::Database& db) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, "SELECT code, name, kind, parent_code FROM units"));
  UnitTree tree;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    tree.Add({st->Text(0), st->Text(1), ParseUnitKind(st->Text(2)).value_or(UnitKind::kDepartment),
              st->Text(3)});
  }
  return tree;
}

Result<const Unit*> RequireUnit(const UnitTree& tree, std::string_view code,
                                std::string_view field) {
  const Unit* unit = tree.Find(code);
  if (unit == nullptr) {
    Error error(ErrorCode::kNotFound, fmt::format("字段 {}：单位 '{}' 不存在", field, code));
    return std::unexpected(error.WithField(std::string(field)));
  }
  return unit;
}

Result<const Unit*> RequireUnitByCodeOrName(const UnitTree& tree, std::string_view text,
                                            std::string_view field) {
  if (const Unit* unit = tree.Find(text)) return unit;
  for (const auto& [code, unit] : tree.units()) {
    if (unit.name == text) return &unit;
  }
  return RequireUnit(tree, text, field);
}

Result<int64_t> Audit(const Env& env, const Actor& actor, std::string_view action,
                      std::string_view entity, int64_t entity_id, const Json& before,
                      const Json& after) {
  return Audit(env, actor, action, entity, std::to_string(entity_id), before, after);
}

Result<int64_t> Audit(const Env& env, const Actor& actor, std::string_view action,
                      std::string_view entity, std::string_view entity_id, const Json& before,
                      const Json& after) {
  audit::Entry entry{actor.username.empty() ? "system" : actor.username,
                     std::string(action),
                     std::string(entity),
                     std::string(entity_id),
                     before.is_null() ? "" : before.dump(),
                     after.is_null() ? "" : after.dump()};
  return audit::Append(env.db, env.clock, env.cipher.chain_key(), entry);
}

Result<void> AuditRestrictedRead(const Env& env, const Actor& actor, std::string_view entity,
                                 std::string_view entity_id) {
  auto tx = env.db.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_RETURN_IF_ERROR(Audit(env, actor, fmt::format("{}.read_restricted", entity), entity, entity_id,
                           Json(), Json()));
  return (*tx)->Commit();
}

Result<PersonInput> ParsePerson(const Json& item, std::string_view path) {
  QF_RETURN_IF_ERROR(RequireObject(item, path));
  PersonInput person;
  QF_ASSIGN_OR_RETURN(person.name, GetString(item, "name", kMaxName, path));
  QF_ASSIGN_OR_RETURN(auto id_text, GetOptionalString(item, "id_number", 40, path));
  if (id_text) {
    auto id = CitizenId::Parse(*id_text);
    if (!id) {
      return std::unexpected(FieldError(JoinPath(path, "id_number"), id.error().message()));
    }
    person.id = *id;
  }
  QF_ASSIGN_OR_RETURN(auto position, GetOptionalString(item, "position", kMaxTitle, path));
  person.position = position.value_or("");
  return person;
}

Result<std::vector<PersonInput>> ParsePersons(const Json& body, std::string_view field,
                                              bool required) {
  QF_ASSIGN_OR_RETURN(Json items, GetArray(body, field, kMaxListItems, required));
  std::vector<PersonInput> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    QF_ASSIGN_OR_RETURN(PersonInput person, ParsePerson(items[i], fmt::format("{}[{}]", field, i)));
    out.push_back(std::move(person));
  }
  return out;
}

std::pair<std::optional<std::string>, std::optional<std::string>> EncryptId(
    const Env& env, const std::optional<CitizenId>& id) {
  if (!id) return {std::nullopt, std::nullopt};
  return {env.cipher.Encrypt(id->value()), env.cipher.Index(id->value())};
}

Result<Json> ShownId(const Env& env, const std::string& stored_enc, bool full) {
  if (stored_enc.empty()) return Json();
  QF_ASSIGN_OR_RETURN(std::string plain, env.cipher.Decrypt(stored_enc));
  if (full) return Json(plain);
  auto id = CitizenId::Parse(plain);
  return Json(id ? id->Masked() : std::string("******"));
}

Result<bool> IsCommissionStaff(const Env& env, const PersonInput& person) {
  QF_ASSIGN_OR_RETURN(StaffDirectory staff, StaffDirectory::Load(env));
  return staff.Matches(person.name, person.id);
}

namespace {

constexpr std::string_view kClueColumns =
    "SELECT clue_id, source, source_ref, domain, title, summary, amount, unit_code, restricted, "
    "status, disposal, proposed_by, approved_by, dual_check, created_by, created_at, updated_at "
    "FROM clues";

ClueRow ReadClue(const store::Statement& st) {
  ClueRow r;
  r.clue_id = st.Int(0);
  r.source = st.Text(1);
  r.source_ref = st.Text(2);
  r.domain = st.Text(3);
  r.title = st.Text(4);
  r.summary = st.Text(5);
  r.amount = st.Int(6);
  r.unit_code = st.Text(7);
  r.restricted = st.Int(8) != 0;
  r.status = st.Text(9);
  r.disposal = st.Text(10);
  r.proposed_by = st.Text(11);
  r.approved_by = st.Text(12);
  r.dual_check = st.Int(13) != 0;
  r.created_by = st.Text(14);
  r.created_at = st.Text(15);
  r.updated_at = st.Text(16);
  return r;
}

std::optional<int64_t> OptInt(const store::Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Int(column);
}

Json OptJson(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(); }
Json TextOrNull(const std::string& s) { return s.empty() ? Json() : Json(s); }

template <typename Row, typename Reader>
Result<std::vector<Row>> ReadAll(store::Database& db, std::string sql, Reader read) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql));
  std::vector<Row> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(read(*st));
  }
  return out;
}

template <typename Row, typename Reader>
Result<std::optional<Row>> ReadOne(store::Database& db, std::string sql, int64_t id, Reader read) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, id));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Row>();
  return std::optional<Row>(read(*st));
}

// Fills each row's campaign tags of `kind`.
template <typename Row>
Result<std::vector<Row>> WithCampaigns(store::Database& db, std::string_view kind,
                                       std::vector<Row> rows, int64_t Row::*id) {
  QF_ASSIGN_OR_RETURN(auto tags, LoadAllCampaignTags(db, kind));
  for (Row& row : rows) {
    if (auto it = tags.find(row.*id); it != tags.end()) row.campaigns = std::move(it->second);
  }
  return rows;
}

template <typename Row>
Result<std::optional<Row>> WithCampaigns(store::Database& db, std::string_view kind,
                                         std::optional<Row> row, int64_t Row::*id) {
  if (row) {
    QF_ASSIGN_OR_RETURN(row->campaigns, LoadCampaignTags(db, kind, (*row).*id));
  }
  return row;
}

}  // namespace

Result<std::optional<ClueRow>> LoadClue(store::Database& db, int64_t clue_id) {
  QF_ASSIGN_OR_RETURN(
      auto row,
      ReadOne<ClueRow>(db, std::string(kClueColumns) + " WHERE clue_id = ?", clue_id, ReadClue));
  return WithCampaigns(db, "clue", std::move(row), &ClueRow::clue_id);
}

Result<std::vector<ClueRow>> LoadClues(store::Database& db) {
  QF_ASSIGN_OR_RETURN(
      auto rows, ReadAll<ClueRow>(db, std::string(kClueColumns) + " ORDER BY clue_id", ReadClue));
  return WithCampaigns(db, "clue", std::move(rows), &ClueRow::clue_id);
}

Result<Target> ClueTarget(store::Database& db, const ClueRow& clue) {
  Target target{clue.unit_code, {}, clue.restricted};
  QF_ASSIGN_OR_RETURN(auto st, Query(db,
                                     "SELECT unit_code FROM assignments WHERE clue_id = ? UNION "
                                     "SELECT organ_code FROM transfers WHERE clue_id = ?",
                                     clue.clue_id, clue.clue_id));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    target.sent_to.push_back(st->Text(0));
  }
  return target;
}

Result<Json> ClueJson(const Env& env, const ClueRow& clue, bool full_ids) {
  Json out = {{"id", clue.clue_id},
              {"source", clue.source},
              {"source_ref", OpenIds(env, clue.source_ref, full_ids)},
              {"domain", clue.domain},
              {"campaigns", CampaignsJson(clue.campaigns)},
              {"title", OpenIds(env, clue.title, full_ids)},
              {"summary", OpenIds(env, clue.summary, full_ids)},
              {"amount", clue.amount},
              {"unit", clue.unit_code},
              {"restricted", clue.restricted},
              {"status", clue.status},
              {"disposal", TextOrNull(clue.disposal)},
              {"proposed_by", TextOrNull(clue.proposed_by)},
              {"approved_by", TextOrNull(clue.approved_by)},
              {"dual_check", clue.dual_check},
              {"created_by", clue.created_by},
              {"created_at", clue.created_at},
              {"updated_at", clue.updated_at}};
  if (auto state = ParseClueState(clue.status)) out["status_label"] = StateName(*state);
  Json subjects = Json::array();
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(env.db,
                                       "SELECT subject_id, name, id_number_enc, position FROM "
                                       "clue_subjects WHERE clue_id = ? ORDER BY subject_id",
                                       clue.clue_id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      QF_ASSIGN_OR_RETURN(Json id, ShownId(env, st->Text(2), full_ids));
      subjects.push_back({{"id", st->Int(0)},
                          {"name", st->Text(1)},
                          {"id_number", id},
                          {"person_key", PersonKey(st->Text(2))},
                          {"position", OpenIds(env, st->Text(3), full_ids)}});
    }
  }
  out["subjects"] = std::move(subjects);
  Json findings = Json::array();
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(env.db,
                                       "SELECT fingerprint FROM clue_findings WHERE clue_id = ? "
                                       "ORDER BY fingerprint",
                                       clue.clue_id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      findings.push_back(st->Text(0));
    }
  }
  out["findings"] = std::move(findings);
  Json assignments = Json::array();
  {
    QF_ASSIGN_OR_RETURN(auto st,
                        Query(env.db,
                              "SELECT assignment_id, unit_code, request, deadline, status, "
                              "assigned_by, assigned_at, feedback, attachments, "
                              "feedback_by, feedback_at, reviewed_by, review_note "
                              "FROM assignments WHERE clue_id = ? ORDER BY assignment_id",
                              clue.clue_id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      Json attachments = st->IsNull(8) ? Json::array() : Json::parse(st->Text(8), nullptr, false);
      assignments.push_back({{"id", st->Int(0)},
                             {"unit", st->Text(1)},
                             {"request", OpenIds(env, st->Text(2), full_ids)},
                             {"deadline", st->Text(3)},
                             {"status", st->Text(4)},
                             {"assigned_by", st->Text(5)},
                             {"assigned_at", st->Text(6)},
                             {"feedback", TextOrNull(OpenIds(env, st->Text(7), full_ids))},
                             {"attachments", attachments},
                             {"feedback_by", TextOrNull(st->Text(9))},
                             {"feedback_at", TextOrNull(st->Text(10))},
                             {"reviewed_by", TextOrNull(st->Text(11))},
                             {"review_note", TextOrNull(OpenIds(env, st->Text(12), full_ids))}});
    }
  }
  out["assignments"] = std::move(assignments);
  return out;
}

namespace {

constexpr std::string_view kCaseColumns =
    "SELECT case_id, clue_id, title, domain, unit_code, restricted, status, recovered, "
    "losses_retrieved, filed_by, filed_at, updated_at FROM cases";

CaseRow ReadCase(const store::Statement& st) {
  CaseRow r;
  r.case_id = st.Int(0);
  r.clue_id = OptInt(st, 1);
  r.title = st.Text(2);
  r.domain = st.Text(3);
  r.unit_code = st.Text(4);
  r.restricted = st.Int(5) != 0;
  r.status = st.Text(6);
  r.recovered = st.Int(7);
  r.losses_retrieved = st.Int(8);
  r.filed_by = st.Text(9);
  r.filed_at = st.Text(10);
  r.updated_at = st.Text(11);
  return r;
}

}  // namespace

Result<std::optional<CaseRow>> LoadCase(store::Database& db, int64_t case_id) {
  QF_ASSIGN_OR_RETURN(
      auto row,
      ReadOne<CaseRow>(db, std::string(kCaseColumns) + " WHERE case_id = ?", case_id, ReadCase));
  return WithCampaigns(db, "case", std::move(row), &CaseRow::case_id);
}

Result<std::vector<CaseRow>> LoadCases(store::Database& db) {
  QF_ASSIGN_OR_RETURN(
      auto rows, ReadAll<CaseRow>(db, std::string(kCaseColumns) + " ORDER BY case_id", ReadCase));
  return WithCampaigns(db, "case", std::move(rows), &CaseRow::case_id);
}

Target CaseTarget(const CaseRow& row) { return {row.unit_code, {}, row.restricted}; }

Result<Json> CaseJson(const Env& env, const CaseRow& row, bool full_ids) {
  Json out = {{"id", row.case_id},
              {"clue_id", OptJson(row.clue_id)},
              {"title", OpenIds(env, row.title, full_ids)},
              {"domain", row.domain},
              {"campaigns", CampaignsJson(row.campaigns)},
              {"unit", row.unit_code},
              {"restricted", row.restricted},
              {"status", row.status},
              {"recovered", row.recovered},
              {"losses_retrieved", row.losses_retrieved},
              {"filed_by", row.filed_by},
              {"filed_at", row.filed_at},
              {"updated_at", row.updated_at}};
  if (auto state = ParseCaseState(row.status)) out["status_label"] = StateName(*state);
  Json persons = Json::array();
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(env.db,
                                       "SELECT person_id, name, id_number_enc, position, outcome, "
                                       "outcome_detail, receiving_organ, outcome_at FROM "
                                       "case_persons WHERE case_id = ? ORDER BY person_id",
                                       row.case_id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool has, st->Step());
      if (!has) break;
      QF_ASSIGN_OR_RETURN(Json id, ShownId(env, st->Text(2), full_ids));
      persons.push_back({{"id", st->Int(0)},
                         {"name", st->Text(1)},
                         {"id_number", id},
                         {"person_key", PersonKey(st->Text(2))},
                         {"position", OpenIds(env, st->Text(3), full_ids)},
                         {"outcome", TextOrNull(st->Text(4))},
                         {"outcome_detail", TextOrNull(OpenIds(env, st->Text(5), full_ids))},
                         {"receiving_organ", TextOrNull(st->Text(6))},
                         {"outcome_at", TextOrNull(st->Text(7))}});
    }
  }
  out["persons"] = std::move(persons);
  Json links = Json::array();
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(env.db,
                                       "SELECT linked_case_id, aspect, 'examines' FROM case_links "
                                       "WHERE case_id = ? UNION ALL SELECT case_id, aspect, "
                                       "'examined_by' FROM case_links WHERE linked_case_id = ?",
                                       row.case_id, row.case_id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool has, st->Step());
      if (!has) break;
      links.push_back(
          {{"case_id", st->Int(0)}, {"aspect", st->Text(1)}, {"direction", st->Text(2)}});
    }
  }
  out["links"] = std::move(links);
  return out;
}

namespace {

constexpr std::string_view kTransferColumns =
    "SELECT t.transfer_id, t.direction, t.organ_code, t.unit_code, t.clue_id, t.case_id, "
    "t.summary, t.status, t.sync_intervention, t.dual_check, t.feedback_due, t.feedback, "
    "t.created_by, t.created_at, t.updated_at, "
    "COALESCE((SELECT restricted FROM clues c WHERE c.clue_id = t.clue_id), 0) + "
    "COALESCE((SELECT restricted FROM cases k WHERE k.case_id = t.case_id), 0) "
    "FROM transfers t";

TransferRow ReadTransfer(const store::Statement& st) {
  TransferRow r;
  r.transfer_id = st.Int(0);
  r.direction = st.Text(1);
  r.organ_code = st.Text(2);
  r.unit_code = st.Text(3);
  r.clue_id = OptInt(st, 4);
  r.case_id = OptInt(st, 5);
  r.summary = st.Text(6);
  r.status = st.Text(7);
  r.sync_intervention = st.Int(8) != 0;
  r.dual_check = st.Int(9) != 0;
  r.feedback_due = st.Text(10);
  r.feedback = st.Text(11);
  r.created_by = st.Text(12);
  r.created_at = st.Text(13);
  r.updated_at = st.Text(14);
  r.restricted = st.Int(15) != 0;
  return r;
}

}  // namespace

Result<std::optional<TransferRow>> LoadTransfer(store::Database& db, int64_t transfer_id) {
  return ReadOne<TransferRow>(db, std::string(kTransferColumns) + " WHERE t.transfer_id = ?",
                              transfer_id, ReadTransfer);
}

Result<std::vector<TransferRow>> LoadTransfers(store::Database& db) {
  return ReadAll<TransferRow>(db, std::string(kTransferColumns) + " ORDER BY t.transfer_id",
                              ReadTransfer);
}

Target TransferTarget(const TransferRow& row) {
  return {row.unit_code, {row.organ_code}, row.restricted};
}

Json TransferJson(const Env& env, const TransferRow& row, bool full_ids) {
  Json out = {{"id", row.transfer_id},
              {"direction", row.direction},
              {"organ", row.organ_code},
              {"unit", row.unit_code},
              {"clue_id", OptJson(row.clue_id)},
              {"case_id", OptJson(row.case_id)},
              {"summary", OpenIds(env, row.summary, full_ids)},
              {"status", row.status},
              {"sync_intervention", row.sync_intervention},
              {"dual_check", row.dual_check},
              {"feedback_due", row.feedback_due},
              {"feedback", TextOrNull(OpenIds(env, row.feedback, full_ids))},
              {"created_by", row.created_by},
              {"created_at", row.created_at},
              {"updated_at", row.updated_at}};
  if (auto state = ParseTransferState(row.status)) out["status_label"] = StateName(*state);
  return out;
}

namespace {

constexpr std::string_view kRectificationColumns =
    "SELECT rectification_id, kind, case_id, clue_id, issuing_unit, unit_code, content, due_date, "
    "status, evidence, attachments, verified_by, closed_at, restricted, created_by, created_at, "
    "updated_at, domain FROM rectifications";

RectificationRow ReadRectification(const store::Statement& st) {
  RectificationRow r;
  r.rectification_id = st.Int(0);
  r.kind = st.Text(1);
  r.case_id = OptInt(st, 2);
  r.clue_id = OptInt(st, 3);
  r.issuing_unit = st.Text(4);
  r.unit_code = st.Text(5);
  r.content = st.Text(6);
  r.due_date = st.Text(7);
  r.status = st.Text(8);
  r.evidence = st.Text(9);
  r.attachments = st.IsNull(10) ? Json::array() : Json::parse(st.Text(10), nullptr, false);
  r.verified_by = st.Text(11);
  r.closed_at = st.Text(12);
  r.restricted = st.Int(13) != 0;
  r.created_by = st.Text(14);
  r.created_at = st.Text(15);
  r.updated_at = st.Text(16);
  r.domain = st.Text(17);
  return r;
}

}  // namespace

Result<std::optional<RectificationRow>> LoadRectification(store::Database& db, int64_t id) {
  QF_ASSIGN_OR_RETURN(
      auto row, ReadOne<RectificationRow>(
                    db, std::string(kRectificationColumns) + " WHERE rectification_id = ?", id,
                    ReadRectification));
  return WithCampaigns(db, "rectification", std::move(row), &RectificationRow::rectification_id);
}

Result<std::vector<RectificationRow>> LoadRectifications(store::Database& db) {
  QF_ASSIGN_OR_RETURN(auto rows,
                      ReadAll<RectificationRow>(
                          db, std::string(kRectificationColumns) + " ORDER BY rectification_id",
                          ReadRectification));
  return WithCampaigns(db, "rectification", std::move(rows), &RectificationRow::rectification_id);
}

Target RectificationTarget(const RectificationRow& row) {
  return {row.issuing_unit, {row.unit_code}, row.restricted};
}

Json RectificationJson(const Env& env, const RectificationRow& row, bool full_ids) {
  Json out = {{"id", row.rectification_id},
              {"kind", row.kind},
              {"domain", row.domain},
              {"campaigns", CampaignsJson(row.campaigns)},
              {"case_id", OptJson(row.case_id)},
              {"clue_id", OptJson(row.clue_id)},
              {"issuing_unit", row.issuing_unit},
              {"unit", row.unit_code},
              {"content", OpenIds(env, row.content, full_ids)},
              {"due_date", row.due_date},
              {"status", row.status},
              {"evidence", TextOrNull(OpenIds(env, row.evidence, full_ids))},
              {"attachments", row.attachments},
              {"verified_by", TextOrNull(row.verified_by)},
              {"closed_at", TextOrNull(row.closed_at)},
              {"restricted", row.restricted},
              {"created_by", row.created_by},
              {"created_at", row.created_at},
              {"updated_at", row.updated_at}};
  if (auto state = ParseRectificationState(row.status)) out["status_label"] = StateName(*state);
  return out;
}

}  // namespace qf::casework::internal

namespace qf::casework {

Result<UnitTree> LoadUnitTree(store::Database& db) { return internal::LoadUnitTree(db); }

}  // namespace qf::casework
