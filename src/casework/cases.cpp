// CaseworkService: cases (立案) with the persons involved, per-person outcomes, money recovered,
// the case state machine, and 一案三查 links.
#include <fmt/format.h>

#include "casework/casework_service.h"
#include "casework/internal/classification.h"
#include "casework/internal/records.h"
#include "casework/internal/sealed_text.h"
#include "casework/internal/sql.h"
#include "casework/internal/staff.h"
#include "casework/state_machines.h"

namespace qf::casework {

using internal::Env;
using internal::Exec;
using internal::FieldError;
using internal::GetChoice;
using internal::GetString;
using internal::Query;
using internal::QueryInt;

namespace {

Result<internal::CaseRow> VisibleCase(const UnitTree& tree, const Actor& actor, store::Database& db,
                                      int64_t case_id, std::string_view field = "") {
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db, case_id));
  if (!row || !CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(*row))) {
    return std::unexpected(internal::NotFound("案件", case_id, field));
  }
  return std::move(*row);
}

Result<Json> CaseResponse(const Env& env, const Actor& actor, int64_t case_id) {
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(env.db, case_id));
  if (!row) return std::unexpected(internal::NotFound("案件", case_id));
  return internal::CaseJson(env, *row, ShowsFullIds(actor));
}

// Runs `change` on a visible case the actor may `action`, auditing before/after, in one
// transaction.
template <typename Change>
Result<Json> ChangeCase(const Env& env, const Actor& actor, int64_t case_id, Action action,
                        std::string_view audit_action, Change change) {
  auto tx = env.db.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(env.db));
  QF_ASSIGN_OR_RETURN(internal::CaseRow row, VisibleCase(tree, actor, env.db, case_id));
  QF_RETURN_IF_ERROR(Authorize(tree, actor, action, internal::CaseTarget(row)));
  QF_ASSIGN_OR_RETURN(Json before, internal::CaseJson(env, row, false));
  QF_RETURN_IF_ERROR(change(tree, row));
  QF_ASSIGN_OR_RETURN(auto after_row, internal::LoadCase(env.db, case_id));
  QF_ASSIGN_OR_RETURN(Json after, internal::CaseJson(env, *after_row, false));
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, audit_action, "case", case_id, before, after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return CaseResponse(env, actor, case_id);
}

Result<void> RequireOpenForWork(const internal::CaseRow& row) {
  auto state = ParseCaseState(row.status);
  if (state == CaseState::kInvestigating || state == CaseState::kUnderReview) return {};
  return Fail(ErrorCode::kConflict,
              fmt::format("案件当前状态为「{}」，只有调查中或审理中的案件可以登记处理结果",
                          state ? StateName(*state) : row.status));
}

// Inserts a person involved; a person who is commission staff restricts the case, its clue and
// their rectification items to 干部监督室 (防止"灯下黑").
Result<void> InsertPerson(const Env& env, const Actor& actor, int64_t case_id,
                          const internal::PersonInput& person) {
  auto [enc, index] = internal::EncryptId(env, person.id);
  QF_RETURN_IF_ERROR(Exec(env.db,
                          "INSERT INTO case_persons(case_id, name, id_number_enc, "
                          "id_number_index, position) VALUES (?, ?, ?, ?, ?)",
                          case_id, person.name, enc, index,
                          internal::SealIds(env, person.position)));
  QF_ASSIGN_OR_RETURN(bool staff, internal::IsCommissionStaff(env, person));
  if (!staff) return {};
  return internal::RestrictClueAndCase(env, actor, std::nullopt, case_id);
}

// What the actor gets back after a change made the case restricted and hid it from them.
Json RestrictedCaseReceipt(int64_t case_id) {
  return {{"id", case_id},
          {"restricted", true},
          {"message", "该案件涉及本机关工作人员，已按规定自动转干部监督室办理，您不再可见"}};
}

}  // namespace

