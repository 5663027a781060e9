// CaseworkService: clue intake (every source, findings promoted in one step), the four disposal
// types with approver sign-off, assignment for verification with deadlines and feedback, and the
// overdue / due-this-week lists.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "casework/casework_service.h"
#include "casework/internal/classification.h"
#include "casework/internal/findings.h"
#include "casework/internal/records.h"
#include "casework/internal/sealed_text.h"
#include "casework/internal/sql.h"
#include "casework/internal/staff.h"
#include "casework/state_machines.h"
#include "core/strings.h"

namespace qf::casework {

using internal::Env;
using internal::Exec;
using internal::FieldError;
using internal::GetChoice;
using internal::GetString;
using internal::Query;
using internal::QueryInt;

namespace internal {

Json RestrictedReceipt(int64_t clue_id) {
  return {{"id", clue_id},
          {"restricted", true},
          {"message", "该线索涉及本机关工作人员，已按规定自动转干部监督室办理，受理人不再可见"}};
}

Result<int64_t> InsertClue(const Env& env, const Actor& actor, const ClueInput& input) {
  bool restricted = input.force_restricted || actor.Has(Role::kInternalSupervision);
  if (!restricted && !input.subjects.empty()) {
    QF_ASSIGN_OR_RETURN(StaffDirectory staff, StaffDirectory::Load(env));
    restricted = std::any_of(input.subjects.begin(), input.subjects.end(),
                             [&](const PersonInput& p) { return staff.Matches(p.name, p.id); });
  }
  std::string now = IsoUtc(env.clock.NowSeconds());
  QF_ASSIGN_OR_RETURN(
      int64_t clue_id,
      Insert(env.db,
             "INSERT INTO clues(source, source_ref, domain, title, summary, amount, unit_code, "
             "restricted, status, created_by, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             input.source, SealIds(env, input.source_ref), input.domain, SealIds(env, input.title),
             SealIds(env, input.summary), input.amount, input.unit_code, restricted,
             StateCode(ClueState::kRegistered), actor.username, now, now));
  QF_RETURN_IF_ERROR(WriteCampaignTags(env.db, "clue", clue_id, input.campaigns));
  for (const PersonInput& subject : input.subjects) {
    auto [enc, index] = EncryptId(env, subject.id);
    QF_RETURN_IF_ERROR(Exec(env.db,
                            "INSERT INTO clue_subjects(clue_id, name, id_number_enc, "
                            "id_number_index, position) VALUES (?, ?, ?, ?, ?)",
                            clue_id, subject.name, enc, index, SealIds(env, subject.position)));
  }
  for (const std::string& fingerprint : input.fingerprints) {
    QF_RETURN_IF_ERROR(Exec(env.db, "INSERT INTO clue_findings(fingerprint, clue_id) VALUES (?, ?)",
                            fingerprint, clue_id));
    // Promoting a finding is the reviewer's confirmation of it (engine/findings_store.h).
    QF_RETURN_IF_ERROR(Exec(env.db,
                            "UPDATE findings SET review = 'confirmed', review_reason = ?, "
                            "reviewed_by = ?, reviewed_at = ?, review_version = review_version + "
                            "1 WHERE fingerprint = ? AND review = 'open'",
                            fmt::format("已转为线索 {}", clue_id), actor.username, now,
                            fingerprint));
  }
  QF_ASSIGN_OR_RETURN(auto row, LoadClue(env.db, clue_id));
  QF_ASSIGN_OR_RETURN(Json after, ClueJson(env, *row, false));
  QF_RETURN_IF_ERROR(Audit(env, actor, "clue.create", "clue", clue_id, Json(), after));
  return clue_id;
}

}  // namespace internal

namespace {

// What registering a clue is authorised against. Intake is authorised as an ordinary clue:
// whoever registers a clue about staff may do so, and only afterwards loses sight of it;
// 干部监督室 registers restricted clues, whatever their unit.
Target IntakeTarget(const Actor& actor, const std::string& unit_code) {
  return Target{unit_code, {}, actor.Has(Role::kInternalSupervision)};
}

// Loads a clue the actor may see, or kNotFound (also for one it may not see).
Result<internal::ClueRow> VisibleClue(const Env& env, const UnitTree& tree, const Actor& actor,
                                      int64_t clue_id, Target* target_out = nullptr,
                                      std::string_view field = "") {
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadClue(env.db, clue_id));
  if (!row) return std::unexpected(internal::NotFound("线索", clue_id, field));
  QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(env.db, *row));
  if (!CanSee(tree, actor, Action::kViewClue, target)) {
    return std::unexpected(internal::NotFound("线索", clue_id, field));
  }
  if (target_out != nullptr) *target_out = target;
  return std::move(*row);
}

