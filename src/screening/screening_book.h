// The screenings kept from the web (发放前比对 for department and finance staff): each screened
// batch with its rows' decisions, the release of a held row with a reason, and the result file
// that goes back to the bank. Every change is an audit entry in the transaction of the change.
//
// Who: 部门联络员 (the paying department), 承办人 and 审核领导 screen; only 审核领导 releases a held
// row, with a reason. A user sees the screenings of their unit; the commission's users see all.
// ID numbers are stored encrypted (the row's) and sealed (inside evidence) and shown in full only
// to the roles that see full IDs (casework::ShowsFullIds).
//
//   ScreeningBook book(db, clock, cipher, recorder);
//   auto id = book.Screen(actor, ledger, "/tmp/upload/batch.csv", "12月低保.csv", options);
//   book.Release(approver, *id, 3, "已核实本人健在，死亡登记有误");
//   auto csv = book.DecisionsCsv(actor, *id);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/audit_log.h"
#include "casework/roles.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "screening/screen.h"
#include "store/database.h"

namespace qf::screening {

using Json = nlohmann::json;

bool CanScreen(const casework::Actor& actor);
bool CanRelease(const casework::Actor& actor);

class ScreeningBook {
 public:
  // All four are borrowed and must outlive the book.
  ScreeningBook(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                const audit::Recorder& recorder)
      : db_(db), clock_(clock), cipher_(cipher), recorder_(recorder) {}

  // Screens the batch at `path` (shown as `file_name`) against `ledger` (ScreenBatch) and keeps
  // the result, audited as "screen.run". A refused batch is kInvalidArgument whose message names
  // file, line and column; nothing is kept. Returns the screening's id.
  Result<int64_t> Screen(const casework::Actor& actor, const LedgerSnapshot& ledger,
                         const std::string& path, const std::string& file_name,
                         const ScreenOptions& options);
  // {"screenings": [{"id", "file", "screened_by", "screened_at", "rows", "held", "amount_held"}]}
  Result<Json> List(const casework::Actor& actor);
  // One screening with its rows: {"id", ..., "skipped", "rows": [{"seq", "payment_id", "name",
  // "id_number", "program_code", "period", "amount", "held", "released", "rules", "evidence",
  // "released_by", "release_reason", "released_at"}]}. kNotFound when the actor may not see it.
  Result<Json> Get(const casework::Actor& actor, int64_t screening_id);
  // Releases held row `seq` (放行) with `reason`; audited "screen.release". kPermissionDenied
  // unless 审核领导; kConflict when the row is not held or already released.
  Result<void> Release(const casework::Actor& actor, int64_t screening_id, int64_t seq,
                       const std::string& reason);
  // The file for the bank as it stands (spec/cli.md's decision format): a released row passes,
  // its evidence starting with the release. The download is audited ("screen.download").
  Result<std::string> DecisionsCsv(const casework::Actor& actor, int64_t screening_id);

 private:
  store::Database& db_;
  const Clock& clock_;
  const crypto::FieldCipher& cipher_;
  const audit::Recorder& recorder_;
};

}  // namespace qf::screening
