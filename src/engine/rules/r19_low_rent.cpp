// R19 低价发包: a contract's rent per unit area (annual_rent / area) below low_rent_ratio of the
// median of the contracts of the same asset_type in the district (the mean of the two middle
// values for an even count). Exact rational arithmetic: no floating point touches money.
#include <algorithm>
#include <map>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

using Wide = Int128;

// rent / area as a fraction (area in 1/10000 units, > 0).
struct Ratio {
  Wide num, den;
};
bool Less(const Ratio& a, const Ratio& b) { return a.num * b.den < b.num * a.den; }

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  std::map<std::string, std::vector<const ContractRow*>> by_type;
  for (const ContractRow& c : s.contracts) {
    if (c.area > 0) by_type[c.asset_type].push_back(&c);
  }
  for (auto& [type, contracts] : by_type) {
    std::vector<Ratio> ratios;
    for (const ContractRow* c : contracts) ratios.push_back({c->annual_rent, c->area});
    std::sort(ratios.begin(), ratios.end(), Less);
    // median = m_num / m_den
    Wide m_num, m_den;
    size_t n = ratios.size();
    if (n % 2 == 1) {
      m_num = ratios[n / 2].num;
      m_den = ratios[n / 2].den;
    } else {
      const Ratio& a = ratios[n / 2 - 1];
      const Ratio& b = ratios[n / 2];
      m_num = a.num * b.den + b.num * a.den;
      m_den = 2 * a.den * b.den;
    }
    const Wide ratio_bp = ctx.thresholds.low_rent_ratio_bp;
    for (const ContractRow* c : contracts) {
      // rent/area < ratio_bp/10000 × m_num/m_den
      if (!(Wide(c->annual_rent) * 10000 * m_den < ratio_bp * m_num * c->area)) continue;
      Finding f = MakeFinding(kR19);
      f.ref = c->contract_id;
      Wide median_rent = m_num * c->area / m_den;  // the median rent for this area, fen per year
      Wide shortfall = median_rent - c->annual_rent;
      int64_t days = (c->end != kNoDate && c->start != kNoDate && c->end > c->start)
                         ? c->end - c->start : 365;
      f.amount = static_cast<int64_t>(shortfall * days / 365);
      int64_t unit_rent = static_cast<int64_t>(Wide(c->annual_rent) * 10000 / c->area);
      int64_t unit_median = static_cast<int64_t>(m_num * 10000 / m_den);
      f.evidence = "合同 " + c->contract_id + "（" + s.communities.Get(c->community) + "，" +
                   c->asset_type + "，面积 " + c->area_text + "，年租金 " + Yuan(c->annual_rent) +
                   "，承包方“" + c->counterparty + "”）单位面积年租金 " + Yuan(unit_rent) +
                   "，低于全区同类 " + std::to_string(contracts.size()) + " 份合同中位数 " +
                   Yuan(unit_median) + " 的 " + std::to_string(ctx.thresholds.low_rent_ratio_bp / 100) +
                   "%；按中位数计少收 " + Yuan(f.amount);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

extern const RuleSpec kR19 = {"R19", "低价发包", Severity::kMedium,
                              Bit(Table::kCollectiveContracts), 0, "ref", Run};

}  // namespace qf::engine::internal