Result<Json> ClueResponse(const Env& env, const Actor& actor, int64_t clue_id) {
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadClue(env.db, clue_id));
  if (!row) return std::unexpected(internal::NotFound("线索", clue_id));
  return internal::ClueJson(env, *row, ShowsFullIds(actor));
}

// Changes the clue's status (and the given columns) and audits before/after.
Result<void> UpdateClue(const Env& env, const Actor& actor, const internal::ClueRow& before_row,
                        std::string_view action, ClueState to, std::string_view extra_sql,
                        std::optional<std::string> extra_value, const Json& note) {
  QF_ASSIGN_OR_RETURN(Json before, internal::ClueJson(env, before_row, false));
  std::string now = IsoUtc(env.clock.NowSeconds());
  std::string sql =
      fmt::format("UPDATE clues SET status = ?, updated_at = ?{} WHERE clue_id = ?", extra_sql);
  if (extra_sql.empty()) {
    QF_RETURN_IF_ERROR(Exec(env.db, sql, StateCode(to), now, before_row.clue_id));
  } else {
    QF_RETURN_IF_ERROR(Exec(env.db, sql, StateCode(to), now, extra_value, before_row.clue_id));
  }
  QF_ASSIGN_OR_RETURN(auto after_row, internal::LoadClue(env.db, before_row.clue_id));
  QF_ASSIGN_OR_RETURN(Json after, internal::ClueJson(env, *after_row, false));
  if (!note.is_null()) after["note"] = internal::MaskIds(note.get<std::string>());
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, action, "clue", before_row.clue_id, before, after));
  return {};
}

Result<ClueState> CurrentState(const internal::ClueRow& row) {
  auto state = ParseClueState(row.status);
  if (!state) {
    return Fail(ErrorCode::kInternal,
                fmt::format("线索 {} 的状态 '{}' 无法识别", row.clue_id, row.status));
  }
  return *state;
}

}  // namespace

namespace {

Result<internal::ClueInput> ParseClueInput(const Actor& actor, const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  internal::ClueInput input;
  QF_ASSIGN_OR_RETURN(input.source, GetChoice(body, "source", ClueSources()));
  if (input.source == "比对发现") {
    return std::unexpected(
        FieldError("source", "比对发现须在「比对发现」中选中后转为线索，不能直接登记"));
  }
  QF_ASSIGN_OR_RETURN(auto source_ref,
                      internal::GetOptionalString(body, "source_ref", internal::kMaxTitle));
  input.source_ref = source_ref.value_or("");
  QF_ASSIGN_OR_RETURN(input.domain, internal::ParseNewDomain(body, "domain"));
  QF_ASSIGN_OR_RETURN(auto campaigns, internal::ParseCampaigns(body, "campaigns", {}));
  input.campaigns = campaigns.value_or(std::vector<std::string>());
  QF_ASSIGN_OR_RETURN(input.title, GetString(body, "title", internal::kMaxTitle));
  QF_ASSIGN_OR_RETURN(input.summary, GetString(body, "summary", internal::kMaxLongText));
  QF_ASSIGN_OR_RETURN(input.amount,
                      internal::GetInt(body, "amount", 0, int64_t{1} << 50, int64_t{0}));
  QF_ASSIGN_OR_RETURN(auto unit, internal::GetOptionalString(body, "unit", 40));
  input.unit_code = unit.value_or(actor.unit_code);
  QF_ASSIGN_OR_RETURN(input.subjects, internal::ParsePersons(body, "subjects", false));
  QF_ASSIGN_OR_RETURN(input.force_restricted, internal::GetBool(body, "restricted", false));
  return input;
}

// Checks and inserts the clue; the caller owns the transaction.
Result<int64_t> InsertCheckedClue(const Env& env, const Actor& actor,
                                  const internal::ClueInput& input) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(env.db));
  QF_RETURN_IF_ERROR(internal::RequireUnit(tree, input.unit_code, "unit"));
  QF_RETURN_IF_ERROR(
      Authorize(tree, actor, Action::kCreateClue, IntakeTarget(actor, input.unit_code)));
  return internal::InsertClue(env, actor, input);
}

}  // namespace

