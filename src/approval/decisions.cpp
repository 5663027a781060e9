// ApprovalService: deciding the open step, the pre-check and its acknowledgements.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "approval/approval_service.h"
#include "approval/internal/records.h"
#include "approval/internal/sql.h"
#include "approval/precheck.h"

namespace qf::approval {
namespace {

using internal::Exec;
using internal::QueryInt;

constexpr size_t kMaxLong = 2000;

std::unexpected<Error> FieldError(const std::string& field, const std::string& message) {
  return std::unexpected(Error(ErrorCode::kInvalidArgument, message).WithField(field));
}

std::unexpected<Error> Conflict(const std::string& message) {
  return std::unexpected(Error(ErrorCode::kConflict, message));
}

std::string TodayText(const qf::Clock& clock) { return qf::Today(clock).ToString(); }

// The unit that answers for 部门审批 of this application: the opened step's, else where it will be.
std::string DepartmentUnit(const internal::Units& units, const ApprovalConfig& config,
                           const ApplicationView& app, const std::string& department) {
  for (const StepView& step : app.steps) {
    if (step.step == StepKind::kDepartmentApproval) return step.unit_code;
  }
  return internal::StepUnit(units, config, config.ChainFor(app.program_code),
                            StepKind::kDepartmentApproval, app.community_unit, department);
}

// The pre-check of a stored application as of today, as the 部门审批 desk sees it.
Result<std::vector<engine::Finding>> PrecheckStored(
    store::Database& db, const crypto::FieldCipher& cipher, const qf::Clock& clock,
    const ApprovalConfig& config, const ApplicationView& app, int64_t application_id) {
  QF_ASSIGN_OR_RETURN(std::string id, internal::ApplicantId(db, cipher, application_id));
  PrecheckRequest request{.id_number = id,
                          .name = app.applicant_name,
                          .program_code = app.program_code,
                          .community = app.community,
                          .account_no = app.account_no,
                          .bank = app.bank,
                          .household_id = app.household_id,
                          .as_of = qf::Today(clock),
                          .reference = fmt::format("申请{}", application_id)};
  return RunPrecheck(db, request, config);
}

}  // namespace

namespace internal {

// Loads the application the actor may read, with the units; kNotFound otherwise.
struct Loaded {
  Units units;
  ApplicationView app;
  std::string department;
};

Result<Loaded> LoadForActor(store::Database& db, const qf::Clock& clock,
                            const ApprovalConfig& config, const casework::Actor& actor,
                            int64_t application_id) {
  QF_ASSIGN_OR_RETURN(Units units, LoadUnits(db));
  QF_ASSIGN_OR_RETURN(auto app, LoadApplication(db, config, application_id, TodayText(clock)));
  if (!app || !TakesPart(actor) || !CanRead(units, actor, *app)) {
    return Fail(ErrorCode::kNotFound, fmt::format("申请 {} 不存在", application_id));
  }
  QF_ASSIGN_OR_RETURN(auto program, LoadProgramInfo(db, app->program_code));
  std::string department = program ? program->department : "";
  return Loaded{std::move(units), std::move(*app), std::move(department)};
}

}  // namespace internal

Result<ApplicationView> ApprovalService::Get(const casework::Actor& actor, int64_t application_id) {
  QF_ASSIGN_OR_RETURN(auto loaded,
                      internal::LoadForActor(db_, clock_, config_, actor, application_id));
  return std::move(loaded.app);
}

AllowedActions ApprovalService::Allowed(const casework::Actor& actor, const ApplicationView& app) {
  AllowedActions allowed;
  auto units = internal::LoadUnits(db_);
  if (!units || app.status != kInProgress) return allowed;
  if (const StepView* open = app.OpenStep()) {
    allowed.decide =
        internal::Authorize(*units, actor, internal::Op::kDecide, open->step, open->unit_code)
            .has_value();
  }
  auto program = internal::LoadProgramInfo(db_, app.program_code);
  std::string department = program && *program ? (*program)->department : "";
  allowed.precheck =
      internal::Authorize(*units, actor, internal::Op::kPrecheck, StepKind::kDepartmentApproval,
                          DepartmentUnit(*units, config_, app, department))
          .has_value();
  allowed.declare = internal::Authorize(*units, actor, internal::Op::kDeclare, StepKind::kApply,
                                        app.community_unit)
                        .has_value();
  return allowed;
}

Result<void> ApprovalService::Decide(const casework::Actor& actor, int64_t application_id,
                                     const Decision& decision) {
  QF_ASSIGN_OR_RETURN(auto loaded,
                      internal::LoadForActor(db_, clock_, config_, actor, application_id));
  const ApplicationView& app = loaded.app;
  const StepView* open = app.OpenStep();
  if (open == nullptr) return Conflict("申请已办结（" + std::string(StatusName(app.status)) + "）");
  if (open->step != decision.step) {
    return Conflict(
        fmt::format("当前环节为“{}”，不能办理“{}”", StepName(open->step), StepName(decision.step)));
  }
  QF_RETURN_IF_ERROR(
      internal::Authorize(loaded.units, actor, internal::Op::kDecide, open->step, open->unit_code));
  std::string today = TodayText(clock_);
  std::string reasons = decision.reasons;
  if (reasons.size() > kMaxLong * 3 || decision.deliberation.size() > kMaxLong * 3) {
    return FieldError("reasons", "意见不能超过 2000 字");
  }
  if (!decision.approve) {
    if (!IsRejectionCategory(decision.reason_category)) {
      return FieldError("reason_category", "请选择不予通过的原因类别");
    }
    if (reasons.empty()) return FieldError("reasons", "请填写不予通过的理由（将告知申请人）");
  } else {
    switch (open->step) {
      case StepKind::kCommunityReview:
        if (decision.deliberation.empty()) {
          return FieldError("deliberation", "初审通过须记录民主评议情况（时间、参加人员、结果）");
        }
        if (app.cadre_relative && app.declaration_filed_at.empty()) {
          return Conflict("申请人为村（社区）干部或其近亲属，须先备案才能通过初审");
        }
        break;
      case StepKind::kPublicity:
        if (today < open->deadline) {
          return Conflict(fmt::format("公示期至 {} 结束，期满后方可结束公示",
                                      Date::Parse(open->deadline)->AddDays(-1).ToString()));
        }
        if (!app.objections.empty() && reasons.empty()) {
          return FieldError("reasons", fmt::format("公示期间收到 {} 条异议，请填写异议核实情况",
                                                   app.objections.size()));
        }
        break;
      case StepKind::kDepartmentApproval: {
        if (app.precheck_at.empty() || app.precheck_at < open->started_at) {
          return Conflict("请先进行审批前比对");
        }
        int64_t pending = app.UnacknowledgedHits();
        if (pending > 0) {
          return Conflict(
              fmt::format("审批前比对有 {} 条疑点尚未逐条确认，确认后方可审批通过", pending));
        }
        bool r03 = false;
        for (const PrecheckHitView& hit : app.hits) r03 = r03 || hit.rule == "R03";
        if (r03 && app.declaration_filed_at.empty()) {
          return Conflict("比对发现申请人为村（社区）干部近亲属（R03），须先备案");
        }
        break;
      }
      default:
        break;
    }
  }

  int64_t now = clock_.NowSeconds();
  std::string now_text = qf::IsoUtc(now);
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  std::optional<std::string> category, deliberation;
  if (!decision.approve) category = decision.reason_category;
  if (!decision.deliberation.empty()) deliberation = decision.deliberation;
  QF_RETURN_IF_ERROR(
      Exec(db_,
           "UPDATE approval_steps SET decision = ?, reason_category = ?, reasons = ?, "
           "deliberation = ?, decided_by = ?, decided_on = ?, decided_at = ?, "
           "decided_epoch = ? WHERE step_id = ?",
           std::string(decision.approve ? "approved" : "rejected"), category, reasons, deliberation,
           actor.username, today, now_text, now, open->step_id));
  if (!decision.approve) {
    QF_RETURN_IF_ERROR(Exec(db_,
                            "UPDATE approval_applications SET status = ?, rejection_category = ?, "
                            "rejection_reason = ?, updated_at = ? WHERE application_id = ?",
                            kRejected, decision.reason_category, reasons, now_text,
                            application_id));
  } else if (open->step == StepKind::kPayment) {
    // 财政发放: the enrolment, and the card when the account is new to the ledger.
    QF_ASSIGN_OR_RETURN(std::string id, internal::ApplicantId(db_, cipher_, application_id));
    QF_RETURN_IF_ERROR(Exec(db_,
                            "INSERT INTO enrolments(program_code, id_number, name, community, "
                            "start_date, end_date) VALUES (?, ?, ?, ?, ?, NULL)",
                            app.program_code, id, app.applicant_name, app.community, today));
    QF_ASSIGN_OR_RETURN(auto card, QueryInt(db_, "SELECT COUNT(*) FROM cards WHERE account_no = ?",
                                            app.account_no));
    if (card.value_or(0) == 0) {
      QF_RETURN_IF_ERROR(Exec(db_,
                              "INSERT INTO cards(account_no, id_number, name, bank, opened_date, "
                              "status) VALUES (?, ?, ?, ?, ?, '正常')",
                              app.account_no, id, app.applicant_name, app.bank, today));
    }
    QF_RETURN_IF_ERROR(Exec(db_,
                            "UPDATE approval_applications SET status = ?, updated_at = ? WHERE "
                            "application_id = ?",
                            kCompleted, now_text, application_id));
  } else if (auto next = config_.ChainFor(app.program_code).Next(open->step)) {
    QF_RETURN_IF_ERROR(internal::OpenStep(db_, clock_, loaded.units, config_, application_id, *next,
                                          app.community_unit, app.program_code, loaded.department));
    if (*next == StepKind::kDepartmentApproval) {
      // The approver finds the pre-check done when the step reaches the desk.
      QF_ASSIGN_OR_RETURN(auto findings,
                          PrecheckStored(db_, cipher_, clock_, config_, app, application_id));
      QF_RETURN_IF_ERROR(internal::StoreHits(db_, application_id, findings, now_text));
    }
  }
  nlohmann::json after = {{"step", StepCode(open->step)},
                          {"decision", decision.approve ? "approved" : "rejected"},
                          {"reason_category", decision.reason_category},
                          {"reasons", reasons}};
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_.chain_key(), actor.username,
                                     "application.decide", application_id, after.dump()));
  return (*tx)->Commit();
}

