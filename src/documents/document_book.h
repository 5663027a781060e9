// DocumentBook: the 文书 of clues and cases (谈话函询记录, 初核报告, 立案决定书, 监察建议书 …).
// Each type (document_types.h) has a 文号 prefix and versioned templates in the store; issuing a
// document renders the current version over the item's data and gives it the next number of
// its type and Beijing year (清监立〔2026〕3号) — the counter bumped in the transaction that
// inserts the document and its audit entry, so two concurrent issuances never share a number.
//
// Who: documents are issued by those who work the item (a clue: who may propose or approve its
// disposal; a case: who may update or close it — 承办人, 审核领导, 干部监督室 for restricted
// items), only in the states the type names. Everyone who may see the item reads its documents; ID
// numbers in them are stored sealed and opened for the reader (casework/sealed_text.h). Templates
// are edited by 审核领导 only: the formal wording is the leadership's to sign off, and
// administrators (三员分立) never handle case content. Every edit is a new version; none is ever
// overwritten.
//
//   DocumentBook book(db, clock, cipher, service, catalog);
//   book.EnsureTemplates();                                    // at start-up
//   auto issued = book.Issue(handler, "case", 7, "filing");    // {"id", "number"}
//   auto doc = book.Get(reader, (*issued)["id"]);
//
// Thread safety: like the casework service, one book per thread (or request).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "casework/casework_service.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "documents/document_types.h"
#include "store/database.h"

namespace qf::documents {

using Json = nlohmann::json;

inline constexpr size_t kMaxTemplateBytes = 20000;

// Whether the actor may edit templates (审核领导).
bool CanEditTemplates(const casework::Actor& actor);

class DocumentBook {
 public:
  // All are borrowed and must outlive the book.
  DocumentBook(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
               casework::CaseworkService& service, const DocumentCatalog& catalog)
      : db_(db), clock_(clock), cipher_(cipher), service_(service), catalog_(catalog) {}

  // Stores the shipped template as version 1 of every type that has no version yet, audited
  // "document_template.seed" by "system". Returns how many were seeded.
  Result<int> EnsureTemplates();

  // ---- Templates --------------------------------------------------------------------------
  // {"templates": [{"code", "name", "prefix", "entity", "version", "edited_by", "edited_at"}],
  //  "can_edit"}; any business role (administrators: kPermissionDenied).
  Result<Json> ListTemplates(const casework::Actor& actor);
  // One type with its current body and every version: {"code", "name", "prefix", "entity",
  // "states", "version", "body", "versions": [{"version", "edited_by", "edited_at", "note"}]}.
  // `version` 0 = the current one.
  Result<Json> GetTemplate(const casework::Actor& actor, std::string_view code,
                           int64_t version = 0);
  // Stores `body` as the type's next version (审核领导; a template that does not parse, is empty,
  // longer than kMaxTemplateBytes or unchanged is kInvalidArgument), audited
  // "document_template.edit". `base_version` is the version the editor started from: when
  // someone saved another since, the edit is kConflict and nothing is stored, so no one's wording
  // is replaced unseen. Returns {"code", "version"}.
  Result<Json> EditTemplate(const casework::Actor& actor, std::string_view code,
                            const std::string& body, const std::string& note, int64_t base_version);

  // ---- Documents ----------------------------------------------------------------------------
  // The documents of a clue or case and the types the actor may issue on it now:
  // {"documents": [{"id", "number", "name", "issued_by", "issued_at", "template_version"}],
  //  "issuable": [{"code", "name"}]}. kNotFound when the actor may not see the item.
  Result<Json> ListFor(const casework::Actor& actor, std::string_view entity, int64_t id);
  // Issues a document of type `code` on the item, audited "document.issue" on the item.
  // kNotFound (item or type), kPermissionDenied (not one who works it), kConflict (the item's
  // state or disposal is not the type's), kInvalidArgument (the type is for the other entity).
  // Returns {"id", "number"}.
  Result<Json> Issue(const casework::Actor& actor, std::string_view entity, int64_t id,
                     std::string_view code);
  // One document, its text opened for the reader: {"id", "number", "name", "body", "entity",
  // "entity_id", "template_version", "issued_by", "issued_at", "issued_date", "authority"}.
  // kNotFound when the actor may not see its item.
  Result<Json> Get(const casework::Actor& actor, int64_t document_id);

 private:
  Result<Json> IssuableTypes(std::string_view entity, int64_t id);
  Result<int64_t> NextSerial(const std::string& code, int year);

  store::Database& db_;
  const Clock& clock_;
  const crypto::FieldCipher& cipher_;
  casework::CaseworkService& service_;
  const DocumentCatalog& catalog_;
};

}  // namespace qf::documents
