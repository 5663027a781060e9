// ApprovalService: sunshine approval (阳光审批) — an application for a subsidy program walks the
// chain of its program (config.h) from 申请 to 财政发放, every step with its responsible unit, its
// deadline, a decision with reasons and time stamps, in the open: the community's 公示 list and
// the applicant's own progress are public (by receipt code), and an objection raised during 公示
// becomes a clue of the case book (casework::CaseworkService).
//
//   ApprovalService service(db, clock, cipher, config);
//   auto made = service.SubmitByClerk(clerk, input);       // {application_id, receipt_code}
//   service.Decide(reviewer, id, {.step = StepKind::kCommunityReview, .approve = true,
//                                 .reasons = "符合条件", .deliberation = "6月3日民主评议…"});
//   service.ClosePublicity(...) is Decide on kPublicity once the period is over;
//   service.RunPrecheck(approver, id);                    // engine rules over the applicant
//   service.Acknowledge(approver, id, {hit_ids}, "已核实");  // each hit, before approving
//
// Who may do what (roles of casework/roles.h; "in scope" = the step's unit is the actor's unit
// or lies below it in the unit tree, so the district commission reaches every step):
//   submit, file a 备案 declaration      受理员 or 承办人, the community in scope
//   初审, close 公示, 街道审核            承办人 or 审核领导 in scope
//   部门审批, pre-check, acknowledge     审核领导 in scope
//   财政发放                            承办人 or 审核领导 in scope, or 部门联络员 of that unit
//   read                                any of those roles with some step in scope; 部门联络员
//                                       only applications with a step at its own unit
// Administrators (三员分立) and 干部监督室 have no part in approval. A refused call answers
// kPermissionDenied; an application the actor may not read answers kNotFound.
//
// Guarantees: every change runs in one transaction with its audit-log entry (casework
// audit_log.h, ID numbers masked). ID numbers are stored SM4-encrypted; views carry the masked
// form. Errors: kInvalidArgument (Error::field() names the form field), kNotFound, kConflict (the
// step is not the open one, the application is closed, 公示 not over, pre-check hits not
// acknowledged, a cadre relative without 备案), kPermissionDenied.
//
// Thread safety: like store::Database, one service object per thread (or per request).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "approval/config.h"
#include "approval/steps.h"
#include "casework/roles.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::approval {

struct ApplicationInput {
  std::string program_code{};
  std::string community;  // as the ledger spells it (enrolments.community)
  std::string applicant_name{};
  std::string id_number{};     // any written form; validated with core::CitizenId
  std::string household_id{};  // optional: the ledger's household is used when it knows the person
  int64_t household_size = 1;
  std::string account_no{};  // the 一卡通 account the benefit is to be paid into
  std::string bank{};
  int64_t declared_income = 0;    // fen per month, whole household
  std::string declared_assets{};  // houses, vehicles, companies, savings, in words
  std::string reason{};
  bool cadre_relative = false;  // the applicant declares being, or being related to, a cadre
  std::string declaration{};    // the 备案 text, required when cadre_relative
};

struct Submitted {
  int64_t application_id = 0;
  std::string receipt_code{};  // shown once, never stored
};

struct StepView {
  int64_t step_id = 0;
  StepKind step = StepKind::kApply;
  std::string unit_code{}, unit_name{};
  std::string started_on{}, started_at{}, deadline{};
  std::string decision{};  // "" while open, else approved / rejected
  std::string reason_category{}, reasons{}, deliberation{}, decided_by{}, decided_on{},
      decided_at{};
  bool overdue = false;  // open and past its deadline today
};

struct PrecheckHitView {
  int64_t hit_id = 0;
  std::string fingerprint{}, rule{}, rule_name{}, severity{}, evidence{}, found_at{};
  std::string acknowledged_by{}, acknowledged_at{}, note{};  // empty until acknowledged
};

struct ObjectionView {
  int64_t objection_id = 0;
  std::string content{}, created_on{};
  bool anonymous = true;
  int64_t clue_id = 0;
};

struct ApplicationView {
  int64_t application_id = 0;
  std::string program_code{}, program_name{}, community{}, community_unit{};
  std::string applicant_name{}, id_masked{}, household_id{}, account_no{}, bank{};
  int64_t household_size = 0;
  int64_t declared_income = 0;
  std::string declared_assets{}, reason{}, channel{};
  bool cadre_relative = false;
  std::string declaration{}, declaration_filed_at{}, declaration_filed_by{};
  StepKind current_step = StepKind::kApply;
  std::string status{};  // in_progress / rejected / completed
  std::string rejection_category{}, rejection_reason{};
  std::string precheck_at;  // when the pre-check last ran ("" = never)
  std::string submitted_by{}, submitted_on{};
  std::vector<StepKind> chain{};  // the program's steps
  std::vector<StepView> steps{};  // the steps opened so far, in order
  std::vector<PrecheckHitView> hits{};
  std::vector<ObjectionView> objections{};

  const StepView* OpenStep() const;
  int64_t UnacknowledgedHits() const;
};

// What the actor may do to an application now (for showing forms; every call checks again).
struct AllowedActions {
  bool decide = false;    // decide the open step
  bool precheck = false;  // run the pre-check and acknowledge its hits
  bool declare = false;   // file the 备案 declaration
};