Result<Json> CaseworkService::CreateClue(const Actor& actor, const Json& body) {
  QF_ASSIGN_OR_RETURN(internal::ClueInput input, ParseClueInput(actor, body));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(int64_t clue_id, InsertCheckedClue(env, actor, input));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadClue(db_, clue_id));
  QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(db_, *row));
  if (!CanSee(tree, actor, Action::kViewClue, target)) return internal::RestrictedReceipt(clue_id);
  return ClueResponse(env, actor, clue_id);
}

Result<int64_t> CaseworkService::CreateClueInTransaction(const Actor& actor, const Json& body) {
  QF_ASSIGN_OR_RETURN(internal::ClueInput input, ParseClueInput(actor, body));
  return InsertCheckedClue(Env{db_, clock_, cipher_}, actor, input);
}

Result<Json> CaseworkService::PromoteFindings(const Actor& actor, const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(Json list,
                      internal::GetArray(body, "fingerprints", internal::kMaxListItems, true));
  internal::ClueInput input;
  input.source = "比对发现";
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = fmt::format("fingerprints[{}]", i);
    if (!list[i].is_string() || list[i].get<std::string>().empty()) {
      return std::unexpected(FieldError(path, "应为比对发现的指纹（字符串）"));
    }
    if (!seen.insert(list[i].get<std::string>()).second) {
      return std::unexpected(FieldError(path, "重复的指纹"));
    }
    input.fingerprints.push_back(list[i].get<std::string>());
  }
  QF_ASSIGN_OR_RETURN(auto domain, internal::ParseDomain(body, "domain", ""));
  input.domain = domain.value_or("一卡通");
  QF_ASSIGN_OR_RETURN(auto campaigns, internal::ParseCampaigns(body, "campaigns", {}));
  input.campaigns = campaigns.value_or(std::vector<std::string>());
  QF_ASSIGN_OR_RETURN(auto title, internal::GetOptionalString(body, "title", internal::kMaxTitle));
  QF_ASSIGN_OR_RETURN(auto unit, internal::GetOptionalString(body, "unit", 40));
  input.unit_code = unit.value_or(actor.unit_code);

  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_RETURN_IF_ERROR(internal::RequireUnit(tree, input.unit_code, "unit"));
  QF_RETURN_IF_ERROR(
      Authorize(tree, actor, Action::kCreateClue, IntakeTarget(actor, input.unit_code)));
  QF_ASSIGN_OR_RETURN(internal::StaffDirectory staff, internal::StaffDirectory::Load(env));
  std::set<std::string> subject_ids;
  std::set<std::string> rules;
  std::string summary;
  for (std::size_t i = 0; i < input.fingerprints.size(); ++i) {
    const std::string& fingerprint = input.fingerprints[i];
    std::string path = fmt::format("fingerprints[{}]", i);
    QF_ASSIGN_OR_RETURN(auto taken, QueryInt(db_,
                                             "SELECT clue_id FROM clue_findings WHERE "
                                             "fingerprint = ?",
                                             fingerprint));
    if (taken) {
      return std::unexpected(
          Error(ErrorCode::kConflict,
                fmt::format("字段 {}：比对发现 {} 已转为线索 {}", path, fingerprint, *taken))
              .WithField(path));
    }
    // A finding the clerk may not see (another unit's, or one naming commission staff) does not
    // exist for them; promoting one that names staff makes a restricted clue.
    QF_ASSIGN_OR_RETURN(auto finding, internal::LoadFindingRecord(env, staff, fingerprint));
    if (finding && !CanSee(tree, actor, Action::kViewFinding, internal::FindingTarget(*finding))) {
      finding.reset();
    }
    if (finding && finding->restricted) input.force_restricted = true;
    QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                       "SELECT rule, id_number, amount, evidence FROM findings "
                                       "WHERE fingerprint = ?",
                                       fingerprint));
    QF_ASSIGN_OR_RETURN(bool found, st->Step());
    if (!found || !finding) {
      return std::unexpected(
          Error(ErrorCode::kNotFound, fmt::format("字段 {}：比对发现 {} 不存在", path, fingerprint))
              .WithField(path));
    }
    rules.insert(st->Text(0));
    if (!st->Text(1).empty()) subject_ids.insert(st->Text(1));
    input.amount += st->Int(2);
    if (internal::CountChars(summary) < internal::kMaxLongText - 600) {
      summary += fmt::format("{}：{}\n", st->Text(0), st->Text(3));
    }
  }
  for (const std::string& id_text : subject_ids) {
    internal::PersonInput person;
    auto id = CitizenId::Parse(id_text);
    if (id) person.id = *id;
    QF_ASSIGN_OR_RETURN(auto name_st,
                        Query(db_, "SELECT name FROM persons WHERE id_number = ?", id_text));
    QF_ASSIGN_OR_RETURN(bool has_name, name_st->Step());
    person.name = has_name ? name_st->Text(0) : (id ? id->Masked() : std::string("（身份不明）"));
    input.subjects.push_back(std::move(person));
  }
  input.summary = summary.empty() ? std::string("比对发现") : summary;
  input.title = title.value_or(
      fmt::format("比对发现（{}）共 {} 条", fmt::join(rules, "、"), input.fingerprints.size()));
  QF_ASSIGN_OR_RETURN(int64_t clue_id, internal::InsertClue(env, actor, input));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadClue(db_, clue_id));
  QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(db_, *row));
  if (!CanSee(tree, actor, Action::kViewClue, target)) return internal::RestrictedReceipt(clue_id);
  return ClueResponse(env, actor, clue_id);
}

