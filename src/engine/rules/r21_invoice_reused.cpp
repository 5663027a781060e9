// R21 发票重复使用: the same invoice (invoice_code and invoice_no, trimmed and upper-cased at
// import) is evidence of two or more different projects. One finding per invoice; amount = the
// invoice's money claimed beyond its first use (every listing's amount but the largest), because
// one real purchase can support one project only.
#include <algorithm>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Report(const Snapshot& s, std::span<const ProjectInvoiceRow> rows, std::vector<Finding>& out) {
  // rows: one invoice, sorted by project_id; the natural key makes each project appear once.
  if (rows.size() < 2) return;
  Finding f = MakeFinding(kR21);
  const ProjectInvoiceRow& first = rows.front();
  f.ref = first.invoice_code + "-" + first.invoice_no;
  int64_t total = 0, largest = 0;
  std::string projects;
  for (const ProjectInvoiceRow& r : rows) {
    total += r.amount;
    largest = std::max(largest, r.amount);
    if (!projects.empty()) projects += "；";
    const ProjectRow* p = FindProject(s, r.project_id);
    projects += p != nullptr ? ProjectLabel(*p) + "，核定补助 " + Yuan(p->approved_amount)
                             : "项目 " + r.project_id + "（项目库中无此项目）";
    projects += "，列报金额 " + Yuan(r.amount);
  }
  f.amount = total - largest;
  f.evidence = "发票代码 " + first.invoice_code + " 号码 " + first.invoice_no + "（销售方“" +
               first.seller + "”，开票日期 " + DateText(first.issued) + "）同时作为 " +
               std::to_string(rows.size()) + " 个项目的佐证：" + projects;
  out.push_back(std::move(f));
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const auto& inv = ctx.snap.project_invoices;  // sorted by (code, no, project_id)
  size_t i = 0;
  while (i < inv.size()) {
    size_t j = i;
    while (j < inv.size() && inv[j].invoice_code == inv[i].invoice_code &&
           inv[j].invoice_no == inv[i].invoice_no) {
      ++j;
    }
    Report(ctx.snap, std::span(inv).subspan(i, j - i), out);
    i = j;
  }
}

}  // namespace

extern const RuleSpec kR21 = {
    "R21", "发票重复使用", Severity::kHigh, Bit(Table::kProjectInvoices), 0, "ref", Run};

}  // namespace qf::engine::internal
