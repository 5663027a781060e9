// CaseworkService: the commission's case book (线索和案件管理) as a C++ service API — accounts and
// sessions, clues, assignments for verification, cases, transfers with external organs,
// supervisory recommendations and rectification, statistics, and the audit log.
//
// Every method maps 1:1 onto a route of docs/api.md: it takes the calling Actor (from
// Authenticate) and, where the route has a body, that JSON body; it returns the JSON the route
// answers with. The web layer only parses HTTP and maps errors to status codes:
//   kInvalidArgument → 400 (Error::field() names the field), kUnauthenticated → 401,
//   kPermissionDenied → 403, kNotFound → 404, kConflict → 409 (an illegal state transition, a
//   duplicate), anything else → 500.
//
//   store::Database& db = ...; SystemClock clock; auto cipher =
//   crypto::FieldCipher::FromKeyFile(path); CaseworkService service(db, clock, *cipher); auto
//   session = service.Login("wangwu", "password");     // {"token": ..., "user": {...}} auto actor
//   = service.Authenticate(token);         // Result<Actor>; refreshes the idle timer auto clue =
//   service.CreateClue(*actor, {{"source", "信访"}, {"domain", "民生"}, ...});
//
// Guarantees: every change runs in one transaction together with its audit-log entry, so a
// refused or failed call writes nothing. ID numbers are stored SM4-encrypted and returned masked
// unless the actor's role needs them (承办人, 干部监督室). Items an actor may not see answer
// kNotFound (a restricted clue does not reveal that it exists); reading a restricted item is
// itself audit-logged.
//
// Thread safety: like store::Database, one service object per thread (or per request).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "casework/finding_restriction_cache.h"
#include "casework/passwords.h"
#include "casework/permissions.h"
#include "casework/roles.h"
#include "casework/state_machines.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::casework {

using Json = nlohmann::json;

struct CaseworkOptions {
  PasswordCost password_cost = PasswordCost::Interactive();
  int max_failed_logins = 5;  // consecutive failures before the account locks
  int64_t lockout_seconds = 15 * 60;
  int64_t session_idle_seconds = 30 * 60;  // a session unused this long is gone
  // Shared by the services of one store (the web server's requests), borrowed: it must outlive
  // them. Null: FindingScopeFor rescans the findings every time.
  FindingRestrictionCache* finding_restrictions = nullptr;
};

// The controlled vocabularies (Chinese terms, as users say them). Sources and domains are the
// active taxonomy's (config/taxonomy.toml): 比对发现, 群众举报, 信访, 12345热线 ...; 扫黑除恶,
// 一卡通, 营商环境, 卫健医保 ... (retired domains included: old records keep theirs).
std::vector<std::string_view> ClueSources();
std::vector<std::string_view> ClueDomains();
std::span<const std::string_view> Disposals();  // 谈话函询, 初步核实, 暂存待查, 予以了结
std::span<const std::string_view> Outcomes();  // 党纪处分, 政务处分, 组织处理, 移送司法
std::span<const std::string_view> LinkAspects();  // 一案三查: 腐败问题, 保护伞, 监管失职
std::span<const std::string_view> RectificationKinds();  // 监察建议, 整改事项
// What became of a comparison finding: 排除, 确认, 止付, 追回, 移送 (issue 17 point 4).
std::span<const std::string_view> FindingOutcomes();

// 一人一档 links: the opaque key of a person's file is the ID number SM4-encrypted (random IV,
// so two links to one person differ), without its "sm4:" prefix — lower-case hex that only the
// server can open. Clue subjects and case persons carry theirs as "person_key".
std::string PersonFileKey(const crypto::FieldCipher& cipher, std::string_view id_number);
// The ID number behind a key, or kNotFound for anything that is not one of this key file's keys.
Result<std::string> OpenPersonFileKey(const crypto::FieldCipher& cipher, std::string_view key);

