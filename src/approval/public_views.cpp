// ApprovalService: the staff list, and what the public pages read and write — the 公示 of a
// community, the applicant's progress by receipt code, objections that become clues.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "approval/approval_service.h"
#include "approval/internal/records.h"
#include "approval/internal/sql.h"
#include "approval/receipt.h"
#include "casework/casework_service.h"
#include "core/citizen_id.h"

namespace qf::approval {
namespace {

using internal::Exec;
using internal::Query;

constexpr size_t kMaxObjectionBytes = 6000;  // 2000 Chinese characters
constexpr int kListLimit = 500;

std::string TodayText(const qf::Clock& clock) { return qf::Today(clock).ToString(); }

std::string DayBefore(const std::string& iso) {
  auto d = Date::Parse(iso);
  return d ? d->AddDays(-1).ToString() : iso;
}

Result<std::optional<std::string>> CommunityByKey(store::Database& db, std::string_view key) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, "SELECT DISTINCT community FROM approval_applications"));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    std::string name = st->Text(0);
    if (CommunityKey(name) == key) return std::optional<std::string>(name);
  }
  return std::optional<std::string>();
}

}  // namespace

Result<std::vector<ApplicationSummary>> ApprovalService::List(const casework::Actor& actor,
                                                              const ListFilter& filter) {
  std::vector<ApplicationSummary> out;
  if (!internal::TakesPart(actor)) return out;
  QF_ASSIGN_OR_RETURN(internal::Units units, internal::LoadUnits(db_));
  std::string today = TodayText(clock_);
  // Every step's unit, to decide what the actor may read without loading each application.
  std::map<int64_t, std::vector<std::pair<StepKind, std::string>>> step_units;
  {
    QF_ASSIGN_OR_RETURN(auto st,
                        Query(db_, "SELECT application_id, step, unit_code FROM approval_steps"));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      step_units[st->Int(0)].emplace_back(ParseStep(st->Text(1)).value_or(StepKind::kApply),
                                          st->Text(2));
    }
  }
  std::string sql =
      "SELECT a.application_id, a.program_code, COALESCE(p.name, a.program_code), a.community, "
      "a.applicant_name, a.id_masked, a.current_step, a.status, a.submitted_on, "
      "a.cadre_relative, a.community_unit, "
      "(SELECT s.unit_name FROM approval_steps s WHERE s.application_id = a.application_id "
      " ORDER BY s.seq DESC LIMIT 1), "
      "(SELECT s.deadline FROM approval_steps s WHERE s.application_id = a.application_id "
      " AND s.decision IS NULL ORDER BY s.seq DESC LIMIT 1) "
      "FROM approval_applications a LEFT JOIN programs p ON p.code = a.program_code "
      "WHERE (? = '' OR a.status = ?) AND (? = '' OR a.current_step = ?) AND "
      "(? = '' OR a.community = ?) ORDER BY a.application_id DESC";
  std::string step = filter.step ? std::string(StepCode(*filter.step)) : "";
  QF_ASSIGN_OR_RETURN(auto st, Query(db_, sql, filter.status, filter.status, step, step,
                                     filter.community, filter.community));
  while (static_cast<int>(out.size()) < kListLimit) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ApplicationView reach;  // just enough of the application for CanRead
    reach.community_unit = st->Text(10);
    for (const auto& [kind, unit] : step_units[st->Int(0)]) {
      reach.steps.push_back(StepView{.step = kind, .unit_code = unit});
    }
    if (!internal::CanRead(units, actor, reach)) continue;
    ApplicationSummary s;
    s.application_id = st->Int(0);
    s.program_code = st->Text(1);
    s.program_name = st->Text(2);
    s.community = st->Text(3);
    s.applicant_name = st->Text(4);
    s.id_masked = st->Text(5);
    s.current_step = ParseStep(st->Text(6)).value_or(StepKind::kApply);
    s.status = st->Text(7);
    s.submitted_on = st->Text(8);
    s.cadre_relative = st->Int(9) != 0;
    s.unit_name = st->Text(11);
    s.deadline = st->IsNull(12) ? "" : st->Text(12);
    s.overdue = s.status == kInProgress && !s.deadline.empty() && today > s.deadline;
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<PublicityCommunity>> ApprovalService::PublicityCommunities() {
  QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                     "SELECT community, COUNT(*) FROM approval_applications WHERE "
                                     "current_step = 'publicity' AND status = ? GROUP BY community "
                                     "ORDER BY community",
                                     kInProgress));
  std::vector<PublicityCommunity> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    std::string name = st->Text(0);
    out.push_back({CommunityKey(name), name, st->Int(1)});
  }
  return out;
}

