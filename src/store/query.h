// Small helpers over store::Statement for services that write SQL by hand (casework, approval):
// bind a parameter pack to ?1, ?2, ..., run, read one value or every row.
//
//   QF_ASSIGN_OR_RETURN(auto st, store::Query(db, "SELECT name FROM t WHERE id = ?", id));
//   QF_ASSIGN_OR_RETURN(int64_t row, store::Insert(db, "INSERT INTO t(name) VALUES (?)", name));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/result_macros.h"
#include "store/database.h"

namespace qf::store {

inline void BindOne(Statement& st, int i, int64_t v) { st.Bind(i, v); }
inline void BindOne(Statement& st, int i, int v) { st.Bind(i, static_cast<int64_t>(v)); }
inline void BindOne(Statement& st, int i, bool v) { st.Bind(i, int64_t{v ? 1 : 0}); }
inline void BindOne(Statement& st, int i, std::string_view v) { st.Bind(i, v); }
inline void BindOne(Statement& st, int i, const std::string& v) { st.Bind(i, std::string_view(v)); }
inline void BindOne(Statement& st, int i, const char* v) { st.Bind(i, std::string_view(v)); }
inline void BindOne(Statement& st, int i, std::nullopt_t) { st.BindNull(i); }
inline void BindOne(Statement& st, int i, const std::optional<std::string>& v) {
  if (v) {
    st.Bind(i, std::string_view(*v));
  } else {
    st.BindNull(i);
  }
}
inline void BindOne(Statement& st, int i, const std::optional<int64_t>& v) {
  if (v) {
    st.Bind(i, *v);
  } else {
    st.BindNull(i);
  }
}

// Prepares `sql` and binds `args` to ?1, ?2, ...
template <typename... Args>
Result<std::unique_ptr<Statement>> Query(Database& db, std::string_view sql, const Args&... args) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  int i = 0;
  (BindOne(**st, ++i, args), ...);
  return std::move(*st);
}

template <typename... Args>
Result<void> Exec(Database& db, std::string_view sql, const Args&... args) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, args...));
  return st->Run();
}

// Calls `row(statement)` for every row `st` gives; returns how many there were.
template <typename RowFn>
Result<int64_t> EachRow(Statement& st, RowFn&& row) {
  int64_t count = 0;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) return count;
    row(st);
    ++count;
  }
}

// Prepares `sql` (no parameters) and calls `row(statement)` for every row; the row count.
template <typename RowFn>
Result<int64_t> ForEachRow(Database& db, std::string_view sql, RowFn&& row) {
  QF_ASSIGN_OR_RETURN(auto st, db.Prepare(sql));
  return EachRow(*st, std::forward<RowFn>(row));
}

// Runs an INSERT and returns the new row's INTEGER PRIMARY KEY.
template <typename... Args>
Result<int64_t> Insert(Database& db, std::string_view sql, const Args&... args) {
  QF_RETURN_IF_ERROR(Exec(db, sql, args...));
  return db.LastInsertId();
}

// The first column of the first row as an integer, or nullopt when there is no row (or NULL).
template <typename... Args>
Result<std::optional<int64_t>> QueryInt(Database& db, std::string_view sql, const Args&... args) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, args...));
  QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
  if (!has_row || st->IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(st->Int(0));
}

// The first column of the first row as text, or nullopt when there is no row (or NULL).
template <typename... Args>
Result<std::optional<std::string>> QueryText(Database& db, std::string_view sql,
                                             const Args&... args) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, args...));
  QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
  if (!has_row || st->IsNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

// Every row of the query, each turned into a T by `read(statement)`:
//   QF_ASSIGN_OR_RETURN(auto names, store::QueryRows<std::string>(
//       db, "SELECT name FROM t", [](const Statement& s) { return s.Text(0); }));
template <typename T, typename Read, typename... Args>
Result<std::vector<T>> QueryRows(Database& db, std::string_view sql, Read read,
                                 const Args&... args) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, sql, args...));
  std::vector<T> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
    if (!has_row) return out;
    out.push_back(read(*st));
  }
}

}  // namespace qf::store