Result<Json> CaseworkService::GetClue(const Actor& actor, int64_t clue_id) {
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(internal::ClueRow row, VisibleClue(env, tree, actor, clue_id));
  if (row.restricted) {
    // Reading a restricted clue is itself a recorded event.
    QF_RETURN_IF_ERROR(internal::AuditRestrictedRead(env, actor, "clue", std::to_string(clue_id)));
  }
  return internal::ClueJson(env, row, ShowsFullIds(actor));
}

Result<Json> CaseworkService::ListClues(const Actor& actor, const Json& query) {
  Json filters = query.is_null() ? Json::object() : query;
  QF_RETURN_IF_ERROR(internal::RequireObject(filters));
  QF_ASSIGN_OR_RETURN(auto status, internal::GetOptionalString(filters, "status", 40));
  QF_ASSIGN_OR_RETURN(auto domain, internal::GetOptionalString(filters, "domain", 40));
  QF_ASSIGN_OR_RETURN(auto source, internal::GetOptionalString(filters, "source", 40));
  QF_ASSIGN_OR_RETURN(auto unit, internal::GetOptionalString(filters, "unit", 40));
  QF_ASSIGN_OR_RETURN(auto campaign, internal::GetOptionalString(filters, "campaign", 80));
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto rows, internal::LoadClues(db_));
  Env env{db_, clock_, cipher_};
  Json out = Json::array();
  for (const internal::ClueRow& row : rows) {
    if ((status && row.status != *status) || (domain && row.domain != *domain) ||
        (source && row.source != *source) || (unit && !tree.Within(row.unit_code, *unit)) ||
        (campaign && !internal::HasCampaign(row.campaigns, *campaign))) {
      continue;
    }
    QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(db_, row));
    if (!CanSee(tree, actor, Action::kViewClue, target)) continue;
    out.push_back({{"id", row.clue_id},
                   {"title", internal::OpenIds(env, row.title, ShowsFullIds(actor))},
                   {"source", row.source},
                   {"domain", row.domain},
                   {"campaigns", internal::CampaignsJson(row.campaigns)},
                   {"status", row.status},
                   {"unit", row.unit_code},
                   {"amount", row.amount},
                   {"restricted", row.restricted},
                   {"created_at", row.created_at}});
  }
  return Json{{"clues", out}};
}

