#include "documents/attachment_store.h"

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "documents_fixture.h"

namespace qf::documents::testing {

class AttachmentStoreTest : public DocumentsTest {
 protected:
  AttachmentFile Evidence() {
    std::string bytes = "%PDF-1.4\n";
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));  // every byte value
    return {.name = "银行流水.pdf", .content_type = "application/pdf", .bytes = bytes};
  }
};

TEST_F(AttachmentStoreTest, StoresTheHashAndGivesBackTheSameBytes) {
  int64_t clue = NewClue("commission");
  auto id = files_->Upload(handler_, "clue", clue, Evidence(), "银行流水");
  ASSERT_TRUE(id.has_value()) << id.error().message();
  auto listed = files_->ListFor(approver_, "clue", clue);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ((*listed)["attachments"].size(), 1u);
  EXPECT_EQ((*listed)["attachments"][0]["sha256"], crypto::Sha256Hex(Evidence().bytes));
  EXPECT_EQ((*listed)["attachments"][0]["size"], 265);
  auto file = files_->Download(approver_, *id);
  ASSERT_TRUE(file.has_value()) << file.error().message();
  EXPECT_EQ(file->bytes, Evidence().bytes);
  EXPECT_EQ(file->name, "银行流水.pdf");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'attachment.upload' AND actor = "
                  "'handler' AND entity = 'clue'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'attachment.download' AND "
                  "actor = 'approver'"),
            1);
}

TEST_F(AttachmentStoreTest, AnIdNumberInAFileNameIsSealedAndShownByRole) {
  using casework::testing::kCitizenA;
  int64_t clue = NewClue("commission");
  AttachmentFile file = Evidence();
  file.name = std::string(kCitizenA) + "身份证复印件.pdf";
  auto id = files_->Upload(handler_, "clue", clue, file, std::string("户主 ") + kCitizenA);
  ASSERT_TRUE(id.has_value()) << id.error().message();
  EXPECT_EQ(Count("SELECT count(*) FROM attachments WHERE file_name LIKE '%" +
                  std::string(kCitizenA) + "%' OR note LIKE '%" + kCitizenA + "%'"),
            0);
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_log WHERE after LIKE '%" + std::string(kCitizenA) + "%'"),
      0);
  auto masked = files_->ListFor(approver_, "clue", clue);
  EXPECT_EQ((*masked)["attachments"][0]["name"], "110105********1238身份证复印件.pdf");
  auto full = files_->Download(handler_, *id);
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->name, file.name);
}

