// Stage 3: the clean ledger — enrolments, one card per enrolled person, twelve months of
// payments for 2025. Nothing here triggers a rule (see docs/synth.md).
#include "synth/internal/ledger.h"

#include <algorithm>

namespace qf::synth::internal {

int PeriodCount(Cycle cycle) {
  return cycle == Cycle::kQuarterly ? 4 : cycle == Cycle::kYearly ? 1 : 12;
}

Period LedgerPeriod(const Program& program, int index) {
  return MakePeriod(program.cycle, kYear, index);
}

int32_t PaidDate(const Program& program, int index) {
  switch (program.cycle) {
    case Cycle::kQuarterly:
      return Ymd(kYear, index * 3, program.pay_day);
    case Cycle::kYearly:
      return Ymd(kYear, 6, program.pay_day);
    default:
      return Ymd(kYear, index, program.pay_day);
  }
}

bool Eligible(const District& d, int32_t person, const Program& program, int index) {
  const Person& p = d.persons[static_cast<size_t>(person)];
  const int32_t first = LedgerPeriod(program, index).First().days();
  if (p.death != kNoDate && first > p.death) return false;
  const int age = AgeOn(p.birth, first);
  if (program.min_age >= 0 && age < program.min_age) return false;
  if (program.max_age >= 0 && age > program.max_age) return false;
  return true;
}

Payment MakePayment(const District& d, int32_t person, int program, int index, int64_t amount) {
  const Program& prog = d.programs[static_cast<size_t>(program)];
  Payment pay;
  pay.person = person;
  pay.program = static_cast<int16_t>(program);
  pay.period = LedgerPeriod(prog, index).Code();
  pay.paid = PaidDate(prog, index);
  pay.amount = amount;
  pay.card = person >= 0 ? d.persons[static_cast<size_t>(person)].card : -1;
  return pay;
}

Coverage EnrolOnly(District& d, Rng& rng, int32_t person, int program, const Window& w) {
  const Program& prog = d.programs[static_cast<size_t>(program)];
  const int count = PeriodCount(prog.cycle);
  int from = std::max(1, w.from), to = std::min(count, w.to);
  if (prog.cycle == Cycle::kOnce) from = to = w.once_month;
  int a = from;
  while (a <= to && !Eligible(d, person, prog, a)) ++a;
  if (a > to) return {};
  int b = a;
  while (b < to && Eligible(d, person, prog, b + 1)) ++b;

  const Person& p = d.persons[static_cast<size_t>(person)];
  Enrolment e;
  e.person = person;
  e.program = static_cast<int16_t>(program);
  e.community = p.community;
  const int32_t first = LedgerPeriod(prog, a).First().days();
  e.start = first;
  if (prog.cycle != Cycle::kOnce && a == 1 && w.continuing) {
    int32_t lo = std::max(Ymd(2012, 1, 1), p.birth + 1);
    if (prog.min_age >= 0) {
      const Date birth = Date::FromDays(p.birth);
      const int y = birth.year() + prog.min_age;
      const int32_t birthday =
          Ymd(y, birth.month(), std::min(birth.day(), DaysInMonth(y, birth.month())));
      const Date bd = Date::FromDays(birthday);
      const int32_t month_after = bd.day() == 1      ? birthday
                                  : bd.month() == 12 ? Ymd(y + 1, 1, 1)
                                                     : Ymd(y, bd.month() + 1, 1);
      lo = std::max(lo, month_after);
    }
    const int32_t hi = Ymd(kYear - 1, 12, 31);
    if (lo <= hi) e.start = static_cast<int32_t>(rng.Range(lo, hi));
  }
  const bool open = prog.cycle != Cycle::kOnce && b == count && to == count;
  e.end = open ? kNoDate : LedgerPeriod(prog, b).Last().days();
  d.enrolments.push_back(e);

  if (p.card < 0)
    AddCard(d, rng, person, static_cast<int32_t>(rng.Range(Ymd(2012, 1, 1), Ymd(2024, 12, 31))));
  return {static_cast<int>(d.enrolments.size()) - 1, a, b};
}

int Enrol(District& d, Rng& rng, int32_t person, int program, int64_t amount, const Window& w) {
  const Coverage c = EnrolOnly(d, rng, person, program, w);
  if (c.enrolment < 0) return -1;
  for (int i = c.first; i <= c.last; ++i)
    d.payments.push_back(MakePayment(d, person, program, i, amount));
  return c.enrolment;
}

void BuildLedger(District& d) {
  Rng rng(d.seed, 3);
  const int32_t ref = Ymd(kYear, 1, 1);
  d.payments.reserve(static_cast<size_t>(d.target_persons) * 3);
  auto P = [&](const char* code) { return d.ProgramIndex(code); };
  const int mz01 = P("MZ01"), mz02 = P("MZ02"), mz03 = P("MZ03"), mz04 = P("MZ04"),
            mz05 = P("MZ05"), mz06 = P("MZ06"), mz07 = P("MZ07"), cl01 = P("CL01"),
            cl02 = P("CL02"), rs01 = P("RS01"), rs02 = P("RS02"), ny01 = P("NY01"),
            ny02 = P("NY02"), ny03 = P("NY03"), jy01 = P("JY01"), zf01 = P("ZF01"),
            yl01 = P("YL01"), wj01 = P("WJ01"), wj02 = P("WJ02"), ty01 = P("TY01");
  auto standard = [&](int prog) { return d.programs[static_cast<size_t>(prog)].standard; };

  for (size_t h = 0; h < d.households.size(); ++h) {
    const Household& hh = d.households[h];
    const bool village = d.communities[static_cast<size_t>(hh.community)].village;
    // Household churn on monthly means-tested aid: approved or ended during 2025.
    Window means;
    if (hh.poor && rng.Chance(60)) {
      means.from = static_cast<int>(rng.Range(2, 10));
      means.continuing = false;
    }
    if (hh.poor && rng.Chance(40))
      means.to = static_cast<int>(rng.Range(std::max(3, means.from + 1), 11));
    const int64_t dibao = (400 + 5 * static_cast<int64_t>(rng.Below(170))) * 100;
    for (int32_t person = hh.first; person < hh.first + hh.size; ++person) {
      const Person& p = d.persons[static_cast<size_t>(person)];
      if (p.death != kNoDate && p.death < ref) continue;
      const int age = AgeOn(p.birth, ref);
      const bool head = person == hh.first;
      if (hh.poor) {
        Enrol(d, rng, person, hh.tekun ? mz02 : mz01, hh.tekun ? standard(mz02) : dibao, means);
        if (age >= 59) Enrol(d, rng, person, mz07, standard(mz07), means);
        if (p.disabled) Enrol(d, rng, person, cl01, standard(cl01), means);
        if (age >= 6 && age <= 17 && rng.Chance(700))
          Enrol(d, rng, person, jy01, standard(jy01), {});
        if (age <= 15 && rng.Chance(100)) Enrol(d, rng, person, mz05, standard(mz05), means);
        if (head && !village && rng.Chance(250)) {
          Enrol(d, rng, person, zf01, (300 + 50 * static_cast<int64_t>(rng.Below(13))) * 100,
                means);
        }
        if (head && rng.Chance(200)) {
          Window once;
          once.once_month = static_cast<int>(rng.Range(1, 12));
          Enrol(d, rng, person, mz03, (5 + static_cast<int64_t>(rng.Below(46))) * 10000, once);
        }
        if (rng.Chance(40)) {
          Window once;
          once.once_month = static_cast<int>(rng.Range(1, 12));
          Enrol(d, rng, person, yl01, (500 + 10 * static_cast<int64_t>(rng.Below(1950))) * 100,
                once);
        }
      }
      if (age >= 59 && rng.Chance(750)) Enrol(d, rng, person, rs01, standard(rs01), {});
      if (age >= 79 && rng.Chance(950)) Enrol(d, rng, person, mz04, standard(mz04), {});
      if (p.disabled && rng.Chance(400)) {
        Enrol(d, rng, person, cl02, rng.Chance(300) ? 41500 : standard(cl02), {});
      }
      if (village && head && age >= 25 && rng.Chance(400)) {
        Enrol(d, rng, person, ny01, static_cast<int64_t>(rng.Range(10, 200)) * 1256, {});
      }
      if (village && head && age >= 25 && rng.Chance(200)) {
        Enrol(d, rng, person, ny03, static_cast<int64_t>(rng.Range(10, 200)) * 1000, {});
      }
      if (village && age >= 25 && age <= 65 && rng.Chance(4)) {
        Window once;
        once.once_month = static_cast<int>(rng.Range(1, 12));
        Enrol(d, rng, person, ny02, static_cast<int64_t>(rng.Range(30, 280)) * 10000, once);
      }
      if (village && age >= 60 && rng.Chance(80)) Enrol(d, rng, person, wj01, standard(wj01), {});
      if (age == 59 && rng.Chance(100)) {
        for (int m = 1; m <= 12; ++m) {
          if (Eligible(d, person, d.programs[static_cast<size_t>(wj02)], m)) {
            Window once;
            once.once_month = m;
            Enrol(d, rng, person, wj02, standard(wj02), once);
            break;
          }
        }
      }
      if (!hh.poor && age >= 16 && age <= 59 && rng.Chance(8)) {
        Enrol(d, rng, person, rs02, standard(rs02), {});
      }
      if (p.male && age >= 40 && rng.Chance(6)) Enrol(d, rng, person, ty01, standard(ty01), {});
      if (!hh.poor && age <= 15 && rng.Chance(1)) Enrol(d, rng, person, mz06, standard(mz06), {});
      // Replaced cards stay on file as 注销: one active card per person.
      if (p.card >= 0 && rng.Chance(30)) {
        const int old = AddCard(
            d, rng, person, static_cast<int32_t>(rng.Range(Ymd(2008, 1, 1), Ymd(2011, 12, 31))));
        d.cards[static_cast<size_t>(old)].active = false;
      }
    }
  }
}

}  // namespace qf::synth::internal