// What the findings queue may show one actor. `communities` applies unless `all_units`;
// `restricted` lists the fingerprints of findings that name commission staff: hidden from every
// role but 干部监督室, which sees only those (`restricted_only`).
struct FindingScope {
  bool all_units = false;
  std::vector<std::string> communities;  // persons.community values within the actor's unit
  bool restricted_only = false;
  std::vector<std::string> restricted;
};

// The unit tree of the store's units table, for services above casework that scope their own
// records by unit subtree (activities).
Result<UnitTree> LoadUnitTree(store::Database& db);

class CaseworkService {
 public:
  // All three are borrowed and must outlive the service.
  CaseworkService(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                  CaseworkOptions options = {});

  // ---- Units and accounts (三员分立) ---------------------------------------------------------
  Result<Json> ListUnits(const Actor& actor);                  // any logged-in user
  Result<Json> AddUnit(const Actor& actor, const Json& body);  // 系统管理员
  Result<Json> ListUsers(const Actor& actor);                  // 系统/安全管理员
  // 系统管理员 creates the account without roles (a body naming roles is refused): roles are
  // granted by the 安全管理员 through SetUserRoles.
  Result<Json> CreateUser(const Actor& actor, const Json& body);
  Result<Json> SetUserRoles(const Actor& actor, int64_t user_id, const Json& body);  // 安全管理员
  Result<Json> UnlockUser(const Actor& actor, int64_t user_id);  // 安全管理员
  // 系统管理员
  Result<Json> SetUserDisabled(const Actor& actor, int64_t user_id, const Json& body);
  // 安全管理员: a new generated password for a user who forgot theirs ({"id", "username",
  // "password"}, shown once), the lock cleared, every session of the account ended; audited
  // "user.reset_password" (never the password).
  Result<Json> ResetPassword(const Actor& actor, int64_t user_id);
  // Any user, their own: {"current", "new"} (new at least 10 characters, not the current one);
  // kInvalidArgument naming the field for a wrong current password. Audited
  // "user.change_password".
  Result<void> ChangeOwnPassword(const Actor& actor, const Json& body);
  // Bootstrap for `qingfeng user add`: creates a user with roles, recorded as actor "cli".
  // An empty password generates one; the result's "password" holds it (shown once).
  Result<Json> AddUserFromCli(std::string_view username, std::string_view display_name,
                              std::vector<Role> roles, std::string_view unit_code,
                              std::string password, std::optional<std::string> id_number);

  // ---- Sessions ------------------------------------------------------------------------------
  // {"token": "...", "user": {...}}. kUnauthenticated for an unknown user, a wrong password
  // (the same message and the same argon2id cost for both), a disabled account (said only after
  // the right password) or a locked pair. `client` identifies where the attempt comes from (the
  // web layer passes a keyed hash of the client address): the fifth consecutive failure locks
  // this (user name, client) pair for 15 minutes, never the account for everyone. Every attempt
  // is an audit entry (user.login, user.login_failed, user.locked) in the same transaction;
  // the password never is.
  Result<Json> Login(std::string_view username, std::string_view password,
                     std::string_view client = {});
  // The actor behind a token, refreshing its idle timer. kUnauthenticated if unknown or idle
  // longer than 30 minutes (the session is then deleted).
  Result<Actor> Authenticate(std::string_view token);
  // Ends the session and writes user.logout in the same transaction (nothing for an unknown token).
  Result<void> Logout(std::string_view token);
  Result<Json> Me(const Actor& actor);

