// CaseworkService: 监察建议 and rectification items issued to a unit, evidence of completion,
// verification by the approver, and the statistics (found / done / overdue, cases, outcomes).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "casework/casework_service.h"
#include "casework/internal/classification.h"
#include "casework/internal/records.h"
#include "casework/internal/sealed_text.h"
#include "casework/internal/sql.h"
#include "casework/state_machines.h"

namespace qf::casework {

using internal::Env;
using internal::Exec;
using internal::FieldError;
using internal::GetChoice;
using internal::GetString;

namespace {

// The item as `full_ids` may read it (audit entries: false).
Result<Json> RectificationResponse(const Env& env, int64_t id, bool full_ids) {
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadRectification(env.db, id));
  if (!row) return std::unexpected(internal::NotFound("整改事项", id));
  return internal::RectificationJson(env, *row, full_ids);
}

// Applies `event` to a visible rectification the actor may `action`, setting extra columns.
Result<Json> StepRectification(const Env& env, const Actor& actor, int64_t id, Action action,
                               RectificationEvent event, std::string_view audit_action,
                               const std::optional<std::string>& evidence,
                               const std::optional<std::string>& attachments,
                               const std::optional<std::string>& note) {
  auto tx = env.db.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(env.db));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadRectification(env.db, id));
  if (!row ||
      !CanSee(tree, actor, Action::kViewRectification, internal::RectificationTarget(*row))) {
    return std::unexpected(internal::NotFound("整改事项", id));
  }
  QF_RETURN_IF_ERROR(Authorize(tree, actor, action, internal::RectificationTarget(*row)));
  auto from = ParseRectificationState(row->status);
  if (!from) return Fail(ErrorCode::kInternal, "整改事项状态无法识别");
  QF_ASSIGN_OR_RETURN(RectificationState to, Next(*from, event));
  std::string now = IsoUtc(env.clock.NowSeconds());
  bool closing = to == RectificationState::kClosed;
  QF_RETURN_IF_ERROR(
      Exec(env.db,
           "UPDATE rectifications SET status = ?, evidence = COALESCE(?, evidence), "
           "attachments = COALESCE(?, attachments), verified_by = ?, closed_at = ?, "
           "updated_at = ? WHERE rectification_id = ?",
           StateCode(to),
           evidence ? std::optional<std::string>(internal::SealIds(env, *evidence)) : std::nullopt,
           attachments, closing ? std::optional<std::string>(actor.username) : std::nullopt,
           closing ? std::optional<std::string>(now) : std::nullopt, now, id));
  Json before = internal::RectificationJson(env, *row, false);
  QF_ASSIGN_OR_RETURN(Json audit_after, RectificationResponse(env, id, false));
  if (note) audit_after["note"] = internal::MaskIds(*note);
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, audit_action, "rectification", id, before, audit_after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return RectificationResponse(env, id, ShowsFullIds(actor));
}

}  // namespace

Result<Json> CaseworkService::IssueRectification(const Actor& actor, const Json& body) {
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(int64_t id, IssueRectificationInTransaction(actor, body));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return RectificationResponse(Env{db_, clock_, cipher_}, id, ShowsFullIds(actor));
}

