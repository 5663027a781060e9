// Stage 4: planted ledger problems R01–R16 and their ground truth, plus precision cases that look
// suspicious but break no rule. Every plant uses people (and households) no other plant touches;
// truth for household-wide rules (R02, R03, R09) is derived from the final data of that household.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <unordered_set>

#include "synth/internal/codes.h"
#include "synth/internal/ledger.h"
#include "synth/internal/names.h"
#include "text/names.h"

namespace qf::synth::internal {
namespace {

// Compressed lists: items of key k are items[offset[k] .. offset[k+1]).
struct Csr {
  std::vector<int32_t> offset, items;
  template <typename KeyFn>
  void Build(size_t keys, size_t count, KeyFn key) {
    offset.assign(keys + 1, 0);
    for (size_t i = 0; i < count; ++i) {
      const int32_t k = key(i);
      if (k >= 0) ++offset[static_cast<size_t>(k) + 1];
    }
    for (size_t k = 0; k < keys; ++k) offset[k + 1] += offset[k];
    items.assign(static_cast<size_t>(offset[keys]), 0);
    std::vector<int32_t> fill(offset.begin(), offset.end() - 1);
    for (size_t i = 0; i < count; ++i) {
      const int32_t k = key(i);
      if (k >= 0)
        items[static_cast<size_t>(fill[static_cast<size_t>(k)]++)] = static_cast<int32_t>(i);
    }
  }
  std::vector<int32_t> Of(int32_t k) const {
    return {items.begin() + offset[static_cast<size_t>(k)],
            items.begin() + offset[static_cast<size_t>(k) + 1]};
  }
};

class Planter {
 public:
  explicit Planter(District& d) : d_(d), rng_(d.seed, 4), k_(d.PlantCount()) {
    pay_of_.Build(d.persons.size(), d.payments.size(),
                  [&](size_t i) { return d.payments[i].person; });
    enrol_of_.Build(d.persons.size(), d.enrolments.size(),
                    [&](size_t i) { return d.enrolments[i].person; });
    enrol_by_program_.Build(d.programs.size(), d.enrolments.size(), [&](size_t i) {
      return static_cast<int32_t>(d.enrolments[i].program);
    });
    vehicles_of_.Build(d.persons.size(), d.vehicles.size(),
                       [&](size_t i) { return d.vehicles[i].person; });
    properties_of_.Build(d.persons.size(), d.properties.size(),
                         [&](size_t i) { return d.properties[i].person; });
    roles_of_.Build(d.persons.size(), d.company_roles.size(),
                    [&](size_t i) { return d.company_roles[i].person; });
    kin_degree_.assign(d.persons.size(), 0);
    for (const Kinship& k : d.kinship) {
      ++kin_degree_[static_cast<size_t>(k.a)];
      ++kin_degree_[static_cast<size_t>(k.b)];
    }
    vehicles0_ = d.vehicles.size();
    properties0_ = d.properties.size();
    roles0_ = d.company_roles.size();
  }

  void Run() {
    PlantR01();
    PlantR02();
    PlantR03();
    PlantR04();
    PlantR05();
    PlantR06();
    PlantR07();
    PlantR08();
    PlantR09();
    PlantR10();
    PlantR11();
    PlantR12();
    PlantR13();
    PlantR14();
    PlantR15();
    PlantR16();
    PlantMergedSyllables();
    PlantPaidBeforeBirth();
    PlantAbsentOfficial();
    PrecisionCases();
  }

 private:
  Person& P(int32_t i) { return d_.persons[static_cast<size_t>(i)]; }
  Household& H(int32_t i) { return d_.households[static_cast<size_t>(i)]; }
  const Program& Prog(int i) { return d_.programs[static_cast<size_t>(i)]; }
  int Code(const char* code) { return d_.ProgramIndex(code); }
  int Age(int32_t person) { return AgeOn(P(person).birth, Ymd(kYear, 1, 1)); }

  bool Free(int32_t person) {
    const Person& p = P(person);
    return !p.used && p.death == kNoDate && !H(p.household).used;
  }
  void Use(int32_t person) {
    Household& h = H(P(person).household);
    h.used = true;
    for (int32_t i = h.first; i < h.first + h.size; ++i) P(i).used = true;
  }
  void Truth(const char* rule, const std::string& id, const std::string& program,
             const std::string& period = "", const std::string& account = "",
             const std::string& ref = "") {
    d_.truth.push_back({rule, id, program, period, account, ref});
  }

  // A random background enrolment of one of `codes` that started before 2025 and is still open,
  // whose person is free and satisfies `extra`. -1 when none.
  int PickEnrolment(std::initializer_list<const char*> codes,
                    const std::function<bool(const Enrolment&)>& extra = nullptr) {
    std::vector<int32_t> pool;
    for (const char* code : codes) {
      const auto items = enrol_by_program_.Of(Code(code));
      pool.insert(pool.end(), items.begin(), items.end());
    }
    if (pool.empty()) return -1;
    const size_t start = rng_.Below(pool.size());
    for (size_t k = 0; k < pool.size(); ++k) {
      const Enrolment& e = d_.enrolments[static_cast<size_t>(pool[(start + k) % pool.size()])];
      if (e.person < 0 || !Free(e.person) || e.end != kNoDate || e.start >= Ymd(kYear, 1, 1))
        continue;
      if (extra && !extra(e)) continue;
      return pool[(start + k) % pool.size()];
    }
    return -1;
  }