Result<std::optional<std::vector<PublicityEntry>>> ApprovalService::Publicity(
    std::string_view community_key) {
  using Entries = std::optional<std::vector<PublicityEntry>>;
  QF_ASSIGN_OR_RETURN(auto community, CommunityByKey(db_, community_key));
  if (!community) return Entries();
  QF_ASSIGN_OR_RETURN(
      auto st,
      Query(db_,
            "SELECT a.application_id, COALESCE(p.name, a.program_code), a.applicant_name, "
            "a.community, a.household_size, a.declared_income, s.started_on, s.deadline, "
            "a.cadre_relative, CASE WHEN a.declaration_filed_at IS NULL THEN 0 ELSE 1 END, "
            "(SELECT COUNT(*) FROM approval_objections o WHERE o.application_id = "
            "a.application_id) "
            "FROM approval_applications a JOIN approval_steps s ON s.application_id = "
            "a.application_id AND s.step = 'publicity' AND s.decision IS NULL "
            "LEFT JOIN programs p ON p.code = a.program_code "
            "WHERE a.community = ? AND a.current_step = 'publicity' AND a.status = ? "
            "ORDER BY s.started_on, a.application_id",
            *community, kInProgress));
  std::vector<PublicityEntry> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    PublicityEntry e;
    e.application_id = st->Int(0);
    e.program_name = st->Text(1);
    e.applicant_name = st->Text(2);
    e.community = st->Text(3);
    e.household_size = st->Int(4);
    e.declared_income = st->Int(5);
    e.from = st->Text(6);
    e.to = DayBefore(st->Text(7));
    e.cadre_relative = st->Int(8) != 0;
    e.declaration_filed = st->Int(9) != 0;
    e.objections = st->Int(10);
    out.push_back(std::move(e));
  }
  return Entries(std::move(out));
}

Result<std::optional<Progress>> ApprovalService::ProgressByReceipt(std::string_view receipt_code) {
  if (!IsReceiptCode(receipt_code)) return std::optional<Progress>();
  QF_ASSIGN_OR_RETURN(auto id, internal::QueryInt(db_,
                                                  "SELECT application_id FROM "
                                                  "approval_applications WHERE receipt_hash = ?",
                                                  ReceiptHash(receipt_code)));
  if (!id) return std::optional<Progress>();
  QF_ASSIGN_OR_RETURN(auto app, internal::LoadApplication(db_, config_, *id, TodayText(clock_)));
  if (!app) return std::optional<Progress>();
  Progress p;
  p.application_id = app->application_id;
  p.program_name = app->program_name;
  p.community = app->community;
  p.applicant_name = app->applicant_name;
  p.submitted_on = app->submitted_on;
  p.status = std::string(StatusName(app->status));
  p.rejection_category = app->rejection_category;
  p.rejection_reason = app->rejection_reason;
  for (StepKind kind : app->chain) {
    Progress::Step step;
    step.name = std::string(StepName(kind));
    const StepView* opened = nullptr;
    for (const StepView& s : app->steps) {
      if (s.step == kind) opened = &s;
    }
    if (opened == nullptr) {
      step.pending = true;
      step.result = app->status == kInProgress ? "待办理" : "—";
    } else {
      step.unit = opened->unit_name;
      step.started_on = opened->started_on;
      step.deadline = kind == StepKind::kPublicity ? DayBefore(opened->deadline) : opened->deadline;
      step.decided_on = opened->decided_on;
      step.open = opened->decision.empty();
      step.result = opened->decision == "approved" ? (kind == StepKind::kApply ? "已提交" : "通过")
                    : opened->decision == "rejected" ? "不予通过：" + opened->reasons
                    : kind == StepKind::kPublicity   ? "公示中"
                                                     : "办理中";
    }
    p.steps.push_back(std::move(step));
  }
  return std::optional<Progress>(std::move(p));
}