Result<int64_t> CaseworkService::IssueRectificationInTransaction(const Actor& actor,
                                                                 const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string kind, GetChoice(body, "kind", RectificationKinds()));
  QF_ASSIGN_OR_RETURN(std::string unit, GetString(body, "unit", 40));
  QF_ASSIGN_OR_RETURN(std::string content, GetString(body, "content", internal::kMaxLongText));
  QF_ASSIGN_OR_RETURN(Date due, internal::GetDate(body, "due_date", Today(clock_)));
  std::optional<int64_t> case_id;
  std::optional<int64_t> clue_id;
  if (body.contains("case_id") && !body["case_id"].is_null()) {
    QF_ASSIGN_OR_RETURN(case_id, internal::GetInt(body, "case_id", 1, INT64_MAX));
  }
  if (body.contains("clue_id") && !body["clue_id"].is_null()) {
    QF_ASSIGN_OR_RETURN(clue_id, internal::GetInt(body, "clue_id", 1, INT64_MAX));
  }
  QF_ASSIGN_OR_RETURN(auto domain, internal::ParseDomain(body, "domain", ""));
  QF_ASSIGN_OR_RETURN(auto campaigns, internal::ParseCampaigns(body, "campaigns", {}));
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_RETURN_IF_ERROR(internal::RequireUnit(tree, unit, "unit"));
  std::string issuing_unit = actor.unit_code;
  bool restricted = false;
  // Inherited from the case, else the clue, unless given; an item of neither counts as 其他.
  std::string inherited_domain = "其他";
  std::vector<std::string> inherited_campaigns;
  if (case_id) {
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db_, *case_id));
    if (!row || !CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(*row))) {
      return std::unexpected(internal::NotFound("案件", *case_id, "case_id"));
    }
    issuing_unit = row->unit_code;
    restricted = row->restricted;
    inherited_domain = row->domain;
    inherited_campaigns = row->campaigns;
  }
  if (clue_id) {
    QF_ASSIGN_OR_RETURN(auto clue, internal::LoadClue(db_, *clue_id));
    if (!clue) return std::unexpected(internal::NotFound("线索", *clue_id, "clue_id"));
    QF_ASSIGN_OR_RETURN(Target clue_target, internal::ClueTarget(db_, *clue));
    if (!CanSee(tree, actor, Action::kViewClue, clue_target)) {
      return std::unexpected(internal::NotFound("线索", *clue_id, "clue_id"));
    }
    if (!case_id) {
      issuing_unit = clue->unit_code;
      inherited_domain = clue->domain;
      inherited_campaigns = clue->campaigns;
    }
    restricted = restricted || clue->restricted;
  }
  QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kIssueRectification,
                               Target{issuing_unit, {unit}, restricted}));
  std::string now = IsoUtc(clock_.NowSeconds());
  QF_ASSIGN_OR_RETURN(
      int64_t id, internal::Insert(
                      db_,
                      "INSERT INTO rectifications(kind, case_id, clue_id, issuing_unit, unit_code, "
                      "content, due_date, status, restricted, created_by, created_at, updated_at, "
                      "domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      kind, case_id, clue_id, issuing_unit, unit, internal::SealIds(env, content),
                      due.ToString(), StateCode(RectificationState::kIssued), restricted,
                      actor.username, now, now, domain.value_or(inherited_domain)));
  QF_RETURN_IF_ERROR(internal::WriteCampaignTags(db_, "rectification", id,
                                                 campaigns.value_or(inherited_campaigns)));
  QF_ASSIGN_OR_RETURN(Json after, RectificationResponse(env, id, false));
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, "rectification.create", "rectification", id, Json(), after));
  return id;
}

Result<Json> CaseworkService::GetRectification(const Actor& actor, int64_t rectification_id) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadRectification(db_, rectification_id));
  if (!row ||
      !CanSee(tree, actor, Action::kViewRectification, internal::RectificationTarget(*row))) {
    return std::unexpected(internal::NotFound("整改事项", rectification_id));
  }
  Env env{db_, clock_, cipher_};
  if (row->restricted) {
    QF_RETURN_IF_ERROR(internal::AuditRestrictedRead(env, actor, "rectification",
                                                     std::to_string(rectification_id)));
  }
  return internal::RectificationJson(env, *row, ShowsFullIds(actor));
}

Result<Json> CaseworkService::ListRectifications(const Actor& actor, const Json& query) {
  Json filters = query.is_null() ? Json::object() : query;
  QF_RETURN_IF_ERROR(internal::RequireObject(filters));
  QF_ASSIGN_OR_RETURN(auto status, internal::GetOptionalString(filters, "status", 40));
  QF_ASSIGN_OR_RETURN(auto unit, internal::GetOptionalString(filters, "unit", 40));
  QF_ASSIGN_OR_RETURN(auto domain, internal::GetOptionalString(filters, "domain", 40));
  QF_ASSIGN_OR_RETURN(auto campaign, internal::GetOptionalString(filters, "campaign", 80));
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto rows, internal::LoadRectifications(db_));
  Env env{db_, clock_, cipher_};
  Json out = Json::array();
  for (const internal::RectificationRow& row : rows) {
    if ((status && row.status != *status) || (unit && !tree.Within(row.unit_code, *unit))) continue;
    if ((domain && row.domain != *domain) ||
        (campaign && !internal::HasCampaign(row.campaigns, *campaign))) {
      continue;
    }
    if (!CanSee(tree, actor, Action::kViewRectification, internal::RectificationTarget(row))) {
      continue;
    }
    out.push_back(internal::RectificationJson(env, row, ShowsFullIds(actor)));
  }
  return Json{{"rectifications", out}};
}