Result<Json> CaseworkService::FileCase(const Actor& actor, const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(int64_t clue_id, internal::GetInt(body, "clue_id", 1, INT64_MAX));
  QF_ASSIGN_OR_RETURN(auto title, internal::GetOptionalString(body, "title", internal::kMaxTitle));
  QF_ASSIGN_OR_RETURN(auto persons, internal::ParsePersons(body, "persons", false));
  QF_ASSIGN_OR_RETURN(auto domain, internal::ParseDomain(body, "domain", ""));
  QF_ASSIGN_OR_RETURN(auto campaigns, internal::ParseCampaigns(body, "campaigns", {}));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto clue, internal::LoadClue(db_, clue_id));
  if (!clue) return std::unexpected(internal::NotFound("线索", clue_id, "clue_id"));
  QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(db_, *clue));
  if (!CanSee(tree, actor, Action::kViewClue, target)) {
    return std::unexpected(internal::NotFound("线索", clue_id, "clue_id"));
  }
  QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kFileCase, target));
  auto from = ParseClueState(clue->status);
  if (!from) return Fail(ErrorCode::kInternal, "线索状态无法识别");
  QF_ASSIGN_OR_RETURN(ClueState to, Next(*from, ClueEvent::kFileCase));
  QF_ASSIGN_OR_RETURN(Json clue_before, internal::ClueJson(env, *clue, false));
  std::string now = IsoUtc(clock_.NowSeconds());
  QF_ASSIGN_OR_RETURN(
      int64_t case_id,
      internal::Insert(db_,
                       "INSERT INTO cases(clue_id, title, domain, unit_code, restricted, status, "
                       "filed_by, filed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       clue_id, internal::SealIds(env, title.value_or(clue->title)),
                       domain.value_or(clue->domain), clue->unit_code, clue->restricted,
                       StateCode(CaseState::kFiled), actor.username, now, now));
  // The case is counted where its clue was, unless the filing says otherwise.
  QF_RETURN_IF_ERROR(
      internal::WriteCampaignTags(db_, "case", case_id, campaigns.value_or(clue->campaigns)));
  if (persons.empty()) {
    // The clue's subjects become the persons involved, their encrypted IDs copied as they are.
    QF_RETURN_IF_ERROR(Exec(db_,
                            "INSERT INTO case_persons(case_id, name, id_number_enc, "
                            "id_number_index, position) SELECT ?, name, id_number_enc, "
                            "id_number_index, position FROM clue_subjects WHERE clue_id = ? "
                            "ORDER BY subject_id",
                            case_id, clue_id));
  }
  for (const internal::PersonInput& person : persons) {
    QF_RETURN_IF_ERROR(InsertPerson(env, actor, case_id, person));
  }
  QF_RETURN_IF_ERROR(Exec(db_, "UPDATE clues SET status = ?, updated_at = ? WHERE clue_id = ?",
                          StateCode(to), now, clue_id));
  QF_ASSIGN_OR_RETURN(auto clue_after, internal::LoadClue(db_, clue_id));
  QF_ASSIGN_OR_RETURN(Json clue_after_json, internal::ClueJson(env, *clue_after, false));
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, "clue.file_case", "clue", clue_id, clue_before, clue_after_json));
  QF_ASSIGN_OR_RETURN(auto case_row, internal::LoadCase(db_, case_id));
  QF_ASSIGN_OR_RETURN(Json case_json, internal::CaseJson(env, *case_row, false));
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, "case.create", "case", case_id, Json(), case_json));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  if (!CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(*case_row))) {
    return RestrictedCaseReceipt(case_id);
  }
  return CaseResponse(env, actor, case_id);
}

Result<Json> CaseworkService::GetCase(const Actor& actor, int64_t case_id) {
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(internal::CaseRow row, VisibleCase(tree, actor, db_, case_id));
  if (row.restricted) {
    QF_RETURN_IF_ERROR(internal::AuditRestrictedRead(env, actor, "case", std::to_string(case_id)));
  }
  return internal::CaseJson(env, row, ShowsFullIds(actor));
}