  // A random free person satisfying `pred`. -1 when none.
  int32_t PickPerson(const std::function<bool(int32_t)>& pred) {
    const size_t n = d_.persons.size();
    const size_t start = rng_.Below(n);
    for (size_t k = 0; k < n; ++k) {
      const int32_t i = static_cast<int32_t>((start + k) % n);
      if (Free(i) && pred(i)) return i;
    }
    return -1;
  }

  // Background payments of a person in a program (indices).
  std::vector<int32_t> PaymentsOf(int32_t person, int program) {
    std::vector<int32_t> out;
    for (int32_t i : pay_of_.Of(person)) {
      const Payment& pay = d_.payments[static_cast<size_t>(i)];
      if (program < 0 || pay.program == program) out.push_back(i);
    }
    return out;
  }
  bool EnrolledIn(int32_t person, int program) {
    for (int32_t i : enrol_of_.Of(person)) {
      if (d_.enrolments[static_cast<size_t>(i)].program == program) return true;
    }
    return false;
  }
  std::string PeriodText(int32_t code) { return Period::FromCode(code).ToString(); }
  std::string Account(int card) { return d_.cards[static_cast<size_t>(card)].account; }
  void EnsureCard(int32_t person) {
    if (P(person).card < 0)
      AddCard(d_, rng_, person,
              static_cast<int32_t>(rng_.Range(Ymd(2015, 1, 1), Ymd(2024, 12, 31))));
  }
  void AddEnrolment(int32_t person, int program, int32_t start, int32_t end,
                    int32_t community = -1) {
    Enrolment e;
    e.person = person;
    e.program = static_cast<int16_t>(program);
    e.community = community >= 0 ? community : P(person).community;
    e.start = start;
    e.end = end;
    d_.enrolments.push_back(e);
  }
  void Pay(int32_t person, int program, int from, int to, int64_t amount) {
    for (int i = from; i <= to; ++i)
      d_.payments.push_back(MakePayment(d_, person, program, i, amount));
  }

  // R01: the death is recorded but the payments go on.
  void PlantR01() {
    for (int k = 0; k < k_; ++k) {
      const int e = PickEnrolment({"RS01", "MZ04", "CL02"});
      if (e < 0) return;
      const int32_t person = d_.enrolments[static_cast<size_t>(e)].person;
      Use(person);
      P(person).death = static_cast<int32_t>(rng_.Range(Ymd(kYear, 2, 1), Ymd(kYear, 9, 30)));
      for (int32_t i : PaymentsOf(person, -1)) {
        const Payment& pay = d_.payments[static_cast<size_t>(i)];
        if (Period::FromCode(pay.period).First().days() > P(person).death) {
          Truth("R01", P(person).id, Prog(pay.program).code);
        }
      }
    }
  }

  std::vector<int32_t> Members(int32_t household) {
    std::vector<int32_t> out;
    for (int32_t i = H(household).first; i < H(household).first + H(household).size; ++i)
      out.push_back(i);
    return out;
  }

  // A random free poor household satisfying `pred`. -1 when none.
  int32_t PickPoorHousehold(const std::function<bool(int32_t)>& pred) {
    const size_t n = d_.households.size();
    const size_t start = rng_.Below(n);
    for (size_t k = 0; k < n; ++k) {
      const int32_t h = static_cast<int32_t>((start + k) % n);
      if (!H(h).poor || H(h).used) continue;
      bool ok = true;
      bool paid = false;
      for (int32_t m : Members(h)) {
        ok = ok && !P(m).used;
        for (int32_t i : pay_of_.Of(m))
          paid = paid || Prog(d_.payments[static_cast<size_t>(i)].program).means_tested;
      }
      if (ok && paid && pred(h)) return h;
    }
    return -1;
  }

  // R02: a household member of a means-tested recipient becomes an official.
  void PlantR02() {
    static const char* categories[] = {"公务员", "参公", "事业编", "国企"};
    static const char* units[] = {"余杭区财政局", "余杭区农村经济管理中心", "余杭区第二人民医院",
                                  "杭州余杭城市建设集团有限公司"};
    for (int k = 0; k < k_; ++k) {
      int32_t official = -1;
      const int32_t h = PickPoorHousehold([&](int32_t hh) {
        for (int32_t m : Members(hh)) {
          if (P(m).death == kNoDate && Age(m) >= 23 && Age(m) <= 59) {
            official = m;
            return true;
          }
        }
        return false;
      });
      if (h < 0) return;
      Use(official);
      Official o;
      o.person = official;
      const size_t c = static_cast<size_t>(k) % 4;
      o.category = categories[c];
      o.unit = units[c];
      o.position = c == 2 ? "护士" : "科员";
      o.start = static_cast<int32_t>(rng_.Range(Ymd(2018, 1, 1), Ymd(kYear, 6, 30)));
      d_.officials.push_back(o);
      for (int32_t m : Members(h)) {
        for (int32_t i : PaymentsOf(m, -1)) {
          const Payment& pay = d_.payments[static_cast<size_t>(i)];
          if (Prog(pay.program).means_tested &&
              Period::FromCode(pay.period).Last().days() >= o.start) {
            Truth("R02", P(m).id, Prog(pay.program).code);
          }
        }
      }
    }
  }