  // ---- Findings (比对发现) --------------------------------------------------------------------
  // A finding belongs to the unit of its person's community (units.name = persons.community),
  // else to the commission; one that names commission staff is restricted (干部监督室 only, every
  // read audited). Both answer kNotFound for a finding the actor may not see.
  //   {"fingerprint", "rule", "id_number", "ref", "evidence", "status", "review",
  //    "review_reason", "reviewed_by", "reviewed_at", "version", "unit", "restricted",
  //    "outcome", "stopped", "recovered", "outcomes": [{"outcome", "amount", "note",
  //    "recorded_by", "recorded_at"}, ...]}   (amounts in fen, "outcome" "" when none yet)
  Result<Json> GetFinding(const Actor& actor, std::string_view fingerprint);
  // {"decision": "confirmed"|"dismissed"|"open", "reason" (required to dismiss), "version"}:
  // `version` is the finding's version the reviewer saw; when someone reviewed it since, the call
  // is refused with kConflict (409) and writes nothing. Audited as "finding.review". Confirming
  // or dismissing also records the outcome 确认 or 排除; reopening clears the latest outcome.
  Result<Json> ReviewFinding(const Actor& actor, std::string_view fingerprint, const Json& body);
  // {"outcome": one of FindingOutcomes(), "amount" (fen, > 0: required for 止付 and 追回, refused
  // otherwise), "note" (required for 排除 — the reason — and 移送 — to whom), "version"}: records
  // what became of the finding, with the same version check as ReviewFinding (409 when stale).
  // 排除 dismisses the finding, every other outcome confirms it; 止付 and 追回 may be recorded
  // more than once (instalments) and add up. 确认/排除 need the review right, 止付/追回/移送
  // Action::kRecordFindingOutcome (承办人, 审核领导). Audited as "finding.outcome" in the same
  // transaction. Returns the finding as GetFinding.
  Result<Json> RecordFindingOutcome(const Actor& actor, std::string_view fingerprint,
                                    const Json& body);
  // Which findings the actor's queue may list (the queue itself is paged SQL in the web layer).
  Result<FindingScope> FindingScopeFor(const Actor& actor);

  // ---- 一人一档 (person_file.cpp) -----------------------------------------------------------
  // One person's file, read from the store (not the engine's snapshot): the household register
  // entry, the household, kin, the registries (deaths, officials, companies, vehicles,
  // properties), enrolments, cards, payments, and the findings, clues and cases the actor may see
  // about the person. `id_number` in any written form (CitizenId::Parse). ID numbers of the person
  // and of kin are masked and card numbers shortened unless ShowsFullIds(actor). The person
  // belongs to the unit of their community (else the commission); a person who is commission
  // staff only to 干部监督室. kNotFound when there is no record of the person or the actor may not
  // see them (the same answer). Every opening is an audit entry "person.read" (entity_id: the
  // keyed index of the ID number, never the number) in a transaction of its own, committed
  // before the file is returned.
  //   {"person": {...} | null, "id_number", "restricted", "unit", "household": [...],
  //    "kin": [...], "deaths", "officials", "companies", "vehicles", "properties", "enrolments",
  //    "cards", "payments": {"count", "total", "rows": [... newest 200]}, "findings", "clues",
  //    "cases"}
  Result<Json> GetPersonFile(const Actor& actor, std::string_view id_number);

