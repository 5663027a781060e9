// AttachmentStore: the evidence files (证据附件) of clues and cases. Each upload is stored with its
// SHA-256 — the bytes base64 in the store's own row, so that the file, its hash and its audit
// entry commit in one transaction, are backed up with the database and behave the same on SQLite
// and PostgreSQL (docs/documents.md says why not a folder). Every download recomputes the hash and
// refuses a file that no longer matches it.
//
// Who: 承办人, 审核领导 and 干部监督室 upload and download the files of an item they may see (the
// casework service's visibility, restricted items included: to others such an item and its files
// do not exist); 受理员 and 部门联络员 may not. Every upload ("attachment.upload") and download
// ("attachment.download", committed before the bytes are handed out) is audited on the item. An ID
// number in a file's name or note is stored sealed and shown by the reader's role, as elsewhere.
//
//   AttachmentStore files(db, clock, cipher, service);
//   auto id = files.Upload(handler, "clue", 7, {.name = "银行流水.pdf", .bytes = data},
//   "银行流水"); auto file = files.Download(handler, *id);     // file->bytes, file->sha256
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "casework/casework_service.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::documents {

using Json = nlohmann::json;

// Per file; the web server's request limit (20 MiB) leaves room for the form around it.
inline constexpr size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

struct AttachmentFile {
  std::string name;  // the base name as uploaded
  std::string content_type = "application/octet-stream";
  std::string bytes;
  std::string sha256 = {};  // lower-case hex; set by the store
};

// Whether the actor's role handles evidence at all (承办人, 审核领导, 干部监督室).
bool CanHandleAttachments(const casework::Actor& actor);

class AttachmentStore {
 public:
  // All are borrowed and must outlive the store.
  AttachmentStore(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                  casework::CaseworkService& service)
      : db_(db), clock_(clock), cipher_(cipher), service_(service) {}

  // Stores `file` on the item; kInvalidArgument for an empty file, a missing name or one larger
  // than kMaxAttachmentBytes; kPermissionDenied / kNotFound as above. Returns the attachment id.
  Result<int64_t> Upload(const casework::Actor& actor, std::string_view entity, int64_t id,
                         const AttachmentFile& file, const std::string& note);
  // {"attachments": [{"id", "name", "size", "sha256", "note", "uploaded_by", "uploaded_at"}],
  //  "can_upload"}: listed to everyone who may see the item; `can_upload` also says who may
  // download.
  Result<Json> ListFor(const casework::Actor& actor, std::string_view entity, int64_t id);
  // The file, its hash verified (a mismatch is kInternal, audited "attachment.integrity_failed",
  // and no bytes), the download audited first.
  Result<AttachmentFile> Download(const casework::Actor& actor, int64_t attachment_id);

  // The same three for records of a ledger above this library that the casework service does not
  // know (entity "activity"): the caller has already decided that `actor` may see the record
  // (`id`), and these check the rest — the evidence role, the file, the hash — and audit alike.
  // DownloadFrom answers kNotFound for a file that is not of that record.
  Result<int64_t> UploadTo(const casework::Actor& actor, std::string_view entity, int64_t id,
                           const AttachmentFile& file, const std::string& note);
  Result<Json> ListOf(const casework::Actor& actor, std::string_view entity, int64_t id);
  Result<AttachmentFile> DownloadFrom(const casework::Actor& actor, std::string_view entity,
                                      int64_t id, int64_t attachment_id);

 private:
  // Loads, checks `may_see(entity, entity_id)` (else kNotFound), the role, the hash; audits.
  Result<AttachmentFile> Fetch(const casework::Actor& actor, int64_t attachment_id,
                               const std::function<bool(const std::string&, int64_t)>& may_see);

  store::Database& db_;
  const Clock& clock_;
  const crypto::FieldCipher& cipher_;
  casework::CaseworkService& service_;
};

}  // namespace qf::documents