struct ApplicationSummary {
  int64_t application_id = 0;
  std::string program_code{}, program_name{}, community{}, applicant_name{}, id_masked{};
  StepKind current_step = StepKind::kApply;
  std::string status{}, unit_name{}, deadline{}, submitted_on{};
  bool overdue = false;
  bool cadre_relative = false;
};

struct ListFilter {
  std::string status{};  // "" = any
  std::optional<StepKind> step{};
  std::string community{};
};

struct Decision {
  StepKind step = StepKind::kApply;  // the step decided: must be the open one
  bool approve = true;
  std::string reason_category{};  // required to reject: one of RejectionCategories()
  std::string reasons{};          // required to reject; to close 公示 with objections
  std::string deliberation{};     // 初审: the 民主评议 record, required to approve
};

// One line of a community's 公示 (public: no ID number; the page masks the name).
struct PublicityEntry {
  int64_t application_id = 0;
  std::string program_name{}, applicant_name{}, community{};
  int64_t household_size = 0;
  int64_t declared_income = 0;
  std::string from{}, to{};  // the publicity period
  bool cadre_relative = false;
  bool declaration_filed = false;
  int64_t objections = 0;
};

struct PublicityCommunity {
  std::string key;  // CommunityKey(name)
  std::string name{};
  int64_t open = 0;  // applications now in 公示
};

// The applicant's progress, as the public page shows it.
struct Progress {
  int64_t application_id = 0;
  std::string program_name{}, community{}, applicant_name{}, submitted_on{}, status{};
  std::string rejection_category{}, rejection_reason{};
  struct Step {
    std::string name{}, unit{}, started_on{}, deadline{}, decided_on{}, result{};
    bool open = false, pending = false;  // pending: not reached yet
  };
  std::vector<Step> steps{};
};

struct ObjectionInput {
  std::string content{};
  bool anonymous = true;
  std::string contact{};  // name and phone of a named objector
  // Called inside the objection's transaction once its clue is registered, with the clue id: the
  // public pages attach the objector's receipt code there. An error rolls the objection back.
  std::function<Result<void>(int64_t clue_id)> in_transaction{};
};

// "c-" + 10 hex of SM3(name): the same key the public pages' community QR codes carry.
std::string CommunityKey(std::string_view community);

class ApprovalService {
 public:
  // All four are borrowed and must outlive the service.
  ApprovalService(store::Database& db, const qf::Clock& clock, const crypto::FieldCipher& cipher,
                  const ApprovalConfig& config);

  // ---- Submission -----------------------------------------------------------------------------
  // A community clerk submits on the applicant's behalf (受理员/承办人 in scope of the community).
  Result<Submitted> SubmitByClerk(const casework::Actor& actor, const ApplicationInput& input);
  // The citizen submits on the public pages; recorded as submitted by "群众自助".
  Result<Submitted> SubmitByCitizen(const ApplicationInput& input);
  // Records the 备案 of a cadre relative (受理员/承办人 in scope of the community).
  Result<void> FileDeclaration(const casework::Actor& actor, int64_t application_id,
                               const std::string& declaration);

  // ---- The chain ------------------------------------------------------------------------------
  // Decides the open step. Approving opens the next step; approving 财政发放 creates the enrolment
  // and, for a new account, its card, and completes the application. Rejecting ends it with the
  // reason, which the applicant sees on the progress page.
  Result<void> Decide(const casework::Actor& actor, int64_t application_id,
                      const Decision& decision);
  // Runs the pre-check (precheck.h) and stores its hits; a hit found again keeps its
  // acknowledgement, a hit no longer found is dropped. 审核领导 in scope of 部门审批.
  Result<std::vector<PrecheckHitView>> RunPrecheck(const casework::Actor& actor,
                                                   int64_t application_id);
  // Acknowledges hits (审核领导): each id must be a hit of this application; `note` required.
  Result<void> Acknowledge(const casework::Actor& actor, int64_t application_id,
                           const std::vector<int64_t>& hit_ids, const std::string& note);

  // ---- Reading --------------------------------------------------------------------------------
  Result<ApplicationView> Get(const casework::Actor& actor, int64_t application_id);
  AllowedActions Allowed(const casework::Actor& actor, const ApplicationView& app);
  Result<std::vector<ApplicationSummary>> List(const casework::Actor& actor,
                                               const ListFilter& filter);

  // ---- Public ---------------------------------------------------------------------------------
  Result<std::vector<PublicityCommunity>> PublicityCommunities();
  // The applications in 公示 in the community with this key; nullopt for an unknown key.
  Result<std::optional<std::vector<PublicityEntry>>> Publicity(std::string_view community_key);
  // nullopt for a code that matches no application.
  Result<std::optional<Progress>> ProgressByReceipt(std::string_view receipt_code);
  // An objection to an application now in 公示: stored, and registered as a clue (source 群众举报)
  // at the district commission. Returns the clue id. kConflict when the application is not in 公示.
  Result<int64_t> Object(int64_t application_id, const ObjectionInput& input);

 private:
  Result<Submitted> Submit(const casework::Actor* clerk, const ApplicationInput& input);

  store::Database& db_;
  const qf::Clock& clock_;
  const crypto::FieldCipher& cipher_;
  const ApprovalConfig& config_;
};

}  // namespace qf::approval
