// CaseworkService: the staff's review of comparison findings — authorised by role and unit like
// clues, restricted when a finding names commission staff, versioned against lost updates, and
// audited in the same transaction as the review.
#include "casework/internal/findings.h"

#include <fmt/format.h>

#include <algorithm>

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

// The finding as the actor may read it: IDs in full for 承办人 and 干部监督室, masked otherwise.
Json FindingJson(const Env& env, const internal::FindingRecord& f, bool full) {
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
          {"restricted", f.restricted}};
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
  if (!body.contains("version")) {
    return std::unexpected(
        FieldError("version", "缺少审核所依据的版本号（version），请刷新页面后重新审核"));
  }
  QF_ASSIGN_OR_RETURN(in.version, internal::GetInt(body, "version", 0, INT64_MAX));
  return in;
}

}  // namespace

Result<Json> CaseworkService::GetFinding(const Actor& actor, std::string_view fingerprint) {
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(internal::FindingRecord finding,
                      VisibleFinding(env, tree, actor, fingerprint));
  if (finding.restricted) {
    QF_RETURN_IF_ERROR(internal::AuditRestrictedRead(env, actor, "finding", finding.fingerprint));
  }
  return FindingJson(env, finding, ShowsFullIds(actor));
}

Result<Json> CaseworkService::ReviewFinding(const Actor& actor, std::string_view fingerprint,
                                            const Json& body) {
  QF_RETURN_IF_ERROR(RequireFingerprint(fingerprint));
  QF_ASSIGN_OR_RETURN(ReviewInput in, ParseReview(body));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(internal::FindingRecord before,
                      VisibleFinding(env, tree, actor, fingerprint));
  QF_RETURN_IF_ERROR(
      Authorize(tree, actor, Action::kReviewFinding, internal::FindingTarget(before)));
  if (before.review_version != in.version) {
    // Never last-write-wins: the reviewer decided on a state that is no longer there.
    return Fail(
        ErrorCode::kConflict,
        fmt::format("该比对发现在您打开后已被 {} 于 {} 审核为「{}」（当前版本 {}，您看到的是版本 "
                    "{}），请刷新页面，看过最新结论后再审核",
                    before.reviewed_by.empty() ? "他人" : before.reviewed_by,
                    BeijingMinute(before.reviewed_at), ReviewLabel(before.review),
                    before.review_version, in.version));
  }
  QF_RETURN_IF_ERROR(internal::Exec(
      db_,
      "UPDATE findings SET review = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ?, "
      "review_version = review_version + 1 WHERE fingerprint = ? AND review_version = ?",
      in.decision, internal::MaskIds(in.reason), actor.username, IsoUtc(clock_.NowSeconds()),
      before.fingerprint, in.version));
  QF_ASSIGN_OR_RETURN(internal::FindingRecord after, VisibleFinding(env, tree, actor, fingerprint));
  auto audit_view = [](const internal::FindingRecord& f) {
    return Json{{"review", f.review},
                {"review_reason", f.review_reason},
                {"reviewed_by", f.reviewed_by},
                {"version", f.review_version}};
  };
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, "finding.review", "finding", before.fingerprint,
                                     audit_view(before), audit_view(after)));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return FindingJson(env, after, ShowsFullIds(actor));
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
