// R09 有车有房有公司: a means-tested payment where the recipient's household holds a 小型汽车 or
// 货车, or a 法定代表人/股东 role in a 存续 company, or two or more 住宅 or any 商业 property,
// registered on or before the period's last day. ref = vehicle / company / property: the first
// kind, in that order, found for any offending payment (informative, not part of the key).
#include <algorithm>
#include <map>

#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

constexpr int32_t kNever = kOpenEnd;

// The day from which each kind of disqualifying asset is held by the household, and what proves it.
struct Assets {
  int32_t vehicle = kNever, company = kNever, property = kNever;
  std::string vehicle_text, company_text, property_text;
};

int32_t Since(int32_t registered) { return registered == kNoDate ? kNoDate : registered; }

Assets HouseholdAssets(const Snapshot& s, int32_t p) {
  Assets a;
  std::map<std::string, int32_t> homes;  // distinct certificate → earliest registration
  int32_t commercial = kNever;
  std::string commercial_text;
  for (int32_t m : s.Household(p)) {
    std::string owner = std::string(DisplayName(s, m)) + "（" + s.Id(m) + "）";
    for (int32_t v : s.vehicles_of.Of(m)) {
      const VehicleRow& row = s.vehicles[static_cast<size_t>(v)];
      if (row.disqualifying && Since(row.registered) < a.vehicle) {
        a.vehicle = Since(row.registered);
        a.vehicle_text = owner + "名下" + row.vehicle_type + " " + row.plate + "（" +
                         DateText(row.registered) + " 登记）";
      }
    }
    for (int32_t c : s.companies_of.Of(m)) {
      const CompanyRow& row = s.companies[static_cast<size_t>(c)];
      if (row.disqualifying && Since(row.registered) < a.company) {
        a.company = Since(row.registered);
        a.company_text = owner + "为存续企业" + row.company_name + "（" + row.credit_code +
                         "，" + DateText(row.registered) + " 成立）的" + row.role;
      }
    }
    for (int32_t q : s.properties_of.Of(m)) {
      const PropertyRow& row = s.properties[static_cast<size_t>(q)];
      if (row.usage == PropertyUsage::kResidential) {
        auto [it, inserted] = homes.try_emplace(row.certificate_no, Since(row.registered));
        if (!inserted) it->second = std::min(it->second, Since(row.registered));
      } else if (row.usage == PropertyUsage::kCommercial && Since(row.registered) < commercial) {
        commercial = Since(row.registered);
        commercial_text = owner + "名下商业不动产 " + row.certificate_no + "（" +
                          DateText(row.registered) + " 登记）";
      }
    }
  }
  a.property = commercial;
  a.property_text = commercial_text;
  if (homes.size() >= 2) {
    std::vector<std::pair<int32_t, std::string>> dated;
    for (auto& [cert, day] : homes) dated.emplace_back(day, cert);
    std::sort(dated.begin(), dated.end());
    if (dated[1].first < a.property) {
      a.property = dated[1].first;
      a.property_text = "同户名下住宅 " + std::to_string(homes.size()) + " 套（" +
                        dated[0].second + "、" + dated[1].second + (homes.size() > 2 ? "等" : "") +
                        "，第二套 " + DateText(dated[1].first) + " 登记）";
    }
  }
  return a;
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  const Payments& pay = s.payments;
  std::vector<int32_t> rows;
  int32_t assets_for = kNone;
  Assets assets;
  ForEachProgramRun(s, [&](int32_t p, int32_t program, int32_t begin, int32_t end) {
    const Program& prog = s.programs[static_cast<size_t>(program)];
    if (!prog.means_tested) return;
    if (assets_for != p) {
      assets = HouseholdAssets(s, p);
      assets_for = p;
    }
    int32_t earliest = std::min({assets.vehicle, assets.company, assets.property});
    if (earliest == kNever) return;
    rows.clear();
    int32_t latest_last = kNoDate;
    for (int32_t r = begin; r < end; ++r) {
      auto u = static_cast<size_t>(r);
      if (pay.amount[u] <= 0 || pay.period[u] == kNone) continue;
      int32_t last = PeriodLast(pay.period[u]);
      if (last < earliest) continue;
      rows.push_back(r);
      latest_last = std::max(latest_last, last);
    }
    if (rows.empty()) return;
    Finding f = MakeFinding(kR09);
    f.id_number = s.Id(p);
    f.program_code = prog.code;
    f.amount = SumAmount(s, rows);
    f.payment_rows = rows;
    std::string proof;
    for (auto [day, kind, text] :
         {std::tuple(assets.vehicle, "vehicle", &assets.vehicle_text),
          std::tuple(assets.company, "company", &assets.company_text),
          std::tuple(assets.property, "property", &assets.property_text)}) {
      if (day > latest_last) continue;
      if (f.ref.empty()) f.ref = kind;
      if (!proof.empty()) proof += "；";
      proof += *text;
    }
    f.evidence = NameAndId(s, p) + "领取经济困难审核项目" + ProgramLabel(prog) + "：" +
                 PaymentList(s, rows) + "，合计 " + Yuan(f.amount) + "；" + proof;
    out.push_back(std::move(f));
  });
}

}  // namespace

extern const RuleSpec kR09 = {
    "R09", "有车有房有公司", Severity::kMedium, Bit(Table::kPayments) | Bit(Table::kPrograms),
    Bit(Table::kVehicles) | Bit(Table::kCompanies) | Bit(Table::kProperties),
    "id_number, program_code", Run};

}  // namespace qf::engine::internal
