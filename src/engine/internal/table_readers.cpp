// One reader per canonical table: a SELECT and what each row becomes (table_parts.h).
#include <string>
#include <string_view>

#include "core/citizen_id.h"
#include "core/period.h"
#include "engine/internal/table_parts.h"
#include "store/query.h"

namespace qf::engine::internal {
namespace {

using store::ForEachRow;

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

// Interns through a one-entry memo: consecutive rows often repeat a value (a person's payments,
// a program's enrolments), and comparing with the last text is cheaper than a hash probe.
class MemoInterner {
 public:
  explicit MemoInterner(Interner& interner) : interner_(interner) {}
  int32_t Intern(std::string_view text) {
    if (last_ < 0 || interner_.Get(last_) != text) last_ = interner_.Intern(text);
    return last_;
  }

 private:
  Interner& interner_;
  int32_t last_ = -1;
};

// Canonical period text → Period::Code(), parsed once per distinct text.
class PeriodCodes {
 public:
  int32_t Code(std::string_view text) {
    int32_t i = texts_.Intern(text);
    if (static_cast<size_t>(i) == codes_.size()) {
      auto parsed = Period::Parse(text);
      codes_.push_back(parsed ? parsed->Code() : kNone);
    }
    return codes_[static_cast<size_t>(i)];
  }

