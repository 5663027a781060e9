// Early-return macros for Result<T>, for code that chains many fallible steps (the services'
// database work). Each returns the failing step's error from the enclosing function.
#pragma once

#include <utility>

#include "core/result.h"

// Evaluates `expr` (a Result); on failure returns its error from the enclosing function.
#define QF_RETURN_IF_ERROR(expr)                                 \
  do {                                                           \
    auto qf_result_ = (expr);                                    \
    if (!qf_result_) return std::unexpected(qf_result_.error()); \
  } while (false)

#define QF_CONCAT_INNER(a, b) a##b
#define QF_CONCAT(a, b) QF_CONCAT_INNER(a, b)
// `QF_ASSIGN_OR_RETURN(auto x, Foo());` declares x as Foo()'s value or returns its error.
#define QF_ASSIGN_OR_RETURN(lhs, expr) \
  QF_ASSIGN_OR_RETURN_IMPL(QF_CONCAT(qf_result_, __LINE__), lhs, expr)
#define QF_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)            \
  auto tmp = (expr);                                        \
  if (!tmp) return std::unexpected(std::move(tmp).error()); \
  lhs = std::move(*tmp)
