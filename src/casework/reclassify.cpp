// CaseworkService: 重新归类 — a clue's, case's or rectification item's domain (领域) and
// special-campaign tags (专项) changed by its 承办人 or 审核领导 (干部监督室 on restricted items),
// with a reason, audited with the classification before and after in the same transaction.
#include <fmt/format.h>

#include "casework/casework_service.h"
#include "casework/internal/classification.h"
#include "casework/internal/records.h"
#include "casework/internal/sealed_text.h"
#include "casework/internal/sql.h"

namespace qf::casework {

using internal::Env;
using internal::FieldError;

namespace {

// What reclassification reads of an item.
struct Classified {
  Target target;
  std::string domain;
  std::vector<std::string> campaigns;
  std::string updated_at;
};

struct Kind {
  std::string_view entity;  // "clue": the audit entity and campaign_tags.record_kind
  std::string_view noun;    // "线索"
  std::string_view table, id_column;
  Action view;
};

constexpr Kind kClue{"clue", "线索", "clues", "clue_id", Action::kViewClue};
constexpr Kind kCase{"case", "案件", "cases", "case_id", Action::kViewCase};
constexpr Kind kRectification{"rectification", "整改事项", "rectifications", "rectification_id",
                              Action::kViewRectification};

Result<std::optional<Classified>> LoadClassified(store::Database& db, const Kind& kind,
                                                 int64_t id) {
  if (kind.entity == "clue") {
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadClue(db, id));
    if (!row) return std::optional<Classified>();
    QF_ASSIGN_OR_RETURN(Target target, internal::ClueTarget(db, *row));
    return Classified{target, row->domain, row->campaigns, row->updated_at};
  }
  if (kind.entity == "case") {
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db, id));
    if (!row) return std::optional<Classified>();
    return Classified{internal::CaseTarget(*row), row->domain, row->campaigns, row->updated_at};
  }
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadRectification(db, id));
  if (!row) return std::optional<Classified>();
  return Classified{internal::RectificationTarget(*row), row->domain, row->campaigns,
                    row->updated_at};
}

Json ClassificationJson(const std::string& domain, const std::vector<std::string>& campaigns) {
  return {{"domain", domain}, {"campaigns", internal::CampaignsJson(campaigns)}};
}

// Checks, applies and audits the reclassification of item `id` in one transaction.
Result<void> Reclassify(const Env& env, const Actor& actor, const Kind& kind, int64_t id,
                        const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string reason,
                      internal::GetString(body, "reason", internal::kMaxShortText));
  QF_ASSIGN_OR_RETURN(auto version, internal::GetOptionalString(body, "version", 40));
  auto tx = env.db.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(env.db));
  QF_ASSIGN_OR_RETURN(auto item, LoadClassified(env.db, kind, id));
  if (!item || !CanSee(tree, actor, kind.view, item->target)) {
    return std::unexpected(internal::NotFound(kind.noun, id));
  }
  QF_RETURN_IF_ERROR(Authorize(tree, actor, Action::kReclassify, item->target));
  QF_ASSIGN_OR_RETURN(auto domain, internal::ParseDomain(body, "domain", item->domain));
  if (!domain) return std::unexpected(FieldError("domain", "必填"));
  QF_ASSIGN_OR_RETURN(auto campaigns, internal::ParseCampaigns(body, "campaigns", item->campaigns));
  std::vector<std::string> codes = campaigns.value_or(std::vector<std::string>());
  if (version && *version != item->updated_at) {
    return Fail(ErrorCode::kConflict,
                fmt::format("{} {} 在您打开后已被他人修改，请刷新后重新归类", kind.noun, id));
  }
  if (*domain == item->domain && codes == item->campaigns) {
    return std::unexpected(FieldError("domain", "领域和专项都没有改变"));
  }
  QF_RETURN_IF_ERROR(
      internal::Exec(env.db,
                     fmt::format("UPDATE {} SET domain = ?, updated_at = ? WHERE {} = ?",
                                 kind.table, kind.id_column),
                     *domain, IsoUtc(env.clock.NowSeconds()), id));
  QF_RETURN_IF_ERROR(internal::WriteCampaignTags(env.db, kind.entity, id, codes));
  Json after = ClassificationJson(*domain, codes);
  after["reason"] = internal::MaskIds(reason);
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, fmt::format("{}.reclassify", kind.entity),
                                     kind.entity, id,
                                     ClassificationJson(item->domain, item->campaigns), after));
  return (*tx)->Commit();
}

}  // namespace

Result<Json> CaseworkService::ReclassifyClue(const Actor& actor, int64_t clue_id,
                                             const Json& body) {
  Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(Reclassify(env, actor, kClue, clue_id, body));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadClue(db_, clue_id));
  return internal::ClueJson(env, *row, ShowsFullIds(actor));
}

Result<Json> CaseworkService::ReclassifyCase(const Actor& actor, int64_t case_id,
                                             const Json& body) {
  Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(Reclassify(env, actor, kCase, case_id, body));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db_, case_id));
  return internal::CaseJson(env, *row, ShowsFullIds(actor));
}

Result<Json> CaseworkService::ReclassifyRectification(const Actor& actor, int64_t rectification_id,
                                                      const Json& body) {
  Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(Reclassify(env, actor, kRectification, rectification_id, body));
  QF_ASSIGN_OR_RETURN(auto row, internal::LoadRectification(db_, rectification_id));
  return internal::RectificationJson(env, *row, ShowsFullIds(actor));
}

}  // namespace qf::casework
