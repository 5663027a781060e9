// CaseworkService: 线索双向移送 with external organs — sent, received, feedback due, feedback,
// 同步介入 and 一线双核 flags. An inbound transfer registers its clue in the same step.
#include <fmt/format.h>

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

// The transfer as `full_ids` may read it (audit entries: false).
Result<Json> TransferResponse(const Env& env, int64_t transfer_id, bool full_ids) {
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadTransfer(env.db, transfer_id));
  if (!row) return std::unexpected(internal::NotFound("移送事项", transfer_id));
  return internal::TransferJson(env, *row, full_ids);
}

}  // namespace

Result<Json> CaseworkService::CreateTransfer(const Actor& actor, const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  static constexpr std::string_view kDirections[] = {"out", "in"};
  QF_ASSIGN_OR_RETURN(std::string direction, GetChoice(body, "direction", kDirections));
  QF_ASSIGN_OR_RETURN(std::string organ, GetString(body, "organ", 40));
  QF_ASSIGN_OR_RETURN(std::string summary, GetString(body, "summary", internal::kMaxLongText));
  QF_ASSIGN_OR_RETURN(Date due, internal::GetDate(body, "feedback_due", Today(clock_)));
  QF_ASSIGN_OR_RETURN(bool sync, internal::GetBool(body, "sync_intervention", false));
  QF_ASSIGN_OR_RETURN(bool dual, internal::GetBool(body, "dual_check", false));
  std::optional<int64_t> clue_id;
  std::optional<int64_t> case_id;
  internal::ClueInput inbound;
  if (direction == "out") {
    if (body.contains("clue_id") && !body["clue_id"].is_null()) {
      QF_ASSIGN_OR_RETURN(clue_id, internal::GetInt(body, "clue_id", 1, INT64_MAX));
    }
    if (body.contains("case_id") && !body["case_id"].is_null()) {
      QF_ASSIGN_OR_RETURN(case_id, internal::GetInt(body, "case_id", 1, INT64_MAX));
    }
    if (!clue_id && !case_id) {
      return std::unexpected(
          FieldError("clue_id", "移出时须指明移送的线索（clue_id）或案件（case_id）"));
    }
    if (dual && !clue_id) {
      return std::unexpected(FieldError("dual_check", "「一线双核」针对线索，须同时指明 clue_id"));
    }
  } else {
    if (!body.contains("clue") || !body["clue"].is_object()) {
      return std::unexpected(
          FieldError("clue", "移入时须提供线索内容（对象：domain、title、subjects ...）"));
    }
    const Json& clue = body["clue"];
    inbound.source = "移送";
    QF_ASSIGN_OR_RETURN(inbound.domain, internal::ParseNewDomain(clue, "domain", "clue"));
    QF_ASSIGN_OR_RETURN(auto campaigns, internal::ParseCampaigns(clue, "campaigns", {}, "clue"));
    inbound.campaigns = campaigns.value_or(std::vector<std::string>());
    QF_ASSIGN_OR_RETURN(inbound.title, GetString(clue, "title", internal::kMaxTitle, "clue"));
    QF_ASSIGN_OR_RETURN(auto clue_summary, internal::GetOptionalString(
                                               clue, "summary", internal::kMaxLongText, "clue"));
    inbound.summary = clue_summary.value_or(summary);
    QF_ASSIGN_OR_RETURN(inbound.amount,
                        internal::GetInt(clue, "amount", 0, int64_t{1} << 50, int64_t{0}, "clue"));
    QF_ASSIGN_OR_RETURN(auto unit, internal::GetOptionalString(clue, "unit", 40, "clue"));
    inbound.unit_code = unit.value_or(actor.unit_code);
    QF_ASSIGN_OR_RETURN(inbound.subjects, internal::ParsePersons(clue, "subjects", false));
  }

  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(const Unit* organ_unit,
                      internal::RequireUnitByCodeOrName(tree, organ, "organ"));
  organ = organ_unit->code;
  if (organ_unit->kind != UnitKind::kExternal) {
    return std::unexpected(
        FieldError("organ", fmt::format("'{}' 不是公安、检察、法院等外部机关", organ_unit->name)));
  }
  std::string unit_code;
  if (direction == "out") {
    Target target;
    if (clue_id) {
      QF_ASSIGN_OR_RETURN(auto clue, internal::LoadClue(db_, *clue_id));
      if (!clue) return std::unexpected(internal::NotFound("线索", *clue_id, "clue_id"));
      QF_ASSIGN_OR_RETURN(target, internal::ClueTarget(db_, *clue));
      if (!CanSee(tree, actor, Action::kViewClue, target)) {
        return std::unexpected(internal::NotFound("线索", *clue_id, "clue_id"));
      }
      if (clue->restricted) {
        return std::unexpected(
            FieldError("clue_id", "涉及本机关工作人员的线索由干部监督室办理，不在此移送"));
      }
    }
    if (case_id) {
      QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db_, *case_id));
      if (!row || !CanSee(tree, actor, Action::kViewCase, internal::CaseTarget(*row))) {
        return std::unexpected(internal::NotFound("案件", *case_id, "case_id"));
      }
      if (!clue_id) target = internal::CaseTarget(*row);
    }
    QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kManageTransfer, target));
    unit_code = target.unit_code;
    if (dual) {
      QF_RETURN_IF_ERROR(Exec(db_, "UPDATE clues SET dual_check = 1 WHERE clue_id = ?", *clue_id));
    }
  } else {
    QF_RETURN_IF_ERROR(internal::RequireUnit(tree, inbound.unit_code, "clue.unit"));
    QF_RETURN_IF_ERROR(
        Authorize(tree, actor, Action::kManageTransfer, Target{inbound.unit_code, {}, false}));
    inbound.source_ref = organ_unit->name;
    QF_ASSIGN_OR_RETURN(int64_t new_clue, internal::InsertClue(env, actor, inbound));
    clue_id = new_clue;
    unit_code = inbound.unit_code;
  }
  std::string now = IsoUtc(clock_.NowSeconds());
  TransferState state = direction == "out" ? TransferState::kSent : TransferState::kReceived;
  QF_ASSIGN_OR_RETURN(
      int64_t transfer_id,
      internal::Insert(db_,
                       "INSERT INTO transfers(direction, organ_code, unit_code, clue_id, case_id, "
                       "summary, status, sync_intervention, dual_check, feedback_due, created_by, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       direction, organ, unit_code, clue_id, case_id,
                       internal::SealIds(env, summary), StateCode(state), sync, dual,
                       due.ToString(), actor.username, now, now));
  QF_ASSIGN_OR_RETURN(Json after, TransferResponse(env, transfer_id, false));
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, "transfer.create", "transfer", transfer_id, Json(), after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return TransferResponse(env, transfer_id, ShowsFullIds(actor));
}

