// R03 优亲厚友: a means-tested enrolment whose person is, or is a relative of, an active
// 村干部/社区干部 of the enrolment's community during the enrolment. ref = the cadre's ID number.
#include <algorithm>
#include <map>
#include <tuple>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

struct Hit {
  const Enrolment* enrolment;
  const Official* cadre;
  std::vector<int32_t> rows;  // payments during enrolment ∩ tenure
};

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  // (person, program, cadre person) → evidence
  std::map<std::tuple<int32_t, int32_t, int32_t>, Hit> hits;
  std::vector<int32_t> candidates;
  for (const Enrolment& e : s.enrolments) {
    const Program& prog = s.programs[static_cast<size_t>(e.program)];
    if (!prog.means_tested) continue;
    candidates.clear();
    for (int32_t m : s.Household(e.person)) candidates.push_back(m);
    for (int32_t k : s.Kin(e.person)) candidates.push_back(k);
    candidates.push_back(e.person);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (int32_t c : candidates) {
      for (int32_t o : s.officials_of.Of(c)) {
        const Official& off = s.officials[static_cast<size_t>(o)];
        if (!off.IsCadre() || off.community != e.community) continue;
        if (off.start > e.end || e.start > off.end) continue;
        auto [it, inserted] = hits.try_emplace({e.person, e.program, c}, Hit{&e, &off, {}});
        int32_t from = std::max(off.start, e.start), to = std::min(off.end, e.end);
        auto [begin, end] = pay.RowsOf(e.person);
        for (int32_t r = begin; r < end; ++r) {
          auto u = static_cast<size_t>(r);
          if (pay.program[u] != e.program || pay.amount[u] <= 0 || pay.period[u] == kNone) continue;
          if (PeriodFirst(pay.period[u]) <= to && from <= PeriodLast(pay.period[u])) {
            it->second.rows.push_back(r);
          }
        }
      }
    }
  }
  for (auto& [key, hit] : hits) {
    auto [p, program, cadre] = key;
    std::sort(hit.rows.begin(), hit.rows.end());
    hit.rows.erase(std::unique(hit.rows.begin(), hit.rows.end()), hit.rows.end());
    const Program& prog = s.programs[static_cast<size_t>(program)];
    Finding f = MakeFinding(kR03);
    f.id_number = s.Id(p);
    f.program_code = prog.code;
    f.ref = s.Id(cadre);
    f.amount = SumAmount(s, hit.rows);
    std::string who = cadre == p ? "本人" : "其亲属 " + NameAndId(s, cadre);
    f.evidence = NameAndId(s, p) + "在" + s.communities.Get(hit.enrolment->community) + "享受" +
                 ProgramLabel(prog) + "（名册 " + DateText(hit.enrolment->start) + " 至 " +
                 DateText(hit.enrolment->end) + "），" + who + "为该社区" + hit.cadre->unit +
                 hit.cadre->position + "（任职 " + DateText(hit.cadre->start) + " 至 " +
                 DateText(hit.cadre->end) + "）；任职期间发放 " + std::to_string(hit.rows.size()) +
                 " 笔，合计 " + Yuan(f.amount) + "，请核实是否备案";
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR03 = {
    "R03", "优亲厚友", Severity::kLow,
    Bit(Table::kEnrolments) | Bit(Table::kPrograms) | Bit(Table::kOfficials), 0,
    "id_number, program_code, ref", Run};

}  // namespace qf::engine::internal
