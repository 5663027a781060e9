// R18 合同输送: a contract whose counterparty is an active cadre of the contract's community (tenure
// overlapping the contract term) or a relative of one — by ID number, or, when counterparty_id is
// missing, by name equality (clerical variants count) against the cadres and their relatives.
#include <map>

#include "engine/internal/rules.h"
#include "text/names.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  std::map<int32_t, std::vector<const Official*>> cadres;  // community → cadres
  for (const Official& o : s.officials) {
    if (o.IsCadre() && o.community != kNone) cadres[o.community].push_back(&o);
  }
  for (const ContractRow& c : s.contracts) {
    auto it = cadres.find(c.community);
    if (it == cadres.end() || c.start == kNoDate) continue;
    int32_t end = c.end == kNoDate ? kOpenEnd : c.end;
    int32_t by_id = c.counterparty_id.empty() ? kNone : s.ids.Find(c.counterparty_id);
    const Official* cadre = nullptr;
    int32_t matched = kNone;
    for (const Official* o : it->second) {
      if (o->start > end || c.start > o->end) continue;
      if (!c.counterparty_id.empty()) {
        if (by_id == kNone) continue;
        if (by_id == o->person || Contains(s.Household(o->person), by_id) ||
            Contains(s.Kin(o->person), by_id)) {
          cadre = o, matched = by_id;
        }
      } else if (text::SameName(c.counterparty, o->name)) {
        cadre = o, matched = o->person;
      } else {
        for (auto group : {s.Household(o->person), s.Kin(o->person)}) {
          for (int32_t r : group) {
            std::string_view name = s.PersonName(r);
            if (r != o->person && !name.empty() && text::SameName(c.counterparty, name)) {
              cadre = o, matched = r;
              break;
            }
          }
          if (cadre != nullptr) break;
        }
      }
      if (cadre != nullptr) break;
    }
    if (cadre == nullptr) continue;
    Finding f = MakeFinding(kR18);
    f.ref = c.contract_id;
    f.amount = ContractValue(c);
    std::string who = matched == cadre->person
                          ? std::string("即该社区干部本人")
                          : "为该社区干部" + cadre->name + "（" + s.Id(cadre->person) +
                                "）的亲属 " + NameAndId(s, matched);
    std::string how = c.counterparty_id.empty() ? "（按姓名比对）" : "（按证件号 " +
                                                                          c.counterparty_id + "）";
    f.evidence = "合同 " + c.contract_id + "（" + s.communities.Get(c.community) + "，" +
                 c.asset_type + "，" + DateText(c.start) + " 至 " + DateText(c.end) + "，年租金 " +
                 Yuan(c.annual_rent) + "）承包方“" + c.counterparty + "”" + how + who + "；" +
                 cadre->name + "任" + cadre->unit + cadre->position + "（" +
                 DateText(cadre->start) + " 至 " + DateText(cadre->end) + "）";
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR18 = {"R18", "合同输送", Severity::kHigh,
                              Bit(Table::kCollectiveContracts) | Bit(Table::kOfficials), 0, "ref",
                              Run};

}  // namespace qf::engine::internal