  Official Cadre(int32_t person, int32_t community) {
    const Community& c = d_.communities[static_cast<size_t>(community)];
    static const char* positions[] = {"委员", "妇联主席", "治保主任", "副主任"};
    Official o;
    o.person = person;
    o.category = c.village ? "村干部" : "社区干部";
    o.community = community;
    o.unit = c.name + (c.village ? "村民委员会" : "居民委员会");
    o.position = positions[rng_.Below(4)];
    o.start = Ymd(2022, 1, 1) + static_cast<int32_t>(rng_.Below(200));
    return o;
  }
  void CadreTruth(const Official& cadre, const std::vector<int32_t>& relatives) {
    for (int32_t m : relatives) {
      for (int32_t i : enrol_of_.Of(m)) {
        const Enrolment& e = d_.enrolments[static_cast<size_t>(i)];
        if (Prog(e.program).means_tested && e.community == cadre.community &&
            (e.end == kNoDate || e.end >= cadre.start)) {
          Truth("R03", P(m).id, Prog(e.program).code, "", "", P(cadre.person).id);
        }
      }
    }
  }

  // R03: a cadre in a poor household (A), or a new kinship pair between a lone poor recipient
  // and a cadre of the same community (B). Households involved carry no other kinship pair, so
  // the narrow and broad readings of "relatives" agree.
  void PlantR03() {
    for (int k = 0; k < k_; ++k) {
      if (k % 2 == 0) {
        int32_t cadre = -1;
        const int32_t h = PickPoorHousehold([&](int32_t hh) {
          cadre = -1;
          for (int32_t m : Members(hh)) {
            if (kin_degree_[static_cast<size_t>(m)] > 0) return false;
            if (cadre < 0 && P(m).death == kNoDate && Age(m) >= 25 && Age(m) <= 62) cadre = m;
          }
          return cadre >= 0;
        });
        if (h < 0) continue;
        Use(cadre);
        const Official o = Cadre(cadre, H(h).community);
        d_.officials.push_back(o);
        CadreTruth(o, Members(h));
      } else {
        const int32_t h = PickPoorHousehold([&](int32_t hh) {
          return H(hh).size == 1 && kin_degree_[static_cast<size_t>(H(hh).first)] == 0 &&
                 P(H(hh).first).death == kNoDate;
        });
        if (h < 0) continue;
        const int32_t poor = H(h).first;
        const int32_t community = H(h).community;
        const int32_t cadre = PickPerson([&](int32_t q) {
          if (P(q).community != community || H(P(q).household).poor || Age(q) < 25 || Age(q) > 62)
            return false;
          for (int32_t m : Members(P(q).household)) {
            if (kin_degree_[static_cast<size_t>(m)] > 0 || P(m).no_means || P(m).used) return false;
          }
          return true;
        });
        if (cadre < 0) continue;
        Use(poor);
        Use(cadre);
        d_.kinship.push_back({poor, cadre, Age(cadre) < Age(poor) - 20 ? "子女" : "兄弟姐妹"});
        const Official o = Cadre(cadre, community);
        d_.officials.push_back(o);
        CadreTruth(o, {poor});
      }
    }
  }

  // R04: the same period paid twice (or three times with one reversal); a one-time aid twice.
  void PlantR04() {
    for (int k = 0; k < k_; ++k) {
      if (k % 3 == 2) {
        // One-time program paid in two months: its enrolments and payments are both there.
        const int program = Code(k % 2 == 0 ? "MZ03" : "YL01");
        const auto pool = enrol_by_program_.Of(program);
        int chosen = -1;
        const size_t offset = pool.empty() ? 0 : rng_.Below(pool.size());
        for (size_t t = 0; t < pool.size() && chosen < 0; ++t) {
          const int idx = pool[(t + offset) % pool.size()];
          const Enrolment& en = d_.enrolments[static_cast<size_t>(idx)];
          if (en.person >= 0 && Free(en.person)) chosen = idx;
        }
        if (chosen < 0) continue;
        const Enrolment first = d_.enrolments[static_cast<size_t>(chosen)];
        Use(first.person);
        const int m1 = Date::FromDays(first.start).month();
        const int m2 = m1 <= 6 ? m1 + 4 : m1 - 4;
        AddEnrolment(first.person, program, Ymd(kYear, m2, 1),
                     Period::Month(kYear, m2).Last().days());
        Pay(first.person, program, m2, m2, Prog(program).max_amount / 10);
        Truth("R04", P(first.person).id, Prog(program).code, "");
        continue;
      }
      const int e = PickEnrolment({"RS01", "MZ04", "CL02", "MZ07"});
      if (e < 0) return;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      const int month = static_cast<int>(rng_.Range(1, 10));
      const auto pays = PaymentsOf(en.person, en.program);
      const Payment original =
          d_.payments[static_cast<size_t>(pays[static_cast<size_t>(month - 1)])];
      Payment extra = original;
      extra.batch_kind = 1;
      extra.paid = original.paid + 8;
      d_.payments.push_back(extra);
      if (k % 3 == 1) {  // a third positive and one reversal: still two more positives
        Payment third = extra;
        third.paid = original.paid + 12;
        d_.payments.push_back(third);
        Payment reversal = extra;
        reversal.amount = -original.amount;
        reversal.batch_kind = 2;
        reversal.paid = original.paid + 14;
        d_.payments.push_back(reversal);
      }
      Truth("R04", P(en.person).id, Prog(en.program).code, PeriodText(original.period));
    }
  }