Result<Json> CaseworkService::ProposeDisposal(const Actor& actor, int64_t clue_id,
                                              const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string disposal, GetChoice(body, "disposal", Disposals()));
  QF_ASSIGN_OR_RETURN(auto note, internal::GetOptionalString(body, "note", internal::kMaxLongText));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  Target target;
  QF_ASSIGN_OR_RETURN(internal::ClueRow row, VisibleClue(env, tree, actor, clue_id, &target));
  QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kProposeDisposal, target));
  QF_ASSIGN_OR_RETURN(ClueState from, CurrentState(row));
  ClueEvent event =
      from == ClueState::kInDisposal ? ClueEvent::kProposeConclusion : ClueEvent::kPropose;
  if (event == ClueEvent::kProposeConclusion && disposal != "予以了结") {
    return std::unexpected(
        FieldError("disposal", "线索已在处置中，只能提出「予以了结」（或由审核领导批准立案）"));
  }
  QF_ASSIGN_OR_RETURN(ClueState to, Next(from, event));
  if (event == ClueEvent::kProposeConclusion && row.dual_check) {
    // 一线双核: both the political-legal organ and the commission must have verified.
    QF_ASSIGN_OR_RETURN(auto pending,
                        QueryInt(db_,
                                 "SELECT count(*) FROM transfers WHERE clue_id = ? AND direction = "
                                 "'out' AND dual_check = 1 AND status <> 'feedback_received'",
                                 clue_id));
    if (pending.value_or(0) > 0) {
      return Fail(ErrorCode::kConflict,
                  "该线索实行「一线双核」，政法机关尚未反馈核查结果，不能了结");
    }
  }
  QF_RETURN_IF_ERROR(Exec(db_, "UPDATE clues SET disposal = ?, proposed_by = ? WHERE clue_id = ?",
                          disposal, actor.username, clue_id));
  QF_RETURN_IF_ERROR(UpdateClue(env, actor, row, "clue.propose_disposal", to, "", std::nullopt,
                                note ? Json(*note) : Json()));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return ClueResponse(env, actor, clue_id);
}

Result<Json> CaseworkService::DecideDisposal(const Actor& actor, int64_t clue_id,
                                             const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  static constexpr std::string_view kDecisions[] = {"approve", "reject"};
  QF_ASSIGN_OR_RETURN(std::string decision, GetChoice(body, "decision", kDecisions));
  QF_ASSIGN_OR_RETURN(auto note, internal::GetOptionalString(body, "note", internal::kMaxLongText));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  Target target;
  QF_ASSIGN_OR_RETURN(internal::ClueRow row, VisibleClue(env, tree, actor, clue_id, &target));
  QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kApproveDisposal, target));
  QF_ASSIGN_OR_RETURN(ClueState from, CurrentState(row));
  ClueEvent event = ClueEvent::kReject;
  if (decision == "approve") {
    if (from == ClueState::kPendingConclusion || row.disposal == "予以了结") {
      event = ClueEvent::kApproveConclude;
    } else if (row.disposal == "暂存待查") {
      event = ClueEvent::kApproveShelve;
    } else {
      event = ClueEvent::kApprove;
    }
  }
  QF_ASSIGN_OR_RETURN(ClueState to, Next(from, event));
  if (row.proposed_by == actor.username) {
    return Fail(ErrorCode::kPermissionDenied, "处置意见须由提出人以外的审核领导审批");
  }
  QF_RETURN_IF_ERROR(Exec(db_, "UPDATE clues SET approved_by = ? WHERE clue_id = ?",
                          event == ClueEvent::kReject ? std::optional<std::string>()
                                                      : std::optional<std::string>(actor.username),
                          clue_id));
  QF_RETURN_IF_ERROR(UpdateClue(
      env, actor, row, decision == "approve" ? "clue.approve_disposal" : "clue.reject_disposal", to,
      "", std::nullopt, note ? Json(*note) : Json()));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return ClueResponse(env, actor, clue_id);
}

