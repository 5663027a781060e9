// Read-only views of the enterprise project funds (涉企项目资金) and of one community's collective
// assets (三资) for the staff workspace: the 项目资金 ledger, one project with its timeline
// 申报 → 批准 → 预拨 → 验收 → 拨付, the "线上全程监管" view of projects whose next step is overdue
// or irregular, and a community's contracts with rent due against received by year. Every
// function reads the store only; findings come from the findings table (the last check).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace qf::web::internal {

struct ProjectSummary {
  std::string project_id, program, department, credit_code, company_name, project_name;
  int64_t investment = 0, approved_amount = 0;
  std::string max_ratio;                                 // canonical fraction text, "" when not set
  std::string apply_date, approved_date, accepted_date;  // ISO; accepted "" when not accepted
  std::string reviewer_id, approver_id;
  int64_t advance = 0;                               // signed sum of 预拨 rows, fen
  int64_t after_acceptance = 0;                      // signed sum of 验收后 rows
  std::string first_advance_date, first_final_date;  // "" when none
  int64_t findings = 0;                              // current, not dismissed
};

// The five steps, in order; `Stage` is the last one reached.
enum class ProjectStage { kApplied, kApproved, kAdvanced, kAccepted, kPaid };
ProjectStage StageOf(const ProjectSummary& p);
const char* StageName(ProjectStage stage);  // 已申报 / 已批准 / 已预拨 / 已验收 / 已拨付

// The next step and its deadline (ISO), per the supervision time limits of docs/web.md; empty
// when the project is complete.
struct NextStep {
  std::string name;      // 批准 / 预拨 / 验收 / 拨付
  std::string due;       // ISO date
  bool overdue = false;  // due before `today`
};
NextStep NextStepOf(const ProjectSummary& p, const std::string& today);

struct ProjectFilter {
  std::string department, program, stage;  // "" = all; stage = StageName
};

Result<std::vector<ProjectSummary>> LoadProjects(store::Database& db, const ProjectFilter& filter);
Result<std::optional<ProjectSummary>> LoadProject(store::Database& db, const std::string& id);

struct ProjectPaymentView {
  std::string payment_id, paid_date, stage;
  int64_t amount = 0;
};
struct ProjectInvoiceView {
  std::string invoice_code, invoice_no, seller, issue_date;
  int64_t amount = 0;
  int64_t other_projects = 0;  // other projects listing the same invoice
};
Result<std::vector<ProjectPaymentView>> LoadProjectPayments(store::Database& db,
                                                            const std::string& id);
Result<std::vector<ProjectInvoiceView>> LoadProjectInvoices(store::Database& db,
                                                            const std::string& id);

// A current finding (not gone) about a project, a contract or a community.
struct LinkedFinding {
  std::string fingerprint, rule, severity, evidence, review;
  int64_t amount = 0;
};
// R21 (by the project's invoices) and R22–R25 (ref = project_id).
Result<std::vector<LinkedFinding>> ProjectFindings(store::Database& db, const std::string& id);

struct ContractView {
  std::string contract_id, asset, asset_type, area, counterparty, start_date, end_date, procurement;
  int64_t annual_rent = 0;
};
struct RentYearView {
  std::string contract_id;
  int index = 0;
  std::string first, last;
  bool cut = false, due = false;
  int64_t rent = 0, received = 0;
};
struct TransactionView {
  std::string txn_id, date, direction, counterparty, purpose, contract_id;
  int64_t amount = 0;
};
struct CommunityAssets {
  std::vector<ContractView> contracts;
  std::vector<RentYearView> years;  // every contract year begun by `as_of`
  std::vector<TransactionView> transactions;
  std::vector<LinkedFinding> findings;  // R17–R20, R26 of the community's contracts and vendors
  bool records_contract_id = false;     // R26 can test this community
};
// `as_of`: ISO date the years are judged at (the engine's as-of date); `grace_days` as R26's.
Result<CommunityAssets> LoadCommunityAssets(store::Database& db, const std::string& community,
                                            const std::string& as_of, int grace_days);
// Communities with contracts or transactions, sorted.
Result<std::vector<std::string>> CollectiveCommunities(store::Database& db);

}  // namespace qf::web::internal