  // R05 (with the R14 findings it implies): one account collects several outsiders' payments.
  void PlantR05() {
    for (int k = 0; k < std::max(2, k_ / 2); ++k) {
      int card = -1;
      int32_t holder_household = -1;
      if (k % 3 != 2) {
        const int32_t holder = PickPerson([&](int32_t p) { return P(p).card >= 0; });
        if (holder < 0) return;
        Use(holder);
        card = P(holder).card;
        holder_household = P(holder).household;
      } else {
        d_.absent_accounts.push_back(NewAccount(d_, rng_, "浙江杭州余杭农村商业银行"));
      }
      const std::string account = card >= 0 ? Account(card) : d_.absent_accounts.back();
      const int recipients = 2 + static_cast<int>(rng_.Below(2));
      for (int r = 0; r < recipients; ++r) {
        const int e = PickEnrolment({"RS01", "MZ04", "CL02"}, [&](const Enrolment& en) {
          return P(en.person).household != holder_household;
        });
        if (e < 0) return;
        const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
        Use(en.person);
        for (int32_t i : PaymentsOf(en.person, en.program)) {
          Payment& pay = d_.payments[static_cast<size_t>(i)];
          pay.card = card;
          pay.absent_account = card >= 0 ? -1 : static_cast<int32_t>(d_.absent_accounts.size()) - 1;
        }
        Truth("R14", P(en.person).id, Prog(en.program).code, "", account);
      }
      Truth("R05", "", "", "", account);
    }
  }

  // R06: a second (sometimes third) active card.
  void PlantR06() {
    for (int k = 0; k < k_; ++k) {
      const int32_t person = PickPerson([&](int32_t p) { return P(p).card >= 0; });
      if (person < 0) return;
      Use(person);
      const int extra = k % 3 == 0 ? 2 : 1;
      for (int c = 0; c < extra; ++c) {
        AddCard(d_, rng_, person,
                static_cast<int32_t>(rng_.Range(Ymd(2024, 1, 1), Ymd(kYear, 6, 30))));
      }
      Truth("R06", P(person).id, "");
    }
  }

  // R07: one payment above the program's limit.
  void PlantR07() {
    for (int k = 0; k < k_; ++k) {
      const int e = PickEnrolment({"RS01", "MZ04", "CL02", "MZ01", "MZ02", "MZ07", "TY01", "RS02"});
      if (e < 0) return;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      const auto pays = PaymentsOf(en.person, en.program);
      Payment& pay = d_.payments[static_cast<size_t>(pays[rng_.Below(pays.size())])];
      const int64_t limit = std::max(Prog(en.program).standard, Prog(en.program).max_amount);
      pay.amount = k % 2 == 0 ? limit * 10 : limit + static_cast<int64_t>(rng_.Range(1, 300)) * 100;
      Truth("R07", P(en.person).id, Prog(en.program).code, PeriodText(pay.period));
    }
  }

  // R08: paid by both programs of an exclusive group for the same months.
  void PlantR08() {
    for (int k = 0; k < k_; ++k) {
      const bool child = k % 3 == 2;
      const int e = PickEnrolment({child ? "MZ05" : "MZ01"});
      if (e < 0) continue;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      const int other = Code(child ? "MZ06" : "MZ02");
      const int m0 = static_cast<int>(rng_.Range(1, 9));
      AddEnrolment(en.person, other, Ymd(kYear, m0, 1), kNoDate);
      Pay(en.person, other, m0, 12, Prog(other).standard);
      Truth("R08", P(en.person).id, child ? "MZ05+MZ06" : "MZ01+MZ02");
    }
  }

