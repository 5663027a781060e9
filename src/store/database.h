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
  void Bind(int index, const char* value) { Bind(index, std::string_view(value)); }
  void Bind(int index, int value) { Bind(index, static_cast<int64_t>(value)); }

  // Advances to the next row: true when a row is available, false when done.
  virtual Result<bool> Step() = 0;
  // Runs a statement that returns no rows, to completion; then it may be re-bound and re-run.
  virtual Result<void> Run() = 0;
  // Resets to run again with new bindings (bindings are cleared).
  virtual void Reset() = 0;

  // Column accessors of the current row, 0-based.
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
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
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;
  // "sqlite" or "postgresql": for the few places where SQL differs by dialect.
  virtual std::string_view Dialect() const = 0;
};

// Opens a store by URL: "sqlite:PATH", "sqlite::memory:", or "postgresql://...". Creates the
// directory of a SQLite file when missing. Does not migrate: call Migrate (migrations.h).
Result<std::unique_ptr<Database>> Open(std::string_view url);

}  // namespace qf::store
