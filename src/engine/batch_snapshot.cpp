#include "engine/batch_snapshot.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "engine/internal/rules.h"
#include "engine/internal/table_parts.h"

namespace qf::engine {
namespace {

using internal::PaymentsPart;

// Interns the strings of one interner into another, each source index once.
class Relabel {
 public:
  Relabel(const Interner& from, Interner& to)
      : from_(from), to_(to), local_(static_cast<size_t>(from.size()), kNone) {}

  int32_t operator()(int32_t index) {
    if (index == kNone) return kNone;
    int32_t& local = local_[static_cast<size_t>(index)];
    if (local == kNone) local = to_.Intern(from_.Get(index));
    return local;
  }

 private:
  const Interner& from_;
  Interner& to_;
  std::vector<int32_t> local_;
};

// What a cut keeps: ledger payment rows, batch rows (store order), ledger persons (with their
// data) and ledger accounts (their cards rows).
struct Cut {
  Bitset ledger_rows, batch_rows, persons, accounts;
};

bool Overlap(int32_t period_a, int32_t period_b) {
  if (period_a == kNone || period_b == kNone) return false;
  return internal::PeriodFirst(period_a) <= internal::PeriodLast(period_b) &&
         internal::PeriodFirst(period_b) <= internal::PeriodLast(period_a);
}

// The cut's persons: the kept ledger persons in ledger order, interned into `ids` so that the
// snapshot numbers them as the ledger does. Returns ledger person → cut person (kNone: not kept).
std::vector<int32_t> NumberPersons(const Snapshot& ledger, const Bitset& kept, Interner& ids) {
  std::vector<int32_t> number(static_cast<size_t>(ledger.PersonCount()), kNone);
  for (int32_t p = 0; p < ledger.PersonCount(); ++p) {
    if (kept.Test(static_cast<size_t>(p)))
      number[static_cast<size_t>(p)] = ids.Intern(ledger.Id(p));
  }
  return number;
}

// The kept persons' rows of persons.
void AddPersons(const Snapshot& ledger, std::span<const int32_t> number, Relabel& names,
                internal::PersonsPart& part) {
  // Households are only compared, so any text naming the ledger's household index will do.
  std::vector<int32_t> local_household(ledger.households.offsets.size(), kNone);
  auto household = [&](int32_t h) {
    if (h == kNone) return kNone;
    int32_t& local = local_household[static_cast<size_t>(h)];
    if (local == kNone) local = part.households.Intern(std::to_string(h));
    return local;
  };
  for (int32_t p = 0; p < ledger.PersonCount(); ++p) {
    const auto u = static_cast<size_t>(p);
    if (number[u] == kNone || !ledger.InPersons(p)) continue;
    part.id.push_back(number[u]);
    part.name.push_back(names(ledger.person_name[u]));
    part.birth.push_back(ledger.birth[u]);
    part.household.push_back(household(ledger.household[u]));
  }
}

// One deaths row per kept person who died: the earliest record, which is all the rules read.
void AddDeaths(const Snapshot& ledger, std::span<const int32_t> number,
               internal::DeathsPart& part) {
  for (size_t u = 0; u < number.size(); ++u) {
    if (number[u] == kNone || ledger.death[u] == kNoDate) continue;
    part.id.push_back(number[u]);
    part.day.push_back(ledger.death[u]);
    part.source.push_back(ledger.death_source[u]);
  }
}

// Copies the rows `of` lists for each kept person, person by person (a person's rows stay in the
// ledger's order, the order the rules meet them in), renumbered by `renumber(row)`.
template <typename Row, typename Renumber>
void AddRowsOf(const Csr& of, const std::vector<Row>& rows, std::span<const int32_t> number,
               std::vector<Row>& out, Renumber&& renumber) {
  for (size_t p = 0; p < number.size(); ++p) {
    if (number[p] == kNone) continue;
    for (int32_t i : of.Of(static_cast<int32_t>(p))) {
      out.push_back(rows[static_cast<size_t>(i)]);
      out.back().person = number[p];
      renumber(out.back());
    }
  }
}

void AddCards(const Snapshot& ledger, const Bitset& kept, std::span<const int32_t> number,
              Relabel& names, Relabel& accounts, internal::CardsPart& part) {
  for (int32_t a = 0; a < ledger.accounts.size(); ++a) {
    const auto u = static_cast<size_t>(a);
    if (!kept.Test(u)) continue;
    part.account.push_back(accounts(a));
    part.holder.push_back(number[static_cast<size_t>(ledger.card_holder[u])]);
    part.name.push_back(names(ledger.card_name[u]));
    part.active.push_back(ledger.card_active.Test(u) ? 1 : 0);
  }
}

void CopyPayment(const Payments& from, size_t r, int32_t person, int32_t program, int32_t name,
                 int32_t account, Payments& to) {
  to.payment_id.Push(from.payment_id[r]);
  to.person.push_back(person);
  to.program.push_back(program);
  to.name.push_back(name);
  to.account.push_back(account);
  to.amount.push_back(from.amount[r]);
  to.period.push_back(from.period[r]);
  to.paid.push_back(from.paid[r]);
}

}  // namespace

struct LedgerWithBatch::State {
  const Snapshot& ledger;
  PaymentsPart batch;  // local interners; rows in the store's order
  int64_t batch_size = 0;
  std::vector<int32_t> person_of;        // batch ID index → ledger person, kNone when new
  std::vector<int32_t> account_of;       // batch account index → ledger account, kNone when new
  std::vector<int32_t> program_of;       // batch program index → ledger program, kNone when new
  Csr rows_of;                           // batch ID index → batch rows
  Bitset replaced;                       // ledger payment rows whose payment_id the batch brings
  int32_t latest_paid = kNoDate;         // over the ledger rows not replaced
  std::vector<int32_t> earliest_period;  // per ledger program, over the rows not replaced

