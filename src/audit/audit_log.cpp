// The keyed chain of the audit log and its verification.
#include "audit/audit_log.h"

#include <fmt/format.h>

#include <vector>

#include "store/query.h"

namespace qf::audit {
namespace {

const std::string kGenesisHash(64, '0');

// Length-prefixed so that moving text from one field into its neighbour changes the link.
void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '|';
}

Result<std::unique_ptr<store::Statement>> SelectEntries(store::Database& db, int64_t after_seq,
                                                        int64_t limit) {
  return store::Query(db,
                      "SELECT seq, at, actor, action, entity, entity_id, before, after, "
                      "prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                      after_seq, limit);
}

StoredEntry ReadEntry(const store::Statement& st) {
  StoredEntry e;
  e.seq = st.Int(0);
  e.at = st.Text(1);
  e.entry = {st.Text(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6), st.Text(7)};
  e.prev_hash = st.Text(8);
  e.hash = st.Text(9);
  return e;
}

VerifyReport Broken(VerifyReport report, int64_t seq, std::string problem) {
  report.ok = false;
  report.first_broken_seq = seq;
  report.problem = std::move(problem);
  return report;
}

// Walks the chain from seq 1. Fills `links` with each entry's link (index seq - 1).
Result<VerifyReport> VerifyChain(store::Database& db, const crypto::ChainKey& key,
                                 std::vector<std::string>& links) {
  VerifyReport report;
  QF_ASSIGN_OR_RETURN(auto st, SelectEntries(db, 0, INT64_MAX));
  std::string prev = kGenesisHash;
  for (int64_t expected = 1;; ++expected) {
    QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
    if (!has_row) break;
    StoredEntry e = ReadEntry(*st);
    if (e.seq != expected) {
      return Broken(
          report, expected,
          fmt::format("审计日志第 {} 条缺失（下一条是第 {} 条）：日志被删改", expected, e.seq));
    }
    if (e.prev_hash != prev) {
      return Broken(
          report, e.seq,
          fmt::format("审计日志第 {} 条的前序链值与第 {} 条不符：日志被删改", e.seq, e.seq - 1));
    }
    if (Link(key, prev, e.seq, e.at, e.entry) != e.hash) {
      return Broken(report, e.seq,
                    fmt::format("审计日志第 {} 条（{}，{} {} {}）的内容与其 HMAC-SM3 链值不符："
                                "该条被改动或伪造过（或所用密钥文件不是本库的）",
                                e.seq, e.at, e.entry.actor, e.entry.action, e.entry.entity_id));
    }
    prev = e.hash;
    links.push_back(e.hash);
    ++report.entries;
  }
  return report;
}

// Every anchor must name an entry that exists with the anchored link.
VerifyReport CheckAnchors(VerifyReport report, const std::vector<std::string>& links,
                          std::span<const Anchor> anchors) {
  for (const Anchor& anchor : anchors) {
    if (anchor.seq == 0) {
      ++report.anchors;
      continue;
    }
    auto count = static_cast<int64_t>(links.size());
    if (anchor.seq > count) {
      return Broken(report, count + 1,
                    fmt::format("锚点（第 {} 行，{} 锚定）记录日志已有 {} 条，现在只有 {} 条："
                                "第 {} 条及其后的记录被删除",
                                anchor.line, anchor.anchored_at, anchor.seq, count, count + 1));
    }
    if (links[static_cast<size_t>(anchor.seq - 1)] != anchor.hash) {
      return Broken(report, anchor.seq,
                    fmt::format("审计日志第 {} 条与锚点（第 {} 行，{} 锚定）记录的链值不符："
                                "日志被重写",
                                anchor.seq, anchor.line, anchor.anchored_at));
    }
    ++report.anchors;
  }
  return report;
}

// Data whose every row was written together with an audit entry of `action`: a log with fewer
// such entries than rows was emptied or cut short.
struct AuditedTable {
  std::string_view table;
  std::string_view action;
  std::string_view what;
};
constexpr AuditedTable kAuditedTables[] = {
    {"import_log", "data.import", "导入记录"},
    {"check_runs", "check.run", "比对运行记录"},
    {"users", "user.create", "用户"},
    {"documents", "document.issue", "文书"},
    {"attachments", "attachment.upload", "证据附件"},
};

Result<VerifyReport> CheckDataCoverage(store::Database& db, VerifyReport report) {
  for (const AuditedTable& t : kAuditedTables) {
    QF_ASSIGN_OR_RETURN(auto rows,
                        store::QueryInt(db, fmt::format("SELECT count(*) FROM {}", t.table)));
    QF_ASSIGN_OR_RETURN(auto entries,
                        store::QueryInt(db, "SELECT count(*) FROM audit_log WHERE action = ?",
                                        std::string(t.action)));
    if (entries.value_or(0) < rows.value_or(0)) {
      return Broken(report, report.entries + 1,
                    fmt::format("库中有 {} 条{}，审计日志却只有 {} 条相应记录（{}）："
                                "审计日志被清空或截短",
                                rows.value_or(0), t.what, entries.value_or(0), t.action));
    }
  }
  return report;
}

}  // namespace

std::string Link(const crypto::ChainKey& key, const std::string& prev_hash, int64_t seq,
                 const std::string& at, const Entry& entry) {
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
  return key.MacHex(data);
}

Result<Anchor> Head(store::Database& db) {
  QF_ASSIGN_OR_RETURN(
      auto last, store::Query(db, "SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1"));
  QF_ASSIGN_OR_RETURN(bool has_last, last->Step());
  Anchor head;
  if (has_last) {
    head.seq = last->Int(0);
    head.hash = last->Text(1);
    head.entry_at = last->Text(2);
  }
  return head;
}

Result<int64_t> Append(store::Database& db, const Clock& clock, const crypto::ChainKey& key,
                       const Entry& entry) {
  QF_ASSIGN_OR_RETURN(Anchor head, Head(db));
  int64_t seq = head.seq + 1;
  std::string prev = head.seq > 0 ? head.hash : kGenesisHash;
  std::string at = IsoUtc(clock.NowSeconds());
  std::string hash = Link(key, prev, seq, at, entry);
  QF_RETURN_IF_ERROR(store::Exec(
      db,
      "INSERT INTO audit_log(seq, at, actor, action, entity, entity_id, before, after, prev_hash, "
      "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      seq, at, entry.actor, entry.action, entry.entity, entry.entity_id, entry.before, entry.after,
      prev, hash));
  return seq;
}

Result<int64_t> Recorder::Append(store::Database& db, const Entry& entry) const {
  return audit::Append(db, clock_, key_, entry);
}

Result<int64_t> Recorder::AppendAlone(store::Database& db, const Entry& entry) const {
  QF_ASSIGN_OR_RETURN(auto tx, db.Begin());
  QF_ASSIGN_OR_RETURN(int64_t seq, Append(db, entry));
  QF_RETURN_IF_ERROR(tx->Commit());
  return seq;
}

Result<void> RecordAfter(store::Database& db, const Clock& clock, const crypto::ChainKey& key,
                         std::string actor, std::string action, std::string entity,
                         std::string entity_id, std::string after, bool alone) {
  Entry entry{.actor = std::move(actor),
              .action = std::move(action),
              .entity = std::move(entity),
              .entity_id = std::move(entity_id),
              .before = "",
              .after = std::move(after)};
  Recorder recorder(clock, key);
  auto seq = alone ? recorder.AppendAlone(db, entry) : recorder.Append(db, entry);
  if (!seq) return std::unexpected(seq.error());
  return {};
}

Result<VerifyReport> Verify(store::Database& db, const crypto::ChainKey& key,
                            std::span<const Anchor> anchors) {
  std::vector<std::string> links;
  QF_ASSIGN_OR_RETURN(VerifyReport report, VerifyChain(db, key, links));
  if (!report.ok) return report;
  report = CheckAnchors(std::move(report), links, anchors);
  if (!report.ok) return report;
  return CheckDataCoverage(db, std::move(report));
}

Result<std::vector<StoredEntry>> List(store::Database& db, int64_t after_seq, int64_t limit) {
  QF_ASSIGN_OR_RETURN(auto st, SelectEntries(db, after_seq, limit));
  std::vector<StoredEntry> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
    if (!has_row) break;
    out.push_back(ReadEntry(*st));
  }
  return out;
}

Result<std::vector<StoredEntry>> ListFor(store::Database& db, std::string_view entity,
                                         std::string_view entity_id, int64_t limit) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT seq, at, actor, action, entity, entity_id, "
                                            "before, after, prev_hash, hash FROM audit_log WHERE "
                                            "entity = ? AND entity_id = ? ORDER BY seq LIMIT ?",
                                            entity, entity_id, limit));
  std::vector<StoredEntry> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool has_row, st->Step());
    if (!has_row) break;
    out.push_back(ReadEntry(*st));
  }
  return out;
}

}  // namespace qf::audit
