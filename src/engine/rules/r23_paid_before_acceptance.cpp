// R23 未验收先拨付: a positive payment of stage 验收后 dated before the project's accepted_date, or
// made while accepted_date is empty. A row later reversed still fires (the money left before the
// acceptance). A payment whose project is not in enterprise_projects has no acceptance date the
// data can show, so it is not accused. amount = the offending rows' sum.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  for (const ProjectRow& p : s.projects) {
    int64_t sum = 0;
    std::string rows;
    size_t count = 0;
    for (const ProjectPaymentRow& r : PaymentsOfProject(s, p.project_id)) {
      if (!r.after_acceptance || r.amount <= 0) continue;
      if (p.accepted != kNoDate && r.paid >= p.accepted) continue;
      sum += r.amount;
      if (++count <= 5) {
        if (!rows.empty()) rows += "、";
        rows += r.payment_id + "（" + DateText(r.paid) + "，" + Yuan(r.amount) + "）";
      }
    }
    if (count == 0) continue;
    if (count > 5) rows += "等共 " + std::to_string(count) + " 笔";
    Finding f = MakeFinding(kR23);
    f.ref = p.project_id;
    f.amount = sum;
    std::string acceptance = p.accepted == kNoDate ? "项目尚未验收（验收日期为空）"
                                                   : "验收日期为 " + DateText(p.accepted);
    f.evidence = ProjectLabel(p) + "：" + acceptance + "，但已按“验收后”阶段拨付 " + rows +
                 "，合计 " + Yuan(sum);
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR23 = {"R23",
                              "未验收先拨付",
                              Severity::kMedium,
                              Bit(Table::kEnterpriseProjects) | Bit(Table::kProjectPayments),
                              0,
                              "ref",
                              Run};

}  // namespace qf::engine::internal
