// Snapshot: every table of the store loaded once, in bulk, into columnar memory for the rules.
//
// People are dense integers (PersonId): every ID number seen in any table is interned, so the
// rules index plain vectors instead of hashing strings. Dates are days since 1970-01-01, periods
// are Period::Code() integers, money is integer fen. Households and kinship are CSR adjacency
// lists; payments are grouped by person and sorted (program, period, payment_id) within a person.
//
//   auto snap = qf::engine::LoadSnapshot(db);
//   for (int32_t p = 0; p < snap->PersonCount(); ++p)
//     for (int32_t row : snap->payments.RowsOf(p)) ...
//
// A loaded Snapshot is immutable; any number of threads may read it at once.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "engine/interner.h"
#include "store/database.h"

namespace qf::engine {

// The canonical tables (spec/dataset.md). A rule declares the ones it needs.
enum class Table : uint8_t {
  kPersons,
  kDeaths,
  kOfficials,
  kKinship,
  kCompanies,
  kVehicles,
  kProperties,
  kPrograms,
  kEnrolments,
  kCards,
  kPayments,
  kCollectiveTransactions,
  kCollectiveContracts,
  kEnterpriseProjects,
  kProjectPayments,
  kProjectInvoices,
  kCount,
};
std::string_view TableName(Table table);

using TableMask = uint32_t;
constexpr TableMask Bit(Table table) { return TableMask{1} << static_cast<unsigned>(table); }

constexpr int32_t kNone = -1;
constexpr int32_t kNoDate = std::numeric_limits<int32_t>::min();
constexpr int32_t kOpenEnd = std::numeric_limits<int32_t>::max();
constexpr int kUnknownAge = std::numeric_limits<int>::min();

// Compressed sparse rows: the items of node i are items[offsets[i] .. offsets[i + 1]).
struct Csr {
  std::vector<int32_t> offsets;  // nodes + 1 entries
  std::vector<int32_t> items;

  std::span<const int32_t> Of(int32_t node) const {
    if (node < 0 || static_cast<size_t>(node) + 1 >= offsets.size()) return {};
    return {items.data() + offsets[static_cast<size_t>(node)],
            items.data() + offsets[static_cast<size_t>(node) + 1]};
  }
  // Groups `values[i]` under `keys[i]` (keys in [0, nodes), kNone skipped), stable.
  static Csr Build(int32_t nodes, std::span<const int32_t> keys, std::span<const int32_t> values);
};

class Bitset {
 public:
  void Resize(size_t n) { words_.resize((n + 63) / 64, 0); }
  void Set(size_t i) { words_[i / 64] |= uint64_t{1} << (i % 64); }
  bool Test(size_t i) const {
    return i / 64 < words_.size() && ((words_[i / 64] >> (i % 64)) & 1) != 0;
  }
  // The members as the snapshot file stores them (internal/sealed_io.h).
  template <typename Io, typename Self>
  static void Fields(Io& io, Self& self) {
    io(self.words_);
  }

 private:
  std::vector<uint64_t> words_;
};

// Strings stored back to back: cheaper than a std::string per row for millions of rows.
class StringColumn {
 public:
  void Push(std::string_view s) {
    bytes_.append(s);
    ends_.push_back(static_cast<int64_t>(bytes_.size()));
  }
  std::string_view operator[](size_t i) const {
    int64_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(static_cast<size_t>(begin),
                                           static_cast<size_t>(ends_[i] - begin));
  }
  size_t size() const { return ends_.size(); }
  // Reorders rows so that new row i is old row order[i].
  void Permute(std::span<const int32_t> order);
  // The members as the snapshot file stores them (internal/sealed_io.h).
  template <typename Io, typename Self>
  static void Fields(Io& io, Self& self) {
    io(self.bytes_, self.ends_);
  }

