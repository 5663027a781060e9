// WithStatementCache: a Database that keeps finished statements for reuse, for servers that run
// the same few queries on every request (compiling SQL cost the public self-check a sixth of its
// time). Prepare hands out an idle statement of the same SQL text when there is one, reset and
// with its bindings cleared; destroying the returned Statement gives it back instead of
// finalizing it.
//
//   auto db = store::WithStatementCache(*store::Open(url));
//   for (...) { auto st = db->Prepare("SELECT ..."); ... }   // compiled once
//
// At most `max_statements` idle statements are kept; past that the cache starts again empty
// (a server's SQL texts are few; ad-hoc filters may add some). Same threading and ownership rules
// as any Database: statements end before the Database, one thread at a time.
#pragma once

#include <cstddef>
#include <memory>

#include "store/database.h"

namespace qf::store {

std::unique_ptr<Database> WithStatementCache(std::unique_ptr<Database> db,
                                             std::size_t max_statements = 256);

}  // namespace qf::store