  // The first day from which the household's assets disqualify it (spec R09), or INT32_MAX.
  int32_t DisqualifiedFrom(int32_t household) {
    int32_t car = INT32_MAX, company = INT32_MAX, shop = INT32_MAX;
    std::vector<int32_t> homes;
    auto vehicle = [&](const Vehicle& v) {
      if (std::string_view(v.type) == "小型汽车" || std::string_view(v.type) == "货车")
        car = std::min(car, v.registered);
    };
    auto property = [&](const Property& p) {
      if (std::string_view(p.usage) == "住宅") homes.push_back(p.registered);
      if (std::string_view(p.usage) == "商业") shop = std::min(shop, p.registered);
    };
    auto role = [&](const CompanyRole& r) {
      const Company& c = d_.companies[static_cast<size_t>(r.company)];
      const std::string_view role_name = r.role;
      if (c.active && (role_name == "法定代表人" || role_name == "股东"))
        company = std::min(company, c.registered);
    };
    for (int32_t m : Members(household)) {
      for (int32_t i : vehicles_of_.Of(m)) vehicle(d_.vehicles[static_cast<size_t>(i)]);
      for (int32_t i : properties_of_.Of(m)) property(d_.properties[static_cast<size_t>(i)]);
      for (int32_t i : roles_of_.Of(m)) role(d_.company_roles[static_cast<size_t>(i)]);
      for (size_t i = vehicles0_; i < d_.vehicles.size(); ++i)
        if (d_.vehicles[i].person == m) vehicle(d_.vehicles[i]);
      for (size_t i = properties0_; i < d_.properties.size(); ++i)
        if (d_.properties[i].person == m) property(d_.properties[i]);
      for (size_t i = roles0_; i < d_.company_roles.size(); ++i)
        if (d_.company_roles[i].person == m) role(d_.company_roles[i]);
    }
    std::sort(homes.begin(), homes.end());
    const int32_t second_home = homes.size() >= 2 ? homes[1] : INT32_MAX;
    return std::min({car, company, shop, second_home});
  }

 public:
  // Checks the clean background: no poor household holds disqualifying assets.
  bool BackgroundAssetsClean() {
    for (size_t h = 0; h < d_.households.size(); ++h) {
      if (d_.households[h].poor && DisqualifiedFrom(static_cast<int32_t>(h)) != INT32_MAX)
        return false;
    }
    return true;
  }

 private:
  // R09: a car, a company role, a second home or a shop appears in a poor household.
  void PlantR09() {
    for (int k = 0; k < k_; ++k) {
      int32_t owner = -1;
      const int32_t h = PickPoorHousehold([&](int32_t hh) {
        for (int32_t m : Members(hh)) {
          if (Age(m) >= 20 && Age(m) <= 70 && P(m).death == kNoDate) {
            owner = m;
            return true;
          }
        }
        return false;
      });
      if (h < 0) return;
      Use(owner);
      const int32_t day = static_cast<int32_t>(rng_.Range(Ymd(2019, 1, 1), Ymd(kYear, 9, 30)));
      switch (k % 6) {
        case 0:
        case 1:
          d_.vehicles.push_back(
              {owner, MakePlate(d_.plate_counter++), k % 6 == 0 ? "小型汽车" : "货车", day});
          break;
        case 2:
        case 3: {
          Company c;
          c.credit_code = MakeCreditCode("330110", ++d_.company_counter);
          c.name = fmt::format("杭州余杭{}商贸有限公司",
                               RandomSurname(rng_) + RandomGivenName(rng_, true));
          c.registered = day;
          d_.companies.push_back(c);
          d_.company_roles.push_back({static_cast<int32_t>(d_.companies.size()) - 1, owner,
                                      k % 6 == 2 ? "法定代表人" : "股东"});
          break;
        }
        case 4:
          for (int n = 0; n < 2; ++n) {
            const int32_t reg = day - n * static_cast<int32_t>(rng_.Range(30, 900));
            d_.properties.push_back(
                {owner, MakeCertificate(Date::FromDays(reg).year(), ++d_.certificate_counter),
                 static_cast<int32_t>(rng_.Range(6000, 14000)), "住宅", reg});
          }
          break;
        default:
          d_.properties.push_back(
              {owner, MakeCertificate(Date::FromDays(day).year(), ++d_.certificate_counter),
               static_cast<int32_t>(rng_.Range(3000, 20000)), "商业", day});
      }
      const int32_t from = DisqualifiedFrom(h);
      for (int32_t m : Members(h)) {
        for (int32_t i : PaymentsOf(m, -1)) {
          const Payment& pay = d_.payments[static_cast<size_t>(i)];
          if (Prog(pay.program).means_tested &&
              Period::FromCode(pay.period).Last().days() >= from) {
            Truth("R09", P(m).id, Prog(pay.program).code);
          }
        }
      }
    }
  }

  // R10: paid outside the program's age range.
  void PlantR10() {
    for (int k = 0; k < k_; ++k) {
      const int variant = k % 4;
      const char* code = variant == 1 ? "MZ04" : variant == 2 ? "MZ06" : "RS01";
      const int program = Code(code);
      const int32_t person = PickPerson([&](int32_t p) {
        const int age = Age(p);
        if (EnrolledIn(p, program) || EnrolledIn(p, Code("MZ05"))) return false;
        switch (variant) {
          case 0:
            return age >= 50 && age <= 58;
          case 1:
            return age >= 70 && age <= 77;
          case 2:
            return age >= 19 && age <= 24;
          default:
            return age == 59 && Date::FromDays(P(p).birth).month() >= 3;
        }
      });
      if (person < 0) continue;
      Use(person);
      EnsureCard(person);
      AddEnrolment(person, program,
                   static_cast<int32_t>(rng_.Range(Ymd(2023, 1, 1), Ymd(2024, 12, 31))), kNoDate);
      Pay(person, program, 1, 12, Prog(program).standard);
      Truth("R10", P(person).id, code);
    }
  }

