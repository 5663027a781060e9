// The synthetic district in memory: every table of spec/dataset.md as plain structs indexed by
// dense integers, plus the planted ground truth. Stages fill it in order (population → registries
// → ledger → ledger plants → collective) and the writer formats it.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/date.h"
#include "core/period.h"
#include "synth/internal/rng.h"
#include "synth/synth.h"

namespace qf::synth::internal {

constexpr int kYear = 2025;  // the ledger year: payments for 2025, as-of date 2025-12-15
constexpr int32_t kNoDate = INT32_MIN;

// Days since 1970 of a y-m-d (valid by construction).
inline int32_t Ymd(int y, int m, int d) { return DaysFromCivil(y, m, d); }

enum class Relation : uint8_t { kHead, kSpouse, kChild, kParent, kSibling, kGrandchild, kOther };

struct Community {
  std::string name;
  std::string street;
  bool village = false;
};

struct Person {
  std::string id;    // normalised 18 characters
  std::string name;  // as in persons.csv
  int32_t birth = 0;
  int32_t death = kNoDate;  // deaths.csv death_date
  int32_t household = 0;
  int32_t community = 0;
  Relation relation = Relation::kHead;
  bool male = true;
  bool disabled = false;
  bool no_means = false;  // background: never on a means-tested program (officials, cadre network)
  bool used = false;      // taken by a plant or a precision case
  int card = -1;          // the active card, -1 none
};

struct Household {
  std::string id;
  int32_t community = 0;
  int32_t first = 0;  // persons [first, first + size)
  int32_t size = 0;
  bool poor = false;  // background means-tested household
  bool used = false;
  bool tekun = false;  // a single elderly person supported as 特困 instead of 低保
};

struct Kinship {
  int32_t a = 0, b = 0;
  const char* relation = "";  // what b is to a
};

struct Official {
  int32_t person = 0;     // index into persons; -1 for an official absent from persons
  int32_t external = -1;  // index into District::externals when person < 0
  std::string unit, position;
  const char* category = "";
  int32_t community = -1;  // cadres only
  int32_t start = 0;
  int32_t end = kNoDate;
  bool IsCadre() const { return community >= 0; }
};

struct CompanyRole {
  int32_t company = 0;
  int32_t person = 0;
  const char* role = "";
};

struct Company {
  std::string credit_code, name;
  int32_t registered = 0;
  bool active = true;  // 存续 / 注销
};

struct Vehicle {
  int32_t person = 0;
  std::string plate;
  const char* type = "";
  int32_t registered = 0;
};

struct Property {
  int32_t person = 0;
  std::string certificate;
  int32_t area_dm2 = 0;  // area in 0.01 m²
  const char* usage = "";
  int32_t registered = 0;
};

enum class Cycle : uint8_t { kMonthly, kQuarterly, kYearly, kOnce };

struct Program {
  const char* code;
  const char* name;
  const char* department;
  const char* domain;
  bool means_tested;
  Cycle cycle;
  int64_t standard;    // fen, 0 = not set
  int64_t max_amount;  // fen, 0 = not set
  int min_age;         // -1 = not set
  int max_age;         // -1 = not set
  const char* group;   // "" = none
  int pay_day;
};

// A person reference that may lie outside persons.csv (R11 plants): person < 0 → text id/name.
struct Enrolment {
  int32_t person = -1;
  int16_t program = 0;
  int32_t community = 0;
  int32_t start = 0;
  int32_t end = kNoDate;
  int32_t external = -1;  // index into District::externals when person < 0
};

struct Card {
  std::string account;
  int32_t person = -1;
  int32_t external = -1;
  const char* bank = "";
  int32_t opened = 0;
  bool active = true;
};

struct Payment {
  int32_t person = -1;
  int32_t external = -1;  // index into District::externals when person < 0
  int32_t period = 0;     // Period::Code()
  int32_t paid = 0;
  int64_t amount = 0;           // fen, negative = reversal
  int32_t card = -1;            // index into cards, or -1 → absent_account
  int32_t absent_account = -1;  // index into District::absent_accounts
  int32_t name_text = -1;       // index into District::texts: a name other than the person's
  int16_t program = 0;
  uint8_t batch_kind = 0;  // 0 regular, 1 supplementary, 2 reversal
};

// The dense layer's payments (Density::kReal), kept as one row per enrolment and expanded while
// writing: periods [first, last] of the program, each paid `amount` into the person's card.
struct DensePayments {
  int32_t person = 0;
  int16_t program = 0;
  int8_t first = 0, last = 0;
  int64_t amount = 0;
};

// A recipient outside persons.csv (unknown ID) or with an ID failing the check.
struct External {
  std::string id, name;
};

struct Transaction {
  int32_t community = 0;
  int32_t date = 0;
  bool income = false;
  int64_t amount = 0;
  std::string counterparty, counterparty_id, purpose, approved_by;
  std::string contract_id;  // the contract a 收 of rent belongs to (R26); empty elsewhere
};

struct Contract {
  std::string id;
  int32_t community = 0;
  std::string asset;
  const char* asset_type = "";
  int64_t area_centi = 0;  // area × 100
  std::string counterparty, counterparty_id;
  int32_t start = 0, end = 0;
  int64_t annual_rent = 0;  // fen
  const char* procurement = "";
};

// Enterprise project funds (涉企项目资金). People are indices into persons.
struct Project {
  std::string id, program, department, name;
  int32_t company = 0;  // index into companies (an absent applicant has no company_roles)
  int64_t investment = 0, approved = 0;  // fen
  std::string ratio;                     // as written: "0.3", "30%", "" = not set
  int32_t applied = 0, approved_date = 0, accepted = kNoDate;
  int32_t reviewer = -1, approver = -1;
};

struct ProjectPayment {
  int32_t project = 0;
  int64_t amount = 0;  // fen, negative = reversal
  int32_t paid = 0;
  bool after_acceptance = false;  // 验收后, else 预拨
};

struct ProjectInvoice {
  int32_t project = 0;
  std::string code, number, seller;
  int64_t amount = 0;
  int32_t issued = 0;
};

struct TruthRow {
  std::string rule, id_number, program_code, period, account_no, ref;
  friend bool operator<(const TruthRow& a, const TruthRow& b) {
    return std::tie(a.rule, a.id_number, a.program_code, a.period, a.account_no, a.ref) <
           std::tie(b.rule, b.id_number, b.program_code, b.period, b.account_no, b.ref);
  }
  friend bool operator==(const TruthRow&, const TruthRow&) = default;
};

struct District {
  uint64_t seed = 1;
  int64_t target_persons = 0;
  std::vector<Community> communities;
  std::vector<Household> households;
  std::vector<Person> persons;
  std::vector<Kinship> kinship;
  std::vector<Official> officials;
  std::vector<Company> companies;
  std::vector<CompanyRole> company_roles;
  std::vector<Vehicle> vehicles;
  std::vector<Property> properties;
  std::vector<Program> programs;
  std::vector<Enrolment> enrolments;
  std::vector<Card> cards;
  std::vector<Payment> payments;
  std::vector<DensePayments> dense;  // empty unless Density::kReal
  std::vector<std::string> texts;    // names written on payments instead of the person's
  std::vector<External> externals;
  std::vector<std::string> absent_accounts;
  std::vector<Transaction> transactions;
  std::vector<Contract> contracts;
  std::vector<Project> projects;
  std::vector<ProjectPayment> project_payments;
  std::vector<ProjectInvoice> project_invoices;
  std::vector<TruthRow> truth;
  int64_t account_counter = 0;
  int64_t plate_counter = 0;
  int64_t certificate_counter = 0;
  int64_t company_counter = 0;
  ProgressFn progress;

