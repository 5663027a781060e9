#include "documents/attachment_store.h"

#include <fmt/format.h>

#include <filesystem>

#include "casework/sealed_text.h"
#include "core/layout_controls.h"
#include "core/result_macros.h"
#include "crypto/crypto.h"
#include "documents/internal/access.h"
#include "store/query.h"

namespace qf::documents {
namespace {

using casework::Actor;

Result<void> CheckUpload(const AttachmentFile& file) {
  if (file.name.empty()) return Fail(ErrorCode::kInvalidArgument, "请选择要上传的文件");
  if (file.bytes.empty()) return Fail(ErrorCode::kInvalidArgument, "文件是空的");
  if (file.bytes.size() > kMaxAttachmentBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("文件超过 {} MB，请压缩或分卷上传", kMaxAttachmentBytes >> 20));
  }
  return {};
}

// The base name as uploaded, without folders or layout control characters.
std::string CleanName(const std::string& name) {
  std::string base = std::filesystem::path(name).filename().string();
  return ReplaceLayoutControls(base);
}

// Audit entries never hold an ID number: a file named after one is masked.
Json AuditSummary(const AttachmentFile& file, int64_t attachment_id) {
  const std::string name = casework::MaskIds(file.name);
  return {{"attachment_id", attachment_id},
          {"name", name},
          {"size", file.bytes.size()},
          {"sha256", file.sha256},
          {"summary", fmt::format("{}（SHA-256 {}…）", name, file.sha256.substr(0, 16))}};
}

}  // namespace

bool CanHandleAttachments(const Actor& actor) { return internal::HandlesEvidence(actor); }

Result<int64_t> AttachmentStore::Upload(const Actor& actor, std::string_view entity, int64_t id,
                                        const AttachmentFile& file, const std::string& note) {
  QF_RETURN_IF_ERROR(internal::ActionsOn(service_, actor, entity, id));
  return UploadTo(actor, entity, id, file, note);
}

Result<int64_t> AttachmentStore::UploadTo(const Actor& actor, std::string_view entity, int64_t id,
                                          const AttachmentFile& file, const std::string& note) {
  if (!CanHandleAttachments(actor)) {
    return Fail(ErrorCode::kPermissionDenied, "您的角色无权上传证据附件");
  }
  AttachmentFile stored = file;
  stored.name = CleanName(file.name);
  QF_RETURN_IF_ERROR(CheckUpload(stored));
  stored.sha256 = crypto::Sha256Hex(stored.bytes);
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(
      int64_t attachment_id,
      store::Insert(db_,
                    "INSERT INTO attachments (entity, entity_id, file_name, content_type, size, "
                    "sha256, data_base64, note, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?)",
                    entity, id, casework::SealIds(cipher_, stored.name), stored.content_type,
                    static_cast<int64_t>(stored.bytes.size()), stored.sha256,
                    crypto::ToBase64(stored.bytes), casework::SealIds(cipher_, note),
                    actor.username, IsoUtc(clock_.NowSeconds())));
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, actor, "attachment.upload", entity,
                                     std::to_string(id), AuditSummary(stored, attachment_id)));
  QF_RETURN_IF_ERROR(tx->Commit());
  return attachment_id;
}

Result<Json> AttachmentStore::ListFor(const Actor& actor, std::string_view entity, int64_t id) {
  QF_RETURN_IF_ERROR(internal::ActionsOn(service_, actor, entity, id));
  return ListOf(actor, entity, id);
}

Result<Json> AttachmentStore::ListOf(const Actor& actor, std::string_view entity, int64_t id) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                            "SELECT attachment_id, file_name, size, sha256, note, "
                                            "uploaded_by, uploaded_at FROM attachments WHERE "
                                            "entity = ? AND entity_id = ? ORDER BY attachment_id",
                                            entity, id));
  const bool full = casework::ShowsFullIds(actor);
  Json list = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    list.push_back({{"id", st->Int(0)},
                    {"name", casework::OpenIds(cipher_, st->Text(1), full)},
                    {"size", st->Int(2)},
                    {"sha256", st->Text(3)},
                    {"note", casework::OpenIds(cipher_, st->Text(4), full)},
                    {"uploaded_by", st->Text(5)},
                    {"uploaded_at", st->Text(6)}});
  }
  return Json{{"attachments", list}, {"can_upload", CanHandleAttachments(actor)}};
}

Result<AttachmentFile> AttachmentStore::Download(const Actor& actor, int64_t attachment_id) {
  return Fetch(actor, attachment_id, [&](const std::string& entity, int64_t id) {
    return internal::ActionsOn(service_, actor, entity, id).has_value();
  });
}

Result<AttachmentFile> AttachmentStore::DownloadFrom(const Actor& actor, std::string_view entity,
                                                     int64_t id, int64_t attachment_id) {
  return Fetch(actor, attachment_id, [&](const std::string& stored_entity, int64_t stored_id) {
    return stored_entity == entity && stored_id == id;
  });
}

Result<AttachmentFile> AttachmentStore::Fetch(
    const Actor& actor, int64_t attachment_id,
    const std::function<bool(const std::string&, int64_t)>& may_see) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                            "SELECT entity, entity_id, file_name, content_type, "
                                            "sha256, data_base64 FROM attachments WHERE "
                                            "attachment_id = ?",
                                            attachment_id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  auto missing = Fail(ErrorCode::kNotFound, fmt::format("附件 {} 不存在", attachment_id));
  if (!found) return missing;
  std::string entity = st->Text(0);
  int64_t id = st->Int(1);
  AttachmentFile file{
      .name = casework::OpenIds(cipher_, st->Text(2), casework::ShowsFullIds(actor)),
      .content_type = st->Text(3),
      .bytes = "",
      .sha256 = st->Text(4)};
  std::string encoded = st->Text(5);
  st.reset();
  if (!may_see(entity, id)) return missing;
  if (!CanHandleAttachments(actor)) {
    return Fail(ErrorCode::kPermissionDenied, "您的角色无权下载证据附件");
  }
  auto bytes = crypto::FromBase64(encoded);
  if (!bytes || crypto::Sha256Hex(*bytes) != file.sha256) {
    QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, actor, "attachment.integrity_failed",
                                       entity, std::to_string(id),
                                       AuditSummary(file, attachment_id), /*alone=*/true));
    return Fail(
        ErrorCode::kInternal,
        fmt::format(
            "附件「{}」的内容与登记的 SHA-256 不符，可能已被篡改，未予下载；请联系安全管理员",
            file.name));
  }
  file.bytes = std::move(*bytes);
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, actor, "attachment.download", entity,
                                     std::to_string(id), AuditSummary(file, attachment_id),
                                     /*alone=*/true));
  return file;
}

}  // namespace qf::documents
