#include "engine/snapshot.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <optional>
#include <thread>
#include <tuple>
#include <utility>

#include "core/citizen_id.h"
#include "core/date.h"
#include "engine/internal/table_parts.h"

namespace qf::engine {
namespace {

using internal::TableParts;

constexpr std::string_view kTableNames[] = {"persons",
                                            "deaths",
                                            "officials",
                                            "kinship",
                                            "companies",
                                            "vehicles",
                                            "properties",
                                            "programs",
                                            "enrolments",
                                            "cards",
                                            "payments",
                                            "collective_transactions",
                                            "collective_contracts",
                                            "enterprise_projects",
                                            "project_payments",
                                            "project_invoices"};

// Largest first, so that the threads finish together.
constexpr Table kReadOrder[] = {Table::kPayments,
                                Table::kPersons,
                                Table::kEnrolments,
                                Table::kCards,
                                Table::kProperties,
                                Table::kVehicles,
                                Table::kKinship,
                                Table::kCompanies,
                                Table::kOfficials,
                                Table::kDeaths,
                                Table::kCollectiveTransactions,
                                Table::kCollectiveContracts,
                                Table::kEnterpriseProjects,
                                Table::kProjectPayments,
                                Table::kProjectInvoices,
                                Table::kPrograms};
static_assert(std::size(kReadOrder) == static_cast<size_t>(Table::kCount));

// Reads every table into `parts`: `db` and each connection in `more` run one thread that takes
// the next unread table. On failure, the error of the first failed table in catalogue order.
Result<void> ReadTables(store::Database& db, std::vector<std::unique_ptr<store::Database>>& more,
                        const internal::PartCache& cache, TableParts& parts,
                        std::atomic<int>& from_store) {
  std::optional<Error> errors[static_cast<size_t>(Table::kCount)];
  std::atomic<size_t> next{0};
  auto work = [&](store::Database& connection) {
    for (size_t i = next++; i < std::size(kReadOrder); i = next++) {
      Table t = kReadOrder[i];
      if (cache.read && cache.read(t, parts)) continue;
      ++from_store;
      auto read = internal::ReadTable(connection, t, parts);
      if (!read) {
        errors[static_cast<size_t>(t)] = read.error();
      } else if (cache.read_from_store) {
        cache.read_from_store(t, parts);
      }
    }
  };
  {
    std::vector<std::jthread> threads;
    for (auto& connection : more) threads.emplace_back([&, c = connection.get()] { work(*c); });
    work(db);
  }
  for (auto& e : errors) {
    if (e) return std::unexpected(*e);
  }
  return {};
}

// Folds `local` into `global` (new strings appended in local order); local index → global index.
std::vector<int32_t> Fold(Interner& global, Interner& local) {
  std::vector<int32_t> to_global(static_cast<size_t>(local.size()));
  if (global.size() == 0) {
    std::iota(to_global.begin(), to_global.end(), 0);
    global = std::move(local);
    return to_global;
  }
  global.Reserve(static_cast<size_t>(global.size() + local.size()));
  for (int32_t i = 0; i < local.size(); ++i) {
    to_global[static_cast<size_t>(i)] = global.Intern(local.Get(i));
  }
  local = Interner();
  return to_global;
}

void Remap(int32_t& index, const std::vector<int32_t>& to_global) {
  if (index != kNone) index = to_global[static_cast<size_t>(index)];
}

void Remap(std::vector<int32_t>& indices, const std::vector<int32_t>& to_global) {
  for (int32_t& i : indices) Remap(i, to_global);
}

// The index of a program code, adding a Program that only carries the code when it is new.
int32_t ProgramIndex(Snapshot& s, const std::string& code) {
  int32_t idx = s.program_codes.Intern(code);
  if (static_cast<size_t>(idx) >= s.programs.size()) {
    s.programs.resize(static_cast<size_t>(idx) + 1);
    s.programs[static_cast<size_t>(idx)].code = code;
  }
  return idx;
}

std::vector<int32_t> FoldPrograms(Snapshot& s, const Interner& local) {
  std::vector<int32_t> to_global(static_cast<size_t>(local.size()));
  for (int32_t i = 0; i < local.size(); ++i) {
    to_global[static_cast<size_t>(i)] = ProgramIndex(s, local.Get(i));
  }
  return to_global;
}

void MergePrograms(Snapshot& s, internal::ProgramsPart& part) {
  for (Program& p : part.rows) {
    int32_t idx = s.program_codes.Intern(p.code);
    if (static_cast<size_t>(idx) >= s.programs.size()) s.programs.resize(idx + 1);
    s.programs[static_cast<size_t>(idx)] = std::move(p);
  }
}

template <typename Row>
void MergePersonRows(Snapshot& s, internal::PersonRowsPart<Row>& part, std::vector<Row>& rows) {
  auto ids = Fold(s.ids, part.ids);
  for (Row& r : part.rows) Remap(r.person, ids);
  rows = std::move(part.rows);
}

void MergeKinship(Snapshot& s, internal::KinshipPart& part) {
  auto ids = Fold(s.ids, part.ids);
  Remap(part.a, ids);
  Remap(part.b, ids);
  for (size_t i = 0; i < part.a.size(); ++i) {
    s.kin_relation[std::make_pair(part.a[i], part.b[i])] = std::move(part.relation[i]);
  }
}

void MergeEnrolments(Snapshot& s, internal::EnrolmentsPart& part) {
  auto programs = FoldPrograms(s, part.programs);
  auto ids = Fold(s.ids, part.ids);
  auto communities = Fold(s.communities, part.communities);
  for (Enrolment& e : part.rows) {
    Remap(e.program, programs);
    Remap(e.person, ids);
    Remap(e.community, communities);
  }
  s.enrolments = std::move(part.rows);
}

void MergeCards(Snapshot& s, internal::CardsPart& part) {
  Remap(part.account, Fold(s.accounts, part.accounts));
  Remap(part.holder, Fold(s.ids, part.ids));
  Remap(part.name, Fold(s.names, part.names));
}

void MergePayments(Snapshot& s, internal::PaymentsPart& part) {
  Payments& pay = part.columns;
  Remap(pay.program, FoldPrograms(s, part.programs));
  Remap(pay.person, Fold(s.ids, part.ids));
  Remap(pay.name, Fold(s.names, part.names));
  Remap(pay.account, Fold(s.accounts, part.accounts));
  s.payments = std::move(pay);
  s.latest_paid = part.latest_paid;
}

template <typename Row>
void MergeCommunityRows(Snapshot& s, Interner& local, std::vector<Row>& part_rows,
                        std::vector<Row>& rows) {
  auto communities = Fold(s.communities, local);
  for (Row& r : part_rows) Remap(r.community, communities);
  rows = std::move(part_rows);
}

// The store returns rows in no promised order; sorting makes findings and evidence the same on
// every backend.
void SortProjectTables(Snapshot& s) {
  std::sort(s.projects.begin(), s.projects.end(),
            [](const ProjectRow& a, const ProjectRow& b) { return a.project_id < b.project_id; });
  std::sort(s.project_payments.begin(), s.project_payments.end(),
            [](const ProjectPaymentRow& a, const ProjectPaymentRow& b) {
              return std::tie(a.project_id, a.paid, a.payment_id) <
                     std::tie(b.project_id, b.paid, b.payment_id);
            });
  std::sort(s.project_invoices.begin(), s.project_invoices.end(),
            [](const ProjectInvoiceRow& a, const ProjectInvoiceRow& b) {
              return std::tie(a.invoice_code, a.invoice_no, a.project_id) <
                     std::tie(b.invoice_code, b.invoice_no, b.project_id);
            });
}

// Folds every table into `s` in the order the tables were once read one by one (programs first,
// then the catalogue order), which fixes every interned index.
void MergeParts(TableParts& parts, Snapshot& s) {
  for (size_t t = 0; t < static_cast<size_t>(Table::kCount); ++t) {
    if (parts.rows[t] > 0) s.present |= Bit(static_cast<Table>(t));
  }
  MergePrograms(s, parts.programs);
  internal::PersonsPart& persons = parts.persons;
  Remap(persons.id, Fold(s.ids, persons.ids));
  Remap(persons.name, Fold(s.names, persons.names));
  Remap(parts.deaths.id, Fold(s.ids, parts.deaths.ids));
  {
    internal::OfficialsPart& o = parts.officials;
    auto ids = Fold(s.ids, o.ids);
    auto communities = Fold(s.communities, o.communities);
    for (Official& row : o.rows) {
      Remap(row.person, ids);
      Remap(row.community, communities);
    }
    s.officials = std::move(o.rows);
  }
  MergeKinship(s, parts.kinship);
  MergePersonRows(s, parts.companies, s.companies);
  MergePersonRows(s, parts.vehicles, s.vehicles);
  MergePersonRows(s, parts.properties, s.properties);
  MergeEnrolments(s, parts.enrolments);
  MergeCards(s, parts.cards);
  MergePayments(s, parts.payments);
  MergeCommunityRows(s, parts.transactions.communities, parts.transactions.rows, s.transactions);
  MergeCommunityRows(s, parts.contracts.communities, parts.contracts.rows, s.contracts);
  s.projects = std::move(parts.projects);
  s.project_payments = std::move(parts.project_payments);
  s.project_invoices = std::move(parts.project_invoices);
  SortProjectTables(s);
}

// in_persons, person_name, birth, household and the households CSR, from the persons rows.
void BuildPersonColumns(const internal::PersonsPart& persons, Snapshot& s) {
  const size_t n = static_cast<size_t>(s.PersonCount());
  s.in_persons.Resize(n);
  s.person_name.assign(n, kNone);
  s.birth.assign(n, kNoDate);
  s.household.assign(n, kNone);
  s.identity.resize(n);
  std::iota(s.identity.begin(), s.identity.end(), 0);
  for (size_t i = 0; i < persons.id.size(); ++i) {
    auto p = static_cast<size_t>(persons.id[i]);
    s.in_persons.Set(p);
    s.person_name[p] = persons.name[i];
    s.birth[p] = persons.birth[i];
    s.household[p] = persons.household[i];
  }
  s.households = Csr::Build(persons.households.size(), s.household, s.identity);
}

// Several records of one death (one per source): the earliest date counts; on a tie the source
// that sorts first names it, so the evidence does not depend on the store's row order.
void BuildDeaths(internal::DeathsPart& deaths, Snapshot& s) {
  const size_t n = static_cast<size_t>(s.PersonCount());
  s.death.assign(n, kNoDate);
  s.death_source.assign(n, std::string());
  for (size_t i = 0; i < deaths.id.size(); ++i) {
    auto u = static_cast<size_t>(deaths.id[i]);
    int32_t day = deaths.day[i];
    if (day == kNoDate) continue;
    if (s.death[u] == kNoDate || day < s.death[u] ||
        (day == s.death[u] && deaths.source[i] < s.death_source[u])) {
      s.death[u] = day;
      s.death_source[u] = std::move(deaths.source[i]);
    }
  }
}

// id_valid and id_birth: whether each ID number passes GB 11643 as written, and its birth date.
void BuildIdValidity(Snapshot& s) {
  const int32_t n = s.PersonCount();
  s.id_valid.Resize(static_cast<size_t>(n));
  s.id_birth.assign(static_cast<size_t>(n), kNoDate);
  for (int32_t p = 0; p < n; ++p) {
    auto id = CitizenId::Parse(s.ids.Get(p));
    if (!id || id->value() != s.ids.Get(p)) continue;
    s.id_valid.Set(static_cast<size_t>(p));
    s.id_birth[static_cast<size_t>(p)] = id->birth_date().days();
  }
}

// Kinship both ways, without duplicates.
void BuildKinship(const internal::KinshipPart& kinship, Snapshot& s) {
  std::vector<std::pair<int32_t, int32_t>> edges;
  edges.reserve(kinship.a.size() * 2);
  for (size_t i = 0; i < kinship.a.size(); ++i) {
    edges.emplace_back(kinship.a[i], kinship.b[i]);
    edges.emplace_back(kinship.b[i], kinship.a[i]);
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<int32_t> keys, values;
  keys.reserve(edges.size());
  values.reserve(edges.size());
  for (auto [a, b] : edges) {
    keys.push_back(a);
    values.push_back(b);
  }
  s.kin = Csr::Build(s.PersonCount(), keys, values);
}

template <typename Rows>
Csr RowsByPerson(int32_t persons, const Rows& rows) {
  std::vector<int32_t> keys(rows.size()), values(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    keys[i] = rows[i].person;
    values[i] = static_cast<int32_t>(i);
  }
  return Csr::Build(persons, keys, values);
}

void BuildRowIndexes(Snapshot& s) {
  const int32_t n = s.PersonCount();
  s.officials_of = RowsByPerson(n, s.officials);
  s.vehicles_of = RowsByPerson(n, s.vehicles);
  s.companies_of = RowsByPerson(n, s.companies);
  s.properties_of = RowsByPerson(n, s.properties);
  std::sort(s.enrolments.begin(), s.enrolments.end(), [](const Enrolment& a, const Enrolment& b) {
    return std::tie(a.person, a.program, a.start, a.end, a.community) <
           std::tie(b.person, b.program, b.start, b.end, b.community);
  });
  s.enrolments_of = RowsByPerson(n, s.enrolments);
}

void BuildCards(const internal::CardsPart& cards, Snapshot& s) {
  const size_t accounts = static_cast<size_t>(s.accounts.size());
  s.card_holder.assign(accounts, kNone);
  s.card_name.assign(accounts, kNone);
  s.card_active.Resize(accounts);
  for (size_t i = 0; i < cards.account.size(); ++i) {
    auto a = static_cast<size_t>(cards.account[i]);
    s.card_holder[a] = cards.holder[i];
    s.card_name[a] = cards.name[i];
    if (cards.active[i] != 0) s.card_active.Set(a);
  }
  s.cards_of = Csr::Build(s.PersonCount(), cards.holder, cards.account);
}

template <typename T>
void PermuteVector(std::vector<T>& v, std::span<const int32_t> order) {
  std::vector<T> out;
  out.reserve(v.size());
  for (int32_t i : order) out.push_back(std::move(v[static_cast<size_t>(i)]));
  v = std::move(out);
}

// Counting sort by person, then (program code, period, payment_id) within a person.
void SortPayments(Snapshot& s) {
  Payments& pay = s.payments;
  const size_t un = static_cast<size_t>(s.PersonCount());
  pay.person_offsets.assign(un + 1, 0);
  for (int32_t p : pay.person) ++pay.person_offsets[static_cast<size_t>(p) + 1];
  for (size_t i = 1; i <= un; ++i) pay.person_offsets[i] += pay.person_offsets[i - 1];
  std::vector<int32_t> order(pay.size());
  std::vector<int32_t> fill(pay.person_offsets.begin(), pay.person_offsets.end() - 1);
  for (size_t i = 0; i < pay.size(); ++i) {
    order[static_cast<size_t>(fill[static_cast<size_t>(pay.person[i])]++)] =
        static_cast<int32_t>(i);
  }
  // Programs ranked by code, so that rows compare by integer.
  std::vector<int32_t> rank(s.programs.size());
  std::iota(rank.begin(), rank.end(), 0);
  std::sort(rank.begin(), rank.end(),
            [&](int32_t a, int32_t b) { return s.programs[a].code < s.programs[b].code; });
  std::vector<int32_t> program_rank(s.programs.size());
  for (size_t i = 0; i < rank.size(); ++i) program_rank[static_cast<size_t>(rank[i])] = i;
  for (size_t p = 0; p < un; ++p) {
    std::sort(order.begin() + pay.person_offsets[p], order.begin() + pay.person_offsets[p + 1],
              [&](int32_t a, int32_t b) {
                auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
                int32_t ra = program_rank[static_cast<size_t>(pay.program[ua])];
                int32_t rb = program_rank[static_cast<size_t>(pay.program[ub])];
                if (ra != rb) return ra < rb;
                if (pay.period[ua] != pay.period[ub]) return pay.period[ua] < pay.period[ub];
                return pay.payment_id[ua] < pay.payment_id[ub];
              });
  }
  PermuteVector(pay.person, order);
  PermuteVector(pay.program, order);
  PermuteVector(pay.name, order);
  PermuteVector(pay.account, order);
  PermuteVector(pay.period, order);
  PermuteVector(pay.paid, order);
  PermuteVector(pay.amount, order);
  pay.payment_id.Permute(order);
}

size_t SlotOf(std::string_view id, size_t slots) {
  return std::hash<std::string_view>{}(id) & (slots - 1);
}

void BuildPaymentIndex(Payments& pay) {
  size_t slots = 16;
  while (slots < pay.size() * 2) slots *= 2;
  pay.id_slots.assign(slots, 0);
  for (size_t r = 0; r < pay.size(); ++r) {
    size_t i = SlotOf(pay.payment_id[r], slots);
    while (pay.id_slots[i] != 0) i = (i + 1) & (slots - 1);
    pay.id_slots[i] = static_cast<int32_t>(r) + 1;
  }
}

void SetEarliestPeriods(Snapshot& s) {
  const Payments& pay = s.payments;
  for (size_t i = 0; i < pay.size(); ++i) {
    Program& prog = s.programs[static_cast<size_t>(pay.program[i])];
    int32_t period = pay.period[i];
    if (period != kNone && (prog.earliest_period == kNone || period < prog.earliest_period)) {
      prog.earliest_period = period;
    }
  }
}

}  // namespace

std::string_view TableName(Table table) { return kTableNames[static_cast<size_t>(table)]; }

Csr Csr::Build(int32_t nodes, std::span<const int32_t> keys, std::span<const int32_t> values) {
  Csr csr;
  csr.offsets.assign(static_cast<size_t>(nodes) + 1, 0);
  for (int32_t k : keys) {
    if (k >= 0) ++csr.offsets[static_cast<size_t>(k) + 1];
  }
  for (size_t i = 1; i < csr.offsets.size(); ++i) csr.offsets[i] += csr.offsets[i - 1];
  csr.items.resize(static_cast<size_t>(csr.offsets.back()));
  std::vector<int32_t> fill(csr.offsets.begin(), csr.offsets.end() - 1);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] >= 0)
      csr.items[static_cast<size_t>(fill[static_cast<size_t>(keys[i])]++)] = values[i];
  }
  return csr;
}

