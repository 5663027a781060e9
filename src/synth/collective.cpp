// Stage 5: the collective "三资" ledger — transactions and asset contracts of every community —
// with planted R17–R20 and R26 problems. Two communities in three record the contract_id on each
// rent receipt, one receipt per contract year (R26 tests only those communities); the rest book
// one receipt for the ledger year without it. Runs after the ledger plants so that the cadre
// networks (which plants extend) are final: background counterparties stay outside every cadre's
// broad network, by ID and by name (pinyin key).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "synth/internal/codes.h"
#include "synth/internal/district.h"
#include "synth/internal/names.h"
#include "text/names.h"

namespace qf::synth::internal {
namespace {

constexpr int32_t kGraceDays = 30;  // config/rules.toml grace_days, which R26 shares with R12

struct AssetKind {
  const char* type;
  int64_t base_fen;          // rent per unit area per year
  int64_t area_lo, area_hi;  // × 100
  const char* suffix;
};

constexpr AssetKind kKinds[] = {{"土地", 100000, 500, 20000, "号地块"},
                                {"房屋", 18000, 5000, 200000, "号集体用房"},
                                {"林地", 8000, 2000, 50000, "号林地"},
                                {"水面", 60000, 500, 10000, "号鱼塘"},
                                {"其他", 12000, 2000, 50000, "号仓储场地"}};

constexpr const char* kVendorTrades[] = {"建设工程", "园林绿化", "物业管理",
                                         "水电安装", "保洁服务", "办公设备"};
constexpr const char* kVendorPurposes[] = {"道路维修", "绿化养护", "物业服务费",
                                           "水电维修", "环境保洁", "办公用品采购"};

class Collective {
 public:
  explicit Collective(District& d)
      : d_(d), rng_(d.seed, 5), kc_(d.CollectivePlantCount()), as_of_(d.AsOf()) {}

  void Run() {
    Networks();
    Vendors();
    for (size_t c = 0; c < d_.communities.size(); ++c) BackgroundContracts(static_cast<int32_t>(c));
    PlantContracts();
    PlantUnpaidRent();
    for (size_t c = 0; c < d_.communities.size(); ++c)
      BackgroundTransactions(static_cast<int32_t>(c));
    PlantTransactions();
  }

 private:
  Person& P(int32_t i) { return d_.persons[static_cast<size_t>(i)]; }
  int Age(int32_t p) { return AgeOn(P(p).birth, Ymd(kYear, 1, 1)); }
  std::string Key(std::string_view name) { return text::PinyinKey(text::NormalizeName(name)); }

  void Networks() {
    const auto kin = KinshipAdjacency(d_);
    in_network_.assign(d_.persons.size(), 0);
    keys_.resize(d_.communities.size());
    residents_.resize(d_.communities.size());
    for (const Official& o : d_.officials) {
      if (!o.IsCadre()) continue;
      for (int32_t r : BroadRelatives(d_, kin, o.person)) {
        in_network_[static_cast<size_t>(r)] = 1;
        keys_[static_cast<size_t>(o.community)].insert(Key(P(r).name));
      }
    }
    secretary_.assign(d_.communities.size(), "");
    for (const Official& o : d_.officials) {
      auto& name = secretary_[static_cast<size_t>(std::max(0, o.community))];
      if (o.IsCadre() && o.end == kNoDate && name.empty()) name = P(o.person).name;
    }
    population_.assign(d_.communities.size(), 0);
    for (size_t i = 0; i < d_.persons.size(); ++i) {
      const Person& p = d_.persons[i];
      ++population_[static_cast<size_t>(p.community)];
      const int age = Age(static_cast<int32_t>(i));
      if (age >= 25 && age <= 70 && p.death == kNoDate && !p.used && !in_network_[i] &&
          !d_.households[static_cast<size_t>(p.household)].poor) {
        residents_[static_cast<size_t>(p.community)].push_back(static_cast<int32_t>(i));
      }
    }
  }

  // A resident of the community outside every cadre network whose name matches none there.
  int32_t Counterparty(int32_t community) {
    const auto& pool = residents_[static_cast<size_t>(community)];
    for (int attempt = 0; attempt < 50 && !pool.empty(); ++attempt) {
      const int32_t p = rng_.Pick(pool);
      if (keys_[static_cast<size_t>(community)].count(Key(P(p).name)) == 0) return p;
    }
    return -1;
  }

