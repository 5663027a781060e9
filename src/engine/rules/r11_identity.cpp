// R11 身份无效或查无此人: a payment to an ID number that fails the GB 11643 check or is absent
// from persons. The ID is the normalised form the importer stored.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    bool valid = s.id_valid.Test(static_cast<size_t>(p));
    if (valid && s.InPersons(p)) return;
    rows.clear();
    for (int32_t r = begin; r < end; ++r) {
      if (pay.amount[static_cast<size_t>(r)] > 0) rows.push_back(r);
    }
    if (rows.empty()) return;
    Finding f = MakeFinding(kR11);
    f.id_number = s.Id(p);
    f.program_code = s.programs[static_cast<size_t>(program)].code;
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    std::string why = valid ? "不在户籍人口中（查无此人）" : "未通过 GB 11643 校验（身份无效）";
    f.evidence = "收款人 " + NameAndId(s, p) + "的身份证号" + why + "，" +
                 ProgramLabel(s.programs[static_cast<size_t>(program)]) + "：" +
                 PaymentList(s, rows) + "，合计 " + Yuan(f.amount);
    out.push_back(std::move(f));
  });
}

}  // namespace

extern const RuleSpec kR11 = {"R11", "身份无效或查无此人", Severity::kHigh,
                              Bit(Table::kPayments) | Bit(Table::kPersons), 0,
                              "id_number, program_code", Run};

}  // namespace qf::engine::internal
