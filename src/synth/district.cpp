// Helpers shared by the stages of the synthetic district.
#include "synth/internal/district.h"

#include <algorithm>

#include "synth/internal/codes.h"

namespace qf::synth::internal {

int AgeOn(int32_t birth, int32_t day) {
  return Date::FromDays(day).YearsSince(Date::FromDays(birth));
}

Period MakePeriod(Cycle cycle, int year, int index) {
  switch (cycle) {
    case Cycle::kQuarterly:
      return Period::Quarter(year, index);
    case Cycle::kYearly:
      return Period::Year(year);
    default:
      return Period::Month(year, index);
  }
}

int District::ProgramIndex(std::string_view code) const {
  for (size_t i = 0; i < programs.size(); ++i) {
    if (code == programs[i].code) return static_cast<int>(i);
  }
  return -1;
}

int District::PlantCount() const {
  return static_cast<int>(std::max<int64_t>(4, target_persons / 1500));
}

int District::CollectivePlantCount() const {
  return static_cast<int>(std::max<size_t>(4, communities.size() / 3));
}

int32_t District::AsOf() const {
  int32_t latest = 0;
  for (const Payment& p : payments) {
    if (p.batch_kind != 255) latest = std::max(latest, p.paid);
  }
  return latest;
}

std::string NewAccount(District& d, Rng& rng, const char* bank) {
  return MakeAccount(bank, ++d.account_counter, rng);
}

int AddCard(District& d, Rng& rng, int32_t person, int32_t opened) {
  static const std::vector<int> weights = {60, 15, 15, 5, 5};
  static const char* banks[] = {"浙江杭州余杭农村商业银行", "中国农业银行", "中国邮政储蓄银行",
                                "中国建设银行", "中国工商银行"};
  Card card;
  card.bank = banks[rng.Weighted(weights)];
  card.account = NewAccount(d, rng, card.bank);
  card.person = person;
  card.opened = opened;
  d.cards.push_back(std::move(card));
  const int index = static_cast<int>(d.cards.size()) - 1;
  if (person >= 0 && d.persons[static_cast<size_t>(person)].card < 0) {
    d.persons[static_cast<size_t>(person)].card = index;
  }
  return index;
}

std::vector<std::vector<int32_t>> KinshipAdjacency(const District& d) {
  std::vector<std::vector<int32_t>> adj(d.persons.size());
  for (const Kinship& k : d.kinship) {
    adj[static_cast<size_t>(k.a)].push_back(k.b);
    adj[static_cast<size_t>(k.b)].push_back(k.a);
  }
  return adj;
}

std::vector<int32_t> BroadRelatives(const District& d, const std::vector<std::vector<int32_t>>& kin,
                                    int32_t person) {
  std::vector<int32_t> out;
  auto add_household = [&](int32_t p) {
    const Household& h =
        d.households[static_cast<size_t>(d.persons[static_cast<size_t>(p)].household)];
    for (int32_t i = h.first; i < h.first + h.size; ++i) out.push_back(i);
  };
  add_household(person);
  const size_t own = out.size();
  for (size_t i = 0; i < own; ++i) {
    for (int32_t partner : kin[static_cast<size_t>(out[i])]) add_household(partner);
  }
  for (int32_t partner : kin[static_cast<size_t>(person)]) add_household(partner);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace qf::synth::internal