Result<Json> CaseworkService::ListCases(const Actor& actor, const Json& query) {
  Json filters = query.is_null() ? Json::object() : query;
  QF_RETURN_IF_ERROR(internal::RequireObject(filters));
  QF_ASSIGN_OR_RETURN(auto status, internal::GetOptionalString(filters, "status", 40));
  QF_ASSIGN_OR_RETURN(auto domain, internal::GetOptionalString(filters, "domain", 40));
  QF_ASSIGN_OR_RETURN(auto campaign, internal::GetOptionalString(filters, "campaign", 80));
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto rows, internal::LoadCases(db_));
  Json out = Json::array();
  for (const internal::CaseRow& row : rows) {
    if ((status && row.status != *status) || (domain && row.domain != *domain)) continue;
    if (campaign && !internal::HasCampaign(row.campaigns, *campaign)) continue;
    if (!CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(row))) continue;
    out.push_back({{"id", row.case_id},
                   {"title", row.title},
                   {"domain", row.domain},
                   {"campaigns", internal::CampaignsJson(row.campaigns)},
                   {"status", row.status},
                   {"unit", row.unit_code},
                   {"restricted", row.restricted},
                   {"recovered", row.recovered},
                   {"losses_retrieved", row.losses_retrieved},
                   {"filed_at", row.filed_at}});
  }
  return Json{{"cases", out}};
}

Result<Json> CaseworkService::AddCasePerson(const Actor& actor, int64_t case_id, const Json& body) {
  QF_ASSIGN_OR_RETURN(internal::PersonInput person, internal::ParsePerson(body, ""));
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(
      Json changed, ChangeCase(env, actor, case_id, Action::kUpdateCase, "case.add_person",
                               [&](const UnitTree&, const internal::CaseRow& row) -> Result<void> {
                                 if (row.status == StateCode(CaseState::kClosed)) {
                                   return Fail(ErrorCode::kConflict,
                                               "案件已结案，不能再增加涉案人员");
                                 }
                                 return InsertPerson(env, actor, case_id, person);
                               }));
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db_, case_id));
  if (!row || !CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(*row))) {
    return RestrictedCaseReceipt(case_id);
  }
  return changed;
}

Result<Json> CaseworkService::RecordOutcome(const Actor& actor, int64_t case_id, int64_t person_id,
                                            const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string outcome, GetChoice(body, "outcome", Outcomes()));
  QF_ASSIGN_OR_RETURN(std::string detail, GetString(body, "detail", internal::kMaxShortText));
  QF_ASSIGN_OR_RETURN(auto organ, internal::GetOptionalString(body, "receiving_organ", 40));
  if (outcome == "移送司法" && !organ) {
    return std::unexpected(FieldError("receiving_organ", "移送司法必须写明接收机关"));
  }
  if (outcome != "移送司法" && organ) {
    return std::unexpected(FieldError("receiving_organ", "只有移送司法需要接收机关"));
  }
  Env env{db_, clock_, cipher_};
  return ChangeCase(
      env, actor, case_id, Action::kUpdateCase, "case.record_outcome",
      [&](const UnitTree& tree, const internal::CaseRow& row) -> Result<void> {
        QF_RETURN_IF_ERROR(RequireOpenForWork(row));
        if (organ) {
          // The organ's code or its name as people write it (区人民检察院); the code is stored.
          QF_ASSIGN_OR_RETURN(const Unit* unit,
                              internal::RequireUnitByCodeOrName(tree, *organ, "receiving_organ"));
          if (unit->kind != UnitKind::kExternal) {
            return std::unexpected(
                FieldError("receiving_organ", fmt::format("'{}' 不是政法等外部机关", unit->name)));
          }
          organ = unit->code;
        }
        QF_ASSIGN_OR_RETURN(auto exists, QueryInt(db_,
                                                  "SELECT 1 FROM case_persons WHERE person_id = ? "
                                                  "AND case_id = ?",
                                                  person_id, case_id));
        if (!exists) return std::unexpected(internal::NotFound("涉案人员", person_id));
        return Exec(db_,
                    "UPDATE case_persons SET outcome = ?, outcome_detail = ?, receiving_organ = ?, "
                    "outcome_at = ? WHERE person_id = ?",
                    outcome, internal::SealIds(env, detail), organ, IsoUtc(clock_.NowSeconds()),
                    person_id);
      });
}

