// The demo applications: picked from the ledger, then walked step by step through the service
// with a clock set to each step's day.
#include "demo/applications.h"

#include <fmt/format.h>

#include <vector>

#include "approval/approval_service.h"
#include "store/query.h"

namespace qf::demo {
namespace {

using approval::ApplicationInput;
using approval::ApplicationView;
using approval::ApprovalConfig;
using approval::ApprovalService;
using approval::Decision;
using approval::PrecheckHitView;
using approval::StepKind;
using approval::Submitted;

// 10:00 Beijing time on the day it is set to.
class DemoClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return now_; }
  void SetDay(Date day) { now_ = int64_t{day.days()} * 86400 + 2 * 3600; }

 private:
  int64_t now_ = 0;
};

struct Applicant {
  std::string id_number, name, community, household_id;
};

constexpr int kApplicants = 6;

Result<int64_t> CountApplications(store::Database& db) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db, "SELECT COUNT(*) FROM approval_applications"));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

// 低保 (the program named 最低生活保障), else the first means-tested program, else the first
// program; "" when the ledger has none.
Result<std::string> PickProgram(store::Database& db) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT code FROM programs ORDER BY CASE WHEN name "
                                            "LIKE '%最低生活保障%' THEN 0 WHEN means_tested = 1 "
                                            "THEN 1 ELSE 2 END, code LIMIT 1"));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Text(0) : std::string();
}

// Living adults (born by `born_by`) of the first community, by ID number, not enrolled in the
// program.
Result<std::vector<Applicant>> PickApplicants(store::Database& db, const std::string& program,
                                              const std::string& born_by) {
  QF_ASSIGN_OR_RETURN(
      auto st,
      store::Query(db,
                   "SELECT p.id_number, p.name, p.community, p.household_id FROM persons p "
                   "WHERE p.community = (SELECT MIN(community) FROM persons) "
                   "AND p.birth_date <= ? "
                   "AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.id_number = p.id_number) "
                   "AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.id_number = "
                   "p.id_number AND e.program_code = ?) ORDER BY p.id_number LIMIT ?",
                   born_by, program, int64_t{kApplicants}));
  std::vector<Applicant> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Text(3)});
  }
  return out;
}

casework::Actor DemoActor(const char* name, casework::Role role) {
  return casework::Actor{0, name, {role}, "commission"};
}

class Walker {
 public:
  Walker(ApprovalService& service, DemoClock& clock, Date today)
      : service_(service), clock_(clock), today_(today) {}

  void Day(int days_before_today) { clock_.SetDay(today_.AddDays(-days_before_today)); }

  Result<int64_t> Submit(const Applicant& a, const std::string& program, int n) {
    ApplicationInput in;
    in.program_code = program;
    in.community = a.community;
    in.applicant_name = a.name;
    in.id_number = a.id_number;
    in.household_id = a.household_id;
    in.household_size = 1 + n % 3;
    in.account_no = fmt::format("62284800{:010d}", 1000 + n);
    in.bank = "农村商业银行";
    in.declared_income = 45000 + 5000 * n;
    in.declared_assets = "自有住房一套，无车辆、无经营实体";
    in.reason = "家庭收入低于当地低保标准，申请纳入保障";
    QF_ASSIGN_OR_RETURN(Submitted made, service_.SubmitByClerk(clerk_, in));
    // The pre-check at submission may find a cadre relative (R03): file the 备案 so 初审 can pass.
    QF_ASSIGN_OR_RETURN(ApplicationView view, service_.Get(clerk_, made.application_id));
    if (view.cadre_relative && view.declaration_filed_at.empty()) {
      QF_RETURN_IF_ERROR(service_.FileDeclaration(clerk_, made.application_id,
                                                  "申请人与村（社区）干部系近亲属，已按规定备案"));
    }
    return made.application_id;
  }

  Result<void> Approve(int64_t id, StepKind step) {
    if (step == StepKind::kDepartmentApproval) {
      QF_ASSIGN_OR_RETURN(auto hits, service_.RunPrecheck(approver_, id));
      std::vector<int64_t> ids;
      for (const PrecheckHitView& h : hits) ids.push_back(h.hit_id);
      if (!ids.empty()) {
        QF_RETURN_IF_ERROR(
            service_.Acknowledge(approver_, id, ids, "已入户核实，情况属实，可以审批"));
      }
    }
    const casework::Actor& actor = step == StepKind::kDepartmentApproval ? approver_ : handler_;
    return service_.Decide(actor, id,
                           {.step = step,
                            .reasons = "经审核符合条件",
                            .deliberation = "村（居）民代表民主评议，到会 15 人，同意 15 人"});
  }

