#include "web/internal/project_ledger.h"

#include <algorithm>
#include <map>

#include "core/date.h"
#include "engine/contract_rent.h"
#include "store/query.h"

namespace qf::web::internal {
namespace {

// Supervision time limits of the "线上全程监管" view (docs/web.md): days from the previous step.
constexpr int kApproveDays = 90;  // 申报 → 批准
constexpr int kAdvanceDays = 30;  // 批准 → 预拨
constexpr int kAcceptDays = 365;  // 预拨 → 验收
constexpr int kPayDays = 30;      // 验收 → 拨付（验收后）

std::string Text(const store::Statement& st, int column) {
  return st.IsNull(column) ? std::string() : std::string(st.TextView(column));
}

int32_t Days(const std::string& iso) {
  auto d = Date::Parse(iso);
  return d ? d->days() : 0;
}

std::string Iso(int32_t days) { return Date::FromDays(days).ToString(); }

std::string AddDays(const std::string& iso, int days) { return Iso(Days(iso) + days); }

constexpr const char* kProjectSelect =
    "SELECT p.project_id, p.program, p.department, p.credit_code, p.company_name, "
    "p.project_name, p.investment, p.approved_amount, p.max_ratio, p.apply_date, "
    "p.approved_date, p.accepted_date, p.reviewer_id, p.approver_id, "
    "(SELECT COALESCE(SUM(amount), 0) FROM project_payments x WHERE x.project_id = p.project_id "
    "AND x.stage = '预拨'), "
    "(SELECT COALESCE(SUM(amount), 0) FROM project_payments x WHERE x.project_id = p.project_id "
    "AND x.stage = '验收后'), "
    "(SELECT MIN(paid_date) FROM project_payments x WHERE x.project_id = p.project_id "
    "AND x.stage = '预拨' AND x.amount > 0), "
    "(SELECT MIN(paid_date) FROM project_payments x WHERE x.project_id = p.project_id "
    "AND x.stage = '验收后' AND x.amount > 0), "
    "(SELECT COUNT(*) FROM findings f WHERE f.ref = p.project_id AND f.status <> 'gone' "
    "AND f.review <> 'dismissed' AND f.rule IN ('R22', 'R23', 'R24', 'R25')) "
    "FROM enterprise_projects p ";

ProjectSummary ReadProject(const store::Statement& st) {
  ProjectSummary p;
  p.project_id = Text(st, 0);
  p.program = Text(st, 1);
  p.department = Text(st, 2);
  p.credit_code = Text(st, 3);
  p.company_name = Text(st, 4);
  p.project_name = Text(st, 5);
  p.investment = st.Int(6);
  p.approved_amount = st.Int(7);
  p.max_ratio = Text(st, 8);
  p.apply_date = Text(st, 9);
  p.approved_date = Text(st, 10);
  p.accepted_date = Text(st, 11);
  p.reviewer_id = Text(st, 12);
  p.approver_id = Text(st, 13);
  p.advance = st.Int(14);
  p.after_acceptance = st.Int(15);
  p.first_advance_date = Text(st, 16);
  p.first_final_date = Text(st, 17);
  p.findings = st.Int(18);
  return p;
}

LinkedFinding ReadFinding(const store::Statement& st) {
  return {Text(st, 0), Text(st, 1), Text(st, 2), Text(st, 3), Text(st, 4), st.Int(5)};
}

constexpr const char* kFindingSelect =
    "SELECT fingerprint, rule, severity, evidence, review, amount FROM findings ";

}  // namespace

ProjectStage StageOf(const ProjectSummary& p) {
  if (!p.first_final_date.empty()) return ProjectStage::kPaid;
  if (!p.accepted_date.empty()) return ProjectStage::kAccepted;
  if (!p.first_advance_date.empty()) return ProjectStage::kAdvanced;
  if (!p.approved_date.empty()) return ProjectStage::kApproved;
  return ProjectStage::kApplied;
}

const char* StageName(ProjectStage stage) {
  switch (stage) {
    case ProjectStage::kApplied:
      return "已申报";
    case ProjectStage::kApproved:
      return "已批准";
    case ProjectStage::kAdvanced:
      return "已预拨";
    case ProjectStage::kAccepted:
      return "已验收";
    case ProjectStage::kPaid:
      return "已拨付";
  }
  return "";
}

NextStep NextStepOf(const ProjectSummary& p, const std::string& today) {
  NextStep next;
  switch (StageOf(p)) {
    case ProjectStage::kApplied:
      next = {"批准", AddDays(p.apply_date, kApproveDays)};
      break;
    case ProjectStage::kApproved:
      next = {"预拨", AddDays(p.approved_date, kAdvanceDays)};
      break;
    case ProjectStage::kAdvanced:
      next = {"验收", AddDays(p.first_advance_date, kAcceptDays)};
      break;
    case ProjectStage::kAccepted:
      next = {"拨付", AddDays(p.accepted_date, kPayDays)};
      break;
    case ProjectStage::kPaid:
      return next;
  }
  next.overdue = next.due < today;
  return next;
}

Result<std::vector<ProjectSummary>> LoadProjects(store::Database& db, const ProjectFilter& filter) {
  QF_ASSIGN_OR_RETURN(
      auto all,
      store::QueryRows<ProjectSummary>(
          db,
          std::string(kProjectSelect) +
              "WHERE (? = '' OR p.department = ?) AND (? = '' OR p.program = ?) "
              "ORDER BY p.department, p.program, p.project_id",
          ReadProject, filter.department, filter.department, filter.program, filter.program));
  std::vector<ProjectSummary> out;
  for (ProjectSummary& p : all) {
    if (filter.stage.empty() || filter.stage == StageName(StageOf(p))) out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<ProjectSummary>> LoadProject(store::Database& db, const std::string& id) {
  auto st = db.Prepare(std::string(kProjectSelect) + "WHERE p.project_id = ?");
  if (!st) return std::unexpected(st.error());
  (*st)->Bind(1, id);
  auto more = (*st)->Step();
  if (!more) return std::unexpected(more.error());
  if (!*more) return std::optional<ProjectSummary>();
  return std::optional<ProjectSummary>(ReadProject(**st));
}

Result<std::vector<ProjectPaymentView>> LoadProjectPayments(store::Database& db,
                                                            const std::string& id) {
  return store::QueryRows<ProjectPaymentView>(
      db,
      "SELECT payment_id, paid_date, stage, amount FROM project_payments WHERE project_id = ? "
      "ORDER BY paid_date, payment_id",
      [](const store::Statement& s) -> ProjectPaymentView {
        return {Text(s, 0), Text(s, 1), Text(s, 2), s.Int(3)};
      },
      id);
}

Result<std::vector<ProjectInvoiceView>> LoadProjectInvoices(store::Database& db,
                                                            const std::string& id) {
  return store::QueryRows<ProjectInvoiceView>(
      db,
      "SELECT v.invoice_code, v.invoice_no, v.seller, v.issue_date, v.amount, "
      "(SELECT COUNT(*) FROM project_invoices o WHERE o.invoice_code = v.invoice_code AND "
      "o.invoice_no = v.invoice_no AND o.project_id <> v.project_id) "
      "FROM project_invoices v WHERE v.project_id = ? ORDER BY v.issue_date, v.invoice_code, "
      "v.invoice_no",
      [](const store::Statement& s) -> ProjectInvoiceView {
        return {Text(s, 0), Text(s, 1), Text(s, 2), Text(s, 3), s.Int(4), s.Int(5)};
      },
      id);
}

Result<std::vector<LinkedFinding>> ProjectFindings(store::Database& db, const std::string& id) {
  return store::QueryRows<LinkedFinding>(
      db,
      std::string(kFindingSelect) +
          "WHERE status <> 'gone' AND ((rule IN ('R22', 'R23', 'R24', 'R25') AND ref = ?) OR "
          "(rule = 'R21' AND ref IN (SELECT invoice_code || '-' || invoice_no FROM "
          "project_invoices WHERE project_id = ?))) ORDER BY rule, fingerprint",
      ReadFinding, id, id);
}

namespace {

Result<std::vector<ContractView>> Contracts(store::Database& db, const std::string& community) {
  return store::QueryRows<ContractView>(
      db,
      "SELECT contract_id, asset, asset_type, area, counterparty, start_date, end_date, "
      "procurement, annual_rent FROM collective_contracts WHERE community = ? ORDER BY "
      "contract_id",
      [](const store::Statement& s) -> ContractView {
        return {Text(s, 0), Text(s, 1), Text(s, 2), Text(s, 3), Text(s, 4),
                Text(s, 5), Text(s, 6), Text(s, 7), s.Int(8)};
      },
      community);
}

Result<std::vector<TransactionView>> Transactions(store::Database& db,
                                                  const std::string& community) {
  return store::QueryRows<TransactionView>(
      db,
      "SELECT txn_id, date, direction, counterparty, purpose, contract_id, amount FROM "
      "collective_transactions WHERE community = ? ORDER BY date DESC, txn_id",
      [](const store::Statement& s) -> TransactionView {
        return {Text(s, 0), Text(s, 1), Text(s, 2), Text(s, 3), Text(s, 4), Text(s, 5), s.Int(6)};
      },
      community);
}

// R18–R20 and R26 name a contract; R17 a counterparty paid in the community.
Result<std::vector<LinkedFinding>> CommunityFindings(store::Database& db,
                                                     const std::string& community) {
  return store::QueryRows<LinkedFinding>(
      db,
      std::string(kFindingSelect) +
          "WHERE status <> 'gone' AND ((rule IN ('R18', 'R19', 'R20', 'R26') AND ref IN (SELECT "
          "contract_id FROM collective_contracts WHERE community = ?)) OR (rule = 'R17' AND ref "
          "IN (SELECT counterparty FROM collective_transactions WHERE community = ? AND "
          "direction = '支'))) ORDER BY rule, fingerprint",
      ReadFinding, community, community);
}

}  // namespace

Result<CommunityAssets> LoadCommunityAssets(store::Database& db, const std::string& community,
                                            const std::string& as_of, int grace_days) {
  CommunityAssets a;
  auto contracts = Contracts(db, community);
  if (!contracts) return std::unexpected(contracts.error());
  a.contracts = std::move(*contracts);
  auto txns = Transactions(db, community);
  if (!txns) return std::unexpected(txns.error());
  a.transactions = std::move(*txns);
  auto findings = CommunityFindings(db, community);
  if (!findings) return std::unexpected(findings.error());
  a.findings = std::move(*findings);

  // Receipts by contract, from every community (the id names the contract, as in R26).
  auto st = db.Prepare(
      "SELECT contract_id, date, amount, community FROM collective_transactions WHERE "
      "direction = '收' AND contract_id IS NOT NULL AND contract_id <> ''");
  if (!st) return std::unexpected(st.error());
  std::map<std::string, std::vector<std::pair<int32_t, int64_t>>> receipts;
  while (true) {
    auto more = (*st)->Step();
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    if (Text(**st, 3) == community) a.records_contract_id = true;
    receipts[Text(**st, 0)].emplace_back(Days(Text(**st, 1)), (*st)->Int(2));
  }
  const int32_t today = Days(as_of);
  for (const ContractView& c : a.contracts) {
    const auto& got = receipts[c.contract_id];
    for (const engine::RentYear& y :
         engine::ContractRentYears(Days(c.start_date), Days(c.end_date), c.annual_rent)) {
      if (y.first > today) break;
      RentYearView v{c.contract_id, y.index, Iso(y.first),
                     Iso(y.last),   y.cut,   engine::RentYearDue(y, today, grace_days),
                     y.rent,        0};
      for (auto [day, amount] : got) {
        if (day >= y.first && day <= y.last && day <= today) v.received += amount;
      }
      a.years.push_back(std::move(v));
    }
  }
  return a;
}

Result<std::vector<std::string>> CollectiveCommunities(store::Database& db) {
  return store::QueryRows<std::string>(
      db,
      "SELECT community FROM collective_contracts UNION SELECT community FROM "
      "collective_transactions ORDER BY 1",
      [](const store::Statement& s) { return Text(s, 0); });
}

}  // namespace qf::web::internal
