// R10 年龄不符: a payment whose recipient's age at the period start is below the program's
// min_age or above its max_age. Age from persons.birth_date, else from a valid ID number.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

std::string Range(const Program& prog) {
  std::string lo = prog.min_age >= 0 ? std::to_string(prog.min_age) + " 岁" : "不限";
  std::string hi = prog.max_age >= 0 ? std::to_string(prog.max_age) + " 岁" : "不限";
  return lo + " 至 " + hi;
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    const Program& prog = s.programs[static_cast<size_t>(program)];
    if (prog.min_age < 0 && prog.max_age < 0) return;
    rows.clear();
    int first_age = -1;
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      if (pay.amount[u] <= 0 || pay.period[u] == kNone) continue;
      int age = s.AgeAt(p, PeriodFirst(pay.period[u]));
      // Unknown age: nothing to compare. A negative age (a period before the birth) is below
      // any min_age and fires (the boundary review).
      if (age == kUnknownAge) return;
      if ((prog.min_age >= 0 && age < prog.min_age) || (prog.max_age >= 0 && age > prog.max_age)) {
        if (rows.empty()) first_age = age;
        rows.push_back(r);
      }
    }
    if (rows.empty()) return;
    Finding f = MakeFinding(kR10);
    f.id_number = s.Id(p);
    f.program_code = prog.code;
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    int32_t b = s.birth[static_cast<size_t>(p)];
    std::string born = b != kNoDate
                           ? "户籍出生日期 " + DateText(b)
                           : "身份证号出生日期 " + DateText(s.id_birth[static_cast<size_t>(p)]);
    f.evidence =
        NameAndId(s, p) + born + "，所属期 " +
        PeriodText(pay.period[static_cast<size_t>(rows.front())]) + " 开始时" +
        (first_age < 0 ? std::string("尚未出生") : " " + std::to_string(first_age) + " 岁") + "，" +
        ProgramLabel(prog) + "年龄范围 " + Range(prog) + "：" + PaymentList(s, rows) + "，合计 " +
        Yuan(f.amount);
    out.push_back(std::move(f));
  });
}

}  // namespace

extern const RuleSpec kR10 = {"R10", "年龄不符", Severity::kMedium,
                              Bit(Table::kPayments) | Bit(Table::kPrograms), 0,
                              "id_number, program_code", Run};

}  // namespace qf::engine::internal