Result<Json> CaseworkService::ReopenClue(const Actor& actor, int64_t clue_id) {
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  Target target;
  QF_ASSIGN_OR_RETURN(internal::ClueRow row, VisibleClue(env, tree, actor, clue_id, &target));
  QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kProposeDisposal, target));
  QF_ASSIGN_OR_RETURN(ClueState from, CurrentState(row));
  QF_ASSIGN_OR_RETURN(ClueState to, Next(from, ClueEvent::kReopen));
  QF_RETURN_IF_ERROR(
      UpdateClue(env, actor, row, "clue.reopen", to, ", disposal = ?", std::nullopt, Json()));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return ClueResponse(env, actor, clue_id);
}

Result<bool> CaseworkService::ReopenDissatisfiedInTransaction(int64_t clue_id,
                                                              std::string_view actor_label) {
  const Actor receipt{
      .user_id = 0, .username = std::string(actor_label), .roles = {}, .unit_code = "commission"};
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(auto loaded, internal::LoadClue(db_, clue_id));
  if (!loaded) return Fail(ErrorCode::kNotFound, "线索不存在");
  const internal::ClueRow& row = *loaded;
  QF_ASSIGN_OR_RETURN(ClueState from, CurrentState(row));
  if (from == ClueState::kCaseFiled) return false;
  bool reopened = false;
  if (from == ClueState::kConcluded) {
    QF_ASSIGN_OR_RETURN(ClueState to, Next(from, ClueEvent::kReopenDissatisfied));
    QF_RETURN_IF_ERROR(UpdateClue(env, receipt, row, "clue.reopen_dissatisfied", to, "",
                                  std::nullopt, Json("举报人对答复不满意，线索重新办理")));
    reopened = true;
  }
  std::string summary =
      reopened
          ? fmt::format("群众评价不满意：线索 {} 已重新办理，请再次核查并答复举报人", clue_id)
          : fmt::format("群众评价不满意：线索 {} 的答复未获认可，请研究并再次答复举报人", clue_id);
  QF_ASSIGN_OR_RETURN(
      int64_t todo_id,
      internal::Insert(db_,
                       "INSERT INTO todos(unit_code, kind, clue_id, summary, "
                       "created_at) VALUES (?, 'citizen_dissatisfied', ?, ?, ?)",
                       row.unit_code, clue_id, summary, IsoUtc(clock_.NowSeconds())));
  QF_RETURN_IF_ERROR(internal::Audit(
      env, receipt, "todo.create", "clue", clue_id, nullptr,
      {{"todo", todo_id}, {"kind", "citizen_dissatisfied"}, {"unit", row.unit_code}}));
  return reopened;
}

Result<Json> CaseworkService::AssignClue(const Actor& actor, int64_t clue_id, const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string unit, GetString(body, "unit", 40));
  QF_ASSIGN_OR_RETURN(Date deadline, internal::GetDate(body, "deadline", Today(clock_)));
  QF_ASSIGN_OR_RETURN(std::string request, GetString(body, "request", internal::kMaxLongText));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  Target target;
  QF_ASSIGN_OR_RETURN(internal::ClueRow row, VisibleClue(env, tree, actor, clue_id, &target));
  QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kAssignClue, target));
  QF_RETURN_IF_ERROR(internal::RequireUnit(tree, unit, "unit"));
  QF_ASSIGN_OR_RETURN(ClueState state, CurrentState(row));
  if (state != ClueState::kInDisposal) {
    return Fail(ErrorCode::kConflict,
                fmt::format("线索当前状态为「{}」，处置意见获批后才能交办核查", StateName(state)));
  }
  if (row.restricted && !tree.Within(unit, actor.unit_code)) {
    return std::unexpected(FieldError("unit", "涉及本机关工作人员的线索不能交办到外单位"));
  }
  QF_ASSIGN_OR_RETURN(
      int64_t assignment_id,
      internal::Insert(db_,
                       "INSERT INTO assignments(clue_id, unit_code, request, deadline, status, "
                       "assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       clue_id, unit, internal::SealIds(env, request), deadline.ToString(),
                       StateCode(AssignmentState::kAssigned), actor.username,
                       IsoUtc(clock_.NowSeconds())));
  Json after = {{"clue_id", clue_id},
                {"unit", unit},
                {"deadline", deadline.ToString()},
                {"request", internal::MaskIds(request)},
                {"status", StateCode(AssignmentState::kAssigned)}};
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, "assignment.create", "assignment", assignment_id, Json(), after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return ClueResponse(env, actor, clue_id);
}

