// The pre-check: copy the applicant's rows into a scratch store, add the hypothetical approval,
// run the engine's rules unchanged.
#include "approval/precheck.h"

#include <algorithm>
#include <set>

#include "approval/internal/sql.h"
#include "core/period.h"
#include "engine/check.h"
#include "engine/rule.h"
#include "engine/snapshot.h"
#include "store/migrations.h"

namespace qf::approval {
namespace {

using internal::Exec;
using internal::Query;

// One canonical table: its columns (spec/dataset.md), which of them are integers.
struct TableColumns {
  std::string_view table;
  std::vector<std::string_view> columns;
  std::set<std::string_view> integers;
};

const TableColumns kPersons{"persons",
                            {"id_number", "name", "sex", "birth_date", "region_code", "community",
                             "household_id", "relation"},
                            {}};
const TableColumns kDeaths{"deaths", {"id_number", "name", "death_date", "source"}, {}};
const TableColumns kOfficials{
    "officials",
    {"id_number", "name", "unit", "position", "category", "community", "start_date", "end_date"},
    {}};
const TableColumns kKinship{"kinship", {"id_number_a", "id_number_b", "relation"}, {}};
const TableColumns kCompanies{
    "companies",
    {"credit_code", "company_name", "id_number", "name", "role", "registered_date", "status"},
    {}};
const TableColumns kVehicles{
    "vehicles", {"plate", "id_number", "name", "vehicle_type", "registered_date"}, {}};
const TableColumns kProperties{
    "properties",
    {"certificate_no", "id_number", "name", "area_m2", "usage", "registered_date"},
    {}};
const TableColumns kPrograms{"programs",
                             {"code", "name", "department", "domain", "means_tested", "period",
                              "standard", "max_amount", "min_age", "max_age", "exclusive_group"},
                             {"means_tested", "standard", "max_amount", "min_age", "max_age"}};
const TableColumns kEnrolments{
    "enrolments", {"program_code", "id_number", "name", "community", "start_date", "end_date"}, {}};
const TableColumns kCards{
    "cards", {"account_no", "id_number", "name", "bank", "opened_date", "status"}, {}};
const TableColumns kPayments{"payments",
                             {"payment_id", "batch_no", "program_code", "id_number", "name",
                              "account_no", "amount", "period", "paid_date"},
                             {"amount"}};

std::string Joined(const std::vector<std::string_view>& columns) {
  std::string out;
  for (std::string_view c : columns) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

// Copies the rows of `t` where `where` holds (one `?` bound to `value`, or none when empty).
Result<void> CopyRows(store::Database& from, store::Database& to, const TableColumns& t,
                      const std::string& where, const std::string& value) {
  std::string columns = Joined(t.columns);
  std::string select = "SELECT " + columns + " FROM " + std::string(t.table);
  if (!where.empty()) select += " WHERE " + where;
  QF_ASSIGN_OR_RETURN(auto read, from.Prepare(select));
  if (!where.empty()) read->Bind(1, value);
  std::string marks;
  for (size_t i = 0; i < t.columns.size(); ++i) marks += i == 0 ? "?" : ", ?";
  QF_ASSIGN_OR_RETURN(auto write, to.Prepare("INSERT OR IGNORE INTO " + std::string(t.table) + "(" +
                                             columns + ") VALUES (" + marks + ")"));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, read->Step());
    if (!row) break;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      int column = static_cast<int>(i);
      if (read->IsNull(column)) {
        write->BindNull(column + 1);
      } else if (t.integers.contains(t.columns[i])) {
        write->Bind(column + 1, read->Int(column));
      } else {
        write->Bind(column + 1, read->Text(column));
      }
    }
    QF_RETURN_IF_ERROR(write->Run());
  }
  return {};
}

Result<std::vector<std::string>> Strings(store::Database& db, std::string_view sql,
                                         const std::string& value) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, value));
  std::vector<std::string> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (!st->IsNull(0)) out.push_back(st->Text(0));
  }
  return out;
}

// The first period after `as_of` in the program's cycle (spec/dataset.md: 月 / 季 / 年 / 一次).
Period FirstPeriod(std::string_view cycle, Date as_of) {
  int year = as_of.year(), month = as_of.month();
  if (cycle == "季" || cycle == "quarter") {
    int quarter = (month - 1) / 3 + 1;
    return quarter == 4 ? Period::Quarter(year + 1, 1) : Period::Quarter(year, quarter + 1);
  }
  if (cycle == "年" || cycle == "year") return Period::Year(year + 1);
  return Period::Month(year, month).NextMonth();
}