Result<std::vector<PrecheckHitView>> ApprovalService::RunPrecheck(const casework::Actor& actor,
                                                                  int64_t application_id) {
  QF_ASSIGN_OR_RETURN(auto loaded,
                      internal::LoadForActor(db_, clock_, config_, actor, application_id));
  const ApplicationView& app = loaded.app;
  QF_RETURN_IF_ERROR(internal::Authorize(
      loaded.units, actor, internal::Op::kPrecheck, StepKind::kDepartmentApproval,
      DepartmentUnit(loaded.units, config_, app, loaded.department)));
  if (app.status != kInProgress) return Conflict("申请已办结，无需比对");
  QF_ASSIGN_OR_RETURN(auto findings,
                      PrecheckStored(db_, cipher_, clock_, config_, app, application_id));
  std::string now = qf::IsoUtc(clock_.NowSeconds());
  {
    auto tx = db_.Begin();
    if (!tx) return std::unexpected(tx.error());
    QF_RETURN_IF_ERROR(internal::StoreHits(db_, application_id, findings, now));
    QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_.chain_key(), actor.username,
                                       "application.precheck", application_id,
                                       nlohmann::json{{"hits", findings.size()}}.dump()));
    QF_RETURN_IF_ERROR((*tx)->Commit());
  }
  QF_ASSIGN_OR_RETURN(auto reloaded,
                      internal::LoadApplication(db_, config_, application_id, TodayText(clock_)));
  return reloaded ? reloaded->hits : std::vector<PrecheckHitView>();
}

