// Database: the store's one seam. SQLite (embedded, default) and PostgreSQL implement it; callers
// never see which. Statements use `?` placeholders (the PostgreSQL backend rewrites them to $n).
//
//   auto db = qf::store::Open("sqlite:var/qingfeng.db");
//   auto tx = (*db)->Begin();
//   auto st = (*db)->Prepare("INSERT INTO deaths(id_number, name) VALUES (?, ?)");
//   st->Bind(1, "110105194912310029"); st->Bind(2, "张三");
//   st->Run();                         // Result<void>
//   tx->Commit();
//
//   auto q = (*db)->Prepare("SELECT id_number, death_date FROM deaths");
//   while (auto row = q->Step()) { if (!*row) break; q->Text(0); q->Int(1); }
//
// Bulk writes: prepare a statement once, then Bind + Run it per row inside one Transaction. Run
// leaves the statement ready to be re-bound; Bind after a Step loop resets the statement itself.
//
// Ownership: Statements and Transactions borrow their Database and must be destroyed before it.
// Transactions do not nest: Begin while one is open fails with kDatabase (no savepoints).
// Errors: every failure is ErrorCode::kDatabase with a Chinese message that includes the backend's
// own message and the SQL (abbreviated), except a malformed URL in Open (kInvalidArgument).
//
// Thread safety: a Database object is used by one thread at a time; open one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::store {

class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are 1-based. Binding std::nullopt binds NULL.
  virtual void Bind(int index, int64_t value) = 0;
  virtual void Bind(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  void Bind(int index, const std::optional<std::string>& v) {
    if (v) Bind(index, std::string_view(*v)); else BindNull(index);
  }
  void Bind(int index, const std::optional<int64_t>& v) {
    if (v) Bind(index, *v); else BindNull(index);
  }
  void Bind(int index, std::nullopt_t) { BindNull(index); }
  // Without these a std::string or a char literal would be ambiguous between the overloads above.
  void Bind(int index, const std::string& value) { Bind(index, std::string_view(value)); }
  void Bind(int index, const char* value) { Bind(index, std::string_view(value)); }
  void Bind(int index, int value) { Bind(index, static_cast<int64_t>(value)); }
  // A Bind that fails (index out of range ...) is reported by the next Step or Run.

  // Bind without copying, for bulk loops: `value` must stay valid and unchanged until this
  // execution ends (Run returns, Step returns false or an error, or Reset). The binding lasts for
  // that one execution; afterwards the parameter reads NULL until bound again.
  virtual void BindView(int index, std::string_view value) { Bind(index, value); }

  // Advances to the next row: true when a row is available, false when done.
  virtual Result<bool> Step() = 0;
  // Runs a statement that returns no rows, to completion; then it may be re-bound and re-run.
  virtual Result<void> Run() = 0;
  // Resets to run again with new bindings (bindings are cleared).
  virtual void Reset() = 0;

  // Column accessors of the current row, 0-based.
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  // NULL reads as 0 / "". Text copies; TextView does not and is valid only until the next Step,
  // Run, Reset or Bind of this statement (use it in hot loops).
  virtual std::string Text(int column) const = 0;
  virtual std::string_view TextView(int column) const = 0;
  // Number of rows changed by the last Run() (INSERT/UPDATE/DELETE).
  virtual int64_t Changes() const = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Result<void> Commit() = 0;
  // Destroying an uncommitted transaction rolls it back.
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) = 0;
  // Runs one or more statements without results (DDL).
  virtual Result<void> Execute(std::string_view sql) = 0;
  // Starts a write transaction (SQLite: BEGIN IMMEDIATE, so a concurrent writer waits up to the
  // busy timeout here rather than failing at the first write). Fails if one is already open.
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;
  // The key of the row most recently inserted into a table with an INTEGER PRIMARY KEY
  // (import_log.import_id, check_runs.run_id).
  virtual int64_t LastInsertId() const = 0;
  // "sqlite" or "postgresql": for the few places where SQL differs by dialect.
  virtual std::string_view Dialect() const = 0;
};

// Opens a store by URL: "sqlite:PATH", "sqlite::memory:", or "postgresql://...". Creates the
// directory of a SQLite file when missing. Does not migrate: call Migrate (migrations.h).
Result<std::unique_ptr<Database>> Open(std::string_view url);

// The URL as it may be shown to a user or logged: a password (postgresql://user:PASSWORD@host)
// is replaced by "***".
std::string DisplayUrl(std::string_view url);

}  // namespace qf::store
