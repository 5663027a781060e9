// CaseworkService: the staff's review of comparison findings — authorised by role and unit like
// clues, restricted when a finding names commission staff, versioned against lost updates, and
// audited in the same transaction as the review.
#include "casework/internal/findings.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "casework/casework_service.h"
#include "casework/internal/records.h"
#include "casework/internal/sealed_text.h"
#include "casework/internal/sql.h"
#include "casework/internal/staff.h"

namespace qf::casework {

using internal::Env;
using internal::FieldError;

namespace {

std::string_view ReviewLabel(std::string_view review) {
  return review == "open" ? "待核" : review == "confirmed" ? "已确认" : "已排除";
}

constexpr std::string_view kFindingOutcomes[] = {"排除", "确认", "止付", "追回", "移送"};
constexpr std::string_view kDismissed = "排除";
constexpr std::string_view kConfirmed = "确认";
constexpr std::string_view kStopped = "止付";
constexpr std::string_view kRecovered = "追回";
constexpr std::string_view kTransferred = "移送";

// The outcomes recorded for a finding, oldest first, with the money they add up to.
struct OutcomeHistory {
  Json entries = Json::array();
  int64_t stopped = 0, recovered = 0;
};

Result<OutcomeHistory> LoadOutcomes(const Env& env, std::string_view fingerprint, bool full) {
  QF_ASSIGN_OR_RETURN(auto st, internal::Query(env.db,
                                               "SELECT outcome, amount, note, recorded_by, "
                                               "recorded_at FROM finding_outcomes WHERE "
                                               "fingerprint = ? ORDER BY outcome_id",
                                               std::string(fingerprint)));
  OutcomeHistory out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    std::string outcome = st->Text(0);
    int64_t amount = st->Int(1);
    if (outcome == kStopped) out.stopped += amount;
    if (outcome == kRecovered) out.recovered += amount;
    out.entries.push_back({{"outcome", outcome},
                           {"amount", amount},
                           {"note", internal::OpenIds(env, st->Text(2), full)},
                           {"recorded_by", st->Text(3)},
                           {"recorded_at", st->Text(4)}});
  }
  return out;
}

// The finding as the actor may read it: IDs in full for 承办人 and 干部监督室, masked otherwise.
Json FindingJson(const Env& env, const internal::FindingRecord& f, bool full,
                 const OutcomeHistory& outcomes) {
  auto shown_id = [&](const std::string& text) -> Json {
    if (text.empty()) return Json();
    auto id = CitizenId::Parse(text);
    if (!id) return full ? Json(text) : Json(internal::MaskIds(text));
    return full ? id->value() : id->Masked();
  };
  return {{"fingerprint", f.fingerprint},
          {"rule", f.rule},
          {"id_number", shown_id(f.id_number)},
          {"ref", CitizenId::Parse(f.ref) ? shown_id(f.ref) : Json(f.ref)},
          {"evidence", internal::OpenIds(env, f.evidence, full)},
          {"status", f.status},
          {"review", f.review},
          {"review_reason", f.review_reason},
          {"reviewed_by", f.reviewed_by},
          {"reviewed_at", f.reviewed_at},
          {"version", f.review_version},
          {"unit", f.unit_code},
          {"restricted", f.restricted},
          {"outcome", f.outcome},
          {"stopped", outcomes.stopped},
          {"recovered", outcomes.recovered},
          {"outcomes", outcomes.entries}};
}

// The finding with its outcomes, as the actor may read it.
Result<Json> ShownFinding(const Env& env, const internal::FindingRecord& f, bool full) {
  QF_ASSIGN_OR_RETURN(OutcomeHistory outcomes, LoadOutcomes(env, f.fingerprint, full));
  return FindingJson(env, f, full, outcomes);
}

Error FindingNotFound(std::string_view fingerprint) {
  return Error(ErrorCode::kNotFound, fmt::format("比对发现 {} 不存在", fingerprint));
}

// Fingerprints are 8–64 lower-case hex digits (engine/finding.h); anything else is a bad path.
Result<void> RequireFingerprint(std::string_view fingerprint) {
  bool hex = std::all_of(fingerprint.begin(), fingerprint.end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (hex && fingerprint.size() >= 8 && fingerprint.size() <= 64) return {};
  return std::unexpected(FieldError("fingerprint", "比对发现的指纹应为 8–64 位小写十六进制数字"));
}

// Loads a finding the actor may see, or kNotFound (also for one it may not see).
Result<internal::FindingRecord> VisibleFinding(const Env& env, const UnitTree& tree,
                                               const Actor& actor, std::string_view fingerprint) {
  QF_RETURN_IF_ERROR(RequireFingerprint(fingerprint));
  QF_ASSIGN_OR_RETURN(internal::StaffDirectory staff, internal::StaffDirectory::Load(env));
  QF_ASSIGN_OR_RETURN(auto finding, internal::LoadFindingRecord(env, staff, fingerprint));
  if (!finding || !CanSee(tree, actor, Action::kViewFinding, internal::FindingTarget(*finding))) {
    return std::unexpected(FindingNotFound(fingerprint));
  }
  return std::move(*finding);
}

// Never last-write-wins: kConflict when the finding changed since the version the user saw.
Result<void> RequireVersion(const internal::FindingRecord& before, int64_t seen) {
  if (before.review_version == seen) return {};
  return Fail(ErrorCode::kConflict,
              fmt::format("该比对发现在您打开后已被 {} 于 {} 审核为「{}」（当前版本 {}，您看到的是"
                          "版本 {}），请刷新页面，看过最新结论后再审核",
                          before.reviewed_by.empty() ? "他人" : before.reviewed_by,
                          BeijingMinute(before.reviewed_at),
                          before.outcome.empty() ? ReviewLabel(before.review)
                                                 : std::string_view(before.outcome),
                          before.review_version, seen));
}

Result<int64_t> RequireVersionField(const Json& body) {
  if (!body.contains("version")) {
    return std::unexpected(
        FieldError("version", "缺少审核所依据的版本号（version），请刷新页面后重新审核"));
  }
  return internal::GetInt(body, "version", 0, INT64_MAX);
}

// The state an audit entry of a review or an outcome shows before and after.
Json AuditView(const internal::FindingRecord& f) {
  return Json{{"review", f.review},
              {"review_reason", f.review_reason},
              {"reviewed_by", f.reviewed_by},
              {"outcome", f.outcome},
              {"version", f.review_version}};
}

struct OutcomeInput {
  std::string outcome, note;
  int64_t amount = 0;
  int64_t version = 0;
};

Result<OutcomeInput> ParseOutcome(const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  OutcomeInput in;
  QF_ASSIGN_OR_RETURN(in.outcome, internal::GetChoice(body, "outcome", kFindingOutcomes));
  QF_ASSIGN_OR_RETURN(auto note, internal::GetOptionalString(body, "note", internal::kMaxLongText));
  in.note = note.value_or("");
  bool money = in.outcome == kStopped || in.outcome == kRecovered;
  constexpr int64_t kMaxFen = int64_t{1} << 50;
  if (money) {
    if (!body.contains("amount") || body["amount"].is_null()) {
      return std::unexpected(
          FieldError("amount", fmt::format("登记{}必须填写金额（单位：分）", in.outcome)));
    }
    QF_ASSIGN_OR_RETURN(in.amount, internal::GetInt(body, "amount", 1, kMaxFen));
  } else if (body.contains("amount") && !body["amount"].is_null() &&
             !(body["amount"].is_number_integer() && body["amount"].get<int64_t>() == 0)) {
    return std::unexpected(
        FieldError("amount", fmt::format("只有止付和追回登记金额，「{}」不填金额", in.outcome)));
  }
  if (in.outcome == kDismissed && in.note.empty()) {
    return std::unexpected(FieldError("note", "排除一条比对发现必须写明理由"));
  }
  if (in.outcome == kTransferred && in.note.empty()) {
    return std::unexpected(FieldError("note", "移送须写明移送给哪个机关或部门"));
  }
  QF_ASSIGN_OR_RETURN(in.version, RequireVersionField(body));
  return in;
}

// Appends an outcome row: the caller holds the transaction.
Result<void> InsertOutcome(const Env& env, const Actor& actor, std::string_view fingerprint,
                           std::string_view outcome, int64_t amount, std::string_view note) {
  return internal::Exec(env.db,
                        "INSERT INTO finding_outcomes(fingerprint, outcome, amount, note, "
                        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                        std::string(fingerprint), std::string(outcome), amount,
                        internal::MaskIds(std::string(note)), actor.username,
                        IsoUtc(env.clock.NowSeconds()));
}

struct ReviewInput {
  std::string decision, reason;
  int64_t version = 0;
};

Result<ReviewInput> ParseReview(const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  static constexpr std::string_view kDecisions[] = {"confirmed", "dismissed", "open"};
  ReviewInput in;
  QF_ASSIGN_OR_RETURN(in.decision, internal::GetChoice(body, "decision", kDecisions));
  QF_ASSIGN_OR_RETURN(auto reason,
                      internal::GetOptionalString(body, "reason", internal::kMaxLongText));
  in.reason = reason.value_or("");
  if (in.decision == "dismissed" && in.reason.empty()) {
    return std::unexpected(FieldError("reason", "排除一条比对发现必须写明理由"));
  }
  QF_ASSIGN_OR_RETURN(in.version, RequireVersionField(body));
  return in;
}

}  // namespace

std::span<const std::string_view> FindingOutcomes() { return kFindingOutcomes; }

Result<Json> CaseworkService::GetFinding(const Actor& actor, std::string_view fingerprint) {
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(internal::FindingRecord finding,
                      VisibleFinding(env, tree, actor, fingerprint));
  if (finding.restricted) {
    QF_RETURN_IF_ERROR(internal::AuditRestrictedRead(env, actor, "finding", finding.fingerprint));
  }
  return ShownFinding(env, finding, ShowsFullIds(actor));
}

namespace {

struct Review {
  std::string decision;  // open, confirmed, dismissed
  std::string reason;
  std::optional<std::string> outcome;  // none: the outcome stays as it was
};

// The finding's review as `actor` decided it, if nobody changed it since `version`.
Result<void> WriteReview(Env& env, const Actor& actor, const internal::FindingRecord& finding,
                         const Review& review, int64_t version) {
  return internal::Exec(
      env.db,
      "UPDATE findings SET review = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ?, "
      "outcome = ?, review_version = review_version + 1 WHERE fingerprint = ? AND "
      "review_version = ?",
      review.decision, internal::MaskIds(review.reason), actor.username,
      IsoUtc(env.clock.NowSeconds()), review.outcome, finding.fingerprint, version);
}

// One change of a finding's review, in one transaction: the finding as `actor` may see it, the
// action authorised and the version checked; `write` changes it; the change is audited as
// `audit_action` (with `audited_extra` merged into the after-view) and shown.
struct FindingChange {
  Action action;
  int64_t version;
  std::string_view audit_action;
  std::function<Result<void>(Env&, const internal::FindingRecord&)> write;
  Json audited_extra = Json::object();
};

Result<Json> ChangeFinding(Env& env, const Actor& actor, std::string_view fingerprint,
                           const FindingChange& change) {
  auto tx = env.db.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(env.db));
  QF_ASSIGN_OR_RETURN(internal::FindingRecord before,
                      VisibleFinding(env, tree, actor, fingerprint));
  QF_RETURN_IF_ERROR(Authorize(tree, actor, change.action, internal::FindingTarget(before)));
  QF_RETURN_IF_ERROR(RequireVersion(before, change.version));
  QF_RETURN_IF_ERROR(change.write(env, before));
  QF_ASSIGN_OR_RETURN(internal::FindingRecord after, VisibleFinding(env, tree, actor, fingerprint));
  Json after_view = AuditView(after);
  after_view.update(change.audited_extra);
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, std::string(change.audit_action), "finding",
                                     before.fingerprint, AuditView(before), after_view));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return ShownFinding(env, after, ShowsFullIds(actor));
}

}  // namespace

