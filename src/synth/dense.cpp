// The dense layer (Density::kReal): a real district's density of about ten payments per person
// and year on top of the finished district. Runs after every plant, from its own random stream,
// and pays only people no plant touched and no rule can flag (docs/synth.md, "Real density"):
// the stages before it draw exactly what they draw without it. Payments stay one row per
// enrolment here; the writer expands them.
#include <algorithm>

#include "synth/internal/district.h"
#include "synth/internal/ledger.h"

namespace qf::synth::internal {
namespace {

// The programs only a dense district has; appended so that the others keep their indices.
void AddDensePrograms(District& d) {
  using C = Cycle;
  d.programs.push_back({"RS03", "城乡居民个人账户养老金", "余杭区人力资源和社会保障局", "人社",
                        false, C::kMonthly, 0, 200000, 60, -1, "", 15});
  d.programs.push_back({"RS04", "城乡居民缴费年限养老金", "余杭区人力资源和社会保障局", "人社",
                        false, C::kMonthly, 0, 50000, 60, -1, "", 15});
  d.programs.push_back({"MZ08", "困难群众价格临时补贴", "余杭区民政局", "民政", true, C::kMonthly,
                        5000, 0, -1, -1, "", 10});
}

// Households whose members may take a means-tested program without R02, R03 or R09: poor, no
// plant, nobody in any official's household or any cadre's broad relatives (whatever the tenure),
// and none of the assets R09 counts (any company role but 高管, whatever the status).
std::vector<char> MeansCleanHouseholds(const District& d) {
  std::vector<char> clean(d.households.size(), 0);
  for (size_t h = 0; h < d.households.size(); ++h)
    clean[h] = d.households[h].poor && !d.households[h].used;
  auto taint = [&](int32_t person) {
    if (person >= 0)
      clean[static_cast<size_t>(d.persons[static_cast<size_t>(person)].household)] = 0;
  };
  for (const Person& p : d.persons) {
    if (p.no_means || p.used) clean[static_cast<size_t>(p.household)] = 0;
  }
  const auto kin = KinshipAdjacency(d);
  for (const Official& o : d.officials) {
    if (o.person < 0) continue;
    if (o.IsCadre()) {
      for (int32_t r : BroadRelatives(d, kin, o.person)) taint(r);
    } else {
      taint(o.person);
    }
  }
  for (const CompanyRole& r : d.company_roles) {
    if (std::string_view(r.role) != "高管") taint(r.person);
  }
  for (const Vehicle& v : d.vehicles) {
    const std::string_view type = v.type;
    if (type == "小型汽车" || type == "货车") taint(v.person);
  }
  std::vector<int> homes(d.households.size(), 0);
  for (const Property& p : d.properties) {
    const size_t h = static_cast<size_t>(d.persons[static_cast<size_t>(p.person)].household);
    const std::string_view usage = p.usage;
    if (usage == "商业" || (usage == "住宅" && ++homes[h] >= 2)) clean[h] = 0;
  }
  return clean;
}

class DenseLayer {
 public:
  explicit DenseLayer(District& d) : d_(d), rng_(d.seed, 40) {
    for (const Enrolment& e : d.enrolments) {
      if (e.person >= 0) enrolled_.push_back(Key(e.person, e.program));
    }
    std::sort(enrolled_.begin(), enrolled_.end());
    means_clean_ = MeansCleanHouseholds(d);
  }

  void Run() {
    const int32_t ref = Ymd(kYear, 1, 1);
    for (size_t index = 0; index < d_.households.size(); ++index) {
      const Household& h = d_.households[index];
      if (h.used) continue;
      const bool village = d_.communities[static_cast<size_t>(h.community)].village;
      const bool means = means_clean_[index] != 0;
      for (int32_t person = h.first; person < h.first + h.size; ++person) {
        const Person& p = d_.persons[static_cast<size_t>(person)];
        if (p.used || (p.death != kNoDate && p.death < ref)) continue;
        const int age = AgeOn(p.birth, ref);
        if (age >= 59) Pension(person);
        if (means) PoorHousehold(person, age, person == h.first, village);
        if (village && person == h.first && age >= 25) Farm(person);
      }
    }
  }

 private:
  static uint64_t Key(int32_t person, int program) {
    return (static_cast<uint64_t>(person) << 8) | static_cast<uint64_t>(program);
  }
  bool Enrolled(int32_t person, int program) const {
    return std::binary_search(enrolled_.begin(), enrolled_.end(), Key(person, program));
  }
  int64_t Standard(int program) const { return d_.programs[static_cast<size_t>(program)].standard; }
  // Enrols (when not enrolled yet) and records the payments; true when enrolled afterwards.
  bool Add(int32_t person, const char* code, int64_t amount) {
    const int program = d_.ProgramIndex(code);
    if (Enrolled(person, program)) return true;
    const Coverage c = EnrolOnly(d_, rng_, person, program, Window{});
    if (c.enrolment < 0) return false;
    d_.dense.push_back({person, static_cast<int16_t>(program), static_cast<int8_t>(c.first),
                        static_cast<int8_t>(c.last), amount});
    return true;
  }

  // The rural pension in its three parts: 基础养老金 (most residents over 60), 个人账户养老金
  // (every pensioner, by what they paid in) and 缴费年限养老金 (those who paid long enough).
  void Pension(int32_t person) {
    const int rs01 = d_.ProgramIndex("RS01");
    if (!Enrolled(person, rs01) && (!rng_.Chance(900) || !Add(person, "RS01", Standard(rs01))))
      return;
    Add(person, "RS03", rng_.Range(20, 400) * 100);
    if (rng_.Chance(850)) Add(person, "RS04", rng_.Range(10, 150) * 100);
  }

  void PoorHousehold(int32_t person, int age, bool head, bool village) {
    const Person& p = d_.persons[static_cast<size_t>(person)];
    Add(person, "MZ08", Standard(d_.ProgramIndex("MZ08")));
    if (age >= 59) Add(person, "MZ07", Standard(d_.ProgramIndex("MZ07")));
    if (p.disabled) {
      Add(person, "CL01", Standard(d_.ProgramIndex("CL01")));
      Add(person, "CL02", Standard(d_.ProgramIndex("CL02")));
    }
    if (head && !village && rng_.Chance(500)) Add(person, "ZF01", rng_.Range(6, 18) * 5000);
  }

  // 耕地地力保护补贴 for every farming household (by the head), rice subsidy for half of them.
  void Farm(int32_t person) {
    Add(person, "NY01", rng_.Range(10, 200) * 1256);
    if (rng_.Chance(500)) Add(person, "NY03", rng_.Range(10, 200) * 1000);
  }

  District& d_;
  Rng rng_;
  std::vector<uint64_t> enrolled_;  // Key(person, program) of every enrolment before the layer
  std::vector<char> means_clean_;
};

}  // namespace

void BuildDenseLedger(District& d) {
  AddDensePrograms(d);
  DenseLayer(d).Run();
}

}  // namespace qf::synth::internal
