#include "engine/snapshot.h"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <utility>

#include "core/citizen_id.h"
#include "core/date.h"
#include "core/period.h"

namespace qf::engine {
namespace {

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

// Runs `sql` and calls `row(statement)` for every row. Returns the row count.
template <typename RowFn>
Result<int64_t> ForEachRow(store::Database& db, std::string_view sql, RowFn&& row) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected((st.error()));
  int64_t count = 0;
  while (true) {
    auto more = (*st)->Step();
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    row(**st);
    ++count;
  }
  return count;
}

std::string TextOrEmpty(const store::Statement& st, int column) {
  return st.IsNull(column) ? std::string() : std::string(st.TextView(column));
}

int32_t DateOr(const store::Statement& st, int column, int32_t fallback) {
  if (st.IsNull(column)) return fallback;
  int32_t d = ParseIsoDays(st.TextView(column));
  return d == kNoDate ? fallback : d;
}

int64_t IntOr(const store::Statement& st, int column, int64_t fallback) {
  return st.IsNull(column) ? fallback : st.Int(column);
}

// Canonical period text → Period::Code(), parsed once per distinct text.
class PeriodCache {
 public:
  int32_t Code(std::string_view text) {
    auto it = cache_.find(text);
    if (it != cache_.end()) return it->second;
    auto parsed = Period::Parse(text);
    int32_t code = parsed ? parsed->Code() : kNone;
    cache_.emplace(std::string(text), code);
    return code;
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> cache_;
};

OfficialCategory ParseCategory(std::string_view s) {
  if (s == "公务员") return OfficialCategory::kCivilServant;
  if (s == "参公") return OfficialCategory::kCivilServantLike;
  if (s == "事业编") return OfficialCategory::kPublicInstitution;
  if (s == "国企") return OfficialCategory::kStateEnterprise;
  if (s == "村干部") return OfficialCategory::kVillageCadre;
  if (s == "社区干部") return OfficialCategory::kCommunityCadre;
  return OfficialCategory::kOther;
}

ProgramCycle ParseCycle(std::string_view s) {
  if (s == "季" || s == "quarter") return ProgramCycle::kQuarter;
  if (s == "年" || s == "year") return ProgramCycle::kYear;
  if (s == "一次" || s == "once") return ProgramCycle::kOnce;
  return ProgramCycle::kMonth;
}

// Decimal text → 1/10000 units; -1 when unreadable or not positive.
int64_t ParseArea(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return -1;
  int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool dot = false, any = false;
  for (char c : s) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (c == ',' && !dot) {
      continue;
    } else if (c >= '0' && c <= '9') {
      any = true;
      if (!dot) {
        if (whole > 100'000'000'000LL) return -1;
        whole = whole * 10 + (c - '0');
      } else if (frac_digits < 4) {
        frac = frac * 10 + (c - '0');
        ++frac_digits;
      }
    } else {
      return -1;
    }
  }
  if (!any) return -1;
  for (; frac_digits < 4; ++frac_digits) frac *= 10;
  int64_t v = whole * 10000 + frac;
  return v > 0 ? v : -1;
}

template <typename T>
void PermuteVector(std::vector<T>& v, std::span<const int32_t> order) {
  std::vector<T> out;
  out.reserve(v.size());
  for (int32_t i : order) out.push_back(std::move(v[static_cast<size_t>(i)]));
  v = std::move(out);
}

ProjectRow ReadProject(const store::Statement& st) {
  ProjectRow p;
  p.project_id = st.TextView(0);
  p.program = st.TextView(1);
  p.department = st.TextView(2);
  p.credit_code = st.TextView(3);
  p.company_name = st.TextView(4);
  p.project_name = st.TextView(5);
  p.investment = st.Int(6);
  p.approved_amount = st.Int(7);
  p.max_ratio = TextOrEmpty(st, 8);
  p.applied = DateOr(st, 9, kNoDate);
  p.approved = DateOr(st, 10, kNoDate);
  p.accepted = DateOr(st, 11, kNoDate);
  p.reviewer_id = TextOrEmpty(st, 12);
  p.approver_id = TextOrEmpty(st, 13);
  return p;
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

}  // namespace

std::string_view TableName(Table table) { return kTableNames[static_cast<size_t>(table)]; }

int32_t Interner::Intern(std::string_view text) {
  auto it = index_.find(text);
  if (it != index_.end()) return it->second;
  int32_t id = static_cast<int32_t>(values_.size());
  values_.emplace_back(text);
  index_.emplace(std::string(text), id);
  return id;
}

int32_t Interner::Find(std::string_view text) const {
  auto it = index_.find(text);
  return it == index_.end() ? kNone : it->second;
}

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

Result<Snapshot> LoadSnapshot(store::Database& db) {
  Snapshot s;
  PeriodCache periods;
  auto mark = [&](Table t, const Result<int64_t>& rows) -> Result<void> {
    if (!rows) return std::unexpected(rows.error());
    if (*rows > 0) s.present |= Bit(t);
    return {};
  };
#define QF_LOAD(table, sql, body)                                                             \
  if (auto r = mark(table, ForEachRow(db, sql, body)); !r) {                                  \
    return std::unexpected(                                                                   \
        r.error().WithContext(std::string("读取 ") + std::string(TableName(table)) + " 表")); \
  }

  QF_LOAD(Table::kPrograms,
          "SELECT code, name, means_tested, period, standard, max_amount, min_age, max_age, "
          "exclusive_group FROM programs",
          [&](const store::Statement& st) {
            int32_t idx = s.program_codes.Intern(st.TextView(0));
            if (static_cast<size_t>(idx) >= s.programs.size()) s.programs.resize(idx + 1);
            Program& p = s.programs[static_cast<size_t>(idx)];
            p.code = st.TextView(0);
            p.name = st.TextView(1);
            p.listed = true;
            p.means_tested = st.Int(2) != 0;
            p.cycle = ParseCycle(st.TextView(3));
            p.standard = IntOr(st, 4, -1);
            p.max_amount = IntOr(st, 5, -1);
            p.min_age = static_cast<int32_t>(IntOr(st, 6, -1));
            p.max_age = static_cast<int32_t>(IntOr(st, 7, -1));
            p.exclusive_group = TextOrEmpty(st, 8);
          });

  Interner household_ids;
  std::vector<int32_t> person_rows_p, person_rows_name, person_rows_birth, person_rows_hh;
  QF_LOAD(Table::kPersons, "SELECT id_number, name, birth_date, household_id FROM persons",
          [&](const store::Statement& st) {
            person_rows_p.push_back(s.ids.Intern(st.TextView(0)));
            person_rows_name.push_back(s.names.Intern(st.TextView(1)));
            person_rows_birth.push_back(DateOr(st, 2, kNoDate));
            person_rows_hh.push_back(household_ids.Intern(st.TextView(3)));
          });

  std::vector<std::pair<int32_t, int32_t>> death_rows;
  std::vector<std::string> death_sources;
  QF_LOAD(Table::kDeaths, "SELECT id_number, death_date, source FROM deaths",
          [&](const store::Statement& st) {
            death_rows.emplace_back(s.ids.Intern(st.TextView(0)), DateOr(st, 1, kNoDate));
            death_sources.emplace_back(st.TextView(2));
          });

  QF_LOAD(Table::kOfficials,
          "SELECT id_number, name, unit, position, category, community, start_date, end_date "
          "FROM officials",
          [&](const store::Statement& st) {
            Official o;
            o.person = s.ids.Intern(st.TextView(0));
            o.name = st.TextView(1);
            o.unit = st.TextView(2);
            o.position = st.TextView(3);
            o.category = ParseCategory(st.TextView(4));
            std::string community = TextOrEmpty(st, 5);
            o.community = community.empty() ? kNone : s.communities.Intern(community);
            o.start = DateOr(st, 6, kNoDate);
            o.end = DateOr(st, 7, kOpenEnd);
            s.officials.push_back(std::move(o));
          });

  std::vector<int32_t> kin_a, kin_b;
  QF_LOAD(Table::kKinship, "SELECT id_number_a, id_number_b, relation FROM kinship",
          [&](const store::Statement& st) {
            int32_t a = s.ids.Intern(st.TextView(0));
            int32_t b = s.ids.Intern(st.TextView(1));
            if (a == b) return;
            kin_a.push_back(a);
            kin_b.push_back(b);
            s.kin_relation[std::make_pair(a, b)] = std::string(st.TextView(2));
          });

  QF_LOAD(Table::kCompanies,
          "SELECT credit_code, company_name, id_number, role, registered_date, status "
          "FROM companies",
          [&](const store::Statement& st) {
            CompanyRow c;
            c.credit_code = st.TextView(0);
            c.company_name = st.TextView(1);
            c.person = s.ids.Intern(st.TextView(2));
            c.role = st.TextView(3);
            c.registered = DateOr(st, 4, kNoDate);
            c.closed = st.TextView(5) == "注销";
            c.disqualifying = (c.role == "法定代表人" || c.role == "股东") && !c.closed;
            s.companies.push_back(std::move(c));
          });

  QF_LOAD(Table::kVehicles, "SELECT id_number, plate, vehicle_type, registered_date FROM vehicles",
          [&](const store::Statement& st) {
            VehicleRow v;
            v.person = s.ids.Intern(st.TextView(0));
            v.plate = st.TextView(1);
            v.vehicle_type = st.TextView(2);
            v.disqualifying = v.vehicle_type == "小型汽车" || v.vehicle_type == "货车";
            v.registered = DateOr(st, 3, kNoDate);
            s.vehicles.push_back(std::move(v));
          });

  QF_LOAD(Table::kProperties,
          "SELECT id_number, certificate_no, usage, registered_date FROM properties",
          [&](const store::Statement& st) {
            PropertyRow p;
            p.person = s.ids.Intern(st.TextView(0));
            p.certificate_no = st.TextView(1);
            std::string_view usage = st.TextView(2);
            p.usage = usage == "住宅"   ? PropertyUsage::kResidential
                      : usage == "商业" ? PropertyUsage::kCommercial
                                        : PropertyUsage::kOther;
            p.registered = DateOr(st, 3, kNoDate);
            s.properties.push_back(std::move(p));
          });

  auto program_index = [&](std::string_view code) {
    int32_t idx = s.program_codes.Intern(code);
    if (static_cast<size_t>(idx) >= s.programs.size()) {
      s.programs.resize(static_cast<size_t>(idx) + 1);
      s.programs[static_cast<size_t>(idx)].code = std::string(code);
    }
    return idx;
  };

  QF_LOAD(Table::kEnrolments,
          "SELECT program_code, id_number, community, start_date, end_date FROM enrolments",
          [&](const store::Statement& st) {
            Enrolment e;
            e.program = program_index(st.TextView(0));
            e.person = s.ids.Intern(st.TextView(1));
            e.community = s.communities.Intern(st.TextView(2));
            e.start = DateOr(st, 3, kNoDate);
            e.end = DateOr(st, 4, kOpenEnd);
            s.enrolments.push_back(e);
          });

  struct CardRow {
    int32_t account, holder, name;
    bool active;
  };
  std::vector<CardRow> cards;
  QF_LOAD(Table::kCards, "SELECT account_no, id_number, name, status FROM cards",
          [&](const store::Statement& st) {
            cards.push_back({s.accounts.Intern(st.TextView(0)), s.ids.Intern(st.TextView(1)),
                             s.names.Intern(st.TextView(2)), st.TextView(3) == "正常"});
          });

  Payments& pay = s.payments;
  QF_LOAD(Table::kPayments,
          "SELECT payment_id, program_code, id_number, name, account_no, amount, period, "
          "paid_date FROM payments",
          [&](const store::Statement& st) {
            pay.payment_id.Push(st.TextView(0));
            pay.program.push_back(program_index(st.TextView(1)));
            pay.person.push_back(s.ids.Intern(st.TextView(2)));
            pay.name.push_back(s.names.Intern(st.TextView(3)));
            pay.account.push_back(s.accounts.Intern(st.TextView(4)));
            pay.amount.push_back(st.Int(5));
            pay.period.push_back(periods.Code(st.TextView(6)));
            int32_t paid = DateOr(st, 7, kNoDate);
            pay.paid.push_back(paid);
            if (paid != kNoDate && paid > s.latest_paid) s.latest_paid = paid;
          });

  QF_LOAD(Table::kCollectiveTransactions,
          "SELECT txn_id, community, date, direction, amount, counterparty, contract_id "
          "FROM collective_transactions",
          [&](const store::Statement& st) {
            TransactionRow t;
            t.txn_id = st.TextView(0);
            t.community = s.communities.Intern(st.TextView(1));
            t.date = DateOr(st, 2, kNoDate);
            t.expense = st.TextView(3) == "支";
            t.amount = st.Int(4);
            t.counterparty = st.TextView(5);
            t.contract_id = TextOrEmpty(st, 6);
            s.transactions.push_back(std::move(t));
          });

  QF_LOAD(Table::kCollectiveContracts,
          "SELECT contract_id, community, asset_type, area, counterparty, counterparty_id, "
          "start_date, end_date, annual_rent, procurement, asset FROM collective_contracts",
          [&](const store::Statement& st) {
            ContractRow c;
            c.contract_id = st.TextView(0);
            c.community = s.communities.Intern(st.TextView(1));
            c.asset_type = st.TextView(2);
            c.area_text = st.TextView(3);
            c.area = ParseArea(c.area_text);
            c.counterparty = st.TextView(4);
            std::string cid = TextOrEmpty(st, 5);
            c.counterparty_id = cid.empty() ? std::string() : CitizenId::Normalize(cid);
            c.start = DateOr(st, 6, kNoDate);
            c.end = DateOr(st, 7, kNoDate);
            c.annual_rent = st.Int(8);
            c.procurement = st.TextView(9);
            c.asset = st.TextView(10);
            s.contracts.push_back(std::move(c));
          });
  QF_LOAD(Table::kEnterpriseProjects,
          "SELECT project_id, program, department, credit_code, company_name, project_name, "
          "investment, approved_amount, max_ratio, apply_date, approved_date, accepted_date, "
          "reviewer_id, approver_id FROM enterprise_projects",
          [&](const store::Statement& st) { s.projects.push_back(ReadProject(st)); });

  QF_LOAD(Table::kProjectPayments,
          "SELECT payment_id, project_id, amount, paid_date, stage FROM project_payments",
          [&](const store::Statement& st) {
            ProjectPaymentRow p;
            p.payment_id = st.TextView(0);
            p.project_id = st.TextView(1);
            p.amount = st.Int(2);
            p.paid = DateOr(st, 3, kNoDate);
            p.after_acceptance = st.TextView(4) == "验收后";
            s.project_payments.push_back(std::move(p));
          });

  QF_LOAD(Table::kProjectInvoices,
          "SELECT project_id, invoice_code, invoice_no, seller, amount, issue_date "
          "FROM project_invoices",
          [&](const store::Statement& st) {
            ProjectInvoiceRow v;
            v.project_id = st.TextView(0);
            v.invoice_code = st.TextView(1);
            v.invoice_no = st.TextView(2);
            v.seller = st.TextView(3);
            v.amount = st.Int(4);
            v.issued = DateOr(st, 5, kNoDate);
            s.project_invoices.push_back(std::move(v));
          });
#undef QF_LOAD
  SortProjectTables(s);

  // Per-person columns, now that every ID number is interned.
  const int32_t n = s.PersonCount();
  const size_t un = static_cast<size_t>(n);
  s.in_persons.Resize(un);
  s.id_valid.Resize(un);
  s.person_name.assign(un, kNone);
  s.birth.assign(un, kNoDate);
  s.id_birth.assign(un, kNoDate);
  s.household.assign(un, kNone);
  s.death.assign(un, kNoDate);
  s.death_source.assign(un, std::string());
  s.identity.resize(un);
  std::iota(s.identity.begin(), s.identity.end(), 0);
  for (size_t i = 0; i < person_rows_p.size(); ++i) {
    auto p = static_cast<size_t>(person_rows_p[i]);
    s.in_persons.Set(p);
    s.person_name[p] = person_rows_name[i];
    s.birth[p] = person_rows_birth[i];
    s.household[p] = person_rows_hh[i];
  }
  std::vector<int32_t> hh_keys(un), hh_values(un);
  for (int32_t p = 0; p < n; ++p) {
    hh_keys[static_cast<size_t>(p)] = s.household[static_cast<size_t>(p)];
    hh_values[static_cast<size_t>(p)] = p;
  }
  s.households = Csr::Build(household_ids.size(), hh_keys, hh_values);
  // Several records of one death (one per source): the earliest date counts; on a tie the
  // source that sorts first names it, so the evidence does not depend on the store's row order.
  for (size_t i = 0; i < death_rows.size(); ++i) {
    auto [p, day] = death_rows[i];
    auto u = static_cast<size_t>(p);
    if (day == kNoDate) continue;
    if (s.death[u] == kNoDate || day < s.death[u] ||
        (day == s.death[u] && death_sources[i] < s.death_source[u])) {
      s.death[u] = day;
      s.death_source[u] = std::move(death_sources[i]);
    }
  }
  for (int32_t p = 0; p < n; ++p) {
    auto id = CitizenId::Parse(s.ids.Get(p));
    if (!id || id->value() != s.ids.Get(p)) continue;
    s.id_valid.Set(static_cast<size_t>(p));
    s.id_birth[static_cast<size_t>(p)] = id->birth_date().days();
  }

  {  // Kinship both ways, without duplicates.
    std::vector<std::pair<int32_t, int32_t>> edges;
    edges.reserve(kin_a.size() * 2);
    for (size_t i = 0; i < kin_a.size(); ++i) {
      edges.emplace_back(kin_a[i], kin_b[i]);
      edges.emplace_back(kin_b[i], kin_a[i]);
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    std::vector<int32_t> keys, values;
    for (auto [a, b] : edges) {
      keys.push_back(a);
      values.push_back(b);
    }
    s.kin = Csr::Build(n, keys, values);
  }

  auto rows_by_person = [&](const auto& rows) {
    std::vector<int32_t> keys, values;
    for (size_t i = 0; i < rows.size(); ++i) {
      keys.push_back(rows[i].person);
      values.push_back(static_cast<int32_t>(i));
    }
    return Csr::Build(n, keys, values);
  };
  s.officials_of = rows_by_person(s.officials);
  s.vehicles_of = rows_by_person(s.vehicles);
  s.companies_of = rows_by_person(s.companies);
  s.properties_of = rows_by_person(s.properties);

  std::sort(s.enrolments.begin(), s.enrolments.end(), [](const Enrolment& a, const Enrolment& b) {
    return std::tie(a.person, a.program, a.start, a.end, a.community) <
           std::tie(b.person, b.program, b.start, b.end, b.community);
  });
  s.enrolments_of = rows_by_person(s.enrolments);

  const size_t accounts = static_cast<size_t>(s.accounts.size());
  s.card_holder.assign(accounts, kNone);
  s.card_name.assign(accounts, kNone);
  s.card_active.Resize(accounts);
  {
    std::vector<int32_t> keys, values;
    for (const CardRow& c : cards) {
      s.card_holder[static_cast<size_t>(c.account)] = c.holder;
      s.card_name[static_cast<size_t>(c.account)] = c.name;
      if (c.active) s.card_active.Set(static_cast<size_t>(c.account));
      keys.push_back(c.holder);
      values.push_back(c.account);
    }
    s.cards_of = Csr::Build(n, keys, values);
  }

  // Payments: counting sort by person, then (program, period, payment_id) within a person.
  {
    const size_t rows = pay.size();
    pay.person_offsets.assign(un + 1, 0);
    for (int32_t p : pay.person) ++pay.person_offsets[static_cast<size_t>(p) + 1];
    for (size_t i = 1; i <= un; ++i) pay.person_offsets[i] += pay.person_offsets[i - 1];
    std::vector<int32_t> order(rows);
    std::vector<int32_t> fill(pay.person_offsets.begin(), pay.person_offsets.end() - 1);
    for (size_t i = 0; i < rows; ++i) {
      order[static_cast<size_t>(fill[static_cast<size_t>(pay.person[i])]++)] =
          static_cast<int32_t>(i);
    }
    for (size_t p = 0; p < un; ++p) {
      auto first = order.begin() + pay.person_offsets[p];
      auto last = order.begin() + pay.person_offsets[p + 1];
      std::sort(first, last, [&](int32_t a, int32_t b) {
        auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
        if (pay.program[ua] != pay.program[ub]) {
          return s.programs[static_cast<size_t>(pay.program[ua])].code <
                 s.programs[static_cast<size_t>(pay.program[ub])].code;
        }
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
    for (size_t i = 0; i < rows; ++i) {
      Program& prog = s.programs[static_cast<size_t>(pay.program[i])];
      int32_t period = pay.period[i];
      if (period != kNone && (prog.earliest_period == kNone || period < prog.earliest_period)) {
        prog.earliest_period = period;
      }
    }
  }
  return s;
}

}  // namespace qf::engine