  explicit State(const Snapshot& l) : ledger(l) {}
  void MapToLedger();
  void FindReplaced();
  Cut NewCut() const;
  void KeepAccount(Cut& cut, int32_t account) const;
  void KeepLedgerRow(Cut& cut, size_t row) const;
  void KeepBatchRow(Cut& cut, size_t row) const;
  void KeepHousehold(Cut& cut, int32_t person) const;
  void KeepFirstPayments(Cut& cut) const;
  bool DecidesDetection(size_t row, std::span<const int32_t> batch_rows) const;
  Snapshot Build(const Cut& cut) const;
  void AddBatchPayments(const Cut& cut, std::span<const int32_t> number, Snapshot& s) const;
  void SetLedgerWideFigures(Snapshot& s) const;
};

void LedgerWithBatch::State::MapToLedger() {
  auto map = [](const Interner& local, const Interner& ledger_side) {
    std::vector<int32_t> to(static_cast<size_t>(local.size()));
    for (int32_t i = 0; i < local.size(); ++i)
      to[static_cast<size_t>(i)] = ledger_side.Find(local.Get(i));
    return to;
  };
  person_of = map(batch.ids, ledger.ids);
  account_of = map(batch.accounts, ledger.accounts);
  program_of = map(batch.programs, ledger.program_codes);
  std::vector<int32_t> rows(batch.columns.size());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int32_t>(i);
  rows_of = Csr::Build(batch.ids.size(), batch.columns.person, rows);
}

// The ledger rows the batch replaces, and the ledger-wide figures without them (scanned again
// only when a replaced row held the latest paid date or a program's earliest period).
void LedgerWithBatch::State::FindReplaced() {
  const Payments& pay = ledger.payments;
  replaced.Resize(pay.size());
  latest_paid = ledger.latest_paid;
  earliest_period.clear();
  for (const Program& p : ledger.programs) earliest_period.push_back(p.earliest_period);
  bool rescan = false;
  for (size_t i = 0; i < batch.columns.size(); ++i) {
    int32_t r = pay.Find(batch.columns.payment_id[i]);
    if (r == kNone) continue;
    const auto u = static_cast<size_t>(r);
    replaced.Set(u);
    rescan = rescan || pay.paid[u] == latest_paid ||
             pay.period[u] == earliest_period[static_cast<size_t>(pay.program[u])];
  }
  if (!rescan) return;
  latest_paid = kNoDate;
  std::fill(earliest_period.begin(), earliest_period.end(), kNone);
  for (size_t r = 0; r < pay.size(); ++r) {
    if (replaced.Test(r)) continue;
    latest_paid = std::max(latest_paid, pay.paid[r]);
    int32_t& earliest = earliest_period[static_cast<size_t>(pay.program[r])];
    if (pay.period[r] != kNone && (earliest == kNone || pay.period[r] < earliest)) {
      earliest = pay.period[r];
    }
  }
}

Cut LedgerWithBatch::State::NewCut() const {
  Cut cut;
  cut.ledger_rows.Resize(ledger.payments.size());
  cut.batch_rows.Resize(batch.columns.size());
  cut.persons.Resize(static_cast<size_t>(ledger.PersonCount()));
  cut.accounts.Resize(static_cast<size_t>(ledger.accounts.size()));
  return cut;
}

// The account's cards row and its holder, when it has one.
void LedgerWithBatch::State::KeepAccount(Cut& cut, int32_t account) const {
  if (account == kNone) return;
  int32_t holder = ledger.card_holder[static_cast<size_t>(account)];
  if (holder == kNone) return;
  cut.accounts.Set(static_cast<size_t>(account));
  cut.persons.Set(static_cast<size_t>(holder));
}

void LedgerWithBatch::State::KeepLedgerRow(Cut& cut, size_t row) const {
  if (replaced.Test(row)) return;
  cut.ledger_rows.Set(row);
  cut.persons.Set(static_cast<size_t>(ledger.payments.person[row]));
  KeepAccount(cut, ledger.payments.account[row]);
}

void LedgerWithBatch::State::KeepBatchRow(Cut& cut, size_t row) const {
  cut.batch_rows.Set(row);
  int32_t p = person_of[static_cast<size_t>(batch.columns.person[row])];
  if (p != kNone) cut.persons.Set(static_cast<size_t>(p));
  KeepAccount(cut, account_of[static_cast<size_t>(batch.columns.account[row])]);
}

// The person and those household members with officials, companies, vehicles or properties rows:
// R02 and R09 read no more of a household, and R05 and R14 only compare two kept persons'.
void LedgerWithBatch::State::KeepHousehold(Cut& cut, int32_t person) const {
  cut.persons.Set(static_cast<size_t>(person));
  for (int32_t m : ledger.Household(person)) {
    if (!ledger.officials_of.Of(m).empty() || !ledger.companies_of.Of(m).empty() ||
        !ledger.vehicles_of.Of(m).empty() || !ledger.properties_of.Of(m).empty()) {
      cut.persons.Set(static_cast<size_t>(m));
    }
  }
}

// A kept person whom no persons row names is shown by the name on their first payment: every
// batch payment of theirs and their first ledger payment not replaced include it.
void LedgerWithBatch::State::KeepFirstPayments(Cut& cut) const {
  for (int32_t local = 0; local < batch.ids.size(); ++local) {
    int32_t p = person_of[static_cast<size_t>(local)];
    auto rows = rows_of.Of(local);
    bool kept = p != kNone ? cut.persons.Test(static_cast<size_t>(p))
                           : std::ranges::any_of(rows, [&](int32_t i) {
                               return cut.batch_rows.Test(static_cast<size_t>(i));
                             });
    if (!kept || (p != kNone && !ledger.PersonName(p).empty())) continue;
    for (int32_t i : rows) cut.batch_rows.Set(static_cast<size_t>(i));
  }
  for (int32_t p = 0; p < ledger.PersonCount(); ++p) {
    if (!cut.persons.Test(static_cast<size_t>(p)) || !ledger.PersonName(p).empty()) continue;
    auto [begin, end] = ledger.payments.RowsOf(p);
    for (int32_t r = begin; r < end; ++r) {
      if (replaced.Test(static_cast<size_t>(r))) continue;
      cut.ledger_rows.Set(static_cast<size_t>(r));
      break;
    }
  }
}

// Whether a ledger row of a batch person can decide if one of the person's batch rows takes part
// in a finding: same program and period (R04; any period of a one-off program), or an exclusive
// program of the same group in an overlapping period (R08). The rules not named judge a payment
// by itself and the person's data.
bool LedgerWithBatch::State::DecidesDetection(size_t row,
                                              std::span<const int32_t> batch_rows) const {
  const Payments& pay = ledger.payments;
  const Program& program = ledger.programs[static_cast<size_t>(pay.program[row])];
  const bool grouped = program.listed && !program.exclusive_group.empty();
  for (int32_t i : batch_rows) {
    const auto u = static_cast<size_t>(i);
    int32_t batch_program = program_of[static_cast<size_t>(batch.columns.program[u])];
    if (batch_program == kNone) continue;
    if (batch_program == pay.program[row] &&
        (program.cycle == ProgramCycle::kOnce || batch.columns.period[u] == pay.period[row])) {
      return true;
    }
    const Program& other = ledger.programs[static_cast<size_t>(batch_program)];
    if (grouped && other.listed && other.exclusive_group == program.exclusive_group &&
        Overlap(batch.columns.period[u], pay.period[row])) {
      return true;
    }
  }
  return false;
}

// The cut as a Snapshot, built the way LoadSnapshot builds one (internal::Derive) but straight
// from the ledger's columns: every string is interned once, into the snapshot's own interners.
Snapshot LedgerWithBatch::State::Build(const Cut& cut) const {
  Snapshot s;
  internal::TableParts parts;
  s.program_codes = ledger.program_codes;  // every program, so that indices stay the ledger's
  s.programs = ledger.programs;
  for (Program& p : s.programs) p.earliest_period = kNone;
  s.ids.Reserve(static_cast<size_t>(batch.ids.size()) + 4096);
  const std::vector<int32_t> number = NumberPersons(ledger, cut.persons, s.ids);
  Relabel names(ledger.names, s.names), accounts(ledger.accounts, s.accounts),
      communities(ledger.communities, s.communities);
  AddPersons(ledger, number, names, parts.persons);
  AddDeaths(ledger, number, parts.deaths);
  AddRowsOf(ledger.officials_of, ledger.officials, number, s.officials,
            [&](Official& o) { o.community = communities(o.community); });
  auto same = [](auto&) {};
  AddRowsOf(ledger.companies_of, ledger.companies, number, s.companies, same);
  AddRowsOf(ledger.vehicles_of, ledger.vehicles, number, s.vehicles, same);
  AddRowsOf(ledger.properties_of, ledger.properties, number, s.properties, same);
  AddRowsOf(ledger.enrolments_of, ledger.enrolments, number, s.enrolments,
            [&](Enrolment& e) { e.community = communities(e.community); });
  AddCards(ledger, cut.accounts, number, names, accounts, parts.cards);
  AddBatchPayments(cut, number, s);
  for (size_t r = 0; r < ledger.payments.size(); ++r) {
    if (!cut.ledger_rows.Test(r)) continue;
    const Payments& pay = ledger.payments;
    CopyPayment(pay, r, number[static_cast<size_t>(pay.person[r])], pay.program[r],
                names(pay.name[r]), accounts(pay.account[r]), s.payments);
  }
  internal::Derive(parts, s);
  SetLedgerWideFigures(s);
  return s;
}

// The kept batch rows, first: persons new to the ledger are numbered in the batch's order.
void LedgerWithBatch::State::AddBatchPayments(const Cut& cut, std::span<const int32_t> number,
                                              Snapshot& s) const {
  Relabel names(batch.names, s.names), accounts(batch.accounts, s.accounts),
      new_persons(batch.ids, s.ids);
  auto program = [&](int32_t local) {
    int32_t p = program_of[static_cast<size_t>(local)];
    if (p != kNone) return p;
    p = s.program_codes.Intern(batch.programs.Get(local));  // a program only the batch names
    if (static_cast<size_t>(p) == s.programs.size()) {
      s.programs.emplace_back();
      s.programs.back().code = batch.programs.Get(local);
    }
    return p;
  };
  for (size_t i = 0; i < batch.columns.size(); ++i) {
    if (!cut.batch_rows.Test(i)) continue;
    const Payments& pay = batch.columns;
    const int32_t local = pay.person[i];
    const int32_t in_ledger = person_of[static_cast<size_t>(local)];
    const int32_t person =
        in_ledger != kNone ? number[static_cast<size_t>(in_ledger)] : new_persons(local);
    CopyPayment(pay, i, person, program(pay.program[i]), names(pay.name[i]),
                accounts(pay.account[i]), s.payments);
  }
}

// What depends on every payment, not only the kept ones.
void LedgerWithBatch::State::SetLedgerWideFigures(Snapshot& s) const {
  s.present = ledger.present | (batch_size > 0 ? Bit(Table::kPayments) : TableMask{0});
  s.latest_paid = std::max(batch.latest_paid, latest_paid);
  for (size_t i = 0; i < ledger.programs.size(); ++i) {
    int32_t& e = s.programs[i].earliest_period;
    int32_t other = earliest_period[i];
    if (other != kNone && (e == kNone || other < e)) e = other;
  }
}

Result<LedgerWithBatch> LedgerWithBatch::Open(const Snapshot& ledger,
                                              store::Database& batch_store) {
  internal::TableParts parts;
  if (auto read = internal::ReadTable(batch_store, Table::kPayments, parts); !read) {
    return std::unexpected(read.error());
  }
  auto state = std::make_unique<State>(ledger);
  state->batch = std::move(parts.payments);
  state->batch_size = parts.rows[static_cast<size_t>(Table::kPayments)];
  state->MapToLedger();
  state->FindReplaced();
  return LedgerWithBatch(std::move(state));
}

Snapshot LedgerWithBatch::ForDetection() const {
  const State& st = *state_;
  const Payments& pay = st.ledger.payments;
  Cut cut = st.NewCut();
  Bitset paid_accounts;  // ledger accounts the batch pays into
  paid_accounts.Resize(static_cast<size_t>(st.ledger.accounts.size()));
  for (size_t i = 0; i < st.batch.columns.size(); ++i) {
    st.KeepBatchRow(cut, i);
    int32_t a = st.account_of[static_cast<size_t>(st.batch.columns.account[i])];
    if (a != kNone) paid_accounts.Set(static_cast<size_t>(a));
  }
  for (int32_t local = 0; local < st.batch.ids.size(); ++local) {
    int32_t p = st.person_of[static_cast<size_t>(local)];
    if (p == kNone) continue;
    st.KeepHousehold(cut, p);
    auto [begin, end] = pay.RowsOf(p);
    for (int32_t r = begin; r < end; ++r) {
      if (st.DecidesDetection(static_cast<size_t>(r), st.rows_of.Of(local))) {
        st.KeepLedgerRow(cut, static_cast<size_t>(r));
      }
    }
  }
  // R05 counts the persons paid into an account: one positive payment of each will do.
  std::vector<int32_t> seen;  // accounts already kept for the person at hand
  for (int32_t p = 0; p < st.ledger.PersonCount(); ++p) {
    auto [begin, end] = pay.RowsOf(p);
    seen.clear();
    for (int32_t r = begin; r < end; ++r) {
      const auto u = static_cast<size_t>(r);
      if (!paid_accounts.Test(static_cast<size_t>(pay.account[u])) || pay.amount[u] <= 0 ||
          st.replaced.Test(u) || std::ranges::find(seen, pay.account[u]) != seen.end()) {
        continue;
      }
      seen.push_back(pay.account[u]);
      st.KeepLedgerRow(cut, u);
    }
  }
  st.KeepFirstPayments(cut);
  return st.Build(cut);
}

Snapshot LedgerWithBatch::ForFindings(const std::set<std::string>& persons,
                                      const std::set<std::string>& accounts) const {
  const State& st = *state_;
  const Payments& pay = st.ledger.payments;
  Cut cut = st.NewCut();
  for (const std::string& id : persons) {
    if (int32_t p = st.ledger.ids.Find(id); p != kNone) {
      st.KeepHousehold(cut, p);
      auto [begin, end] = pay.RowsOf(p);
      for (int32_t r = begin; r < end; ++r) st.KeepLedgerRow(cut, static_cast<size_t>(r));
    }
    if (int32_t local = st.batch.ids.Find(id); local != kNone) {
      for (int32_t i : st.rows_of.Of(local)) st.KeepBatchRow(cut, static_cast<size_t>(i));
    }
  }
  Bitset ledger_accounts;
  ledger_accounts.Resize(static_cast<size_t>(st.ledger.accounts.size()));
  std::vector<int32_t> batch_accounts;
  for (const std::string& account : accounts) {
    if (int32_t a = st.ledger.accounts.Find(account); a != kNone) {
      ledger_accounts.Set(static_cast<size_t>(a));
      st.KeepAccount(cut, a);
    }
    if (int32_t local = st.batch.accounts.Find(account); local != kNone) {
      batch_accounts.push_back(local);
    }
  }
  if (!accounts.empty()) {
    for (size_t r = 0; r < pay.size(); ++r) {
      if (ledger_accounts.Test(static_cast<size_t>(pay.account[r]))) st.KeepLedgerRow(cut, r);
    }
    for (size_t i = 0; i < st.batch.columns.size(); ++i) {
      if (std::ranges::find(batch_accounts, st.batch.columns.account[i]) != batch_accounts.end()) {
        st.KeepBatchRow(cut, i);
      }
    }
  }
  st.KeepFirstPayments(cut);
  return st.Build(cut);
}

LedgerWithBatch::LedgerWithBatch(std::unique_ptr<State> state) : state_(std::move(state)) {}
LedgerWithBatch::LedgerWithBatch(LedgerWithBatch&&) noexcept = default;
LedgerWithBatch& LedgerWithBatch::operator=(LedgerWithBatch&&) noexcept = default;
LedgerWithBatch::~LedgerWithBatch() = default;

}  // namespace qf::engine