Result<Json> CaseworkService::RecordRecovery(const Actor& actor, int64_t case_id,
                                             const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  constexpr int64_t kMax = int64_t{1} << 50;
  QF_ASSIGN_OR_RETURN(int64_t recovered, internal::GetInt(body, "recovered", 0, kMax, int64_t{0}));
  QF_ASSIGN_OR_RETURN(int64_t retrieved,
                      internal::GetInt(body, "losses_retrieved", 0, kMax, int64_t{0}));
  if (recovered == 0 && retrieved == 0) {
    return std::unexpected(FieldError("recovered", "追缴金额与挽回损失至少填写一项（单位：分）"));
  }
  Env env{db_, clock_, cipher_};
  return ChangeCase(env, actor, case_id, Action::kUpdateCase, "case.record_recovery",
                    [&](const UnitTree&, const internal::CaseRow& row) -> Result<void> {
                      QF_RETURN_IF_ERROR(RequireOpenForWork(row));
                      return Exec(db_,
                                  "UPDATE cases SET recovered = recovered + ?, losses_retrieved = "
                                  "losses_retrieved + ?, updated_at = ? WHERE case_id = ?",
                                  recovered, retrieved, IsoUtc(clock_.NowSeconds()), case_id);
                    });
}

Result<Json> CaseworkService::TransitionCase(const Actor& actor, int64_t case_id,
                                             const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  static constexpr std::string_view kEvents[] = {"investigate", "submit_review", "close",
                                                 "send_back"};
  QF_ASSIGN_OR_RETURN(std::string event_text, GetChoice(body, "event", kEvents));
  CaseEvent event = event_text == "investigate"     ? CaseEvent::kInvestigate
                    : event_text == "submit_review" ? CaseEvent::kSubmitReview
                    : event_text == "close"         ? CaseEvent::kClose
                                                    : CaseEvent::kSendBack;
  Action action = (event == CaseEvent::kClose || event == CaseEvent::kSendBack)
                      ? Action::kCloseCase
                      : Action::kUpdateCase;
  Env env{db_, clock_, cipher_};
  return ChangeCase(env, actor, case_id, action, fmt::format("case.{}", event_text),
                    [&](const UnitTree&, const internal::CaseRow& row) -> Result<void> {
                      auto from = ParseCaseState(row.status);
                      if (!from) return Fail(ErrorCode::kInternal, "案件状态无法识别");
                      QF_ASSIGN_OR_RETURN(CaseState to, Next(*from, event));
                      return Exec(db_,
                                  "UPDATE cases SET status = ?, updated_at = ? WHERE case_id = ?",
                                  StateCode(to), IsoUtc(clock_.NowSeconds()), case_id);
                    });
}

Result<Json> CaseworkService::LinkCases(const Actor& actor, int64_t case_id, const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(int64_t linked_id, internal::GetInt(body, "linked_case_id", 1, INT64_MAX));
  QF_ASSIGN_OR_RETURN(std::string aspect, GetChoice(body, "aspect", LinkAspects()));
  if (linked_id == case_id) {
    return std::unexpected(FieldError("linked_case_id", "不能关联案件自身"));
  }
  Env env{db_, clock_, cipher_};
  return ChangeCase(
      env, actor, case_id, Action::kUpdateCase, "case.link",
      [&](const UnitTree& tree, const internal::CaseRow& row) -> Result<void> {
        if (row.domain != "扫黑除恶") {
          return Fail(ErrorCode::kConflict, "「一案三查」只适用于扫黑除恶领域的案件");
        }
        QF_ASSIGN_OR_RETURN(internal::CaseRow linked,
                            VisibleCase(tree, actor, db_, linked_id, "linked_case_id"));
        (void)linked;
        QF_ASSIGN_OR_RETURN(auto exists, QueryInt(db_,
                                                  "SELECT 1 FROM case_links WHERE case_id = ? AND "
                                                  "linked_case_id = ?",
                                                  case_id, linked_id));
        if (exists) {
          return std::unexpected(
              Error(ErrorCode::kConflict, "这两个案件已经关联").WithField("linked_case_id"));
        }
        return Exec(db_, "INSERT INTO case_links(case_id, linked_case_id, aspect) VALUES (?, ?, ?)",
                    case_id, linked_id, aspect);
      });
}

}  // namespace qf::casework
