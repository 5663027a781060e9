// Stage 2: officials and cadres, poor (means-tested) households, deaths, disabilities, and the
// asset registries (vehicles, properties, companies). The background keeps every means-tested
// household free of officials, cadre relatives (broad reading) and disqualifying assets.
#include <fmt/format.h>

#include <algorithm>

#include "synth/internal/codes.h"
#include "synth/internal/district.h"
#include "synth/internal/names.h"

namespace qf::synth::internal {
namespace {

int32_t RandomDay(Rng& rng, int32_t from, int32_t to) {
  return static_cast<int32_t>(rng.Range(from, to));
}

struct UnitPosition {
  const char* category;
  const char* unit;
  const char* position;
};

constexpr UnitPosition kOfficialJobs[] = {{"公务员", "余杭区民政局", "科员"},
                                          {"公务员", "余杭区财政局", "副科长"},
                                          {"公务员", "余杭区农业农村局", "科长"},
                                          {"公务员", "仓前街道办事处", "科员"},
                                          {"公务员", "余杭区人力资源和社会保障局", "科员"},
                                          {"参公", "余杭区社会保险管理服务中心", "经办员"},
                                          {"参公", "余杭区农村经济管理中心", "主任科员"},
                                          {"事业编", "余杭区第一人民医院", "主治医师"},
                                          {"事业编", "余杭区实验小学", "教师"},
                                          {"事业编", "余杭区良渚中学", "教师"},
                                          {"事业编", "余杭区疾病预防控制中心", "医师"},
                                          {"国企", "杭州余杭城市建设集团有限公司", "工程师"},
                                          {"国企", "杭州余杭交通集团有限公司", "会计"},
                                          {"国企", "余杭区水务有限公司", "技术员"}};

constexpr const char* kCadrePositions[] = {"党委书记", "主任", "副主任", "委员", "报账员"};

}  // namespace

void BuildRegistries(District& d) {
  Rng rng(d.seed, 2);
  const int32_t ref = Ymd(kYear, 1, 1);
  const size_t n = d.persons.size();
  std::vector<char> is_official(n, 0);

  // Officials (财政供养人员): about 2.5 % of people of working age.
  for (size_t i = 0; i < n; ++i) {
    const int age = AgeOn(d.persons[i].birth, ref);
    if (age < 23 || age > 59 || !rng.Chance(40)) continue;
    const UnitPosition& job = kOfficialJobs[rng.Below(std::size(kOfficialJobs))];
    Official o;
    o.person = static_cast<int32_t>(i);
    o.category = job.category;
    o.unit = job.unit;
    o.position = job.position;
    o.start =
        RandomDay(rng, std::max(d.persons[i].birth + 22 * 366, Ymd(1995, 1, 1)), Ymd(2024, 6, 30));
    if (rng.Chance(100) && o.start + 365 < Ymd(2024, 6, 30)) {
      o.end = RandomDay(rng, o.start + 365, Ymd(2024, 6, 30));
    }
    d.officials.push_back(std::move(o));
    is_official[i] = 1;
  }

  // Cadres: five serving since the 2021 election and two of the previous term, per community.
  std::vector<std::vector<int32_t>> residents(d.communities.size());
  for (size_t i = 0; i < n; ++i) {
    const int age = AgeOn(d.persons[i].birth, ref);
    if (age >= 28 && age <= 62 && !is_official[i]) {
      residents[static_cast<size_t>(d.persons[i].community)].push_back(static_cast<int32_t>(i));
    }
  }
  for (size_t c = 0; c < d.communities.size(); ++c) {
    const Community& community = d.communities[c];
    const auto& pool = residents[c];
    if (pool.empty()) continue;
    for (int k = 0; k < 7; ++k) {
      int32_t p = -1;
      for (int attempt = 0; attempt < 20; ++attempt) {
        int32_t candidate = rng.Pick(pool);
        if (!is_official[static_cast<size_t>(candidate)]) {
          p = candidate;
          break;
        }
      }
      if (p < 0) continue;
      is_official[static_cast<size_t>(p)] = 1;
      Official o;
      o.person = p;
      o.category = community.village ? "村干部" : "社区干部";
      o.community = static_cast<int32_t>(c);
      o.unit = community.name + (community.village ? "村民委员会" : "居民委员会");
      o.position = kCadrePositions[k % 5];
      if (k < 5) {
        o.start = Ymd(2021, 1, 1) + static_cast<int32_t>(rng.Below(60));
      } else {
        o.start = Ymd(2017, 1, 1) + static_cast<int32_t>(rng.Below(60));
        o.end = Ymd(2020, 12, 31);
      }
      d.officials.push_back(std::move(o));
    }
  }

  // Means-tested exclusion: officials' households; cadres' broad relatives.
  const auto kin = KinshipAdjacency(d);
  for (const Official& o : d.officials) {
    if (o.IsCadre()) {
      for (int32_t r : BroadRelatives(d, kin, o.person))
        d.persons[static_cast<size_t>(r)].no_means = true;
    } else {
      const Household& h =
          d.households[static_cast<size_t>(d.persons[static_cast<size_t>(o.person)].household)];
      for (int32_t i = h.first; i < h.first + h.size; ++i)
        d.persons[static_cast<size_t>(i)].no_means = true;
    }
  }

  // Deaths: mostly the elderly, 2023 to November 2025. Never officials or cadres.
  for (size_t i = 0; i < n; ++i) {
    const int age = AgeOn(d.persons[i].birth, ref);
    const int per_mille = age >= 85 ? 60 : age >= 75 ? 25 : age >= 60 ? 8 : 1;
    if (is_official[i] || !rng.Chance(per_mille)) continue;
    d.persons[i].death =
        RandomDay(rng, std::max(Ymd(2023, 1, 1), d.persons[i].birth + 1), Ymd(2025, 11, 30));
  }

  // Poor households: about 5 %, and a quarter of the single elderly as 特困.
  for (Household& h : d.households) {
    bool clean = true;
    for (int32_t i = h.first; i < h.first + h.size; ++i)
      clean = clean && !d.persons[static_cast<size_t>(i)].no_means;
    if (!clean) continue;
    const Person& head = d.persons[static_cast<size_t>(h.first)];
    if (h.size == 1 && AgeOn(head.birth, ref) >= 60 && rng.Chance(250)) {
      h.poor = true;
      h.tekun = true;
    } else if (rng.Chance(50)) {
      h.poor = true;
    }
  }
  for (Person& p : d.persons) {
    p.disabled = rng.Chance(d.households[static_cast<size_t>(p.household)].poor ? 80 : 25);
  }

  // Vehicles: cars and trucks only outside poor households; motorcycles and farm vehicles anywhere.
  for (size_t i = 0; i < n; ++i) {
    const Person& p = d.persons[i];
    const int age = AgeOn(p.birth, ref);
    if (age < 22 || age > 72) continue;
    const bool poor = d.households[static_cast<size_t>(p.household)].poor;
    if (!rng.Chance(poor ? 40 : 280)) continue;
    static const char* types[] = {"小型汽车", "货车", "摩托车", "农用车"};
    const size_t t = poor ? 2 + rng.Below(2) : rng.Weighted({80, 6, 9, 5});
    d.vehicles.push_back({static_cast<int32_t>(i), MakePlate(d.plate_counter++), types[t],
                          RandomDay(rng, Ymd(2008, 1, 1), Ymd(2025, 10, 31))});
  }

  // Properties: a home for most households; second homes, shops, workshops outside poor ones.
  for (const Household& h : d.households) {
    const int32_t owner = h.first;
    auto add = [&](const char* usage, int32_t area_lo, int32_t area_hi) {
      const int32_t reg = RandomDay(rng, Ymd(1998, 1, 1), Ymd(2025, 10, 31));
      d.properties.push_back({owner,
                              MakeCertificate(Date::FromDays(reg).year(), ++d.certificate_counter),
                              static_cast<int32_t>(rng.Range(area_lo, area_hi)), usage, reg});
    };
    if (h.poor) {
      if (rng.Chance(500)) add("住宅", 3000, 9000);
      continue;
    }
    if (rng.Chance(850)) add("住宅", 6000, 16000);
    if (rng.Chance(150)) add("住宅", 5000, 14000);
    if (rng.Chance(40)) add("商业", 2000, 30000);
    if (rng.Chance(10)) add("工业", 20000, 200000);
    if (rng.Chance(20)) add("其他", 1000, 5000);
  }

  // Companies: legal representatives and shareholders never from poor households.
  std::vector<int32_t> adults;
  std::vector<int32_t> poor_adults;
  for (size_t i = 0; i < n; ++i) {
    const int age = AgeOn(d.persons[i].birth, ref);
    if (age < 25 || age > 65 || is_official[i] || d.persons[i].death != kNoDate) continue;
    (d.households[static_cast<size_t>(d.persons[i].household)].poor ? poor_adults : adults)
        .push_back(static_cast<int32_t>(i));
  }
  static const char* kTrades[] = {"农业开发", "建材",     "物流",     "电子商务",
                                  "餐饮管理", "五金机电", "茶业",     "竹木制品",
                                  "纺织",     "网络科技", "园林绿化", "汽车维修"};
  const int64_t company_count = std::max<int64_t>(20, static_cast<int64_t>(n) / 50);
  for (int64_t c = 0; c < company_count && !adults.empty(); ++c) {
    Company company;
    company.credit_code = MakeCreditCode("330110", ++d.company_counter);
    const std::string word = RandomSurname(rng) + RandomGivenName(rng, rng.Chance(500));
    company.name = fmt::format("杭州{}{}有限公司", word, kTrades[rng.Below(std::size(kTrades))]);
    company.registered = RandomDay(rng, Ymd(2000, 1, 1), Ymd(2025, 9, 30));
    company.active = rng.Chance(850);
    d.companies.push_back(company);
    const int32_t index = static_cast<int32_t>(d.companies.size()) - 1;
    std::vector<int32_t> people;
    auto add_role = [&](const char* role, const std::vector<int32_t>& pool) {
      int32_t p = rng.Pick(pool);
      if (std::find(people.begin(), people.end(), p) != people.end()) return;
      people.push_back(p);
      d.company_roles.push_back({index, p, role});
    };
    add_role("法定代表人", adults);
    const int holders = static_cast<int>(rng.Below(3));
    for (int k = 0; k < holders; ++k) add_role("股东", adults);
    if (rng.Chance(300)) add_role("高管", adults);
    // A few executives from poor households: 高管 is not a disqualifying role (precision case).
    if (!poor_adults.empty() && rng.Chance(20)) add_role("高管", poor_adults);
  }
  // A few closed (注销) companies once led by someone now in a poor household (precision case).
  for (int k = 0; k < 3 && !poor_adults.empty(); ++k) {
    Company company;
    company.credit_code = MakeCreditCode("330110", ++d.company_counter);
    company.name = fmt::format("杭州余杭{}小吃店有限公司", RandomSurname(rng));
    company.registered = RandomDay(rng, Ymd(2010, 1, 1), Ymd(2016, 12, 31));
    company.active = false;
    d.companies.push_back(company);
    d.company_roles.push_back(
        {static_cast<int32_t>(d.companies.size()) - 1, rng.Pick(poor_adults), "法定代表人"});
  }
}

}  // namespace qf::synth::internal