  // R11: a payment to an ID absent from persons, or one failing the check.
  void PlantR11() {
    static const char* regions[] = {"341221", "412726", "522426", "430524", "362502"};
    // Only IDs from these regions can collide with a generated unknown ID.
    std::unordered_set<std::string> ids;
    for (const Person& p : d_.persons) {
      for (const char* region : regions) {
        if (p.id.starts_with(region)) ids.insert(p.id);
      }
    }
    const int program = Code("NY01");
    for (int k = 0; k < k_; ++k) {
      External ext;
      if (k % 2 == 0) {
        do {
          ext.id =
              MakeCitizenId(regions[rng_.Below(5)],
                            static_cast<int32_t>(rng_.Range(Ymd(1950, 1, 1), Ymd(1995, 12, 31))),
                            static_cast<int>(rng_.Below(1000)));
        } while (ids.count(ext.id) > 0);
        ext.name = RandomSurname(rng_) + RandomGivenName(rng_, rng_.Chance(500));
      } else {
        const Person& source = P(static_cast<int32_t>(rng_.Below(d_.persons.size())));
        ext.id = BreakCheckCharacter(source.id);
        ext.name = source.name;
      }
      ids.insert(ext.id);
      d_.externals.push_back(ext);
      const int32_t x = static_cast<int32_t>(d_.externals.size()) - 1;
      Enrolment e;
      e.external = x;
      e.program = static_cast<int16_t>(program);
      e.community = static_cast<int32_t>(rng_.Below(d_.communities.size()));
      e.start = static_cast<int32_t>(rng_.Range(Ymd(2019, 1, 1), Ymd(2024, 12, 31)));
      d_.enrolments.push_back(e);
      const int card = AddCard(
          d_, rng_, -1, static_cast<int32_t>(rng_.Range(Ymd(2015, 1, 1), Ymd(2024, 12, 31))));
      d_.cards[static_cast<size_t>(card)].external = x;
      Payment pay =
          MakePayment(d_, -1, program, 1, static_cast<int64_t>(rng_.Range(10, 200)) * 1256);
      pay.external = x;
      pay.card = card;
      d_.payments.push_back(pay);
      Truth("R11", ext.id, "NY01");
    }
  }

  // R12: covered periods without any payment (withheld).
  void PlantR12() {
    for (int k = 0; k < k_; ++k) {
      const bool quarterly = k % 3 == 2;
      const int e = quarterly ? PickEnrolment({"TY01", "RS02"})
                              : PickEnrolment({"RS01", "MZ04", "MZ01", "CL02"});
      if (e < 0) continue;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      const auto pays = PaymentsOf(en.person, en.program);
      const int last_due = quarterly ? 3 : 10;  // periods ending more than 30 days before 12-15
      const int first = static_cast<int>(rng_.Range(1, last_due));
      const int count = quarterly ? 1 : static_cast<int>(rng_.Range(1, 3));
      for (int i = first; i < first + count && i <= last_due; ++i) {
        Payment& pay = d_.payments[static_cast<size_t>(pays[static_cast<size_t>(i - 1)])];
        pay.batch_kind = 255;
        Truth("R12", P(en.person).id, Prog(en.program).code, PeriodText(pay.period));
      }
    }
  }

  // R13: payments under someone else's name.
  void PlantR13() {
    for (int k = 0; k < k_; ++k) {
      const int e = PickEnrolment({"RS01", "MZ04", "MZ01", "CL02", "NY01", "TY01"});
      if (e < 0) return;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      std::string other;
      for (int attempt = 0; attempt < 20; ++attempt) {
        other = RandomSurname(rng_) + RandomGivenName(rng_, rng_.Chance(500));
        if (text::CompareNames(other, P(en.person).name) == text::NameMatch::kDifferent) break;
        other.clear();
      }
      if (other.empty()) continue;
      Use(en.person);
      d_.texts.push_back(other);
      for (int32_t i : PaymentsOf(en.person, en.program)) {
        d_.payments[static_cast<size_t>(i)].name_text = static_cast<int32_t>(d_.texts.size()) - 1;
      }
      Truth("R13", P(en.person).id, Prog(en.program).code);
    }
  }

  // R14: paid into an unrelated person's card, or an account no card register knows.
  void PlantR14() {
    for (int k = 0; k < k_; ++k) {
      const int e = PickEnrolment({"RS01", "MZ04", "MZ01", "CL02", "TY01", "MZ07"});
      if (e < 0) return;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      int card = -1;
      std::string account;
      if (k % 2 == 0) {
        const int32_t other = PickPerson([&](int32_t p) { return P(p).card >= 0; });
        if (other < 0) return;
        Use(other);
        card = P(other).card;
        account = Account(card);
      } else {
        d_.absent_accounts.push_back(NewAccount(d_, rng_, "中国农业银行"));
        account = d_.absent_accounts.back();
      }
      const auto pays = PaymentsOf(en.person, en.program);
      const size_t from = rng_.Below(pays.size());
      for (size_t i = from; i < pays.size(); ++i) {
        Payment& pay = d_.payments[static_cast<size_t>(pays[i])];
        pay.card = card;
        pay.absent_account = card >= 0 ? -1 : static_cast<int32_t>(d_.absent_accounts.size()) - 1;
      }
      Truth("R14", P(en.person).id, Prog(en.program).code, "", account);
    }
  }

