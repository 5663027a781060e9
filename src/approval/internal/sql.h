// Small helpers over store::Statement for the approval services: bind a parameter pack, run, read
// one value, and early-return macros for Result.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

// Evaluates `expr` (a Result); on failure returns its error from the enclosing function.
#define QF_APPROVAL_TRY(expr)                                    \
  do {                                                           \
    auto qf_result_ = (expr);                                    \
    if (!qf_result_) return std::unexpected(qf_result_.error()); \
  } while (false)

#define QF_APPROVAL_CONCAT_INNER(a, b) a##b
#define QF_APPROVAL_CONCAT(a, b) QF_APPROVAL_CONCAT_INNER(a, b)
// `QF_APPROVAL_ASSIGN(auto x, Foo());` declares x as Foo()'s value or returns its error.
#define QF_APPROVAL_ASSIGN(lhs, expr) \
  QF_APPROVAL_ASSIGN_IMPL(QF_APPROVAL_CONCAT(qf_approval_result_, __LINE__), lhs, expr)
#define QF_APPROVAL_ASSIGN_IMPL(tmp, lhs, expr)             \
  auto tmp = (expr);                                        \
  if (!tmp) return std::unexpected(std::move(tmp).error()); \
  lhs = std::move(*tmp)

namespace qf::approval::internal {

inline void BindOne(store::Statement& st, int i, int64_t v) { st.Bind(i, v); }
inline void BindOne(store::Statement& st, int i, int v) { st.Bind(i, static_cast<int64_t>(v)); }
inline void BindOne(store::Statement& st, int i, bool v) { st.Bind(i, int64_t{v ? 1 : 0}); }
inline void BindOne(store::Statement& st, int i, std::string_view v) { st.Bind(i, v); }
inline void BindOne(store::Statement& st, int i, const std::string& v) {
  st.Bind(i, std::string_view(v));
}
inline void BindOne(store::Statement& st, int i, const char* v) { st.Bind(i, std::string_view(v)); }
inline void BindOne(store::Statement& st, int i, std::nullopt_t) { st.BindNull(i); }
inline void BindOne(store::Statement& st, int i, const std::optional<std::string>& v) {
  if (v) {
    st.Bind(i, std::string_view(*v));
  } else {
    st.BindNull(i);
  }
}

// Prepares `sql` and binds `args` to ?1, ?2, ...
template <typename... Args>
Result<std::unique_ptr<store::Statement>> Query(store::Database& db, std::string_view sql,
                                                const Args&... args) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  int i = 0;
  (BindOne(**st, ++i, args), ...);
  return std::move(*st);
}

template <typename... Args>
Result<void> Exec(store::Database& db, std::string_view sql, const Args&... args) {
  QF_APPROVAL_ASSIGN(auto st, Query(db, sql, args...));
  return st->Run();
}

// Runs an INSERT and returns the new row's INTEGER PRIMARY KEY.
template <typename... Args>
Result<int64_t> Insert(store::Database& db, std::string_view sql, const Args&... args) {
  QF_APPROVAL_TRY(Exec(db, sql, args...));
  return db.LastInsertId();
}

// The first column of the first row as an integer, or nullopt when there is no row (or NULL).
template <typename... Args>
Result<std::optional<int64_t>> QueryInt(store::Database& db, std::string_view sql,
                                        const Args&... args) {
  QF_APPROVAL_ASSIGN(auto st, Query(db, sql, args...));
  QF_APPROVAL_ASSIGN(bool has_row, st->Step());
  if (!has_row || st->IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(st->Int(0));
}

// The first column of the first row as text, or nullopt when there is no row (or NULL).
template <typename... Args>
Result<std::optional<std::string>> QueryText(store::Database& db, std::string_view sql,
                                             const Args&... args) {
  QF_APPROVAL_ASSIGN(auto st, Query(db, sql, args...));
  QF_APPROVAL_ASSIGN(bool has_row, st->Step());
  if (!has_row || st->IsNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

}  // namespace qf::approval::internal