TEST_F(AttachmentStoreTest, ATamperedFileIsRefusedAndTheRefusalAudited) {
  int64_t id_case = NewCase();
  auto id = files_->Upload(handler_, "case", id_case, Evidence(), "");
  ASSERT_TRUE(id.has_value());
  // "QUJD" is base64 for "ABC": decodable bytes whose hash is not the recorded one.
  ASSERT_TRUE(casework::internal::Exec(*db_, "UPDATE attachments SET data_base64 = 'QUJD'"));
  auto file = files_->Download(handler_, *id);
  ASSERT_FALSE(file.has_value());
  EXPECT_EQ(file.error().code(), ErrorCode::kInternal);
  EXPECT_NE(file.error().message().find("SHA-256"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'attachment.integrity_failed'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'attachment.download'"), 0);
}

TEST_F(AttachmentStoreTest, OnlyEvidenceRolesWhoSeeTheItemUploadAndDownload) {
  int64_t clue = NewClue("street-01");
  auto id = files_->Upload(handler_, "clue", clue, Evidence(), "");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(files_->Upload(intake_, "clue", clue, Evidence(), "").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(files_->Download(intake_, *id).error().code(), ErrorCode::kPermissionDenied);
  Actor other = MakeActor("other", Role::kHandler, "street-02");
  EXPECT_EQ(files_->Download(other, *id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(files_->ListFor(other, "clue", clue).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'attachment.download'"), 0);
}

TEST_F(AttachmentStoreTest, RefusesEmptyAndOversizedFiles) {
  int64_t clue = NewClue("commission");
  AttachmentFile empty{.name = "a.txt", .bytes = ""};
  EXPECT_EQ(files_->Upload(handler_, "clue", clue, empty, "").error().code(),
            ErrorCode::kInvalidArgument);
  AttachmentFile big{.name = "big.bin", .bytes = std::string(kMaxAttachmentBytes + 1, 'x')};
  EXPECT_EQ(files_->Upload(handler_, "clue", clue, big, "").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT count(*) FROM attachments"), 0);
}

// 灯下黑: a clue about a commission staff member exists for 干部监督室 alone, and so do its files
// and documents.
TEST_F(AttachmentStoreTest, ARestrictedClueAndItsFilesExistFor干部监督室Alone) {
  const std::string staff_id = casework::testing::AccountIdNumber(777);
  ASSERT_TRUE(service_->AddUserFromCli("qianqi", "钱七", {Role::kHandler}, "commission",
                                       "password-qianqi", staff_id));
  supervision_ = MakeActor("supervision", Role::kInternalSupervision, "commission");
  int64_t clue = NewClue("commission", {{{"name", "钱七"}, {"id_number", staff_id}}});
  auto id = files_->Upload(supervision_, "clue", clue, Evidence(), "");
  ASSERT_TRUE(id.has_value()) << id.error().message();
  for (const Actor& actor : {handler_, approver_}) {
    EXPECT_EQ(files_->ListFor(actor, "clue", clue).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(files_->Download(actor, *id).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(files_->Upload(actor, "clue", clue, Evidence(), "").error().code(),
              ErrorCode::kNotFound);
    EXPECT_EQ(book_->ListFor(actor, "clue", clue).error().code(), ErrorCode::kNotFound);
  }
  auto file = files_->Download(supervision_, *id);
  ASSERT_TRUE(file.has_value()) << file.error().message();
  EXPECT_EQ(file->bytes, Evidence().bytes);
  // A document on it is issued and read by 干部监督室, every read audited as the clue's are.
  Actor second = MakeActor("supervision2", Role::kInternalSupervision, "commission");
  ASSERT_TRUE(service_->ProposeDisposal(supervision_, clue, {{"disposal", "谈话函询"}}));
  ASSERT_TRUE(service_->DecideDisposal(second, clue, {{"decision", "approve"}}));
  auto issued = book_->Issue(supervision_, "clue", clue, "talk");
  ASSERT_TRUE(issued.has_value()) << issued.error().message();
  EXPECT_EQ(book_->Get(handler_, (*issued)["id"]).error().code(), ErrorCode::kNotFound);
  auto doc = book_->Get(second, (*issued)["id"]);
  ASSERT_TRUE(doc.has_value()) << doc.error().message();
  EXPECT_NE((*doc)["body"].get<std::string>().find(staff_id), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'document.read_restricted' AND "
                  "actor = 'supervision2'"),
            1);
}

// audit verify counts the documents and files against their entries: a log emptied of them fails.
TEST_F(AttachmentStoreTest, AuditVerifyMissesNoDocumentOrFile) {
  int64_t id = NewCase();
  ASSERT_TRUE(files_->Upload(handler_, "case", id, Evidence(), "").has_value());
  IssueOk(handler_, "case", id, "filing");
  auto intact = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(intact.has_value());
  EXPECT_TRUE(intact->ok) << intact->problem;
  ASSERT_TRUE(
      db_->Execute("INSERT INTO attachments SELECT attachment_id + 1, entity, entity_id, "
                   "file_name, content_type, size, sha256, data_base64, note, uploaded_by, "
                   "uploaded_at FROM attachments"));
  auto cut = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(cut.has_value());
  EXPECT_FALSE(cut->ok);
  EXPECT_NE(cut->problem.find("证据附件"), std::string::npos) << cut->problem;
}

}  // namespace qf::documents::testing
