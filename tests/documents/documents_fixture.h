// The casework fixture plus the shipped document catalogue, a DocumentBook and an AttachmentStore
// over the same store, the templates seeded, and the commission's handler and approver as users.
#pragma once

#include <memory>

#include "casework/casework_fixture.h"
#include "documents/attachment_store.h"
#include "documents/document_book.h"

namespace qf::documents::testing {

using casework::Actor;
using casework::Role;

class DocumentsTest : public casework::testing::CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    if (HasFatalFailure()) return;
    auto catalog = LoadDocumentCatalog("");
    ASSERT_TRUE(catalog.has_value()) << catalog.error().message();
    catalog_ = std::make_unique<DocumentCatalog>(std::move(*catalog));
    book_ = std::make_unique<DocumentBook>(*db_, clock_, cipher_, *service_, *catalog_);
    files_ = std::make_unique<AttachmentStore>(*db_, clock_, cipher_, *service_);
    auto seeded = book_->EnsureTemplates();
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message();
    handler_ = MakeActor("handler", Role::kHandler, "commission");
    approver_ = MakeActor("approver", Role::kApprover, "commission");
    intake_ = MakeActor("intake", Role::kIntake, "commission");
  }

  // Issues and expects success; returns the 文号.
  std::string IssueOk(const Actor& actor, const std::string& entity, int64_t id,
                      const std::string& code) {
    auto issued = book_->Issue(actor, entity, id, code);
    EXPECT_TRUE(issued.has_value()) << (issued ? "" : issued.error().message());
    return issued ? (*issued)["number"].get<std::string>() : "";
  }

  std::unique_ptr<DocumentCatalog> catalog_;
  std::unique_ptr<DocumentBook> book_;
  std::unique_ptr<AttachmentStore> files_;
};

}  // namespace qf::documents::testing