  Result<void> Reject(int64_t id) {
    return service_.Decide(handler_, id,
                           {.step = StepKind::kCommunityReview,
                            .approve = false,
                            .reason_category = "家庭收入超过标准",
                            .reasons = "经入户核查，家庭成员有稳定工资收入，人均收入超过低保标准"});
  }

  Result<void> Object(int64_t id) {
    QF_RETURN_IF_ERROR(
        service_.Object(id, {.content = "申请人家中有人在外经商，收入较高，请核实"}));
    return {};
  }

 private:
  ApprovalService& service_;
  DemoClock& clock_;
  Date today_;
  const casework::Actor clerk_ = DemoActor("sunli", casework::Role::kIntake);
  const casework::Actor handler_ = DemoActor("zhoutao", casework::Role::kHandler);
  const casework::Actor approver_ = DemoActor("wugang", casework::Role::kApprover);
};

}  // namespace

Result<DemoApplicationsResult> SeedDemoApplications(store::Database& db,
                                                    const crypto::FieldCipher& cipher,
                                                    const ApprovalConfig& config, Date today) {
  DemoApplicationsResult result;
  QF_ASSIGN_OR_RETURN(int64_t existing, CountApplications(db));
  if (existing > 0) {
    result.skipped = "库中已有审批申请";
    return result;
  }
  QF_ASSIGN_OR_RETURN(result.program_code, PickProgram(db));
  if (result.program_code.empty()) {
    result.skipped = "台账中没有补贴项目";
    return result;
  }
  Date born_by = Date::FromYmd(today.year() - 18, 1, 1).value_or(today);
  QF_ASSIGN_OR_RETURN(auto people, PickApplicants(db, result.program_code, born_by.ToString()));
  if (people.size() < kApplicants) {
    result.skipped = "台账中没有足够的申请人";
    return result;
  }
  result.community = people[0].community;

  DemoClock clock;
  ApprovalService service(db, clock, cipher, config);
  Walker w(service, clock, today);
  const std::string& program = result.program_code;
  // Three start together 20 days ago; 公示 (7 days) ends 13 days ago.
  w.Day(20);
  QF_ASSIGN_OR_RETURN(int64_t paid, w.Submit(people[0], program, 0));
  QF_ASSIGN_OR_RETURN(int64_t at_street, w.Submit(people[1], program, 1));
  QF_ASSIGN_OR_RETURN(int64_t at_department, w.Submit(people[2], program, 2));
  for (int64_t id : {paid, at_street, at_department}) {
    QF_RETURN_IF_ERROR(w.Approve(id, StepKind::kCommunityReview));
  }
  w.Day(13);
  for (int64_t id : {paid, at_street, at_department}) {
    QF_RETURN_IF_ERROR(w.Approve(id, StepKind::kPublicity));
  }
  // A chain without 街道审核 (config.h) goes from 公示 straight to 部门审批.
  auto open_step = [&](int64_t id) -> Result<StepKind> {
    QF_ASSIGN_OR_RETURN(ApplicationView view,
                        service.Get(DemoActor("wugang", casework::Role::kApprover), id));
    return view.current_step;
  };
  w.Day(11);
  for (int64_t id : {paid, at_department}) {
    QF_ASSIGN_OR_RETURN(StepKind step, open_step(id));
    if (step == StepKind::kStreetReview) QF_RETURN_IF_ERROR(w.Approve(id, step));
  }
  w.Day(8);
  QF_RETURN_IF_ERROR(w.Approve(paid, StepKind::kDepartmentApproval));
  w.Day(6);
  QF_RETURN_IF_ERROR(w.Approve(paid, StepKind::kPayment));
  w.Day(5);
  QF_ASSIGN_OR_RETURN(int64_t rejected, w.Submit(people[3], program, 3));
  w.Day(4);
  QF_RETURN_IF_ERROR(w.Reject(rejected));
  w.Day(3);
  QF_ASSIGN_OR_RETURN(int64_t in_publicity, w.Submit(people[4], program, 4));
  QF_RETURN_IF_ERROR(w.Approve(in_publicity, StepKind::kCommunityReview));
  w.Day(2);
  QF_RETURN_IF_ERROR(w.Object(in_publicity));
  QF_RETURN_IF_ERROR(w.Submit(people[5], program, 5));
  result.seeded = true;
  result.applications = kApplicants;
  return result;
}

}  // namespace qf::demo
