// LedgerVersion; see ledger_version.h.
#include "engine/ledger_version.h"

namespace qf::engine {

Result<LedgerVersion> ReadLedgerVersion(store::Database& db) {
  auto st = db.Prepare(
      "SELECT (SELECT COUNT(*) FROM approval_applications WHERE status = 'completed'), "
      "import_id, sha256 || ' ' || imported_at FROM (SELECT 1) AS one LEFT JOIN "
      "(SELECT import_id, sha256, imported_at FROM import_log ORDER BY import_id DESC LIMIT 1) "
      "AS last ON TRUE");
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  LedgerVersion v;
  if (*row) {
    v.completed_applications = (*st)->Int(0);
    if (!(*st)->IsNull(1)) v.last_import = (*st)->Int(1);
    if (!(*st)->IsNull(2)) v.last_import_file = std::string((*st)->TextView(2));
  }
  return v;
}

std::string LedgerVersion::Key() const {
  return std::to_string(last_import) + " " + last_import_file + " " +
         std::to_string(completed_applications);
}

}  // namespace qf::engine