  int AddVendor(const char* trade) {
    std::string name;
    do {
      name = fmt::format("杭州{}{}有限公司", CommunityWordsOne(), trade);
    } while (!vendor_names_.insert(name).second);
    Company c;
    c.credit_code = MakeCreditCode("330110", ++d_.company_counter);
    c.name = name;
    c.registered = static_cast<int32_t>(rng_.Range(Ymd(2005, 1, 1), Ymd(2023, 12, 31)));
    d_.companies.push_back(c);
    const int index = static_cast<int>(d_.companies.size()) - 1;
    const auto& pool = residents_[rng_.Below(residents_.size())];
    if (!pool.empty()) d_.company_roles.push_back({index, rng_.Pick(pool), "法定代表人"});
    return index;
  }
  std::string CommunityWordsOne() {
    static const std::vector<std::string> words =
        SplitUtf8("丰泽华宏恒远鑫达瑞盛通顺兴隆永安嘉禾锦程卓越");
    return rng_.Pick(words) + rng_.Pick(words);
  }

  void Vendors() {
    const size_t count = std::max<size_t>(12, d_.communities.size());
    for (size_t i = 0; i < count; ++i)
      vendors_.push_back(AddVendor(kVendorTrades[i % std::size(kVendorTrades)]));
  }

  std::string NextContractId() { return fmt::format("YH-HT-{:05d}", ++contract_serial_); }

  Contract MakeContract(int32_t community, size_t kind, int64_t factor_per_mille, bool large) {
    const AssetKind& k = kKinds[kind];
    Contract c;
    c.community = community;
    c.asset_type = k.type;
    c.asset = d_.communities[static_cast<size_t>(community)].name +
              std::to_string(1 + rng_.Below(30)) + k.suffix;
    c.area_centi = large ? rng_.Range(k.area_hi / 2, k.area_hi) : rng_.Range(k.area_lo, k.area_hi);
    c.annual_rent =
        std::max<int64_t>(100, c.area_centi * k.base_fen * factor_per_mille / 100000 / 100 * 100);
    const int year = static_cast<int>(rng_.Range(2015, kYear));
    c.start = Ymd(year, static_cast<int>(rng_.Range(1, 12)), 1);
    const int years = static_cast<int>(rng_.Range(3, 15));
    c.end = Ymd(year + years, Date::FromDays(c.start).month(), 1) - 1;
    return c;
  }
  // annual_rent × years in fen, years = days / 365 (spec R20); compared without floating point.
  static bool TotalAbove(const Contract& c, int64_t yuan) {
    return c.annual_rent * static_cast<int64_t>(c.end - c.start) > yuan * 100 * 365;
  }
  void SetCounterparty(Contract& c, bool allow_company) {
    if (allow_company && rng_.Chance(300)) {
      const Company& v = d_.companies[static_cast<size_t>(rng_.Pick(vendors_))];
      c.counterparty = v.name;
      c.counterparty_id = v.credit_code;
      return;
    }
    const int32_t p = Counterparty(c.community);
    if (p < 0) {
      const Company& v = d_.companies[static_cast<size_t>(rng_.Pick(vendors_))];
      c.counterparty = v.name;
      c.counterparty_id = v.credit_code;
      return;
    }
    c.counterparty = P(p).name;
    c.counterparty_id = rng_.Chance(100) ? "" : P(p).id;
  }
  void BackgroundProcurement(Contract& c) {
    if (TotalAbove(c, 80000)) {
      c.procurement = rng_.Chance(700) ? "公开招标" : "竞争性谈判";
    } else {
      static const char* kinds[] = {"协商", "竞争性谈判", "公开招标"};
      c.procurement = kinds[rng_.Weighted({50, 30, 20})];
    }
  }

  void BackgroundContracts(int32_t community) {
    const int64_t count = std::max<int64_t>(5, population_[static_cast<size_t>(community)] / 120);
    for (int64_t i = 0; i < count; ++i) {
      const size_t kind = rng_.Weighted({40, 25, 15, 10, 10});
      Contract c = MakeContract(community, kind, rng_.Range(800, 1250), false);
      SetCounterparty(c, true);
      BackgroundProcurement(c);
      ++per_type_[kind];
      d_.contracts.push_back(std::move(c));
    }
  }