struct ProgramFacts {
  std::string cycle, exclusive_group;
  int64_t amount = 1;  // the hypothetical payment: standard, else max_amount, else 1 fen
};

Result<std::optional<ProgramFacts>> LoadProgram(store::Database& db, const std::string& code) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db,
                                     "SELECT period, COALESCE(exclusive_group, ''), standard, "
                                     "max_amount FROM programs WHERE code = ?",
                                     code));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<ProgramFacts>();
  ProgramFacts facts;
  facts.cycle = st->Text(0);
  facts.exclusive_group = st->Text(1);
  if (!st->IsNull(2) && st->Int(2) > 0) {
    facts.amount = st->Int(2);
  } else if (!st->IsNull(3) && st->Int(3) > 0) {
    facts.amount = st->Int(3);
  }
  return std::optional<ProgramFacts>(std::move(facts));
}

// Adds the rows approval would create, and the payments the applicant's other open enrolments in
// the same exclusive group would receive for the same period.
Result<void> AddHypothetical(store::Database& scratch, const PrecheckRequest& r,
                             const ProgramFacts& program, const Period& period) {
  std::string first = period.First().ToString();
  std::string today = r.as_of.ToString();
  QF_RETURN_IF_ERROR(
      Exec(scratch,
           "INSERT OR IGNORE INTO enrolments(program_code, id_number, name, community, "
           "start_date, end_date) VALUES (?, ?, ?, ?, ?, NULL)",
           r.program_code, r.id_number, r.name, r.community, first));
  QF_RETURN_IF_ERROR(
      Exec(scratch,
           "INSERT OR IGNORE INTO cards(account_no, id_number, name, bank, opened_date, "
           "status) VALUES (?, ?, ?, ?, ?, '正常')",
           r.account_no, r.id_number, r.name, r.bank, today));
  QF_RETURN_IF_ERROR(
      Exec(scratch,
           "INSERT INTO payments(payment_id, batch_no, program_code, id_number, name, "
           "account_no, amount, period, paid_date) VALUES (?, '拟发放', ?, ?, ?, ?, ?, "
           "?, ?)",
           r.reference + "-拟发放", r.program_code, r.id_number, r.name, r.account_no,
           program.amount, period.ToString(), first));
  if (program.exclusive_group.empty()) return {};
  QF_ASSIGN_OR_RETURN(
      auto others, Query(scratch,
                         "SELECT e.program_code, "
                         " (SELECT amount FROM payments p WHERE p.id_number = e.id_number AND "
                         "  p.program_code = e.program_code ORDER BY p.paid_date DESC LIMIT 1), "
                         " (SELECT account_no FROM payments p WHERE p.id_number = e.id_number AND "
                         "  p.program_code = e.program_code ORDER BY p.paid_date DESC LIMIT 1), "
                         " pr.standard "
                         "FROM enrolments e JOIN programs pr ON pr.code = e.program_code "
                         "WHERE e.id_number = ? AND pr.exclusive_group = ? AND e.program_code <> ? "
                         "AND (e.end_date IS NULL OR e.end_date = '' OR e.end_date >= ?)",
                         r.id_number, program.exclusive_group, r.program_code, first));
  struct Other {
    std::string code, account;
    int64_t amount;
  };
  std::vector<Other> rows;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, others->Step());
    if (!row) break;
    int64_t amount = !others->IsNull(1) && others->Int(1) > 0   ? others->Int(1)
                     : !others->IsNull(3) && others->Int(3) > 0 ? others->Int(3)
                                                                : 1;
    std::string account = others->IsNull(2) ? r.account_no : others->Text(2);
    rows.push_back({others->Text(0), account, amount});
  }
  for (const Other& other : rows) {
    QF_RETURN_IF_ERROR(Exec(scratch,
                            "INSERT OR IGNORE INTO payments(payment_id, batch_no, program_code, "
                            "id_number, name, account_no, amount, period, paid_date) VALUES (?, "
                            "'拟发放', ?, ?, ?, ?, ?, ?, ?)",
                            r.reference + "-续发-" + other.code, other.code, r.id_number, r.name,
                            other.account, other.amount, period.ToString(), first));
  }
  return {};
}

