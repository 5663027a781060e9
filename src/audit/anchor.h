// Anchors: the audit log's newest (seq, link, time), written from time to time to an append-only
// file outside the database (and printable for a paper record). A chain that verifies proves no
// entry was changed; only an anchor proves none was cut off its end: whoever deletes the newest
// entries cannot also unprint the anchor that named them.
//
//   auto head = audit::Head(db);                        // {seq, hash, entry_at}
//   audit::AppendAnchor(path, *head, clock);             // one line, fsync'ed
//   auto anchors = audit::ReadAnchors(path);             // every line, oldest first
//
// The file is plain text, one anchor a line:
//   qingfeng-anchor v1 seq=1234 hash=<64 hex> entry_at=2026-12-06T02:00:00Z anchored_at=...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace qf::audit {

struct Anchor {
  int64_t seq = 0;          // 0: the log was empty
  std::string hash;         // the entry's link
  std::string entry_at;     // the entry's time (UTC, ISO 8601)
  std::string anchored_at;  // when the anchor was written
  int64_t line = 0;         // line in the anchor file (ReadAnchors)
};

// "qingfeng-anchor v1 seq=… hash=… entry_at=… anchored_at=…" (no newline).
std::string FormatAnchor(const Anchor& anchor);

// Appends `head` stamped with the clock's now to the file at `path` (created 0600, parent folders
// 0700; opened O_APPEND, fsync'ed before returning). Returns the line written.
Result<std::string> AppendAnchor(const std::string& path, Anchor head, const Clock& clock);

// Every anchor in the file, oldest first; an absent file holds none. kInvalidArgument names the
// line that is not an anchor (a damaged file is itself evidence of tampering).
Result<std::vector<Anchor>> ReadAnchors(const std::string& path);

// Where the anchors are kept: $QINGFENG_ANCHOR_FILE if set; else beside the key file at
// `key_file` (crypto::DefaultKeyFilePath, or serve's --key-file) as qingfeng.anchors.
std::string DefaultAnchorFilePath(const std::string& key_file);

}  // namespace qf::audit