  void PlantContracts() {
    const int32_t communities = static_cast<int32_t>(d_.communities.size());
    for (int k = 0; k < kc_; ++k) {  // R19: rent far below the district's median
      size_t kind = rng_.Weighted({40, 25, 15, 10, 10});
      if ((low_[kind] + 1) * 7 > per_type_[kind]) kind = 0;  // keep plants under ~15 % of a type
      if ((low_[kind] + 1) * 7 > per_type_[kind]) continue;
      ++low_[kind];
      Contract c =
          MakeContract(static_cast<int32_t>(rng_.Below(static_cast<uint64_t>(communities))), kind,
                       rng_.Range(150, 350), false);
      SetCounterparty(c, true);
      c.procurement = TotalAbove(c, 80000) ? "公开招标" : "协商";
      const std::string id = NextContractId();
      d_.truth.push_back({"R19", "", "", "", "", id});
      contract_ids_.push_back(id);
      d_.contracts.push_back(std::move(c));
    }
    for (int k = 0; k < kc_; ++k) {  // R20: a large contract let by 协商
      Contract c =
          MakeContract(static_cast<int32_t>(rng_.Below(static_cast<uint64_t>(communities))),
                       k % 2 == 0 ? 0 : 1, rng_.Range(850, 1200), true);
      c.end = Ymd(Date::FromDays(c.start).year() + 6, Date::FromDays(c.start).month(), 1) - 1;
      SetCounterparty(c, true);
      c.procurement = "协商";
      if (!TotalAbove(c, 150000)) continue;
      const std::string id = NextContractId();
      d_.truth.push_back({"R20", "", "", "", "", id});
      contract_ids_.push_back(id);
      d_.contracts.push_back(std::move(c));
    }
    // R18: the counterparty is an active cadre, or a relative by ID, or by name with no ID.
    std::vector<const Official*> cadres;
    for (const Official& o : d_.officials) {
      if (o.IsCadre() && o.end == kNoDate) cadres.push_back(&o);
    }
    const auto kin = KinshipAdjacency(d_);
    for (int k = 0; k < kc_ && !cadres.empty(); ++k) {
      const Official& cadre = *cadres[rng_.Below(cadres.size())];
      const Person& cp = P(cadre.person);
      const Household& h = d_.households[static_cast<size_t>(cp.household)];
      int32_t who = cadre.person;
      const int variant = k % 4;
      if ((variant == 1 || variant == 3) && h.size > 1) {
        who = h.first + static_cast<int32_t>(rng_.Below(static_cast<uint64_t>(h.size)));
      } else if (variant == 2 && !kin[static_cast<size_t>(cadre.person)].empty()) {
        who = kin[static_cast<size_t>(cadre.person)][0];
      }
      Contract c = MakeContract(cadre.community, rng_.Weighted({50, 30, 10, 10, 0}),
                                rng_.Range(850, 1200), false);
      c.start = std::max(c.start, Ymd(2023, 3, 1));
      c.end = std::max(c.end, Ymd(2027, 12, 31));
      c.counterparty = P(who).name;
      c.counterparty_id = variant == 3 ? "" : P(who).id;
      if (variant == 3 && rng_.Chance(500)) c.counterparty = ClericalVariant(rng_, P(who).name);
      if (variant == 3 && !text::SameName(c.counterparty, P(who).name))
        c.counterparty = P(who).name;
      c.procurement = TotalAbove(c, 80000) ? "公开招标" : "竞争性谈判";
      const std::string id = NextContractId();
      d_.truth.push_back({"R18", "", "", "", "", id});
      contract_ids_.push_back(id);
      d_.contracts.push_back(std::move(c));
    }
    // Background contracts get their IDs after the planted ones were numbered: renumber all in
    // order so that planted contracts are not recognisable by number.
    std::vector<std::string> ids;
    for (size_t i = 0; i < d_.contracts.size(); ++i)
      ids.push_back(fmt::format("YH-HT-{:05d}", i + 1));
    rng_.Shuffle(ids);
    const size_t background = d_.contracts.size() - contract_ids_.size();
    for (size_t i = 0; i < d_.contracts.size(); ++i) d_.contracts[i].id = ids[i];
    for (auto& row : d_.truth) {
      if (row.rule == "R18" || row.rule == "R19" || row.rule == "R20") {
        const auto it = std::find(contract_ids_.begin(), contract_ids_.end(), row.ref);
        row.ref = ids[background + static_cast<size_t>(it - contract_ids_.begin())];
      }
    }
  }

  static bool KeepsContractId(int32_t community) { return community % 3 != 2; }