Result<Json> CaseworkService::GetTransfer(const Actor& actor, int64_t transfer_id) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadTransfer(db_, transfer_id));
  if (!row || !CanSee(tree, actor, Action::kViewTransfer, internal::TransferTarget(*row))) {
    return std::unexpected(internal::NotFound("移送事项", transfer_id));
  }
  Env env{db_, clock_, cipher_};
  if (row->restricted) {
    QF_RETURN_IF_ERROR(
        internal::AuditRestrictedRead(env, actor, "transfer", std::to_string(transfer_id)));
  }
  return internal::TransferJson(env, *row, ShowsFullIds(actor));
}

Result<Json> CaseworkService::ListTransfers(const Actor& actor, const Json& query) {
  Json filters = query.is_null() ? Json::object() : query;
  QF_RETURN_IF_ERROR(internal::RequireObject(filters));
  QF_ASSIGN_OR_RETURN(auto status, internal::GetOptionalString(filters, "status", 40));
  QF_ASSIGN_OR_RETURN(auto direction, internal::GetOptionalString(filters, "direction", 10));
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto rows, internal::LoadTransfers(db_));
  Env env{db_, clock_, cipher_};
  Json out = Json::array();
  for (const internal::TransferRow& row : rows) {
    if ((status && row.status != *status) || (direction && row.direction != *direction)) continue;
    if (!CanSee(tree, actor, Action::kViewTransfer, internal::TransferTarget(row))) continue;
    out.push_back(internal::TransferJson(env, row, ShowsFullIds(actor)));
  }
  return Json{{"transfers", out}};
}

Result<Json> CaseworkService::TransitionTransfer(const Actor& actor, int64_t transfer_id,
                                                 const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  static constexpr std::string_view kEvents[] = {"acknowledge", "feedback"};
  QF_ASSIGN_OR_RETURN(std::string event_text, GetChoice(body, "event", kEvents));
  std::optional<std::string> feedback;
  if (event_text == "feedback") {
    QF_ASSIGN_OR_RETURN(feedback, GetString(body, "feedback", internal::kMaxLongText));
  }
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadTransfer(db_, transfer_id));
  if (!row || !CanSee(tree, actor, Action::kViewTransfer, internal::TransferTarget(*row))) {
    return std::unexpected(internal::NotFound("移送事项", transfer_id));
  }
  TransferEvent event = event_text == "acknowledge" ? TransferEvent::kAcknowledge
                        : row->direction == "out"   ? TransferEvent::kFeedbackIn
                                                    : TransferEvent::kFeedbackOut;
  // The receiving side acts on an outbound transfer; the commission answers an inbound one.
  Action action =
      event == TransferEvent::kFeedbackOut ? Action::kManageTransfer : Action::kRespondTransfer;
  QF_RETURN_IF_ERROR(Authorize(tree, actor, action, internal::TransferTarget(*row)));
  auto from = ParseTransferState(row->status);
  if (!from) return Fail(ErrorCode::kInternal, "移送事项状态无法识别");
  QF_ASSIGN_OR_RETURN(TransferState to, Next(*from, event));
  Json before = internal::TransferJson(env, *row, false);
  if (feedback) feedback = internal::SealIds(env, *feedback);
  QF_RETURN_IF_ERROR(Exec(db_,
                          "UPDATE transfers SET status = ?, feedback = COALESCE(?, feedback), "
                          "updated_at = ? WHERE transfer_id = ?",
                          StateCode(to), feedback, IsoUtc(clock_.NowSeconds()), transfer_id));
  QF_ASSIGN_OR_RETURN(Json after, TransferResponse(env, transfer_id, false));
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, fmt::format("transfer.{}", event_text), "transfer",
                                     transfer_id, before, after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return TransferResponse(env, transfer_id, ShowsFullIds(actor));
}

}  // namespace qf::casework