 private:
  std::string bytes_;
  std::vector<int64_t> ends_;
};

enum class ProgramCycle : uint8_t { kMonth, kQuarter, kYear, kOnce };

struct Program {
  std::string code;
  std::string name;
  bool listed = false;  // present in the programs table (payments may name unknown codes)
  bool means_tested = false;
  ProgramCycle cycle = ProgramCycle::kMonth;
  int64_t standard = -1;  // fen; -1 = not set
  int64_t max_amount = -1;
  int32_t min_age = -1;  // -1 = not set
  int32_t max_age = -1;
  std::string exclusive_group;
  int32_t earliest_period = kNone;  // smallest Period::Code of any payment of the program
};

enum class OfficialCategory : uint8_t {
  kCivilServant,       // 公务员
  kCivilServantLike,   // 参公
  kPublicInstitution,  // 事业编
  kStateEnterprise,    // 国企
  kVillageCadre,       // 村干部
  kCommunityCadre,     // 社区干部
  kOther,
};

struct Official {
  int32_t person = kNone;
  OfficialCategory category = OfficialCategory::kOther;
  int32_t community = kNone;
  int32_t start = kNoDate;
  int32_t end = kOpenEnd;
  std::string name, unit, position;

  bool IsFinanced() const { return category <= OfficialCategory::kStateEnterprise; }
  bool IsCadre() const {
    return category == OfficialCategory::kVillageCadre ||
           category == OfficialCategory::kCommunityCadre;
  }
};

struct Enrolment {
  int32_t program = kNone;
  int32_t person = kNone;
  int32_t community = kNone;
  int32_t start = kNoDate;
  int32_t end = kOpenEnd;
};

struct VehicleRow {
  int32_t person = kNone;
  bool disqualifying = false;  // 小型汽车 or 货车
  int32_t registered = kNoDate;
  std::string plate, vehicle_type;
};

struct CompanyRow {
  int32_t person = kNone;
  bool disqualifying = false;  // 法定代表人 or 股东 of a 存续 company
  bool closed = false;         // this row's status is 注销
  int32_t registered = kNoDate;
  std::string credit_code, company_name, role;
};

enum class PropertyUsage : uint8_t { kResidential, kCommercial, kOther };

struct PropertyRow {
  int32_t person = kNone;
  PropertyUsage usage = PropertyUsage::kOther;
  int32_t registered = kNoDate;
  std::string certificate_no;
};

struct TransactionRow {
  std::string txn_id;
  int32_t community = kNone;
  int32_t date = kNoDate;
  bool expense = false;  // 支
  int64_t amount = 0;
  std::string counterparty;
  std::string contract_id;  // empty when the column is absent or the cell empty (R26)
};

struct ContractRow {
  std::string contract_id;
  int32_t community = kNone;
  std::string asset;
  std::string asset_type;
  int64_t area = -1;  // in 1/10000 of the unit; -1 when unreadable or not positive
  std::string area_text;
  std::string counterparty;
  std::string counterparty_id;  // normalised; empty when missing
  int32_t start = kNoDate;
  int32_t end = kNoDate;
  int64_t annual_rent = 0;  // fen
  std::string procurement;
};

// A row of enterprise_projects (涉企项目资金). Money in fen.
struct ProjectRow {
  std::string project_id, program, department, credit_code, company_name, project_name;
  int64_t investment = 0;
  int64_t approved_amount = 0;
  std::string max_ratio;  // canonical fraction text ("0.3"); empty when not set
  int32_t applied = kNoDate;
  int32_t approved = kNoDate;
  int32_t accepted = kNoDate;            // kNoDate while not accepted
  std::string reviewer_id, approver_id;  // normalised ID numbers; empty when not given
};

struct ProjectPaymentRow {
  std::string payment_id, project_id;
  int64_t amount = 0;  // negative = reversal
  int32_t paid = kNoDate;
  bool after_acceptance = false;  // stage 验收后 (else 预拨)
};

struct ProjectInvoiceRow {
  std::string project_id, invoice_code, invoice_no, seller;
  int64_t amount = 0;
  int32_t issued = kNoDate;
};

// Payments, column by column; rows grouped by person (see RowsOf).
struct Payments {
  std::vector<int32_t> person, program, name, account, period, paid;
  std::vector<int64_t> amount;
  StringColumn payment_id;
  std::vector<int32_t> person_offsets;  // PersonCount() + 1 entries
  // Open addressing by the hash of payment_id: row + 1, 0 = empty; a power of two, at most half
  // full. Built once the rows are in their final order.
  std::vector<int32_t> id_slots;