  struct RentYear {
    int32_t first, last;
    int64_t rent;  // fen: annual_rent, or pro rata for a cut last year (spec R26)
  };
  // The contract's years as R26 reads them; start dates here are never 02-29.
  static std::vector<RentYear> RentYears(const Contract& c) {
    std::vector<RentYear> years;
    const Date start = Date::FromDays(c.start);
    for (int k = 1;; ++k) {
      const int32_t first = Ymd(start.year() + k - 1, start.month(), start.day());
      if (first > c.end) break;
      int32_t last = Ymd(start.year() + k, start.month(), start.day()) - 1;
      int64_t rent = c.annual_rent;
      if (last > c.end) {
        last = c.end;
        rent = (c.annual_rent * (last - first + 1) * 2 + 365) / (2 * 365);
      }
      years.push_back({first, last, rent});
    }
    return years;
  }
  bool Due(const RentYear& y) const { return as_of_ - y.last > kGraceDays; }

  // R26: contracts of recording communities with at least one due year get one due year's
  // receipt missing (even variants) or short (odd variants).
  void PlantUnpaidRent() {
    std::vector<size_t> candidates;
    for (size_t i = 0; i < d_.contracts.size(); ++i) {
      const Contract& c = d_.contracts[i];
      if (!KeepsContractId(c.community)) continue;
      auto years = RentYears(c);
      if (!years.empty() && Due(years.front())) candidates.push_back(i);
    }
    rng_.Shuffle(candidates);
    for (int k = 0; k < kc_ && static_cast<size_t>(k) < candidates.size(); ++k) {
      const Contract& c = d_.contracts[candidates[static_cast<size_t>(k)]];
      unpaid_[c.id] = k % 2;
      d_.truth.push_back({"R26", "", "", "", "", c.id});
    }
  }

  // One receipt per contract year carrying the contract_id, dated early in the year; a year
  // still in the future is not paid. Every seventh contract pays two years with one receipt
  // (rent paid ahead counts), a near miss.
  void RentReceipts(const Contract& c) {
    auto years = RentYears(c);
    const auto plant = unpaid_.find(c.id);
    size_t damaged = years.size();
    if (plant != unpaid_.end()) {
      size_t due = 0;
      while (due < years.size() && Due(years[due])) ++due;
      damaged = static_cast<size_t>(rng_.Below(due));
    }
    const bool ahead = plant == unpaid_.end() && years.size() >= 2 && rng_.Chance(140);
    for (size_t i = 0; i < years.size(); ++i) {
      const int32_t date =
          std::min(years[i].last, years[i].first + static_cast<int32_t>(rng_.Range(0, 25)));
      // A plant pays nothing ahead: a later year's rent would make up for the damaged one.
      if (date > as_of_ || (plant != unpaid_.end() && !Due(years[i]))) continue;
      int64_t amount = years[i].rent;
      if (ahead && i == 0) amount += years[1].rent;
      if (ahead && i == 1) continue;
      if (i == damaged) {
        if (plant->second == 0) continue;
        amount -= std::max<int64_t>(100, amount * rng_.Range(5, 60) / 100);
        if (amount <= 0) continue;
      }
      AddTxn(c.community, date, true, amount, c.counterparty, c.counterparty_id,
             "集体资产承包租金");
      d_.transactions.back().contract_id = c.id;
    }
  }

  std::string Secretary(int32_t community) { return secretary_[static_cast<size_t>(community)]; }

  void AddTxn(int32_t community, int32_t date, bool income, int64_t amount,
              std::string counterparty, std::string id, std::string purpose) {
    Transaction t;
    t.community = community;
    t.date = date;
    t.income = income;
    t.amount = amount;
    t.counterparty = std::move(counterparty);
    t.counterparty_id = std::move(id);
    t.purpose = std::move(purpose);
    if (!income) t.approved_by = Secretary(community);
    d_.transactions.push_back(std::move(t));
  }

