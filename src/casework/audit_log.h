// The audit log: every change to casework data (who, when, what, before and after) and every
// read of a restricted item, appended to `audit_log` as a chain of SM3 hashes. An entry's hash
// covers its content and the previous entry's hash, so editing, deleting or reordering any row
// breaks the chain from that row on, and VerifyAuditLog names the first broken entry.
//
//   // inside the transaction that makes the change, so the change and its entry commit together:
//   AppendAudit(db, clock, {.actor = "wangwu", .action = "clue.create", .entity = "clue",
//                           .entity_id = "17", .before = "", .after = json_text});
//   auto report = VerifyAuditLog(db);   // report->ok, report->first_broken_seq, report->problem
//
// Entries never hold a plain ID number: callers pass the masked form.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "casework/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::casework {

struct AuditEntry {
  std::string actor;   // username, or "cli" / "system"
  std::string action;  // "clue.create", "clue.read_restricted", "user.login_failed" ...
  std::string entity;  // "clue", "case", "user" ...
  std::string entity_id;
  std::string before;  // JSON text of the state before ("" for a creation or a read)
  std::string after;   // JSON text of the state after
};

struct StoredAuditEntry {
  int64_t seq = 0;
  std::string at;
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;
};

// Appends one entry after the current last one. Call it inside the caller's write transaction
// (BEGIN IMMEDIATE serialises writers, so two appends never share a predecessor); returns the
// entry's seq.
Result<int64_t> AppendAudit(store::Database& db, const Clock& clock, const AuditEntry& entry);

// The hash of an entry given its predecessor's hash: SM3 over the length-prefixed fields.
std::string AuditHash(const std::string& prev_hash, int64_t seq, const std::string& at,
                      const AuditEntry& entry);

struct AuditVerifyReport {
  bool ok = true;
  int64_t entries = 0;           // entries checked
  int64_t first_broken_seq = 0;  // 0 when ok
  std::string problem;           // Chinese, naming the entry and what does not match
};

// Recomputes the chain from the first entry. Stops at the first broken entry.
Result<AuditVerifyReport> VerifyAuditLog(store::Database& db);

// Entries with seq > after_seq, oldest first, at most `limit`.
Result<std::vector<StoredAuditEntry>> ListAudit(store::Database& db, int64_t after_seq, int limit);

}  // namespace qf::casework