 private:
  Interner texts_;
  std::vector<int32_t> codes_;
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

Result<int64_t> ReadPrograms(store::Database& db, ProgramsPart& out) {
  return ForEachRow(db,
                    "SELECT code, name, means_tested, period, standard, max_amount, min_age, "
                    "max_age, exclusive_group FROM programs",
                    [&](const store::Statement& st) {
                      Program& p = out.rows.emplace_back();
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
}

Result<int64_t> ReadPersons(store::Database& db, PersonsPart& out) {
  return ForEachRow(db, "SELECT id_number, name, birth_date, household_id FROM persons",
                    [&](const store::Statement& st) {
                      out.id.push_back(out.ids.Intern(st.TextView(0)));
                      out.name.push_back(out.names.Intern(st.TextView(1)));
                      out.birth.push_back(DateOr(st, 2, kNoDate));
                      out.household.push_back(out.households.Intern(st.TextView(3)));
                    });
}

Result<int64_t> ReadDeaths(store::Database& db, DeathsPart& out) {
  return ForEachRow(db, "SELECT id_number, death_date, source FROM deaths",
                    [&](const store::Statement& st) {
                      out.id.push_back(out.ids.Intern(st.TextView(0)));
                      out.day.push_back(DateOr(st, 1, kNoDate));
                      out.source.emplace_back(st.TextView(2));
                    });
}

Result<int64_t> ReadOfficials(store::Database& db, OfficialsPart& out) {
  return ForEachRow(
      db,
      "SELECT id_number, name, unit, position, category, community, start_date, end_date "
      "FROM officials",
      [&](const store::Statement& st) {
        Official& o = out.rows.emplace_back();
        o.person = out.ids.Intern(st.TextView(0));
        o.name = st.TextView(1);
        o.unit = st.TextView(2);
        o.position = st.TextView(3);
        o.category = ParseCategory(st.TextView(4));
        std::string_view community = st.IsNull(5) ? std::string_view() : st.TextView(5);
        o.community = community.empty() ? kNone : out.communities.Intern(community);
        o.start = DateOr(st, 6, kNoDate);
        o.end = DateOr(st, 7, kOpenEnd);
      });
}

Result<int64_t> ReadKinship(store::Database& db, KinshipPart& out) {
  return ForEachRow(db, "SELECT id_number_a, id_number_b, relation FROM kinship",
                    [&](const store::Statement& st) {
                      int32_t a = out.ids.Intern(st.TextView(0));
                      int32_t b = out.ids.Intern(st.TextView(1));
                      if (a == b) return;
                      out.a.push_back(a);
                      out.b.push_back(b);
                      out.relation.emplace_back(st.TextView(2));
                    });
}

Result<int64_t> ReadCompanies(store::Database& db, PersonRowsPart<CompanyRow>& out) {
  return ForEachRow(db,
                    "SELECT credit_code, company_name, id_number, role, registered_date, status "
                    "FROM companies",
                    [&](const store::Statement& st) {
                      CompanyRow& c = out.rows.emplace_back();
                      c.credit_code = st.TextView(0);
                      c.company_name = st.TextView(1);
                      c.person = out.ids.Intern(st.TextView(2));
                      c.role = st.TextView(3);
                      c.registered = DateOr(st, 4, kNoDate);
                      c.closed = st.TextView(5) == "注销";
                      c.disqualifying = (c.role == "法定代表人" || c.role == "股东") && !c.closed;
                    });
}

Result<int64_t> ReadVehicles(store::Database& db, PersonRowsPart<VehicleRow>& out) {
  return ForEachRow(db, "SELECT id_number, plate, vehicle_type, registered_date FROM vehicles",
                    [&](const store::Statement& st) {
                      VehicleRow& v = out.rows.emplace_back();
                      v.person = out.ids.Intern(st.TextView(0));
                      v.plate = st.TextView(1);
                      v.vehicle_type = st.TextView(2);
                      v.disqualifying = v.vehicle_type == "小型汽车" || v.vehicle_type == "货车";
                      v.registered = DateOr(st, 3, kNoDate);
                    });
}

Result<int64_t> ReadProperties(store::Database& db, PersonRowsPart<PropertyRow>& out) {
  return ForEachRow(db, "SELECT id_number, certificate_no, usage, registered_date FROM properties",
                    [&](const store::Statement& st) {
                      PropertyRow& p = out.rows.emplace_back();
                      p.person = out.ids.Intern(st.TextView(0));
                      p.certificate_no = st.TextView(1);
                      std::string_view usage = st.TextView(2);
                      p.usage = usage == "住宅"   ? PropertyUsage::kResidential
                                : usage == "商业" ? PropertyUsage::kCommercial
                                                  : PropertyUsage::kOther;
                      p.registered = DateOr(st, 3, kNoDate);
                    });
}

Result<int64_t> ReadEnrolments(store::Database& db, EnrolmentsPart& out) {
  MemoInterner programs(out.programs), communities(out.communities);
  return ForEachRow(
      db, "SELECT program_code, id_number, community, start_date, end_date FROM enrolments",
      [&](const store::Statement& st) {
        Enrolment& e = out.rows.emplace_back();
        e.program = programs.Intern(st.TextView(0));
        e.person = out.ids.Intern(st.TextView(1));
        e.community = communities.Intern(st.TextView(2));
        e.start = DateOr(st, 3, kNoDate);
        e.end = DateOr(st, 4, kOpenEnd);
      });
}

Result<int64_t> ReadCards(store::Database& db, CardsPart& out) {
  return ForEachRow(db, "SELECT account_no, id_number, name, status FROM cards",
                    [&](const store::Statement& st) {
                      out.account.push_back(out.accounts.Intern(st.TextView(0)));
                      out.holder.push_back(out.ids.Intern(st.TextView(1)));
                      out.name.push_back(out.names.Intern(st.TextView(2)));
                      out.active.push_back(st.TextView(3) == "正常" ? 1 : 0);
                    });
}

Result<int64_t> ReadPayments(store::Database& db, PaymentsPart& out) {
  Payments& pay = out.columns;
  MemoInterner programs(out.programs), ids(out.ids), names(out.names), accounts(out.accounts);
  PeriodCodes periods;
  return ForEachRow(db,
                    "SELECT payment_id, program_code, id_number, name, account_no, amount, "
                    "period, paid_date FROM payments",
                    [&](const store::Statement& st) {
                      pay.payment_id.Push(st.TextView(0));
                      pay.program.push_back(programs.Intern(st.TextView(1)));
                      pay.person.push_back(ids.Intern(st.TextView(2)));
                      pay.name.push_back(names.Intern(st.TextView(3)));
                      pay.account.push_back(accounts.Intern(st.TextView(4)));
                      pay.amount.push_back(st.Int(5));
                      pay.period.push_back(periods.Code(st.TextView(6)));
                      int32_t paid = DateOr(st, 7, kNoDate);
                      pay.paid.push_back(paid);
                      if (paid != kNoDate && paid > out.latest_paid) out.latest_paid = paid;
                    });
}

Result<int64_t> ReadTransactions(store::Database& db, TransactionsPart& out) {
  return ForEachRow(db,
                    "SELECT txn_id, community, date, direction, amount, counterparty, contract_id "
                    "FROM collective_transactions",
                    [&](const store::Statement& st) {
                      TransactionRow& t = out.rows.emplace_back();
                      t.txn_id = st.TextView(0);
                      t.community = out.communities.Intern(st.TextView(1));
                      t.date = DateOr(st, 2, kNoDate);
                      t.expense = st.TextView(3) == "支";
                      t.amount = st.Int(4);
                      t.counterparty = st.TextView(5);
                      t.contract_id = TextOrEmpty(st, 6);
                    });
}

Result<int64_t> ReadContracts(store::Database& db, ContractsPart& out) {
  return ForEachRow(
      db,
      "SELECT contract_id, community, asset_type, area, counterparty, counterparty_id, "
      "start_date, end_date, annual_rent, procurement, asset FROM collective_contracts",
      [&](const store::Statement& st) {
        ContractRow& c = out.rows.emplace_back();
        c.contract_id = st.TextView(0);
        c.community = out.communities.Intern(st.TextView(1));
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
      });
}

Result<int64_t> ReadProjects(store::Database& db, std::vector<ProjectRow>& out) {
  return ForEachRow(
      db,
      "SELECT project_id, program, department, credit_code, company_name, project_name, "
      "investment, approved_amount, max_ratio, apply_date, approved_date, accepted_date, "
      "reviewer_id, approver_id FROM enterprise_projects",
      [&](const store::Statement& st) {
        ProjectRow& p = out.emplace_back();
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
      });
}

Result<int64_t> ReadProjectPayments(store::Database& db, std::vector<ProjectPaymentRow>& out) {
  return ForEachRow(db,
                    "SELECT payment_id, project_id, amount, paid_date, stage FROM project_payments",
                    [&](const store::Statement& st) {
                      ProjectPaymentRow& p = out.emplace_back();
                      p.payment_id = st.TextView(0);
                      p.project_id = st.TextView(1);
                      p.amount = st.Int(2);
                      p.paid = DateOr(st, 3, kNoDate);
                      p.after_acceptance = st.TextView(4) == "验收后";
                    });
}

Result<int64_t> ReadProjectInvoices(store::Database& db, std::vector<ProjectInvoiceRow>& out) {
  return ForEachRow(db,
                    "SELECT project_id, invoice_code, invoice_no, seller, amount, issue_date "
                    "FROM project_invoices",
                    [&](const store::Statement& st) {
                      ProjectInvoiceRow& v = out.emplace_back();
                      v.project_id = st.TextView(0);
                      v.invoice_code = st.TextView(1);
                      v.invoice_no = st.TextView(2);
                      v.seller = st.TextView(3);
                      v.amount = st.Int(4);
                      v.issued = DateOr(st, 5, kNoDate);
                    });
}

Result<int64_t> Read(store::Database& db, Table table, TableParts& parts) {
  switch (table) {
    case Table::kPersons:
      return ReadPersons(db, parts.persons);
    case Table::kDeaths:
      return ReadDeaths(db, parts.deaths);
    case Table::kOfficials:
      return ReadOfficials(db, parts.officials);
    case Table::kKinship:
      return ReadKinship(db, parts.kinship);
    case Table::kCompanies:
      return ReadCompanies(db, parts.companies);
    case Table::kVehicles:
      return ReadVehicles(db, parts.vehicles);
    case Table::kProperties:
      return ReadProperties(db, parts.properties);
    case Table::kPrograms:
      return ReadPrograms(db, parts.programs);
    case Table::kEnrolments:
      return ReadEnrolments(db, parts.enrolments);
    case Table::kCards:
      return ReadCards(db, parts.cards);
    case Table::kPayments:
      return ReadPayments(db, parts.payments);
    case Table::kCollectiveTransactions:
      return ReadTransactions(db, parts.transactions);
    case Table::kCollectiveContracts:
      return ReadContracts(db, parts.contracts);
    case Table::kEnterpriseProjects:
      return ReadProjects(db, parts.projects);
    case Table::kProjectPayments:
      return ReadProjectPayments(db, parts.project_payments);
    case Table::kProjectInvoices:
      return ReadProjectInvoices(db, parts.project_invoices);
    case Table::kCount:
      break;
  }
  return 0;
}

}  // namespace

Result<void> ReadTable(store::Database& db, Table table, TableParts& parts) {
  auto rows = Read(db, table, parts);
  if (!rows) {
    return std::unexpected(
        rows.error().WithContext("读取 " + std::string(TableName(table)) + " 表"));
  }
  parts.rows[static_cast<size_t>(table)] = *rows;
  return {};
}

}  // namespace qf::engine::internal