// Whether a finding is about this application: the applicant in this program (R08: a pair that
// includes it), or, for R05, the declared account.
bool Concerns(const engine::Finding& f, const PrecheckRequest& r) {
  if (f.rule == "R05") return f.account_no == r.account_no;
  if (f.id_number != r.id_number) return false;
  std::string_view codes = f.program_code;
  while (!codes.empty()) {
    size_t plus = codes.find('+');
    if (codes.substr(0, plus) == r.program_code) return true;
    codes = plus == std::string_view::npos ? std::string_view() : codes.substr(plus + 1);
  }
  return false;
}

}  // namespace

Result<std::vector<engine::Finding>> RunPrecheck(store::Database& ledger,
                                                 const PrecheckRequest& request,
                                                 const ApprovalConfig& config) {
  const std::string& id = request.id_number;
  QF_ASSIGN_OR_RETURN(auto program, LoadProgram(ledger, request.program_code));
  if (!program) {
    return Fail(ErrorCode::kNotFound, "补贴项目 " + request.program_code + " 不在项目表中");
  }
  QF_ASSIGN_OR_RETURN(auto scratch, store::Open("sqlite::memory:"));
  QF_RETURN_IF_ERROR(store::Migrate(*scratch));
  auto tx = scratch->Begin();
  if (!tx) return std::unexpected(tx.error());

  // Who the rules look at: the household, the kin, the card's holder and everyone paid into it.
  QF_ASSIGN_OR_RETURN(auto households,
                      Strings(ledger, "SELECT household_id FROM persons WHERE id_number = ?", id));
  std::string household = households.empty() ? request.household_id : households.front();
  std::set<std::string> members{id}, people{id};
  if (!household.empty()) {
    QF_ASSIGN_OR_RETURN(
        auto rows,
        Strings(ledger, "SELECT id_number FROM persons WHERE household_id = ?", household));
    members.insert(rows.begin(), rows.end());
  }
  people.insert(members.begin(), members.end());
  for (std::string_view sql : {"SELECT id_number_b FROM kinship WHERE id_number_a = ?",
                               "SELECT id_number_a FROM kinship WHERE id_number_b = ?"}) {
    QF_ASSIGN_OR_RETURN(auto rows, Strings(ledger, sql, id));
    people.insert(rows.begin(), rows.end());
  }
  for (std::string_view sql : {"SELECT id_number FROM cards WHERE account_no = ?",
                               "SELECT DISTINCT id_number FROM payments WHERE account_no = ?"}) {
    QF_ASSIGN_OR_RETURN(auto rows, Strings(ledger, sql, request.account_no));
    people.insert(rows.begin(), rows.end());
  }

  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kPrograms, "", ""));
  for (const std::string& person : people) {
    for (const TableColumns* t : {&kPersons, &kDeaths, &kOfficials}) {
      QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, *t, "id_number = ?", person));
    }
  }
  for (const std::string& member : members) {
    for (const TableColumns* t : {&kCompanies, &kVehicles, &kProperties}) {
      QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, *t, "id_number = ?", member));
    }
  }
  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kKinship, "id_number_a = ?", id));
  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kKinship, "id_number_b = ?", id));
  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kEnrolments, "id_number = ?", id));
  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kCards, "id_number = ?", id));
  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kCards, "account_no = ?", request.account_no));
  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kPayments, "id_number = ?", id));
  QF_RETURN_IF_ERROR(CopyRows(ledger, *scratch, kPayments, "account_no = ?", request.account_no));

  Period period = FirstPeriod(program->cycle, request.as_of);
  QF_RETURN_IF_ERROR(AddHypothetical(*scratch, request, *program, period));
  QF_RETURN_IF_ERROR((*tx)->Commit());

  QF_ASSIGN_OR_RETURN(engine::Snapshot snapshot, engine::LoadSnapshot(*scratch));
  std::vector<const engine::RuleSpec*> rules;
  for (const std::string& rule_id : config.precheck_rules) {
    if (const engine::RuleSpec* rule = engine::FindRule(rule_id)) rules.push_back(rule);
  }
  engine::Evaluation evaluation =
      engine::Evaluate(snapshot, rules, config.thresholds, request.as_of.days(), 1);
  std::vector<engine::Finding> kept;
  for (engine::Finding& f : evaluation.findings) {
    if (!Concerns(f, request)) continue;
    f.fingerprint = engine::Fingerprint(f);
    kept.push_back(std::move(f));
  }
  return kept;
}

}  // namespace qf::approval
