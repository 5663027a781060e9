// Every member of a Snapshot, in the order the snapshot file stores them (snapshot_file.cpp).
// One list serves both directions: `io(member...)` writes the members for a writer and fills
// them for a reader, so the two can never disagree on the order.
//
// A member added to Snapshot (or to one of its row types) must be added here as well; the size
// assertions below fail the build until it is, and kFormat in snapshot_file.cpp must then move so
// that files of the old layout are refused.
#pragma once

#include <concepts>
#include <type_traits>

#include "engine/internal/table_parts.h"
#include "engine/snapshot.h"

namespace qf::engine::internal {

// `Row` is `T` or `const T`: the writer sees const rows, the reader mutable ones.
template <typename Row, typename T>
concept RowOf = std::same_as<std::remove_const_t<Row>, T>;

template <typename Io, RowOf<Program> R>
void Fields(Io& io, R& r) {
  io(r.code, r.name, r.listed, r.means_tested, r.cycle, r.standard, r.max_amount, r.min_age,
     r.max_age, r.exclusive_group, r.earliest_period);
}

template <typename Io, RowOf<Official> R>
void Fields(Io& io, R& r) {
  io(r.person, r.category, r.community, r.start, r.end, r.name, r.unit, r.position);
}

template <typename Io, RowOf<VehicleRow> R>
void Fields(Io& io, R& r) {
  io(r.person, r.disqualifying, r.registered, r.plate, r.vehicle_type);
}

template <typename Io, RowOf<CompanyRow> R>
void Fields(Io& io, R& r) {
  io(r.person, r.disqualifying, r.closed, r.registered, r.credit_code, r.company_name, r.role);
}

template <typename Io, RowOf<PropertyRow> R>
void Fields(Io& io, R& r) {
  io(r.person, r.usage, r.registered, r.certificate_no);
}

template <typename Io, RowOf<Enrolment> R>
void Fields(Io& io, R& r) {
  io(r.program, r.person, r.community, r.start, r.end);
}

template <typename Io, RowOf<TransactionRow> R>
void Fields(Io& io, R& r) {
  io(r.txn_id, r.community, r.date, r.expense, r.amount, r.counterparty, r.contract_id);
}

template <typename Io, RowOf<ContractRow> R>
void Fields(Io& io, R& r) {
  io(r.contract_id, r.community, r.asset, r.asset_type, r.area, r.area_text, r.counterparty,
     r.counterparty_id, r.start, r.end, r.annual_rent, r.procurement);
}

template <typename Io, RowOf<ProjectRow> R>
void Fields(Io& io, R& r) {
  io(r.project_id, r.program, r.department, r.credit_code, r.company_name, r.project_name,
     r.investment, r.approved_amount, r.max_ratio, r.applied, r.approved, r.accepted, r.reviewer_id,
     r.approver_id);
}

template <typename Io, RowOf<ProjectPaymentRow> R>
void Fields(Io& io, R& r) {
  io(r.payment_id, r.project_id, r.amount, r.paid, r.after_acceptance);
}

template <typename Io, RowOf<ProjectInvoiceRow> R>
void Fields(Io& io, R& r) {
  io(r.project_id, r.invoice_code, r.invoice_no, r.seller, r.amount, r.issued);
}

template <typename Io, RowOf<Csr> R>
void Fields(Io& io, R& r) {
  io(r.offsets, r.items);
}

template <typename Io, RowOf<Payments> R>
void Fields(Io& io, R& r) {
  io(r.person, r.program, r.name, r.account, r.period, r.paid, r.amount, r.payment_id,
     r.person_offsets, r.id_slots);
}

template <typename Io, RowOf<Snapshot> S>
void Fields(Io& io, S& s) {
  io(s.present, s.latest_paid, s.ids, s.names, s.communities, s.accounts, s.program_codes,
     s.programs);
  io(s.in_persons, s.id_valid, s.person_name, s.birth, s.id_birth, s.household, s.death,
     s.death_source, s.identity, s.households, s.kin, s.kin_relation);
  io(s.officials_of, s.vehicles_of, s.companies_of, s.properties_of, s.cards_of);
  io(s.officials, s.vehicles, s.companies, s.properties, s.enrolments, s.enrolments_of);
  io(s.card_holder, s.card_name, s.card_active, s.payments);
  io(s.transactions, s.contracts, s.projects, s.project_payments, s.project_invoices);
}

// The tables as read, before they are joined (table_parts.h): the snapshot file's part files.
template <typename Io, RowOf<ProgramsPart> P>
void Fields(Io& io, P& p) {
  io(p.rows);
}

template <typename Io, RowOf<PersonsPart> P>
void Fields(Io& io, P& p) {
  io(p.ids, p.names, p.households, p.id, p.name, p.birth, p.household);
}

template <typename Io, RowOf<DeathsPart> P>
void Fields(Io& io, P& p) {
  io(p.ids, p.id, p.day, p.source);
}

template <typename Io, RowOf<OfficialsPart> P>
void Fields(Io& io, P& p) {
  io(p.ids, p.communities, p.rows);
}

template <typename Io, RowOf<KinshipPart> P>
void Fields(Io& io, P& p) {
  io(p.ids, p.a, p.b, p.relation);
}

template <typename Io, typename P>
requires RowOf<P, PersonRowsPart<CompanyRow>> || RowOf<P, PersonRowsPart<VehicleRow>> ||
    RowOf<P, PersonRowsPart<PropertyRow>>
void Fields(Io& io, P& p) { io(p.ids, p.rows); }

template <typename Io, RowOf<EnrolmentsPart> P>
void Fields(Io& io, P& p) {
  io(p.programs, p.ids, p.communities, p.rows);
}

template <typename Io, RowOf<CardsPart> P>
void Fields(Io& io, P& p) {
  io(p.accounts, p.ids, p.names, p.account, p.holder, p.name, p.active);
}

template <typename Io, RowOf<PaymentsPart> P>
void Fields(Io& io, P& p) {
  io(p.programs, p.ids, p.names, p.accounts, p.columns, p.latest_paid);
}

template <typename Io, typename P>
requires RowOf<P, TransactionsPart> || RowOf<P, ContractsPart>
void Fields(Io& io, P& p) { io(p.communities, p.rows); }

// The row count and the part of `table` in `parts` (TableParts or const TableParts).
template <typename Io, typename Parts>
void TableFields(Io& io, Parts& parts, Table table) {
  io(parts.rows[static_cast<size_t>(table)]);
  switch (table) {
    case Table::kPersons:
      return io(parts.persons);
    case Table::kDeaths:
      return io(parts.deaths);
    case Table::kOfficials:
      return io(parts.officials);
    case Table::kKinship:
      return io(parts.kinship);
    case Table::kCompanies:
      return io(parts.companies);
    case Table::kVehicles:
      return io(parts.vehicles);
    case Table::kProperties:
      return io(parts.properties);
    case Table::kPrograms:
      return io(parts.programs);
    case Table::kEnrolments:
      return io(parts.enrolments);
    case Table::kCards:
      return io(parts.cards);
    case Table::kPayments:
      return io(parts.payments);
    case Table::kCollectiveTransactions:
      return io(parts.transactions);
    case Table::kCollectiveContracts:
      return io(parts.contracts);
    case Table::kEnterpriseProjects:
      return io(parts.projects);
    case Table::kProjectPayments:
      return io(parts.project_payments);
    case Table::kProjectInvoices:
      return io(parts.project_invoices);
    case Table::kCount:
      return;
  }
}

// The layouts the lists above were written for (x86-64, libstdc++).
static_assert(sizeof(Program) == 136);
static_assert(sizeof(Official) == 120);
static_assert(sizeof(VehicleRow) == 80);
static_assert(sizeof(CompanyRow) == 112);
static_assert(sizeof(PropertyRow) == 48);
static_assert(sizeof(Enrolment) == 20);
static_assert(sizeof(TransactionRow) == 120);
static_assert(sizeof(ContractRow) == 256);
static_assert(sizeof(ProjectRow) == 320);
static_assert(sizeof(ProjectPaymentRow) == 80);
static_assert(sizeof(ProjectInvoiceRow) == 144);
static_assert(sizeof(Payments) == 272);
static_assert(sizeof(Snapshot) == 1504);
static_assert(sizeof(PersonsPart) == 240);
static_assert(sizeof(DeathsPart) == 120);
static_assert(sizeof(OfficialsPart) == 120);
static_assert(sizeof(KinshipPart) == 120);
static_assert(sizeof(EnrolmentsPart) == 168);
static_assert(sizeof(CardsPart) == 240);
static_assert(sizeof(PaymentsPart) == 472);
static_assert(sizeof(TableParts) == 2064);

}  // namespace qf::engine::internal