void StringColumn::Permute(std::span<const int32_t> order) {
  std::string bytes;
  bytes.reserve(bytes_.size());
  std::vector<int64_t> ends;
  ends.reserve(ends_.size());
  for (int32_t i : order) {
    bytes.append((*this)[static_cast<size_t>(i)]);
    ends.push_back(static_cast<int64_t>(bytes.size()));
  }
  bytes_ = std::move(bytes);
  ends_ = std::move(ends);
}

int32_t ParseIsoDays(std::string_view t) {
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') {
    if (t.empty()) return kNoDate;
    auto d = Date::Parse(t);
    return d ? d->days() : kNoDate;
  }
  auto digits = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0 || !IsValidYmd(y, m, d)) return kNoDate;
  return DaysFromCivil(y, m, d);
}

int32_t Payments::Find(std::string_view id) const {
  if (id_slots.empty()) return kNone;
  for (size_t i = SlotOf(id, id_slots.size());; i = (i + 1) & (id_slots.size() - 1)) {
    int32_t row = id_slots[i] - 1;
    if (row == kNone || payment_id[static_cast<size_t>(row)] == id) return row;
  }
}

std::span<const int32_t> Snapshot::Household(int32_t person) const {
  int32_t h = household[static_cast<size_t>(person)];
  if (h == kNone) return {&identity[static_cast<size_t>(person)], 1};
  return households.Of(h);
}