Result<Json> CaseworkService::ReviewFinding(const Actor& actor, std::string_view fingerprint,
                                            const Json& body) {
  QF_RETURN_IF_ERROR(RequireFingerprint(fingerprint));
  QF_ASSIGN_OR_RETURN(ReviewInput in, ParseReview(body));
  std::optional<std::string> outcome;
  if (in.decision != "open") {
    outcome = std::string(in.decision == "confirmed" ? kConfirmed : kDismissed);
  }
  Env env{db_, clock_, cipher_};
  auto write = [&](Env& e, const internal::FindingRecord& before) -> Result<void> {
    QF_RETURN_IF_ERROR(
        WriteReview(e, actor, before, {in.decision, in.reason, outcome}, in.version));
    if (!outcome) return {};
    return InsertOutcome(e, actor, before.fingerprint, *outcome, 0, in.reason);
  };
  return ChangeFinding(env, actor, fingerprint,
                       {Action::kReviewFinding, in.version, "finding.review", write});
}

Result<Json> CaseworkService::RecordFindingOutcome(const Actor& actor, std::string_view fingerprint,
                                                   const Json& body) {
  QF_RETURN_IF_ERROR(RequireFingerprint(fingerprint));
  QF_ASSIGN_OR_RETURN(OutcomeInput in, ParseOutcome(body));
  bool decision_only = in.outcome == kConfirmed || in.outcome == kDismissed;
  std::string review = in.outcome == kDismissed ? "dismissed" : "confirmed";
  Env env{db_, clock_, cipher_};
  auto write = [&](Env& e, const internal::FindingRecord& before) -> Result<void> {
    QF_RETURN_IF_ERROR(WriteReview(e, actor, before, {review, in.note, in.outcome}, in.version));
    return InsertOutcome(e, actor, before.fingerprint, in.outcome, in.amount, in.note);
  };
  return ChangeFinding(env, actor, fingerprint,
                       {decision_only ? Action::kReviewFinding : Action::kRecordFindingOutcome,
                        in.version, "finding.outcome", write, Json{{"amount", in.amount}}});
}