  // R15: enrolled in the same program in a second community.
  void PlantR15() {
    for (int k = 0; k < k_; ++k) {
      const int e = PickEnrolment({"RS01", "MZ01", "MZ04", "CL01"});
      if (e < 0 || d_.communities.size() < 2) return;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      int32_t other = static_cast<int32_t>(rng_.Below(d_.communities.size() - 1));
      if (other >= en.community) ++other;
      AddEnrolment(en.person, en.program,
                   static_cast<int32_t>(rng_.Range(Ymd(2023, 1, 1), Ymd(2024, 12, 31))), kNoDate,
                   other);
      Truth("R15", P(en.person).id, Prog(en.program).code);
    }
  }

  // R16: paid after the enrolment ended, or with no enrolment at all.
  void PlantR16() {
    const int rs01 = Code("RS01");
    for (int k = 0; k < k_; ++k) {
      if (k % 2 == 0) {
        const int e = PickEnrolment({"RS01", "MZ04"});
        if (e < 0) continue;
        Enrolment& en = d_.enrolments[static_cast<size_t>(e)];
        Use(en.person);
        en.end = Period::Month(kYear, static_cast<int>(rng_.Range(3, 8))).Last().days();
        Truth("R16", P(en.person).id, Prog(en.program).code);
      } else {
        const int32_t person = PickPerson(
            [&](int32_t p) { return P(p).card >= 0 && Age(p) >= 61 && !EnrolledIn(p, rs01); });
        if (person < 0) continue;
        Use(person);
        const int m = static_cast<int>(rng_.Range(1, 8));
        Pay(person, rs01, m, m + 2, Prog(rs01).standard);
        Truth("R16", P(person).id, "RS01");
      }
    }
  }

  // Suspicious-looking but clean: reversal and re-payment; pension into a household member's
  // card; November payments not yet made (inside the grace period).
  void PrecisionCases() {
    for (int k = 0; k < std::max(2, k_ / 2); ++k) {
      const int e = PickEnrolment({"RS01", "MZ04"});
      if (e < 0) break;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      const auto pays = PaymentsOf(en.person, en.program);
      const Payment original = d_.payments[static_cast<size_t>(pays[rng_.Below(10)])];
      Payment reversal = original;
      reversal.amount = -original.amount;
      reversal.batch_kind = 2;
      reversal.paid = original.paid + 5;
      Payment again = original;
      again.batch_kind = 1;
      again.paid = original.paid + 9;
      d_.payments.push_back(reversal);
      d_.payments.push_back(again);
    }
    for (int k = 0; k < std::max(2, k_ / 2); ++k) {
      int32_t keeper = -1;
      const int e = PickEnrolment({"MZ04", "RS01"}, [&](const Enrolment& en) {
        keeper = -1;
        for (int32_t m : Members(P(en.person).household)) {
          if (m != en.person && P(m).card >= 0 && P(m).death == kNoDate) keeper = m;
        }
        return keeper >= 0;
      });
      if (e < 0) break;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      for (int32_t i : PaymentsOf(en.person, en.program))
        d_.payments[static_cast<size_t>(i)].card = P(keeper).card;
    }
    for (int k = 0; k < std::max(2, k_ / 2); ++k) {
      const int e = PickEnrolment({"RS01", "MZ04", "CL02"});
      if (e < 0) break;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      Use(en.person);
      const auto pays = PaymentsOf(en.person, en.program);
      d_.payments[static_cast<size_t>(pays[10])].batch_kind = 255;  // November
    }
  }

  // Plants at the boundaries settled by the review of spec/rules.md (the last section). They come
  // after the per-rule plants, so those draw the same random numbers as before.

  // R13: the payment name's given name is two characters whose syllables, run together, spell
  // the one-syllable given name in persons (李建 paid as 李吉安: ji·an, not jian). The person is
  // renamed so that the persons name has that one-character given name.
  void PlantMergedSyllables() {
    static const std::pair<const char*, const char*> kMerged[] = {
        {"建", "吉安"}, {"强", "齐昂"}, {"先", "西安"}, {"香", "西昂"},
        {"连", "李安"}, {"良", "李昂"}, {"年", "尼安"}, {"江", "吉昂"}};
    const int count = std::max(2, k_ / 4);
    for (int k = 0; k < count; ++k) {
      const int e =
          PickEnrolment({"RS01", "MZ04", "MZ01", "CL02", "TY01"}, [&](const Enrolment& en) {
            return SplitUtf8(P(en.person).name).size() == 3;  // a one-character surname, two given
          });
      if (e < 0) return;
      const Enrolment en = d_.enrolments[static_cast<size_t>(e)];
      const auto [one, two] = kMerged[static_cast<size_t>(k) % std::size(kMerged)];
      const std::string surname = SplitUtf8(P(en.person).name).front();
      const std::string persons_name = surname + one, paid_name = surname + two;
      if (text::CompareNames(persons_name, paid_name) != text::NameMatch::kDifferent) continue;
      Use(en.person);
      P(en.person).name = persons_name;
      d_.texts.push_back(paid_name);
      for (int32_t i : PaymentsOf(en.person, en.program)) {
        d_.payments[static_cast<size_t>(i)].name_text = static_cast<int32_t>(d_.texts.size()) - 1;
      }
      Truth("R13", P(en.person).id, Prog(en.program).code);
    }
  }

