// ActivityBook: the activity ledger (活动台账, issue 15 point 2, docs/activities.md) — 座谈会,
// 监督检查, 走访群众, 联合督查, 督导检查, 专题培训, 制度机制 and 以案促改, each with its date,
// organising unit, domain, campaign tags, head counts, places or communities covered and the
// problems it found, each problem handed on as a clue or a rectification item through the casework
// service.
//
// Who: 受理员 and 承办人 record and edit activities of their unit and the units below it; those
// roles, 审核领导 and 干部监督室 read them (the same unit subtree as casework). Administrators and
// 部门联络员 do not see the ledger. An activity the actor may not see is kNotFound.
//
// Every change runs in one transaction with its audit entry (activity.create, activity.update;
// the problems' clue.create / rectification.create by the casework service in the same
// transaction), so a refused or failed call writes nothing.
//
//   ActivityBook book(db, clock, cipher, service);
//   auto id = book.Create(handler, *ParseActivity(fields, tree));
//   auto view = book.Get(handler, *id);   // Json: see Get
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "activities/activity_input.h"
#include "casework/casework_service.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "documents/attachment_store.h"
#include "store/database.h"

namespace qf::activities {

using Json = nlohmann::json;

bool CanRecordActivities(const casework::Actor& actor);  // 受理员, 承办人
bool CanReadActivities(const casework::Actor& actor);    // + 审核领导, 干部监督室

class ActivityBook {
 public:
  // All are borrowed and must outlive the book.
  ActivityBook(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
               casework::CaseworkService& service)
      : db_(db), clock_(clock), cipher_(cipher), service_(service) {}

  // Records the activity and its problems (each a clue of source ClueSourceFor(kind) or a
  // 整改事项 issued to the organising unit, due 30 days after the activity — or after today when
  // the activity is entered later). A problem the actor may not hand on (a clue needs 受理员, a
  // 整改事项 承办人) refuses the whole activity, the error's field naming the problem column.
  // The new id.
  Result<int64_t> Create(const casework::Actor& actor, const ActivityInput& input);
  // Replaces the activity's fields, campaigns and places when `version` is the stored one (else
  // kConflict: someone edited it since). Problems already handed on stay; those in `input` are
  // added as new ones.
  Result<void> Update(const casework::Actor& actor, int64_t id, int64_t version,
                      const ActivityInput& input);
  // {"id", "kind", "held_on", "title", "unit", "unit_name", "domain", "campaigns": [{"code",
  //  "name"}], "participants", "visited", "places": [{"name", "unit"}], "mechanism",
  //  "doc_number", "summary", "version", "created_by", "created_at", "updated_at", "can_edit",
  //  "problems": [{"seq", "description", "clue_id"|null, "rectification_id"|null}]}
  Result<Json> Get(const casework::Actor& actor, int64_t id);
  // Every activity the actor may see, newest first, as Get without "problems" but with
  // "problem_count", "campaign_names" and "place_names" (joined with "、").
  Result<std::vector<Json>> List(const casework::Actor& actor);

  // Attachments (附件: sign-in sheets, photos, minutes) in the documents library's store, entity
  // "activity", each with its SHA-256, audited (attachment.upload, attachment.download). Uploaded
  // by those who may edit the activity and whose role handles evidence (承办人); listed to every
  // reader; downloaded by the readers whose role handles evidence (承办人, 审核领导, 干部监督室).
  Result<int64_t> Attach(const casework::Actor& actor, int64_t id,
                         const documents::AttachmentFile& file, const std::string& note);
  // {"attachments": [...], "can_upload"} as AttachmentStore::ListFor.
  Result<Json> Attachments(const casework::Actor& actor, int64_t id);
  Result<documents::AttachmentFile> Attachment(const casework::Actor& actor, int64_t id,
                                               int64_t attachment_id);

  // Inside the caller's open transaction (the import stores all its rows in one): checks, inserts
  // and hands on problems; `audit` false leaves the audit entry to the caller.
  Result<int64_t> CreateInTransaction(const casework::Actor& actor, const ActivityInput& input,
                                      bool audit);

 private:
  Result<void> HandOnProblems(const casework::Actor& actor, int64_t id, const ActivityInput& input,
                              int first_seq);

  store::Database& db_;
  const Clock& clock_;
  const crypto::FieldCipher& cipher_;
  casework::CaseworkService& service_;
};

}  // namespace qf::activities
