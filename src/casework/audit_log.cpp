// The SM3 hash chain of the audit log.
#include "casework/audit_log.h"

#include <fmt/format.h>

#include <vector>

#include "casework/crypto.h"
#include "casework/internal/sql.h"

namespace qf::casework {
namespace {

const std::string kGenesisHash(64, '0');

// Length-prefixed so that moving text from one field into its neighbour changes the hash.
void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '|';
}

}  // namespace

std::string AuditHash(const std::string& prev_hash, int64_t seq, const std::string& at,
                      const AuditEntry& entry) {
  std::string data;
  AppendField(data, prev_hash);
  AppendField(data, std::to_string(seq));
  AppendField(data, at);
  AppendField(data, entry.actor);
  AppendField(data, entry.action);
  AppendField(data, entry.entity);
  AppendField(data, entry.entity_id);
  AppendField(data, entry.before);
  AppendField(data, entry.after);
  return Sm3Hex(data);
}

Result<int64_t> AppendAudit(store::Database& db, const Clock& clock, const AuditEntry& entry) {
  QF_ASSIGN_OR_RETURN(
      auto last, internal::Query(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  QF_ASSIGN_OR_RETURN(bool has_last, last->Step());
  int64_t seq = has_last ? last->Int(0) + 1 : 1;
  std::string prev = has_last ? last->Text(1) : kGenesisHash;
  last.reset();
  std::string at = IsoUtc(clock.NowSeconds());
  std::string hash = AuditHash(prev, seq, at, entry);
  QF_RETURN_IF_ERROR(internal::Exec(
      db,
      "INSERT INTO audit_log(seq, at, actor, action, entity, entity_id, before, after, prev_hash, "
      "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      seq, at, entry.actor, entry.action, entry.entity, entry.entity_id, entry.before, entry.after,
      prev, hash));
  return seq;
}

namespace {

Result<std::unique_ptr<store::Statement>> SelectEntries(store::Database& db, int64_t after_seq,
                                                        int64_t limit) {
  return internal::Query(db,
                         "SELECT seq, at, actor, action, entity, entity_id, before, after, "
                         "prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                         after_seq, limit);
}

StoredAuditEntry ReadEntry(const store::Statement& st) {
  StoredAuditEntry e;
  e.seq = st.Int(0);
  e.at = st.Text(1);
  e.entry = {st.Text(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6), st.Text(7)};
  e.prev_hash = st.Text(8);
  e.hash = st.Text(9);
  return e;
}

}  // namespace

Result<AuditVerifyReport> VerifyAuditLog(store::Database& db) {
  AuditVerifyReport report;
  QF_ASSIGN_OR_RETURN(auto st, SelectEntries(db, 0, INT64_MAX));
  std::string prev = kGenesisHash;
  int64_t expected_seq = 1;
  auto broken = [&](int64_t seq, std::string problem) {
    report.ok = false;
    report.first_broken_seq = seq;
    report.problem = std::move(problem);
    return report;
  };
  while (true) {
    QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
    if (!has_row) break;
    StoredAuditEntry e = ReadEntry(*st);
    if (e.seq != expected_seq) {
      return broken(
          expected_seq,
          fmt::format("审计日志第 {} 条缺失（下一条是第 {} 条）：日志被删改", expected_seq, e.seq));
    }
    if (e.prev_hash != prev) {
      return broken(e.seq, fmt::format("审计日志第 {} 条的前序哈希与第 {} 条不符：日志被删改",
                                       e.seq, e.seq - 1));
    }
    if (AuditHash(prev, e.seq, e.at, e.entry) != e.hash) {
      return broken(e.seq,
                    fmt::format("审计日志第 {} 条（{}，{} {} {}）的内容与其 SM3 哈希不符："
                                "该条被改动过",
                                e.seq, e.at, e.entry.actor, e.entry.action, e.entry.entity_id));
    }
    prev = e.hash;
    ++expected_seq;
    ++report.entries;
  }
  return report;
}

Result<std::vector<StoredAuditEntry>> ListAudit(store::Database& db, int64_t after_seq, int limit) {
  QF_ASSIGN_OR_RETURN(auto st, SelectEntries(db, after_seq, limit));
  std::vector<StoredAuditEntry> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
    if (!has_row) break;
    out.push_back(ReadEntry(*st));
  }
  return out;
}

}  // namespace qf::casework