Result<void> ApprovalService::Acknowledge(const casework::Actor& actor, int64_t application_id,
                                          const std::vector<int64_t>& hit_ids,
                                          const std::string& note) {
  QF_ASSIGN_OR_RETURN(auto loaded,
                      internal::LoadForActor(db_, clock_, config_, actor, application_id));
  const ApplicationView& app = loaded.app;
  QF_RETURN_IF_ERROR(internal::Authorize(
      loaded.units, actor, internal::Op::kPrecheck, StepKind::kDepartmentApproval,
      DepartmentUnit(loaded.units, config_, app, loaded.department)));
  if (app.status != kInProgress) return Conflict("申请已办结");
  if (hit_ids.empty()) return FieldError("hits", "请勾选已核实的疑点");
  if (note.empty()) return FieldError("note", "请填写核实情况");
  if (note.size() > kMaxLong * 3) return FieldError("note", "核实情况不能超过 2000 字");
  for (int64_t hit : hit_ids) {
    bool ours = false;
    for (const PrecheckHitView& h : app.hits) ours = ours || h.hit_id == hit;
    if (!ours) return FieldError("hits", fmt::format("疑点 {} 不属于本申请", hit));
  }
  std::string now = qf::IsoUtc(clock_.NowSeconds());
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  for (int64_t hit : hit_ids) {
    QF_RETURN_IF_ERROR(Exec(db_,
                            "UPDATE approval_precheck_hits SET acknowledged_by = ?, "
                            "acknowledged_at = ?, note = ? WHERE hit_id = ? AND acknowledged_at IS "
                            "NULL",
                            actor.username, now, note, hit));
  }
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_.chain_key(), actor.username,
                                     "application.acknowledge", application_id,
                                     nlohmann::json{{"hits", hit_ids}, {"note", note}}.dump()));
  return (*tx)->Commit();
}

}  // namespace qf::approval