Result<FindingScope> CaseworkService::FindingScopeFor(const Actor& actor) {
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  FindingScope scope;
  scope.restricted_only = actor.Has(Role::kInternalSupervision);
  // Findings without a community unit belong to the commission: only its own staff see them all.
  scope.all_units = scope.restricted_only || tree.Within("commission", actor.unit_code);
  if (!scope.all_units) {
    for (const auto& [code, unit] : tree.units()) {
      if (unit.kind == UnitKind::kCommunity && tree.Within(code, actor.unit_code)) {
        scope.communities.push_back(unit.name);
      }
    }
  }
  QF_ASSIGN_OR_RETURN(internal::StaffDirectory staff, internal::StaffDirectory::Load(env));
  // Evidence changes only when a check run records findings: the newest run, the number of
  // findings and the staff directory together say whether the last answer still holds.
  QF_ASSIGN_OR_RETURN(auto st, internal::Query(db_,
                                               "SELECT (SELECT COALESCE(MAX(run_id), 0) FROM "
                                               "check_runs), (SELECT COUNT(*) FROM findings)"));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  std::string key =
      row ? fmt::format("{}:{}:{}", staff.key(), st->Int(0), st->Int(1)) : std::string();
  st.reset();
  FindingRestrictionCache* cache = options_.finding_restrictions;
  if (auto cached = cache != nullptr ? cache->Get(key) : std::nullopt) {
    scope.restricted = std::move(*cached);
    return scope;
  }
  QF_ASSIGN_OR_RETURN(scope.restricted, internal::RestrictedFingerprints(env, staff));
  if (cache != nullptr && !key.empty()) cache->Put(std::move(key), scope.restricted);
  return scope;
}

}  // namespace qf::casework