  size_t size() const { return person.size(); }
  // The row of a payment_id, kNone when there is none.
  int32_t Find(std::string_view id) const;
  // Row indices [begin, end) of a person's payments.
  std::pair<int32_t, int32_t> RowsOf(int32_t p) const {
    return {person_offsets[static_cast<size_t>(p)], person_offsets[static_cast<size_t>(p) + 1]};
  }
};

class Snapshot {
 public:
  int32_t PersonCount() const { return ids.size(); }
  bool Has(Table table) const { return (present & Bit(table)) != 0; }
  const std::string& Id(int32_t person) const { return ids.Get(person); }
  // The persons name of a person, or "" when not in persons.
  std::string_view PersonName(int32_t person) const {
    int32_t n = person_name[static_cast<size_t>(person)];
    return n == kNone ? std::string_view() : std::string_view(names.Get(n));
  }
  bool InPersons(int32_t person) const { return in_persons.Test(static_cast<size_t>(person)); }
  // Household members (the person included); just the person when not in persons.
  std::span<const int32_t> Household(int32_t person) const;
  // One-hop kinship neighbours, either direction.
  std::span<const int32_t> Kin(int32_t person) const { return kin.Of(person); }
  // Age in whole years at `day`: persons.birth_date, else the ID's birth date when the ID is
  // valid; kUnknownAge when neither is known. Negative before the birth (a period that starts
  // before the person was born), which is below any min_age.
  int AgeAt(int32_t person, int32_t day) const;

  TableMask present = 0;  // tables with at least one row
  int32_t latest_paid = kNoDate;

  Interner ids;  // PersonId → normalised ID number
  Interner names;
  Interner communities;
  Interner accounts;
  Interner program_codes;  // index = position in `programs`
  std::vector<Program> programs;

  // Per person (size PersonCount()).
  Bitset in_persons;
  Bitset id_valid;  // passes CitizenId::Parse
  std::vector<int32_t> person_name, birth, id_birth, household, death;
  // death: the earliest death_date of the person's deaths rows (one per source), kNoDate if none.
  std::vector<std::string> death_source;  // the source of that earliest record, else empty
  std::vector<int32_t> identity;          // identity[p] == p: backs Household() outside persons
  Csr households;                         // household index → members
  Csr kin;
  // kinship.relation by (a, b) as delivered: what b is to a (配偶/父母/子女/兄弟姐妹). Evidence
  // only.
  std::map<std::pair<int32_t, int32_t>, std::string> kin_relation;
  Csr officials_of;  // person → rows of `officials`
  Csr vehicles_of, companies_of, properties_of;
  Csr cards_of;  // person → accounts held

  std::vector<Official> officials;
  std::vector<VehicleRow> vehicles;
  std::vector<CompanyRow> companies;
  std::vector<PropertyRow> properties;
  // Sorted by (person, program, start).
  std::vector<Enrolment> enrolments;
  Csr enrolments_of;  // person → rows of `enrolments`

  // Per account (size accounts.size()).
  std::vector<int32_t> card_holder;  // kNone when the account is absent from cards
  std::vector<int32_t> card_name;
  Bitset card_active;  // status 正常

  Payments payments;
  std::vector<TransactionRow> transactions;
  std::vector<ContractRow> contracts;
  // Sorted by project_id; payments by (project_id, paid, payment_id); invoices by
  // (invoice_code, invoice_no, project_id).
  std::vector<ProjectRow> projects;
  std::vector<ProjectPaymentRow> project_payments;
  std::vector<ProjectInvoiceRow> project_invoices;
};

// Loads every table with one SELECT each. Fails only when the store fails.
Result<Snapshot> LoadSnapshot(store::Database& db);

// Opens one more connection to the store `db` is connected to (store::Open of the same URL).
using ConnectionFactory = std::function<Result<std::unique_ptr<store::Database>>()>;

// New connections to the store at `url` (store::Open); none (an empty factory) for a private
// in-memory store, which another connection would see empty.
ConnectionFactory MoreConnectionsTo(const std::string& url);

// The same Snapshot, byte for byte, with the tables read by one thread per core, each extra
// thread on a connection of its own from `more_connections` (an empty factory, or one that fails,
// leaves the work to `db` alone). As with the one-connection form each table is read in a
// statement of its own, so a write committed during the load may be seen by some tables only.
Result<Snapshot> LoadSnapshot(store::Database& db, const ConnectionFactory& more_connections);

// Fast parse of the store's ISO date text; kNoDate for NULL/empty/unreadable.
int32_t ParseIsoDays(std::string_view text);

}  // namespace qf::engine
