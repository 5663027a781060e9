// What the casework service files share: the environment, audit helpers, the unit tree, ID
// number handling (encrypt, index, mask), the commission-staff check, and loading the rows that
// permission targets are built from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casework/casework_service.h"
#include "casework/internal/json_fields.h"
#include "core/citizen_id.h"

namespace qf::casework::internal {

struct Env {
  store::Database& db;
  const Clock& clock;
  const crypto::FieldCipher& cipher;
};

Result<UnitTree> LoadUnitTree(store::Database& db);
// kNotFound naming `field` when `code` is not a unit.
Result<const Unit*> RequireUnit(const UnitTree& tree, std::string_view code,
                                std::string_view field);

// RequireUnit that also takes the unit's Chinese name (区人民检察院 for procuratorate), for fields
// people fill in by hand; callers store the returned unit's code.
Result<const Unit*> RequireUnitByCodeOrName(const UnitTree& tree, std::string_view text,
                                            std::string_view field);

// Appends an audit entry; `before`/`after` null → "".
Result<int64_t> Audit(const Env& env, const Actor& actor, std::string_view action,
                      std::string_view entity, int64_t entity_id, const Json& before,
                      const Json& after);
// The same for an entity keyed by text (a finding's fingerprint).
Result<int64_t> Audit(const Env& env, const Actor& actor, std::string_view action,
                      std::string_view entity, std::string_view entity_id, const Json& before,
                      const Json& after);
// Records that `actor` read a restricted item ("<entity>.read_restricted"), in a transaction of
// its own: reads hold none.
Result<void> AuditRestrictedRead(const Env& env, const Actor& actor, std::string_view entity,
                                 std::string_view entity_id);

// A person named in a clue or a case.
struct PersonInput {
  std::string name;
  std::optional<CitizenId> id;
  std::string position;
};
// Parses `body[field]` as [{"name", "id_number"?, "position"?}] (at most 200).
Result<std::vector<PersonInput>> ParsePersons(const Json& body, std::string_view field,
                                              bool required);
Result<PersonInput> ParsePerson(const Json& item, std::string_view path);
// The stored pair (id_number_enc, id_number_index), both null without an ID.
std::pair<std::optional<std::string>, std::optional<std::string>> EncryptId(
    const Env& env, const std::optional<CitizenId>& id);
// The opaque key of a person's file (一人一档) for a stored encrypted ID: the ciphertext without
// its "sm4:" prefix, which only the server can open (PersonIdFromKey). Null without an ID.
Json PersonKey(std::string_view stored_enc);
// The ID as shown to `actor` (full or masked), or null. `stored_enc` may be empty.
Result<Json> ShownId(const Env& env, const std::string& stored_enc, bool full);

// True when the person is a user of the system or an active official of the commission
// (officials.unit names a 纪委/监委/纪检监察 body), by ID number or, without one, by name
// equality (staff.h): clues, case persons and findings about them are restricted.
Result<bool> IsCommissionStaff(const Env& env, const PersonInput& person);

// Rows behind permission targets.
struct ClueRow {
  int64_t clue_id = 0;
  std::string source, source_ref, domain, title, summary;
  int64_t amount = 0;
  std::string unit_code;
  bool restricted = false;
  std::string status, disposal, proposed_by, approved_by;
  bool dual_check = false;
  std::string created_by, created_at, updated_at;
  std::vector<std::string> campaigns;  // 专项 codes (campaign_tags)
};
Result<std::optional<ClueRow>> LoadClue(store::Database& db, int64_t clue_id);
Result<std::vector<ClueRow>> LoadClues(store::Database& db);
// Units the clue was sent to: its assignments' units and its transfers' organs.
Result<Target> ClueTarget(store::Database& db, const ClueRow& clue);
// The clue as JSON (subjects, findings, assignments), IDs full or masked.
Result<Json> ClueJson(const Env& env, const ClueRow& clue, bool full_ids);

struct CaseRow {
  int64_t case_id = 0;
  std::optional<int64_t> clue_id;
  std::string title, domain, unit_code;
  bool restricted = false;
  std::string status;
  int64_t recovered = 0, losses_retrieved = 0;
  std::string filed_by, filed_at, updated_at;
  std::vector<std::string> campaigns;  // 专项 codes (campaign_tags)
};
Result<std::optional<CaseRow>> LoadCase(store::Database& db, int64_t case_id);
Result<std::vector<CaseRow>> LoadCases(store::Database& db);
Target CaseTarget(const CaseRow& row);
Result<Json> CaseJson(const Env& env, const CaseRow& row, bool full_ids);

struct TransferRow {
  int64_t transfer_id = 0;
  std::string direction, organ_code, unit_code;
  std::optional<int64_t> clue_id, case_id;
  std::string summary, status;
  bool sync_intervention = false, dual_check = false, restricted = false;
  std::string feedback_due, feedback, created_by, created_at, updated_at;
};
Result<std::optional<TransferRow>> LoadTransfer(store::Database& db, int64_t transfer_id);
Result<std::vector<TransferRow>> LoadTransfers(store::Database& db);
Target TransferTarget(const TransferRow& row);
// Free text is opened for the reader (sealed_text.h): full IDs only when `full_ids`.
Json TransferJson(const Env& env, const TransferRow& row, bool full_ids);

struct RectificationRow {
  int64_t rectification_id = 0;
  std::string kind;
  std::optional<int64_t> case_id, clue_id;
  std::string issuing_unit, unit_code, content, due_date, status, evidence;
  Json attachments;
  std::string verified_by, closed_at;
  bool restricted = false;
  std::string created_by, created_at, updated_at;
  std::string domain;
  std::vector<std::string> campaigns;  // 专项 codes (campaign_tags)
};
Result<std::optional<RectificationRow>> LoadRectification(store::Database& db, int64_t id);
Result<std::vector<RectificationRow>> LoadRectifications(store::Database& db);
Target RectificationTarget(const RectificationRow& row);
Json RectificationJson(const Env& env, const RectificationRow& row, bool full_ids);

Error NotFound(std::string_view what, int64_t id, std::string_view field = "");

// A clue to register (from any source).
struct ClueInput {
  std::string source, source_ref, domain, title, summary;
  std::vector<std::string> campaigns;  // 专项 codes, validated
  int64_t amount = 0;
  std::string unit_code;
  std::vector<PersonInput> subjects;
  bool force_restricted = false;
  std::vector<std::string> fingerprints;  // promoted findings
};
// Inserts the clue, its subjects and findings and the audit entry (restricted automatically when
// a subject is commission staff); the caller owns the transaction and has authorised the intake.
Result<int64_t> InsertClue(const Env& env, const Actor& actor, const ClueInput& input);
// The receipt shown to whoever registered a clue they may not see (it became restricted).
Json RestrictedReceipt(int64_t clue_id);

}  // namespace qf::casework::internal