Result<Json> CaseworkService::SubmitEvidence(const Actor& actor, int64_t rectification_id,
                                             const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string evidence, GetString(body, "evidence", internal::kMaxLongText));
  QF_ASSIGN_OR_RETURN(Json attachments, internal::GetAttachments(body, "attachments"));
  Env env{db_, clock_, cipher_};
  return StepRectification(env, actor, rectification_id, Action::kSubmitEvidence,
                           RectificationEvent::kSubmit, "rectification.submit_evidence", evidence,
                           attachments.dump(), std::nullopt);
}

Result<Json> CaseworkService::VerifyRectification(const Actor& actor, int64_t rectification_id,
                                                  const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  static constexpr std::string_view kDecisions[] = {"close", "return"};
  QF_ASSIGN_OR_RETURN(std::string decision, GetChoice(body, "decision", kDecisions));
  QF_ASSIGN_OR_RETURN(auto note, internal::GetOptionalString(body, "note", internal::kMaxLongText));
  Env env{db_, clock_, cipher_};
  return StepRectification(
      env, actor, rectification_id, Action::kVerifyRectification,
      decision == "close" ? RectificationEvent::kVerify : RectificationEvent::kSendBack,
      decision == "close" ? "rectification.close" : "rectification.return", std::nullopt,
      std::nullopt, note);
}

Result<Json> CaseworkService::Statistics(const Actor& actor) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  if (!std::any_of(kAllRoles, kAllRoles + std::size(kAllRoles), [&](Role role) {
        return actor.Has(role) && (role == Role::kIntake || role == Role::kHandler ||
                                   role == Role::kApprover || role == Role::kInternalSupervision);
      })) {
    QF_RETURN_IF_ERROR(
        Authorize(tree, actor, Action::kViewStatistics, Target{actor.unit_code, {}, false}));
  }
  Date today = Today(clock_);
  std::map<std::string, int64_t> clues_by_status, cases_by_status, outcomes;
  int64_t clues = 0, cases = 0, recovered = 0, retrieved = 0;
  QF_ASSIGN_OR_RETURN(auto clue_rows, internal::LoadClues(db_));
  for (const internal::ClueRow& row : clue_rows) {
    QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(db_, row));
    if (!CanSee(tree, actor, Action::kViewClue, target)) continue;
    ++clues;
    ++clues_by_status[row.status];
  }
  QF_ASSIGN_OR_RETURN(auto case_rows, internal::LoadCases(db_));
  for (const internal::CaseRow& row : case_rows) {
    if (!CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(row))) continue;
    ++cases;
    ++cases_by_status[row.status];
    recovered += row.recovered;
    retrieved += row.losses_retrieved;
    QF_ASSIGN_OR_RETURN(auto st, internal::Query(db_,
                                                 "SELECT outcome, count(*) FROM case_persons "
                                                 "WHERE case_id = ? AND outcome IS NOT NULL "
                                                 "GROUP BY outcome",
                                                 row.case_id));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool has, st->Step());
      if (!has) break;
      outcomes[st->Text(0)] += st->Int(1);
    }
  }
  int64_t found = 0, done = 0, overdue = 0;
  QF_ASSIGN_OR_RETURN(auto rect_rows, internal::LoadRectifications(db_));
  for (const internal::RectificationRow& row : rect_rows) {
    if (!CanSee(tree, actor, Action::kViewRectification, internal::RectificationTarget(row))) {
      continue;
    }
    ++found;
    if (row.status == StateCode(RectificationState::kClosed)) {
      ++done;
    } else if (auto due = Date::Parse(row.due_date); due && *due < today) {
      ++overdue;
    }
  }
  return Json{{"as_of", today.ToString()},
              {"clues", {{"total", clues}, {"by_status", clues_by_status}}},
              {"cases", {{"total", cases}, {"by_status", cases_by_status}}},
              {"persons_by_outcome", outcomes},
              {"recovered", recovered},
              {"losses_retrieved", retrieved},
              {"rectification", {{"found", found}, {"done", done}, {"overdue", overdue}}}};
}

}  // namespace qf::casework
