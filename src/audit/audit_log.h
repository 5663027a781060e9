// The audit log: every state change (who, when, what, before and after) and every read of a
// restricted item, appended to `audit_log` as a keyed chain. An entry's link is HMAC-SM3, under the
// chain key of the key file (crypto::ChainKey, never in the database), over its content and its
// predecessor's link, so editing, deleting, reordering or forging any row breaks the chain from
// that row on — even for someone who can write the database and recompute hashes, because they lack
// the key. Deleting the newest entries leaves an intact but shorter chain: anchors (anchor.h) kept
// outside the database catch that.
//
//   // inside the transaction that makes the change, so the change and its entry commit together:
//   audit::Append(db, clock, cipher.chain_key(),
//                 {.actor = "wangwu", .action = "clue.create", .entity = "clue",
//                  .entity_id = "17", .before = "", .after = json_text});
//   auto report = audit::Verify(db, key, anchors);  // report->ok, ->first_broken_seq, ->problem
//
// Entries never hold a plain ID number: callers pass the masked form.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/anchor.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::audit {

struct Entry {
  std::string actor = {};   // username; "cli"/"cli:<os user>"; "system"; citizens: "public" etc.
  std::string action = {};  // "clue.create", "clue.read_restricted", "user.login_failed" ...
  std::string entity = {};  // "clue", "case", "user" ...
  std::string entity_id = {};
  std::string before = {};  // JSON text of the state before ("" for a creation or a read)
  std::string after = {};   // JSON text of the state after
};

struct StoredEntry {
  int64_t seq = 0;
  std::string at;
  Entry entry;
  std::string prev_hash;
  std::string hash;
};

// Appends one entry after the current last one. Call it inside the caller's write transaction
// (the write lock serialises writers, so two appends never share a predecessor); returns the
// entry's seq.
Result<int64_t> Append(store::Database& db, const Clock& clock, const crypto::ChainKey& key,
                       const Entry& entry);

// One entry with no before-image (`after` its JSON text): inside the caller's transaction, or in
// a transaction of its own when `alone` (for what changes no table: a download, a read).
Result<void> RecordAfter(store::Database& db, const Clock& clock, const crypto::ChainKey& key,
                         std::string actor, std::string action, std::string entity,
                         std::string entity_id, std::string after, bool alone);

// The clock and key a subsystem appends with, for code that has no casework service at hand
// (imports, comparison runs, exports). Both are borrowed and must outlive the recorder.
class Recorder {
 public:
  Recorder(const Clock& clock, const crypto::ChainKey& key) : clock_(clock), key_(key) {}
  // Append(db, clock, key, entry): call it inside the transaction of the change.
  Result<int64_t> Append(store::Database& db, const Entry& entry) const;
  // Append in a transaction of its own, for what changes no table (an export, a download, a read
  // of a restricted item, the key file's creation).
  Result<int64_t> AppendAlone(store::Database& db, const Entry& entry) const;

 private:
  const Clock& clock_;
  const crypto::ChainKey& key_;
};

// The link of an entry given its predecessor's link: HMAC-SM3 over the length-prefixed fields.
std::string Link(const crypto::ChainKey& key, const std::string& prev_hash, int64_t seq,
                 const std::string& at, const Entry& entry);

struct VerifyReport {
  bool ok = true;
  int64_t entries = 0;           // entries checked
  int64_t anchors = 0;           // anchors checked
  int64_t first_broken_seq = 0;  // 0 when ok
  std::string problem;           // Chinese, naming the entry and what does not match
};

// Recomputes the chain from seq 1 and stops at the first broken entry; then checks every anchor
// (the entry it names exists and has its link: a tail deleted below the newest anchor is caught),
// and that a store holding data has the entries its data implies (an emptied or shortened log).
Result<VerifyReport> Verify(store::Database& db, const crypto::ChainKey& key,
                            std::span<const Anchor> anchors);

// Entries with seq > after_seq, oldest first, at most `limit`.
Result<std::vector<StoredEntry>> List(store::Database& db, int64_t after_seq, int64_t limit);

// The entries about one entity ("clue", "17"), oldest first, at most `limit`: the history a
// detail page shows (流转记录).
Result<std::vector<StoredEntry>> ListFor(store::Database& db, std::string_view entity,
                                         std::string_view entity_id, int64_t limit = 500);

// The newest entry's seq, link and time; seq 0 when the log is empty.
Result<Anchor> Head(store::Database& db);

}  // namespace qf::audit
