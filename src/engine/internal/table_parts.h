// The tables of a Snapshot as each was read, before they are joined (snapshot.cpp).
//
// Every reader (one per canonical table) interns the strings it meets in interners of its own, so
// the readers share nothing and may run on different threads and connections. MergeParts then
// folds each table's interners into the snapshot's, in the fixed table order of the catalogue, so
// that every index comes out exactly as if one thread had read the tables one after another.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/interner.h"
#include "engine/snapshot.h"
#include "store/database.h"

namespace qf::engine::internal {

struct ProgramsPart {
  std::vector<Program> rows;
};

struct PersonsPart {
  Interner ids, names, households;
  std::vector<int32_t> id, name, birth, household;  // per row
};

struct DeathsPart {
  Interner ids;
  std::vector<int32_t> id, day;
  std::vector<std::string> source;
};

struct OfficialsPart {
  Interner ids, communities;
  std::vector<Official> rows;  // person and community are local indices
};

struct KinshipPart {
  Interner ids;
  std::vector<int32_t> a, b;  // rows with a != b only
  std::vector<std::string> relation;
};

// A table of rows that name one person each (companies, vehicles, properties).
template <typename Row>
struct PersonRowsPart {
  Interner ids;
  std::vector<Row> rows;  // person is a local index
};

struct EnrolmentsPart {
  Interner programs, ids, communities;
  std::vector<Enrolment> rows;  // program, person and community are local indices
};

struct CardsPart {
  Interner accounts, ids, names;
  std::vector<int32_t> account, holder, name;
  std::vector<uint8_t> active;
};

struct PaymentsPart {
  Interner programs, ids, names, accounts;
  Payments columns;  // person, program, name and account are local indices; store order
  int32_t latest_paid = kNoDate;
};

struct TransactionsPart {
  Interner communities;
  std::vector<TransactionRow> rows;  // community is a local index
};

struct ContractsPart {
  Interner communities;
  std::vector<ContractRow> rows;  // community is a local index
};

// Everything LoadSnapshot reads, table by table, with each table's row count.
struct TableParts {
  int64_t rows[static_cast<size_t>(Table::kCount)] = {};
  ProgramsPart programs;
  PersonsPart persons;
  DeathsPart deaths;
  OfficialsPart officials;
  KinshipPart kinship;
  PersonRowsPart<CompanyRow> companies;
  PersonRowsPart<VehicleRow> vehicles;
  PersonRowsPart<PropertyRow> properties;
  EnrolmentsPart enrolments;
  CardsPart cards;
  PaymentsPart payments;
  TransactionsPart transactions;
  ContractsPart contracts;
  std::vector<ProjectRow> projects;
  std::vector<ProjectPaymentRow> project_payments;
  std::vector<ProjectInvoiceRow> project_invoices;
};

// Reads `table` from `db` into its member of `parts` and sets parts.rows[table]. Touches nothing
// else of `parts`, so different tables may be read at once on different connections. Fails only
// when the store fails (the error names the table).
Result<void> ReadTable(store::Database& db, Table table, TableParts& parts);

// Where a load may take a table's part instead of reading the store, and what hears of each part
// read from the store (the snapshot file's part files, snapshot_file.cpp). Called from the
// reading threads, each for one table at a time; either may be empty.
struct PartCache {
  std::function<bool(Table, TableParts&)> read;  // true when it filled the table's part
  std::function<void(Table, const TableParts&)> read_from_store;
};

// LoadSnapshot (snapshot.h) taking each table's part from `cache` when it has it; the number of
// tables read from the store goes to `from_store` (may be null).
Result<Snapshot> LoadSnapshot(store::Database& db, const ConnectionFactory& more_connections,
                              const PartCache& cache, int* from_store);

// The Snapshot of these tables, as LoadSnapshot builds it from what it read (the parts are used
// up). Every interned index follows from the order of each part's interners and rows.
Snapshot AssembleSnapshot(TableParts& parts);

// The per-person columns, indexes and sort orders of `s`, once every string is interned in `s`
// and the rows of persons, deaths, kinship and cards in `parts` name `s`'s indices (what
// AssembleSnapshot does after folding the parts into `s`). Uses up those four parts.
void Derive(TableParts& parts, Snapshot& s);

}  // namespace qf::engine::internal
