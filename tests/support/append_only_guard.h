// Tamper tests play a forger who holds the database's owner rights: their first step is to drop
// the triggers of migration v5 that refuse UPDATE and DELETE on audit_log.
#pragma once

#include "core/result.h"
#include "store/database.h"

namespace qf::audit::testing {

inline Result<void> LiftAppendOnlyGuard(store::Database& db) {
  if (db.Dialect() == "postgresql") {
    return db.Execute(
        "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log; "
        "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log");
  }
  return db.Execute(
      "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete");
}

}  // namespace qf::audit::testing