  // ---- Clues ---------------------------------------------------------------------------------
  // {"source", "domain" (a non-retired taxonomy domain), "campaigns"? [codes], "title", ...}.
  // Clues, cases and rectification items answer with "domain" and "campaigns": [{"code",
  // "name"}]. FileCase inherits the clue's domain and campaigns unless the body gives them;
  // IssueRectification those of its case, else its clue (else 其他 and none), unless given. The
  // lists take a "campaign" filter (code or Chinese name).
  Result<Json> CreateClue(const Actor& actor, const Json& body);
  // CreateClue's checks and insert inside the caller's open transaction, which the caller
  // commits (the public channel stores a report and its clue in one transaction). The clue id.
  Result<int64_t> CreateClueInTransaction(const Actor& actor, const Json& body);
  // {"fingerprints": [...], ...}: one clue from one or many findings, in one step.
  Result<Json> PromoteFindings(const Actor& actor, const Json& body);
  Result<Json> GetClue(const Actor& actor, int64_t clue_id);
  // Filters: status, domain, source, unit (all optional strings).
  Result<Json> ListClues(const Actor& actor, const Json& query);
  Result<Json> ProposeDisposal(const Actor& actor, int64_t clue_id, const Json& body);
  // {"decision": "approve"|"reject", "note": ...}; approver ≠ proposer.
  Result<Json> DecideDisposal(const Actor& actor, int64_t clue_id, const Json& body);
  Result<Json> ReopenClue(const Actor& actor, int64_t clue_id);
  // A reporter rated the answer to their report on clue `clue_id` 不满意 (issue 15 point 5). Inside
  // the caller's open transaction (the public channel stores the rating in the same one): a
  // concluded clue (已了结) goes back to 处置中 (ClueEvent::kReopenDissatisfied, audited
  // "clue.reopen_dissatisfied"); a clue still being handled keeps its state; a clue that became a
  // case (已立案) is the case's now and is left alone. Unless it became a case, the unit handling
  // the clue — its 承办人 and 审核领导 read the unit's 待办 — gets a 待办 of kind
  // "citizen_dissatisfied" naming the clue, never the reporter. `actor_label` names the receipt
  // channel ("码上行动回执"), never the reporter. True when the clue was reopened.
  Result<bool> ReopenDissatisfiedInTransaction(int64_t clue_id, std::string_view actor_label);
  Result<Json> AssignClue(const Actor& actor, int64_t clue_id, const Json& body);
  Result<Json> SubmitFeedback(const Actor& actor, int64_t assignment_id, const Json& body);
  Result<Json> ReviewFeedback(const Actor& actor, int64_t assignment_id, const Json& body);
  // Open assignments, transfers awaiting feedback and rectification items the actor may see:
  // past their deadline (Overdue) or due from today to Sunday of this week (DueThisWeek).
  Result<Json> Overdue(const Actor& actor);
  Result<Json> DueThisWeek(const Actor& actor);

  // ---- Cases ---------------------------------------------------------------------------------
  Result<Json> FileCase(const Actor& actor, const Json& body);
  Result<Json> GetCase(const Actor& actor, int64_t case_id);
  Result<Json> ListCases(const Actor& actor, const Json& query);
  Result<Json> AddCasePerson(const Actor& actor, int64_t case_id, const Json& body);
  Result<Json> RecordOutcome(const Actor& actor, int64_t case_id, int64_t person_id,
                             const Json& body);
  Result<Json> RecordRecovery(const Actor& actor, int64_t case_id, const Json& body);
  // {"event": "investigate"|"submit_review"|"close"|"send_back"}
  Result<Json> TransitionCase(const Actor& actor, int64_t case_id, const Json& body);
  Result<Json> LinkCases(const Actor& actor, int64_t case_id, const Json& body);

  // ---- Transfers (线索双向移送) ----------------------------------------------------------------
  Result<Json> CreateTransfer(const Actor& actor, const Json& body);
  Result<Json> GetTransfer(const Actor& actor, int64_t transfer_id);
  Result<Json> ListTransfers(const Actor& actor, const Json& query);
  // {"event": "acknowledge"|"feedback", "feedback": ...}
  Result<Json> TransitionTransfer(const Actor& actor, int64_t transfer_id, const Json& body);

  // ---- 监察建议 and rectification -------------------------------------------------------------
  Result<Json> IssueRectification(const Actor& actor, const Json& body);
  // IssueRectification's checks, insert and audit entry inside the caller's open transaction,
  // which the caller commits (an activity stores its problems with it). The item's id.
  Result<int64_t> IssueRectificationInTransaction(const Actor& actor, const Json& body);
  Result<Json> GetRectification(const Actor& actor, int64_t rectification_id);
  Result<Json> ListRectifications(const Actor& actor, const Json& query);
  Result<Json> SubmitEvidence(const Actor& actor, int64_t rectification_id, const Json& body);
  // {"decision": "close"|"return", "note": ...}
  Result<Json> VerifyRectification(const Actor& actor, int64_t rectification_id, const Json& body);
  // Counts the actor may see: clues, cases, persons by outcome, money recovered, rectification
  // found / done / overdue.
  Result<Json> Statistics(const Actor& actor);

