// R06 多卡未归一: a person holds two or more active (正常) cards.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  std::vector<int32_t> active;
  for (int32_t p = 0; p < s.PersonCount(); ++p) {
    auto held = s.cards_of.Of(p);
    if (held.size() < 2) continue;
    active.clear();
    for (int32_t a : held) {
      if (s.card_active.Test(static_cast<size_t>(a))) active.push_back(a);
    }
    if (active.size() < 2) continue;
    Finding f = MakeFinding(kR06);
    f.id_number = s.Id(p);
    std::string list;
    for (int32_t a : active) {
      if (!list.empty()) list += "、";
      list += s.accounts.Get(a);
    }
    f.evidence = NameAndId(s, p) + "名下有 " + std::to_string(active.size()) +
                 " 张状态为正常的一卡通账户：" + list;
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR06 = {"R06", "多卡未归一", Severity::kMedium, Bit(Table::kCards), 0,
                              "id_number", Run};

}  // namespace qf::engine::internal