namespace {

struct AssignmentRow {
  int64_t assignment_id = 0, clue_id = 0;
  std::string unit_code, deadline, status;
};

Result<AssignmentRow> LoadAssignment(store::Database& db, int64_t assignment_id) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db,
                                     "SELECT assignment_id, clue_id, unit_code, deadline, status "
                                     "FROM assignments WHERE assignment_id = ?",
                                     assignment_id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return std::unexpected(internal::NotFound("交办事项", assignment_id));
  return AssignmentRow{st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4)};
}

// Loads the assignment, its clue (visible to the actor, else kNotFound), authorises `action`
// on the assignment (sent to its unit only) and applies `event`.
Result<std::pair<AssignmentRow, AssignmentState>> PrepareAssignmentStep(
    const Env& env, const UnitTree& tree, const Actor& actor, int64_t assignment_id, Action action,
    AssignmentEvent event) {
  QF_ASSIGN_OR_RETURN(AssignmentRow a, LoadAssignment(env.db, assignment_id));
  QF_ASSIGN_OR_RETURN(auto clue, internal::LoadClue(env.db, a.clue_id));
  if (!clue) return std::unexpected(internal::NotFound("交办事项", assignment_id));
  Target target{clue->unit_code, {a.unit_code}, clue->restricted};
  if (!CanSee(tree, actor, Action::kViewClue, target)) {
    return std::unexpected(internal::NotFound("交办事项", assignment_id));
  }
  QF_RETURN_IF_ERROR(Authorize(tree, actor, action, target));
  auto from = ParseAssignmentState(a.status);
  if (!from) return Fail(ErrorCode::kInternal, "交办事项状态无法识别");
  QF_ASSIGN_OR_RETURN(AssignmentState to, Next(*from, event));
  return std::make_pair(a, to);
}

}  // namespace

Result<Json> CaseworkService::SubmitFeedback(const Actor& actor, int64_t assignment_id,
                                             const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string feedback, GetString(body, "feedback", internal::kMaxLongText));
  QF_ASSIGN_OR_RETURN(Json attachments, internal::GetAttachments(body, "attachments"));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(
      auto step, PrepareAssignmentStep(env, tree, actor, assignment_id, Action::kSubmitFeedback,
                                       AssignmentEvent::kSubmit));
  QF_RETURN_IF_ERROR(Exec(db_,
                          "UPDATE assignments SET status = ?, feedback = ?, attachments = ?, "
                          "feedback_by = ?, feedback_at = ? WHERE assignment_id = ?",
                          StateCode(step.second), internal::SealIds(env, feedback),
                          attachments.dump(), actor.username, IsoUtc(clock_.NowSeconds()),
                          assignment_id));
  Json after = {{"status", StateCode(step.second)},
                {"feedback", internal::MaskIds(feedback)},
                {"attachments", attachments}};
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, "assignment.feedback", "assignment", assignment_id,
                                     Json{{"status", step.first.status}}, after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return Json{{"id", assignment_id},
              {"clue_id", step.first.clue_id},
              {"unit", step.first.unit_code},
              {"status", StateCode(step.second)}};
}