  void BackgroundTransactions(int32_t community) {
    for (int m = 1; m <= 12; ++m) {
      AddTxn(community, Ymd(kYear, m, 8), false, rng_.Range(300, 2500) * 100,
             "国网浙江省电力有限公司杭州市余杭区供电公司", "", "办公及路灯电费");
    }
    for (int i = 0; i < 2; ++i) {
      AddTxn(community, Ymd(kYear, 3 + i * 6, 20), true, rng_.Range(500, 3000) * 10000,
             "余杭区财政局", "", "村级组织运转经费");
    }
    // Small expenses: each vendor at most twice a year per community (R17 needs three).
    std::vector<int> uses(vendors_.size(), 0);
    const int small = static_cast<int>(rng_.Range(6, 12));
    for (int i = 0; i < small; ++i) {
      const size_t v = rng_.Below(vendors_.size());
      if (uses[v] >= 2) continue;
      ++uses[v];
      const Company& vendor = d_.companies[static_cast<size_t>(vendors_[v])];
      AddTxn(community, static_cast<int32_t>(rng_.Range(Ymd(kYear, 1, 5), Ymd(kYear, 12, 20))),
             false, rng_.Range(800, 20000) * 100, vendor.name, vendor.credit_code,
             kVendorPurposes[static_cast<size_t>(vendors_[v]) % std::size(kVendorPurposes)]);
    }
    const int big = 1 + static_cast<int>(rng_.Below(2));
    for (int i = 0; i < big; ++i) {
      const int v = AddVendor("建设工程");
      AddTxn(community, static_cast<int32_t>(rng_.Range(Ymd(kYear, 2, 1), Ymd(kYear, 11, 30))),
             false, rng_.Range(80, 600) * 100000, d_.companies[static_cast<size_t>(v)].name,
             d_.companies[static_cast<size_t>(v)].credit_code,
             i == 0 ? "道路硬化工程款" : "文化礼堂改造工程款");
    }
    for (const Contract& c : d_.contracts) {
      if (c.community == community && KeepsContractId(community)) {
        RentReceipts(c);
      } else if (c.community == community && c.start <= Ymd(kYear, 12, 31) &&
                 c.end >= Ymd(kYear, 1, 1)) {
        AddTxn(community, static_cast<int32_t>(rng_.Range(Ymd(kYear, 1, 10), Ymd(kYear, 3, 31))),
               true, c.annual_rent, c.counterparty, c.counterparty_id, "集体资产承包租金");
      }
    }
  }

  void PlantTransactions() {
    const uint64_t communities = d_.communities.size();
    for (int k = 0; k < kc_; ++k) {  // R17: split to stay under the approval threshold
      const int v = AddVendor("建筑工程");
      const Company& vendor = d_.companies[static_cast<size_t>(v)];
      const int32_t community = static_cast<int32_t>(rng_.Below(communities));
      const int32_t day = static_cast<int32_t>(rng_.Range(Ymd(kYear, 1, 10), Ymd(kYear, 11, 1)));
      const int parts = 3 + static_cast<int>(rng_.Below(2));
      for (int i = 0; i < parts; ++i) {
        AddTxn(community, day + (i == 0 ? 0 : static_cast<int32_t>(rng_.Range(1, 28))), false,
               rng_.Range(400, 498) * 10000, vendor.name, vendor.credit_code, "村道提升改造工程款");
      }
      d_.truth.push_back({"R17", "", "", "", "", vendor.name});
    }
    // Near misses: three small ones within the window summing under the threshold; three large
    // ones more than the window apart.
    for (int k = 0; k < std::max(2, kc_ / 2); ++k) {
      const bool spread = k % 2 == 1;
      const int v = AddVendor("建筑工程");
      const Company& vendor = d_.companies[static_cast<size_t>(v)];
      const int32_t community = static_cast<int32_t>(rng_.Below(communities));
      const int32_t day = static_cast<int32_t>(rng_.Range(Ymd(kYear, 1, 10), Ymd(kYear, 8, 1)));
      for (int i = 0; i < 3; ++i) {
        AddTxn(community, day + (spread ? i * 35 : i * 9), false,
               spread ? rng_.Range(400, 480) * 10000 : rng_.Range(80, 150) * 10000, vendor.name,
               vendor.credit_code, "沟渠清淤工程款");
      }
    }
  }

  District& d_;
  Rng rng_;
  int kc_;
  std::vector<char> in_network_;
  std::vector<std::unordered_set<std::string>> keys_;
  std::vector<std::vector<int32_t>> residents_;
  std::vector<int> vendors_;
  std::vector<std::string> secretary_;
  std::vector<int64_t> population_;
  std::set<std::string> vendor_names_;
  std::vector<std::string> contract_ids_;
  int64_t per_type_[5] = {0, 0, 0, 0, 0};
  int64_t low_[5] = {0, 0, 0, 0, 0};
  int contract_serial_ = 0;
  int32_t as_of_;
  std::map<std::string, int> unpaid_;  // R26 plants: contract_id → variant
};

}  // namespace

void BuildCollective(District& d) {
  Collective collective(d);
  collective.Run();
}

}  // namespace qf::synth::internal
