// The store's query helpers (store/query.h) under the names the casework files use.
#pragma once

#include "store/query.h"

namespace qf::casework::internal {
using store::Exec;
using store::Insert;
using store::Query;
using store::QueryInt;
using store::QueryText;
}  // namespace qf::casework::internal