  // ---- 重新归类 (reclassify.cpp) --------------------------------------------------------------
  // {"domain", "campaigns": [code or Chinese name, ...], "reason", "version"?}: the item's domain
  // (领域) and its whole set of special-campaign tags (专项; absent = none) become those given,
  // whatever its state. Action::kReclassify (承办人, 审核领导 of the owning unit; 干部监督室 on
  // restricted items); kNotFound for an item the actor may not see; kInvalidArgument naming the
  // field for an unknown or retired domain or campaign (a retired one the item already carries
  // may stay), a missing reason, or no change at all; kConflict when `version` (the item's
  // "updated_at" as read) is stale. Audited "clue.reclassify" / "case.reclassify" /
  // "rectification.reclassify" with the domain and campaigns before and after and the reason, in
  // the same transaction. A clue's case and items keep their own classification. Returns the item.
  Result<Json> ReclassifyClue(const Actor& actor, int64_t clue_id, const Json& body);
  Result<Json> ReclassifyCase(const Actor& actor, int64_t case_id, const Json& body);
  Result<Json> ReclassifyRectification(const Actor& actor, int64_t rectification_id,
                                       const Json& body);

  // ---- Continuous monitoring (持续监测) ---------------------------------------------------------
  // After comparison run `run_id`: each of its new findings about a person who is the subject of
  // an open clue (暂存待查 included) or an unclosed case joins the oldest such clue or case, and
  // the unit handling it gets a 待办 — in one transaction, each attachment audited as
  // "finding.attach" by "持续监测". {"run_id", "attached": [{"fingerprint", "clue"|"case": id}]}
  Result<Json> AttachNewFindings(int64_t run_id);
  // The open 待办 of the actor's unit about clues and cases the actor may see:
  // {"todos": [{"id", "kind", "clue_id"|"case_id", "fingerprint", "summary", "created_at"}]}
  Result<Json> ListTodos(const Actor& actor);
  // Marks one of the actor's 待办 done (audited "todo.done"); kNotFound for anyone else's.
  Result<Json> CompleteTodo(const Actor& actor, int64_t todo_id);
  // 督办 (issue 15 point 5, supervision.cpp): every open 交办核查 (assigned or returned) whose
  // deadline is before today (Beijing, by the injected clock) becomes, once, a 待办 of kind
  // "supervise" for the 审核领导 of the unit it was assigned to (todos.role = "approver"), linked
  // to its clue — audited "todo.supervise" by "逾期督办" in the same transaction. Idempotent: an
  // item already escalated is skipped (a unique index holds it even under two servers).
  // `serve` runs it periodically (web/internal/supervision_schedule.h).
  // {"today", "escalated": [{"assignment", "clue", "unit", "due"}]}
  Result<Json> EscalateOverdue();

  // ---- What an actor may do ------------------------------------------------------------------
  // The casework actions the permission matrix grants `actor` on one item — `entity` is "clue",
  // "assignment", "case", "transfer" or "rectification" — whatever the item's state: the caller
  // applies the state machine. kNotFound for an item the actor may not see. Pages use it to offer
  // only the steps their reader may take; every step is still authorised when taken.
  Result<std::vector<Action>> PermittedActions(const Actor& actor, std::string_view entity,
                                               int64_t id);

  // ---- Audit log (审计管理员) -----------------------------------------------------------------
  Result<Json> ListAuditEntries(const Actor& actor, int64_t after_seq, int limit);
  Result<Json> VerifyAudit(const Actor& actor);

 private:
  store::Database& db_;
  const Clock& clock_;
  const crypto::FieldCipher& cipher_;
  CaseworkOptions options_;
};

}  // namespace qf::casework
