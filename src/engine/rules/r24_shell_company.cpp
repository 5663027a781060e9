// R24 主体异常: the applicant's credit_code is absent from companies, or every row of it says 注销,
// or its registration (the earliest registered_date) is fewer than shell_company_days before the
// project's apply_date (registered after apply_date fires too). amount = approved_amount, the
// subsidy granted to an applicant that should not have qualified.
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

// Why the applicant is abnormal, or "" when it is not.
std::string Abnormality(const ProjectRow& p, const std::vector<const CompanyRow*>& rows,
                        int32_t shell_days) {
  if (rows.empty()) return "统一社会信用代码 " + p.credit_code + " 在市场主体登记中查无此企业";
  bool all_closed =
      std::all_of(rows.begin(), rows.end(), [](const CompanyRow* c) { return c->closed; });
  int32_t registered = kNoDate;
  for (const CompanyRow* c : rows) {
    if (c->registered != kNoDate && (registered == kNoDate || c->registered < registered)) {
      registered = c->registered;
    }
  }
  std::string registration = "企业“" + rows.front()->company_name + "”（" + p.credit_code +
                             "）成立于 " + DateText(registered);
  if (all_closed) return registration + "，登记状态为注销";
  if (registered == kNoDate || p.applied == kNoDate) return "";
  int32_t age = p.applied - registered;
  if (age >= shell_days) return "";
  if (age < 0) return registration + "，晚于申报日期 " + DateText(p.applied);
  return registration + "，距申报日期 " + DateText(p.applied) + " 仅 " + std::to_string(age) +
         " 天（不足 " + std::to_string(shell_days) + " 天）";
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  CompanyIndex companies(s);
  for (const ProjectRow& p : s.projects) {
    std::string why =
        Abnormality(p, companies.Rows(p.credit_code), ctx.thresholds.shell_company_days);
    if (why.empty()) continue;
    Finding f = MakeFinding(kR24);
    f.ref = p.project_id;
    f.amount = p.approved_amount;
    f.evidence = ProjectLabel(p) + "：" + why + "；核定补助 " + Yuan(p.approved_amount);
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR24 = {"R24",
                              "主体异常",
                              Severity::kMedium,
                              Bit(Table::kEnterpriseProjects) | Bit(Table::kCompanies),
                              0,
                              "ref",
                              Run};

}  // namespace qf::engine::internal
