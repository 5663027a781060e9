// R13 姓名不符: a payment whose name differs from the persons name of its ID number, after name
// equality; clerical variants (same toneless pinyin) are not mismatches.
#include <unordered_map>

#include "engine/internal/rules.h"
#include "text/names.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  // (payment name, persons name) → differs; names are compared once per distinct pair.
  std::unordered_map<uint64_t, bool> differs;
  auto Differs = [&](int32_t a, int32_t b) {
    uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
    auto it = differs.find(key);
    if (it != differs.end()) return it->second;
    bool d = text::CompareNames(s.names.Get(a), s.names.Get(b)) == text::NameMatch::kDifferent;
    differs.emplace(key, d);
    return d;
  };
  std::vector<int32_t> rows;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    int32_t official_name = s.person_name[static_cast<size_t>(p)];
    if (official_name == kNone) return;
    rows.clear();
    int32_t shown = kNone;
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      if (pay.amount[u] <= 0 || pay.name[u] == official_name) continue;
      if (!Differs(pay.name[u], official_name)) continue;
      rows.push_back(r);
      if (shown == kNone) shown = pay.name[u];
    }
    if (rows.empty()) return;
    Finding f = MakeFinding(kR13);
    f.id_number = s.Id(p);
    f.program_code = s.programs[static_cast<size_t>(program)].code;
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    f.evidence = ProgramLabel(s.programs[static_cast<size_t>(program)]) + "发放名单姓名“" +
                 s.names.Get(shown) + "”与身份证号 " + f.id_number + " 的户籍姓名“" +
                 s.names.Get(official_name) + "”不符：" + PaymentList(s, rows) + "，合计 " +
                 Yuan(f.amount);
    out.push_back(std::move(f));
  });
}

}  // namespace

extern const RuleSpec kR13 = {"R13", "姓名不符", Severity::kMedium,
                              Bit(Table::kPayments) | Bit(Table::kPersons), 0,
                              "id_number, program_code", Run};

}  // namespace qf::engine::internal