Result<Json> CaseworkService::ReviewFeedback(const Actor& actor, int64_t assignment_id,
                                             const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  static constexpr std::string_view kDecisions[] = {"accept", "return"};
  QF_ASSIGN_OR_RETURN(std::string decision, GetChoice(body, "decision", kDecisions));
  QF_ASSIGN_OR_RETURN(auto note, internal::GetOptionalString(body, "note", internal::kMaxLongText));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(
      auto step, PrepareAssignmentStep(
                     env, tree, actor, assignment_id, Action::kReviewFeedback,
                     decision == "accept" ? AssignmentEvent::kAccept : AssignmentEvent::kSendBack));
  QF_RETURN_IF_ERROR(
      Exec(db_,
           "UPDATE assignments SET status = ?, reviewed_by = ?, review_note = ? "
           "WHERE assignment_id = ?",
           StateCode(step.second), actor.username,
           note ? std::optional<std::string>(internal::SealIds(env, *note)) : std::nullopt,
           assignment_id));
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, "assignment.review", "assignment", assignment_id,
                      Json{{"status", step.first.status}},
                      Json{{"status", StateCode(step.second)},
                           {"note", note ? Json(internal::MaskIds(*note)) : Json()}}));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return Json{{"id", assignment_id},
              {"clue_id", step.first.clue_id},
              {"unit", step.first.unit_code},
              {"status", StateCode(step.second)}};
}

namespace {

// Every open item with a due date that `actor` may see.
Result<Json> OpenDueItems(const Env& env, const Actor& actor, Date from, Date to) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(env.db));
  Date today = Today(env.clock);
  bool full = ShowsFullIds(actor);
  Json items = Json::array();
  auto add = [&](std::string_view type, int64_t id, const std::string& title,
                 const std::string& unit, const std::string& due_text, const std::string& status) {
    auto due = Date::Parse(due_text);
    if (!due || *due < from || *due > to) return;
    items.push_back({{"type", type},
                     {"id", id},
                     {"title", title},
                     {"unit", unit},
                     {"due", due->ToString()},
                     {"status", status},
                     {"days_overdue", *due < today ? today.days() - due->days() : 0}});
  };
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(env.db,
                                       "SELECT a.assignment_id, c.title, a.unit_code, a.deadline, "
                                       "a.status, c.unit_code, c.restricted FROM assignments a "
                                       "JOIN clues c ON c.clue_id = a.clue_id WHERE a.status IN "
                                       "('assigned', 'returned') ORDER BY a.deadline"));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      Target target{st->Text(5), {st->Text(2)}, st->Int(6) != 0};
      if (!CanSee(tree, actor, Action::kViewClue, target)) continue;
      add("assignment", st->Int(0), internal::OpenIds(env, st->Text(1), full), st->Text(2),
          st->Text(3), st->Text(4));
    }
  }
  QF_ASSIGN_OR_RETURN(auto transfers, internal::LoadTransfers(env.db));
  for (const internal::TransferRow& t : transfers) {
    bool open = t.direction == "out" ? (t.status == "sent" || t.status == "received")
                                     : t.status == "received";
    if (!open || !CanSee(tree, actor, Action::kViewTransfer, internal::TransferTarget(t))) continue;
    add("transfer", t.transfer_id,
        std::string(Utf8Prefix(internal::OpenIds(env, t.summary, full), 90)), t.organ_code,
        t.feedback_due, t.status);
  }
  QF_ASSIGN_OR_RETURN(auto rectifications, internal::LoadRectifications(env.db));
  for (const internal::RectificationRow& r : rectifications) {
    if (r.status == "closed") continue;
    if (!CanSee(tree, actor, Action::kViewRectification, internal::RectificationTarget(r))) {
      continue;
    }
    add("rectification", r.rectification_id, r.kind, r.unit_code, r.due_date, r.status);
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Json& a, const Json& b) { return a["due"] < b["due"]; });
  return Json{{"today", today.ToString()}, {"items", items}};
}

}  // namespace

Result<Json> CaseworkService::Overdue(const Actor& actor) {
  Env env{db_, clock_, cipher_};
  Date today = Today(clock_);
  return OpenDueItems(env, actor, Date::FromDays(INT32_MIN / 2), today.AddDays(-1));
}

Result<Json> CaseworkService::DueThisWeek(const Actor& actor) {
  Env env{db_, clock_, cipher_};
  Date today = Today(clock_);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
  int weekday = static_cast<int>(((today.days() + 3) % 7 + 7) % 7);
  return OpenDueItems(env, actor, today, today.AddDays(6 - weekday));
}

}  // namespace qf::casework
