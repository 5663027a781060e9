// Stage 1: communities, households, persons and kinship beyond the household.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "synth/internal/codes.h"
#include "synth/internal/district.h"
#include "synth/internal/names.h"

namespace qf::synth::internal {
namespace {

struct Member {
  Relation relation;
  int age;
  bool male;
  bool takes_head_surname;  // children/grandchildren of a male head, siblings
};

// Age at 2025-01-01 of a household head.
int HeadAge(Rng& rng) {
  static const std::vector<int> weights = {18, 20, 22, 18, 13, 7, 2};
  static const int lows[] = {25, 35, 45, 55, 65, 75, 85};
  size_t band = rng.Weighted(weights);
  return lows[band] + static_cast<int>(rng.Below(band == 6 ? 11 : 10));
}

std::vector<Member> Compose(Rng& rng) {
  std::vector<Member> m;
  const int head_age = HeadAge(rng);
  const bool head_male = rng.Chance(head_age > 75 ? 600 : 850);
  m.push_back({Relation::kHead, head_age, head_male, true});
  if (rng.Chance(head_age < 80 ? 820 : 500)) {
    int age = std::max(20, head_age + static_cast<int>(rng.Range(-5, 5)));
    m.push_back({Relation::kSpouse, age, !head_male, false});
  }
  const int children = static_cast<int>(rng.Weighted({20, 45, 30, 5}));
  for (int i = 0; i < children && m.size() < 6; ++i) {
    int age = head_age - static_cast<int>(rng.Range(23, 36));
    if (age < 0) continue;
    if (age > 28 && rng.Chance(650)) continue;  // moved out: own household
    m.push_back({Relation::kChild, age, rng.Chance(515), head_male});
  }
  if (head_age < 58 && rng.Chance(200)) {
    const int parents = 1 + static_cast<int>(rng.Below(2));
    for (int i = 0; i < parents && m.size() < 6; ++i) {
      int age = std::min(98, head_age + static_cast<int>(rng.Range(24, 34)));
      m.push_back({Relation::kParent, age, i == 0 ? rng.Chance(400) : !m.back().male, false});
    }
  }
  if (head_age >= 55 && rng.Chance(220)) {
    const int grandchildren = 1 + static_cast<int>(rng.Below(2));
    for (int i = 0; i < grandchildren && m.size() < 6; ++i) {
      int age = head_age - static_cast<int>(rng.Range(50, 62));
      if (age >= 0) m.push_back({Relation::kGrandchild, age, rng.Chance(515), head_male});
    }
  }
  if (m.size() < 6 && rng.Chance(30)) {
    m.push_back({Relation::kSibling, std::max(18, head_age + static_cast<int>(rng.Range(-8, 8))),
                 rng.Chance(500), true});
  }
  if (m.size() < 6 && rng.Chance(10)) {
    m.push_back({Relation::kOther, static_cast<int>(rng.Range(18, 70)), rng.Chance(500), false});
  }
  return m;
}

// Region codes of ID numbers: mostly the district itself and its prefecture, some migrants, and
// a few residents holding a 港澳台居民居住证 (810000, 820000, 830000) or a 外国人永久居留身份证
// (9x): valid numbers whose prefix is no GB/T 2260 province (spec/rules.md "Identity check").
const char* IdRegion(Rng& rng, bool minority) {
  if (minority) return rng.Chance(500) ? "653101" : "650102";
  static const std::vector<int> weights = {600, 150, 50, 50, 30, 30, 20, 20, 10,
                                           10,  10,  10, 10, 2,  1,  2,  1};
  static const char* regions[] = {"330110", "330184", "330106", "330105", "330102", "330108",
                                  "330122", "330127", "341221", "412726", "522426", "362502",
                                  "430524", "810000", "820000", "830000", "933301"};
  return regions[rng.Weighted(weights)];
}

}  // namespace

void BuildPopulation(District& d) {
  Rng rng(d.seed, 1);
  const int64_t n = d.target_persons;
  const int streets = static_cast<int>(std::clamp<int64_t>(n / 1500, 2, 12));
  const int per_street = static_cast<int>(std::clamp<int64_t>(n / (streets * 250), 2, 10));
  std::vector<std::string> street_names = StreetNames();
  std::vector<std::string> words = CommunityWords(rng, static_cast<size_t>(streets * per_street));
  for (int s = 0; s < streets; ++s) {
    for (int c = 0; c < per_street; ++c) {
      Community community;
      community.street = street_names[static_cast<size_t>(s)];
      community.village = street_names[static_cast<size_t>(s)].ends_with("镇") || rng.Chance(400);
      community.name =
          words[static_cast<size_t>(s * per_street + c)] + (community.village ? "村" : "社区");
      d.communities.push_back(std::move(community));
    }
  }
  const int communities = static_cast<int>(d.communities.size());

  std::unordered_set<uint64_t> taken;  // region index, birth day, sequence
  taken.reserve(static_cast<size_t>(n) * 2);
  const int32_t reference = Ymd(kYear, 1, 1);
  d.persons.reserve(static_cast<size_t>(n));
  while (static_cast<int64_t>(d.persons.size()) < n) {
    Household h;
    h.community = static_cast<int32_t>(rng.Below(static_cast<uint64_t>(communities)));
    h.first = static_cast<int32_t>(d.persons.size());
    h.id = fmt::format("330110{:03d}{:07d}", h.community, d.households.size());
    const bool minority = rng.Chance(8);
    std::vector<Member> members = Compose(rng);
    std::string head_surname = RandomSurname(rng);
    std::string spouse_surname = RandomSurname(rng);
    std::string head_own = RandomMinorityOwnName(rng, members[0].male);
    for (const Member& m : members) {
      if (static_cast<int64_t>(d.persons.size()) >= n) break;
      Person p;
      p.household = static_cast<int32_t>(d.households.size());
      p.community = h.community;
      p.relation = m.relation;
      p.male = m.male;
      // Born in 2024 - age, never on 1 January: the age on 2025-01-01 is exactly m.age.
      {
        const int month = static_cast<int>(rng.Range(1, 12));
        const int day =
            static_cast<int>(rng.Range(month == 1 ? 2 : 1, DaysInMonth(2024 - m.age, month)));
        p.birth = Ymd(kYear - 1 - m.age, month, day);
      }
      if (minority) {
        const std::string own =
            m.relation == Relation::kHead ? head_own : RandomMinorityOwnName(rng, m.male);
        const std::string father = m.relation == Relation::kChild && members[0].male
                                       ? head_own
                                       : RandomMinorityOwnName(rng, true);
        p.name = own + "·" + father;
      } else {
        std::string surname =
            m.relation == Relation::kHead     ? head_surname
            : m.relation == Relation::kSpouse ? spouse_surname
            : (m.relation == Relation::kChild || m.relation == Relation::kGrandchild)
                ? (members[0].male ? head_surname : spouse_surname)
            : m.relation == Relation::kSibling ? head_surname
                                               : RandomSurname(rng);
        p.name = surname + RandomGivenName(rng, m.male);
      }
      const char* region = IdRegion(rng, minority);
      const uint64_t region_key = static_cast<uint64_t>(std::stoi(region));
      for (;;) {
        int seq = static_cast<int>(rng.Below(500)) * 2 + (p.male ? 1 : 0);
        uint64_t key = (region_key * 100000ULL + static_cast<uint64_t>(p.birth + 50000)) * 1000 +
                       static_cast<uint64_t>(seq);
        if (taken.insert(key).second) {
          p.id = MakeCitizenId(region, p.birth, seq);
          break;
        }
      }
      d.persons.push_back(std::move(p));
    }
    h.size = static_cast<int32_t>(d.persons.size()) - h.first;
    d.households.push_back(std::move(h));
  }

  // Kinship beyond the household: grown children in their own households, siblings.
  std::vector<std::vector<int32_t>> by_community(static_cast<size_t>(communities));
  for (size_t i = 0; i < d.households.size(); ++i) {
    by_community[static_cast<size_t>(d.households[i].community)].push_back(static_cast<int32_t>(i));
  }
  auto head_age = [&](int32_t h) {
    return AgeOn(d.persons[static_cast<size_t>(d.households[static_cast<size_t>(h)].first)].birth,
                 reference);
  };
  for (size_t i = 0; i < d.households.size(); ++i) {
    const Household& h = d.households[i];
    const int age = head_age(static_cast<int32_t>(i));
    const bool parent_link = age >= 25 && age <= 50 && rng.Chance(350);
    const bool sibling_link = !parent_link && age >= 30 && age <= 70 && rng.Chance(100);
    if (!parent_link && !sibling_link) continue;
    const auto& pool = rng.Chance(800) ? by_community[static_cast<size_t>(h.community)]
                                       : by_community[rng.Below(by_community.size())];
    for (int attempt = 0; attempt < 8 && !pool.empty(); ++attempt) {
      int32_t other = rng.Pick(pool);
      if (other == static_cast<int32_t>(i)) continue;
      const int gap = head_age(other) - age;
      if (parent_link ? (gap >= 22 && gap <= 36) : (gap >= -8 && gap <= 8)) {
        d.kinship.push_back({h.first, d.households[static_cast<size_t>(other)].first,
                             parent_link ? "父母" : "兄弟姐妹"});
        break;
      }
    }
  }
  // One pair per unordered couple of persons (first one wins, deterministically).
  std::unordered_set<uint64_t> pairs;
  std::vector<Kinship> unique;
  for (const Kinship& k : d.kinship) {
    auto [lo, hi] = std::minmax(k.a, k.b);
    if (pairs.insert((static_cast<uint64_t>(lo) << 32) | static_cast<uint32_t>(hi)).second) {
      unique.push_back(k);
    }
  }
  d.kinship = std::move(unique);
}

}  // namespace qf::synth::internal