  // R10: a baby of a poor household is paid 困境儿童 (MZ05, ages 0–17) from January 2025 but born
  // in the spring: the months before the birth give a negative age, below min_age 0. The
  // background has no births in 2025, so a child born in 2024 is made younger (birth date and ID
  // number together).
  void PlantPaidBeforeBirth() {
    const int program = Code("MZ05");
    const int count = std::max(2, k_ / 4);
    std::unordered_set<std::string> ids;
    for (const Person& p : d_.persons) ids.insert(p.id);
    for (int k = 0; k < count; ++k) {
      // The baby's other aid (低保 of the household) has no age range, so it stays clean.
      const int32_t baby = PickPerson([&](int32_t p) {
        if (Date::FromDays(P(p).birth).year() != kYear - 1 || !H(P(p).household).poor ||
            P(p).no_means) {
          return false;
        }
        for (int32_t i : enrol_of_.Of(p)) {
          const Program& prog = Prog(d_.enrolments[static_cast<size_t>(i)].program);
          if (prog.min_age >= 0 || prog.max_age >= 0) return false;
        }
        return true;
      });
      if (baby < 0) return;
      const int32_t birth = static_cast<int32_t>(rng_.Range(Ymd(kYear, 3, 1), Ymd(kYear, 10, 31)));
      const std::string& old = P(baby).id;
      std::string id = MakeCitizenId(old.substr(0, 6), birth, std::stoi(old.substr(14, 3)));
      if (!ids.insert(id).second) continue;
      Use(baby);
      P(baby).birth = birth;
      P(baby).id = id;
      EnsureCard(baby);
      AddEnrolment(baby, program, Ymd(kYear, 1, 1), kNoDate);
      Pay(baby, program, 1, 12, Prog(program).standard);
      Truth("R10", P(baby).id, Prog(program).code);
    }
  }

  // R02 and R11: a 台湾居民 (830000 居住证 number, absent from persons) employed by a state
  // enterprise receives 临时救助 (MZ03, means-tested, one-time): absent from persons, the
  // recipient is their own household, and their own post disqualifies.
  void PlantAbsentOfficial() {
    const int program = Code("MZ03");
    const int count = std::max(2, k_ / 4);
    std::unordered_set<std::string> taken;  // residents with such a number (population.cpp)
    for (const Person& p : d_.persons) {
      if (p.id.starts_with("830000")) taken.insert(p.id);
    }
    for (int k = 0; k < count; ++k) {
      External ext;
      do {
        ext.id = MakeCitizenId("830000",
                               static_cast<int32_t>(rng_.Range(Ymd(1970, 1, 1), Ymd(1995, 12, 31))),
                               static_cast<int>(rng_.Below(1000)));
      } while (!taken.insert(ext.id).second);
      ext.name = RandomSurname(rng_) + RandomGivenName(rng_, rng_.Chance(500));
      d_.externals.push_back(ext);
      const int32_t x = static_cast<int32_t>(d_.externals.size()) - 1;
      Official o;
      o.person = -1;
      o.external = x;
      o.category = "国企";
      o.unit = "杭州余杭城市建设集团有限公司";
      o.position = "工程师";
      o.start = static_cast<int32_t>(rng_.Range(Ymd(2019, 1, 1), Ymd(2024, 12, 31)));
      d_.officials.push_back(o);
      const int month = static_cast<int>(rng_.Range(1, 10));
      Enrolment e;
      e.external = x;
      e.program = static_cast<int16_t>(program);
      e.community = static_cast<int32_t>(rng_.Below(d_.communities.size()));
      e.start = Ymd(kYear, month, 1);
      e.end = Period::Month(kYear, month).Last().days();
      d_.enrolments.push_back(e);
      const int card = AddCard(
          d_, rng_, -1, static_cast<int32_t>(rng_.Range(Ymd(2015, 1, 1), Ymd(2024, 12, 31))));
      d_.cards[static_cast<size_t>(card)].external = x;
      Payment pay = MakePayment(d_, -1, program, month, Prog(program).max_amount / 5);
      pay.external = x;
      pay.card = card;
      d_.payments.push_back(pay);
      Truth("R02", ext.id, Prog(program).code);
      Truth("R11", ext.id, Prog(program).code);
    }
  }

  District& d_;
  Rng rng_;
  int k_;
  Csr pay_of_, enrol_of_, enrol_by_program_, vehicles_of_, properties_of_, roles_of_;
  std::vector<int> kin_degree_;
  size_t vehicles0_ = 0, properties0_ = 0, roles0_ = 0;
};

}  // namespace

void PlantLedgerProblems(District& d) {
  Planter planter(d);
  planter.Run();
}

}  // namespace qf::synth::internal