Result<int64_t> ApprovalService::Object(int64_t application_id, const ObjectionInput& input) {
  std::string today = TodayText(clock_);
  QF_ASSIGN_OR_RETURN(auto app, internal::LoadApplication(db_, config_, application_id, today));
  if (!app) return Fail(ErrorCode::kNotFound, "没有找到这条公示");
  const StepView* open = app->OpenStep();
  if (open == nullptr || open->step != StepKind::kPublicity || today >= open->deadline) {
    return Fail(ErrorCode::kConflict, "该申请不在公示期内，不能提出异议");
  }
  if (input.content.empty() || input.content.size() > kMaxObjectionBytes) {
    return std::unexpected(Error(ErrorCode::kInvalidArgument, "请填写异议内容（不超过 2000 字）")
                               .WithField("content"));
  }
  if (!input.anonymous && (input.contact.empty() || input.contact.size() > 200)) {
    return std::unexpected(Error(ErrorCode::kInvalidArgument, "实名提出异议请填写姓名和联系方式")
                               .WithField("contact"));
  }
  // The objection, its clue (with the clue's audit entry) and their link commit together: an
  // objection never stands without the clue that makes someone answer it.
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  std::optional<std::string> contact;
  if (!input.anonymous) contact = cipher_.Encrypt(input.contact);
  QF_ASSIGN_OR_RETURN(
      int64_t objection_id,
      internal::Insert(db_,
                       "INSERT INTO approval_objections(application_id, content, "
                       "anonymous, contact_enc, created_on) VALUES (?, ?, ?, ?, ?)",
                       application_id, input.content, input.anonymous, contact, today));
  // The clue is registered by the public channel at the district commission, like every report
  // from the 码上行动 pages, so that the community under objection is never the only one to see it.
  QF_ASSIGN_OR_RETURN(std::string id, internal::ApplicantId(db_, cipher_, application_id));
  casework::Actor channel{.user_id = 0,
                          .username = "码上行动",
                          .roles = {casework::Role::kIntake},
                          .unit_code = "commission"};
  casework::Json body = {
      {"source", "群众举报"},
      {"source_ref", fmt::format("阳光审批公示异议#{}", objection_id)},
      {"domain", "一卡通"},
      {"title", fmt::format("公示异议：{}{}申请（申请编号 {}）", app->community, app->program_name,
                            application_id)},
      {"summary",
       fmt::format("对{}{}申请人{}的公示提出异议（{}）。{}", app->community, app->program_name,
                   app->applicant_name, input.anonymous ? "匿名" : "实名，联系方式见异议记录",
                   input.content)},
      {"unit", "commission"},
      {"subjects", {{{"name", app->applicant_name}, {"id_number", id}, {"position", "申请人"}}}}};
  casework::CaseworkService service(db_, clock_, cipher_);
  QF_ASSIGN_OR_RETURN(int64_t clue_id, service.CreateClueInTransaction(channel, body));
  QF_RETURN_IF_ERROR(Exec(db_, "UPDATE approval_objections SET clue_id = ? WHERE objection_id = ?",
                          clue_id, objection_id));
  if (input.in_transaction) QF_RETURN_IF_ERROR(input.in_transaction(clue_id));
  QF_RETURN_IF_ERROR(tx->Commit());
  return clue_id;
}

}  // namespace qf::approval
