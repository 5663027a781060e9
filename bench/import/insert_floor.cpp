// The import benchmark's second peer: the least SQLite itself needs to store a district's payments,
// measured with everything else taken away. The CSV file is read and split into memory first (not
// timed); then, timed, the rows go through one prepared INSERT with values bound in place
// (SQLITE_STATIC, amounts as integers), in one transaction, with no journal and no fsync:
//
//   1. into a table with no key and no index (the bare B-tree append);
//   2. into the store's own `payments` table (its TEXT PRIMARY KEY), its secondary indexes dropped
//      before and built after, as `qingfeng import` does — the time any importer writing these
//      rows into this store needs at the least.
//
// Usage: import_floor_bench PAYMENTS_CSV STORE_DB
//   STORE_DB: a fresh store made by `qingfeng init` (its schema is used; its payments are
//   replaced).
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

constexpr int kColumns = 9;  // payment_id, batch_no, program_code, id_number, name, account_no,
                             // amount, period, paid_date (the canonical file's order)
constexpr int kAmount = 6;

struct Rows {
  std::string text;                     // the whole file
  std::vector<std::string_view> cells;  // kColumns per row
  std::vector<long long> fen;           // the amount of each row in fen
  size_t count() const { return fen.size(); }
};

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "import_floor_bench: %s\n", what.c_str());
  std::exit(1);
}

long long Fen(std::string_view yuan) {  // "21800.00" -> 2180000; the canonical file has 2 decimals
  long long fen = 0;
  for (char c : yuan) {
    if (c >= '0' && c <= '9') fen = fen * 10 + (c - '0');
  }
  return fen;
}

Rows ReadCsv(const char* path) {
  Rows rows;
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(std::string("cannot read ") + path);
  rows.text.assign(std::istreambuf_iterator<char>(in), {});
  std::string_view all(rows.text);
  size_t line_start = all.find('\n') + 1;  // past the header
  while (line_start < all.size()) {
    size_t line_end = all.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = all.size();
    std::string_view line = all.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('"') != std::string_view::npos) Fail("quoted fields are not read here");
    size_t begin = 0;
    for (int column = 0; column < kColumns; ++column) {
      size_t comma = column + 1 < kColumns ? line.find(',', begin) : line.size();
      if (comma == std::string_view::npos) Fail("a row with fewer than 9 fields");
      rows.cells.push_back(line.substr(begin, comma - begin));
      begin = comma + 1;
    }
    rows.fen.push_back(Fen(rows.cells[rows.cells.size() - kColumns + kAmount]));
    line_start = line_end + 1;
  }
  return rows;
}

void Exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    Fail(sql + ": " + message);
  }
}

// The name and CREATE statement of each secondary index of `table` (what the store's schema made).
std::vector<std::pair<std::string, std::string>> SecondaryIndexes(sqlite3* db, const char* table) {
  sqlite3_stmt* st = nullptr;
  const char* sql =
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
      "AND sql IS NOT NULL ORDER BY name";
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) Fail(sqlite3_errmsg(db));
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  std::vector<std::pair<std::string, std::string>> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  }
  sqlite3_finalize(st);
  return out;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Inserts every row into `table` in one transaction; the seconds it took.
double InsertAll(sqlite3* db, const std::string& table, const Rows& rows) {
  auto start = std::chrono::steady_clock::now();
  Exec(db, "BEGIN");
  sqlite3_stmt* st = nullptr;
  std::string sql = "INSERT INTO " + table +
                    " (payment_id, batch_no, program_code, id_number, name, account_no, amount, "
                    "period, paid_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) Fail(sqlite3_errmsg(db));
  for (size_t row = 0; row < rows.count(); ++row) {
    const std::string_view* cell = &rows.cells[row * kColumns];
    for (int column = 0; column < kColumns; ++column) {
      if (column == kAmount) {
        sqlite3_bind_int64(st, column + 1, rows.fen[row]);
      } else {
        sqlite3_bind_text(st, column + 1, cell[column].data(),
                          static_cast<int>(cell[column].size()), SQLITE_STATIC);
      }
    }
    if (sqlite3_step(st) != SQLITE_DONE) Fail(sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  Exec(db, "COMMIT");
  return Seconds(start);
}

void Print(const char* what, size_t rows, double seconds) {
  std::printf("  %-58s %9zu rows %7.2f s %10.0f rows/s\n", what, rows, seconds,
              static_cast<double>(rows) / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) Fail("usage: import_floor_bench PAYMENTS_CSV STORE_DB");
  Rows rows = ReadCsv(argv[1]);
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[2], &db) != SQLITE_OK) Fail(std::string("cannot open ") + argv[2]);
  Exec(db,
       "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; "
       "PRAGMA cache_size = -262144");
  std::printf(
      "SQLite's floor for the payments alone (prepared INSERT, values bound in place, no "
      "journal, no fsync):\n");

  Exec(db,
       "CREATE TABLE bare_payments (payment_id TEXT, batch_no TEXT, program_code TEXT, "
       "id_number TEXT, name TEXT, account_no TEXT, amount INTEGER, period TEXT, paid_date TEXT)");
  Print("into a table with no key and no index", rows.count(),
        InsertAll(db, "bare_payments", rows));
  Exec(db, "DROP TABLE bare_payments");

  auto indexes = SecondaryIndexes(db, "payments");
  for (const auto& [name, sql] : indexes) Exec(db, "DROP INDEX \"" + name + "\"");
  Exec(db, "DELETE FROM payments");
  double insert = InsertAll(db, "payments", rows);
  Print("into the store's payments table (its primary key)", rows.count(), insert);
  auto start = std::chrono::steady_clock::now();
  for (const auto& [name, sql] : indexes) Exec(db, sql);
  double index = Seconds(start);
  std::printf("  %-58s %9zu      %7.2f s\n", "its secondary indexes built after", indexes.size(),
              index);
  Print("the store's payments table, keys and indexes", rows.count(), insert + index);
  sqlite3_close(db);
  return 0;
}