  int ProgramIndex(std::string_view code) const;
  int PlantCount() const;  // ledger plants per rule
  int CollectivePlantCount() const;
  // The as-of date the engine will use: the latest paid_date of the ledger.
  int32_t AsOf() const;
};

// Stages, in order. Each takes its own random stream derived from the seed.
void BuildPopulation(District& d);      // communities, households, persons, kinship
void BuildRegistries(District& d);      // officials, cadres, poor households, deaths, assets
void BuildPrograms(District& d);        // the catalogue
void BuildLedger(District& d);          // enrolments, cards, payments (clean)
void PlantLedgerProblems(District& d);  // R01–R16 and their truth
void BuildCollective(District& d);   // transactions, contracts, R17–R20 and R26 and their truth
void BuildProjects(District& d);     // enterprise projects, payments, invoices, R21–R25 and truth
void BuildDenseLedger(District& d);  // Density::kReal: more clean enrolments, cards and `dense`
Result<std::map<std::string, int64_t>> WriteDistrict(const District& d, bool noise,
                                                     const std::filesystem::path& dir);

// Helpers shared by the stages.
int AgeOn(int32_t birth, int32_t day);  // whole years
Period MakePeriod(Cycle cycle, int year, int index);
std::string NewAccount(District& d, Rng& rng, const char* bank);
int AddCard(District& d, Rng& rng, int32_t person, int32_t opened);

// Kinship partners of every person (both directions).
std::vector<std::vector<int32_t>> KinshipAdjacency(const District& d);
// The broad reading of "relatives" of `person` (and the person): their household, the kinship
// partners of any household member, and the households of those partners. Background data keeps
// everything in this set away from what the narrow reading would flag, so both readings agree.
std::vector<int32_t> BroadRelatives(const District& d, const std::vector<std::vector<int32_t>>& kin,
                                    int32_t person);

}  // namespace qf::synth::internal