int Snapshot::AgeAt(int32_t person, int32_t day) const {
  int32_t b = birth[static_cast<size_t>(person)];
  if (b == kNoDate) b = id_birth[static_cast<size_t>(person)];
  if (b == kNoDate) return kUnknownAge;
  return Date::FromDays(day).YearsSince(Date::FromDays(b));
}

Result<Snapshot> LoadSnapshot(store::Database& db) { return LoadSnapshot(db, ConnectionFactory()); }

ConnectionFactory MoreConnectionsTo(const std::string& url) {
  if (url.find(":memory:") != std::string::npos) return {};
  return [url] { return store::Open(url); };
}

Result<Snapshot> LoadSnapshot(store::Database& db, const ConnectionFactory& more_connections) {
  return internal::LoadSnapshot(db, more_connections, {}, nullptr);
}

namespace internal {

Result<Snapshot> LoadSnapshot(store::Database& db, const ConnectionFactory& more_connections,
                              const PartCache& cache, int* from_store) {
  std::vector<std::unique_ptr<store::Database>> more;
  if (more_connections) {
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 1; i < cores; ++i) {
      auto connection = more_connections();
      if (!connection) break;
      more.push_back(std::move(*connection));
    }
  }
  TableParts parts;
  std::atomic<int> read_from_store{0};
  auto read = ReadTables(db, more, cache, parts, read_from_store);
  if (from_store != nullptr) *from_store = read_from_store;
  if (!read) return std::unexpected(read.error());
  more.clear();
  return AssembleSnapshot(parts);
}

namespace {

// Gives the pages of freed memory back to the system. Folding frees the parts' millions of small
// strings, but glibc keeps their pages, scattered among the snapshot's, while the big arrays
// Derive makes come from fresh ones: without this the first check after a full import peaked at
// 1,039 MB (903 MB with it, 664 MB from the snapshot file), and `serve` kept the excess.
void ReturnFreedPages() { malloc_trim(0); }

}  // namespace

void Derive(TableParts& parts, Snapshot& s) {
  BuildPersonColumns(parts.persons, s);
  BuildDeaths(parts.deaths, s);
  BuildKinship(parts.kinship, s);
  BuildRowIndexes(s);
  BuildCards(parts.cards, s);
  {
    // The ID checks need only the interned IDs; they overlap the payments sort.
    std::jthread ids([&s] { BuildIdValidity(s); });
    SortPayments(s);
  }
  {
    std::jthread index([&s] { BuildPaymentIndex(s.payments); });
    SetEarliestPeriods(s);
  }
}

Snapshot AssembleSnapshot(TableParts& parts) {
  Snapshot s;
  MergeParts(parts, s);
  ReturnFreedPages();
  Derive(parts, s);
  ReturnFreedPages();
  return s;
}

}  // namespace internal

}  // namespace qf::engine
