// R20 未经公开程序: a contract let by 协商 whose annual_rent × years is above
// open_tender_threshold, years = (end_date − start_date) in days / 365.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  for (const ContractRow& c : s.contracts) {
    if (c.procurement != "协商" || c.start == kNoDate || c.end == kNoDate) continue;
    Int128 value_x365 = static_cast<Int128>(c.annual_rent) * (c.end - c.start);
    if (!(value_x365 > static_cast<Int128>(ctx.thresholds.open_tender_threshold) * 365)) continue;
    Finding f = MakeFinding(kR20);
    f.ref = c.contract_id;
    f.amount = ContractValue(c);
    f.evidence = "合同 " + c.contract_id + "（" + s.communities.Get(c.community) + "，" + c.asset +
                 c.asset_type + "，承包方“" + c.counterparty + "”，" + DateText(c.start) + " 至 " +
                 DateText(c.end) + "，年租金 " + Yuan(c.annual_rent) + "）合同总额 " +
                 Yuan(f.amount) + "，超过 " + Yuan(ctx.thresholds.open_tender_threshold) +
                 " 却以协商方式发包";
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR20 = {"R20", "未经公开程序", Severity::kMedium,
                              Bit(Table::kCollectiveContracts), 0, "ref", Run};

}  // namespace qf::engine::internal
