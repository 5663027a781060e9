#include "activities/activity_book.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "core/result_macros.h"
#include "store/query.h"
#include "taxonomy/taxonomy.h"

namespace qf::activities {
namespace {

using casework::Actor;
using casework::Role;
using casework::UnitTree;

constexpr int32_t kRectificationDays = 30;

Error NotFound(int64_t id) {
  return Error(ErrorCode::kNotFound, fmt::format("活动 {} 不存在", id));
}

// The community unit a place names (by code or name), else "".
std::string CommunityOf(const UnitTree& tree, const std::string& place) {
  for (const auto& [code, unit] : tree.units()) {
    if (unit.kind == casework::UnitKind::kCommunity && (code == place || unit.name == place)) {
      return code;
    }
  }
  return "";
}

Json InputJson(const ActivityInput& in) {
  Json problems = Json::array();
  for (const ProblemInput& p : in.problems) {
    problems.push_back({{"description", p.description}, {"as_clue", p.as_clue}});
  }
  return {{"kind", in.kind},
          {"held_on", in.held_on.ToString()},
          {"title", in.title},
          {"unit", in.unit_code},
          {"domain", in.domain},
          {"campaigns", in.campaigns},
          {"participants", in.participants},
          {"visited", in.visited},
          {"places", in.places},
          {"mechanism", in.mechanism},
          {"doc_number", in.doc_number},
          {"summary", in.summary},
          {"problems", problems}};
}

Result<void> WriteAudit(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                        const Actor& actor, std::string action, int64_t id, const Json& before,
                        const Json& after) {
  audit::Entry entry{.actor = actor.username,
                     .action = std::move(action),
                     .entity = "activity",
                     .entity_id = std::to_string(id),
                     .before = before.is_null() ? "" : before.dump(),
                     .after = after.dump()};
  audit::Recorder recorder(clock, cipher.chain_key());
  QF_RETURN_IF_ERROR(recorder.Append(db, entry));
  return {};
}

Result<void> WriteTagsAndPlaces(store::Database& db, const UnitTree& tree, int64_t id,
                                const ActivityInput& in) {
  QF_RETURN_IF_ERROR(store::Exec(
      db, "DELETE FROM campaign_tags WHERE record_kind = 'activity' AND record_id = ?", id));
  QF_RETURN_IF_ERROR(store::Exec(db, "DELETE FROM activity_places WHERE activity_id = ?", id));
  for (const std::string& code : in.campaigns) {
    QF_RETURN_IF_ERROR(store::Exec(
        db, "INSERT INTO campaign_tags(record_kind, record_id, campaign) VALUES ('activity', ?, ?)",
        id, code));
  }
  for (size_t i = 0; i < in.places.size(); ++i) {
    QF_RETURN_IF_ERROR(store::Exec(
        db, "INSERT INTO activity_places(activity_id, seq, place, unit_code) VALUES (?, ?, ?, ?)",
        id, static_cast<int64_t>(i + 1), in.places[i], CommunityOf(tree, in.places[i])));
  }
  return {};
}

// kPermissionDenied unless the actor records activities and `unit` lies in their subtree.
Result<void> RequireRecorder(const UnitTree& tree, const Actor& actor, const std::string& unit) {
  if (!CanRecordActivities(actor)) {
    return Fail(ErrorCode::kPermissionDenied, "只有受理员、承办人可以登记活动台账");
  }
  if (!tree.Within(unit, actor.unit_code)) {
    return std::unexpected(
        Error(ErrorCode::kPermissionDenied, fmt::format("组织单位“{}”不在您的单位范围内", unit))
            .WithField("unit"));
  }
  return {};
}

struct Row {
  int64_t id = 0, participants = 0, visited = 0, version = 0;
  std::string kind, held_on, title, unit, domain, mechanism, doc_number, summary, created_by,
      created_at, updated_at;
};

constexpr std::string_view kColumns =
    "activity_id, kind, held_on, title, unit_code, domain, participants, visited, mechanism, "
    "doc_number, summary, version, created_by, created_at, updated_at";

Row ReadRow(const store::Statement& st) {
  return Row{.id = st.Int(0),
             .participants = st.Int(6),
             .visited = st.Int(7),
             .version = st.Int(11),
             .kind = st.Text(1),
             .held_on = st.Text(2),
             .title = st.Text(3),
             .unit = st.Text(4),
             .domain = st.Text(5),
             .mechanism = st.Text(8),
             .doc_number = st.Text(9),
             .summary = st.Text(10),
             .created_by = st.Text(12),
             .created_at = st.Text(13),
             .updated_at = st.Text(14)};
}

std::string CampaignName(std::string_view code) {
  const taxonomy::Campaign* c = taxonomy::Active().FindCampaign(code);
  return c ? c->name : std::string(code);
}

Json RowJson(const Row& r, const UnitTree& tree, const Actor& actor) {
  const casework::Unit* unit = tree.Find(r.unit);
  return {{"id", r.id},
          {"kind", r.kind},
          {"held_on", r.held_on},
          {"title", r.title},
          {"unit", r.unit},
          {"unit_name", unit ? unit->name : r.unit},
          {"domain", r.domain},
          {"participants", r.participants},
          {"visited", r.visited},
          {"mechanism", r.mechanism},
          {"doc_number", r.doc_number},
          {"summary", r.summary},
          {"version", r.version},
          {"created_by", r.created_by},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"can_edit", CanRecordActivities(actor) && tree.Within(r.unit, actor.unit_code)}};
}

Result<std::optional<Row>> LoadRow(store::Database& db, int64_t id) {
  QF_ASSIGN_OR_RETURN(
      auto rows, store::QueryRows<Row>(
                     db, fmt::format("SELECT {} FROM activities WHERE activity_id = ?", kColumns),
                     ReadRow, id));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(rows.front());
}

Result<Json> Campaigns(store::Database& db, int64_t id) {
  QF_ASSIGN_OR_RETURN(auto codes, store::QueryRows<std::string>(
                                      db,
                                      "SELECT campaign FROM campaign_tags WHERE record_kind = "
                                      "'activity' AND record_id = ? ORDER BY campaign",
                                      [](const store::Statement& s) { return s.Text(0); }, id));
  Json out = Json::array();
  for (const std::string& code : codes)
    out.push_back({{"code", code}, {"name", CampaignName(code)}});
  return out;
}

Result<Json> Places(store::Database& db, int64_t id) {
  QF_ASSIGN_OR_RETURN(auto rows,
                      store::QueryRows<Json>(
                          db,
                          "SELECT place, unit_code FROM activity_places WHERE activity_id = ? "
                          "ORDER BY seq",
                          [](const store::Statement& s) {
                            return Json{{"name", s.Text(0)}, {"unit", s.Text(1)}};
                          },
                          id));
  return Json(rows);
}

Result<Json> Problems(store::Database& db, int64_t id) {
  QF_ASSIGN_OR_RETURN(
      auto rows, store::QueryRows<Json>(
                     db,
                     "SELECT seq, description, clue_id, rectification_id FROM activity_problems "
                     "WHERE activity_id = ? ORDER BY seq",
                     [](const store::Statement& s) {
                       return Json{{"seq", s.Int(0)},
                                   {"description", s.Text(1)},
                                   {"clue_id", s.IsNull(2) ? Json() : Json(s.Int(2))},
                                   {"rectification_id", s.IsNull(3) ? Json() : Json(s.Int(3))}};
                     },
                     id));
  return Json(rows);
}

std::string Joined(const Json& list, const char* field) {
  std::string out;
  for (const Json& item : list) {
    if (!out.empty()) out += "、";
    out += item.value(field, "");
  }
  return out;
}

}  // namespace

bool CanRecordActivities(const Actor& actor) {
  return actor.Has(Role::kIntake) || actor.Has(Role::kHandler);
}

bool CanReadActivities(const Actor& actor) {
  return CanRecordActivities(actor) || actor.Has(Role::kApprover) ||
         actor.Has(Role::kInternalSupervision);
}

Result<int64_t> ActivityBook::Create(const Actor& actor, const ActivityInput& input) {
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(int64_t id, CreateInTransaction(actor, input, /*audit=*/true));
  QF_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<int64_t> ActivityBook::CreateInTransaction(const Actor& actor, const ActivityInput& in,
                                                  bool audit) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, casework::LoadUnitTree(db_));
  QF_RETURN_IF_ERROR(RequireRecorder(tree, actor, in.unit_code));
  const std::string now = IsoUtc(clock_.NowSeconds());
  QF_ASSIGN_OR_RETURN(
      int64_t id,
      store::Insert(db_,
                    "INSERT INTO activities(kind, held_on, title, unit_code, domain, participants, "
                    "visited, mechanism, doc_number, summary, version, created_by, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                    in.kind, in.held_on.ToString(), in.title, in.unit_code, in.domain,
                    in.participants, in.visited, in.mechanism, in.doc_number, in.summary,
                    actor.username, now, now));
  QF_RETURN_IF_ERROR(WriteTagsAndPlaces(db_, tree, id, in));
  QF_RETURN_IF_ERROR(HandOnProblems(actor, id, in, 1));
  if (audit) {
    QF_RETURN_IF_ERROR(
        WriteAudit(db_, clock_, cipher_, actor, "activity.create", id, Json(), InputJson(in)));
  }
  return id;
}

Result<void> ActivityBook::HandOnProblems(const Actor& actor, int64_t id, const ActivityInput& in,
                                          int first_seq) {
  // Issued now: due 30 days after the activity, or after today when it is entered later.
  const Date due = std::max(in.held_on, Today(clock_)).AddDays(kRectificationDays);
  int seq = first_seq;
  // Each problem is classified as the activity that found it.
  for (const ProblemInput& p : in.problems) {
    std::optional<int64_t> clue_id, rectification_id;
    Result<int64_t> handed = 0;
    if (p.as_clue) {
      handed = service_.CreateClueInTransaction(
          actor, {{"source", std::string(ClueSourceFor(in.kind))},
                  {"source_ref", fmt::format("活动台账 {}", id)},
                  {"domain", in.domain},
                  {"campaigns", in.campaigns},
                  {"title", fmt::format("{}发现：{}", in.kind, in.title)},
                  {"summary", p.description},
                  {"unit", in.unit_code}});
      if (handed) clue_id = *handed;
    } else {
      handed = service_.IssueRectificationInTransaction(actor, {{"kind", "整改事项"},
                                                                {"unit", in.unit_code},
                                                                {"content", p.description},
                                                                {"due_date", due.ToString()},
                                                                {"domain", in.domain},
                                                                {"campaigns", in.campaigns}});
      if (handed) rectification_id = *handed;
    }
    if (!handed) {
      // Named by the problem's column: the casework field (due_date, unit) means nothing here.
      return std::unexpected(
          Error(handed.error().code(),
                fmt::format("问题“{}”未能转为{}（{}）", p.description,
                            p.as_clue ? "线索" : "整改事项", handed.error().message()))
              .WithField(p.as_clue ? "clue_problems" : "rectification_problems"));
    }
    QF_RETURN_IF_ERROR(store::Exec(db_,
                                   "INSERT INTO activity_problems(activity_id, seq, description, "
                                   "clue_id, rectification_id) VALUES (?, ?, ?, ?, ?)",
                                   id, int64_t{seq++}, p.description, clue_id, rectification_id));
  }
  return {};
}

Result<void> ActivityBook::Update(const Actor& actor, int64_t id, int64_t version,
                                  const ActivityInput& in) {
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(UnitTree tree, casework::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto row, LoadRow(db_, id));
  if (!row || !CanReadActivities(actor) || !tree.Within(row->unit, actor.unit_code)) {
    return std::unexpected(NotFound(id));
  }
  QF_RETURN_IF_ERROR(RequireRecorder(tree, actor, row->unit));
  QF_RETURN_IF_ERROR(RequireRecorder(tree, actor, in.unit_code));
  if (row->version != version) {
    return Fail(ErrorCode::kConflict, "该活动已被他人修改，请刷新后重新编辑");
  }
  QF_ASSIGN_OR_RETURN(Json before, Get(actor, id));
  QF_RETURN_IF_ERROR(store::Exec(
      db_,
      "UPDATE activities SET kind = ?, held_on = ?, title = ?, unit_code = ?, domain = ?, "
      "participants = ?, visited = ?, mechanism = ?, doc_number = ?, summary = ?, version = ?, "
      "updated_at = ? WHERE activity_id = ?",
      in.kind, in.held_on.ToString(), in.title, in.unit_code, in.domain, in.participants,
      in.visited, in.mechanism, in.doc_number, in.summary, version + 1, IsoUtc(clock_.NowSeconds()),
      id));
  QF_RETURN_IF_ERROR(WriteTagsAndPlaces(db_, tree, id, in));
  QF_ASSIGN_OR_RETURN(auto count, store::QueryInt(db_,
                                                  "SELECT COUNT(*) FROM activity_problems WHERE "
                                                  "activity_id = ?",
                                                  id));
  QF_RETURN_IF_ERROR(HandOnProblems(actor, id, in, static_cast<int>(count.value_or(0)) + 1));
  before.erase("can_edit");
  QF_RETURN_IF_ERROR(
      WriteAudit(db_, clock_, cipher_, actor, "activity.update", id, before, InputJson(in)));
  return tx->Commit();
}

Result<Json> ActivityBook::Get(const Actor& actor, int64_t id) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, casework::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(auto row, LoadRow(db_, id));
  if (!row || !CanReadActivities(actor) || !tree.Within(row->unit, actor.unit_code)) {
    return std::unexpected(NotFound(id));
  }
  Json out = RowJson(*row, tree, actor);
  QF_ASSIGN_OR_RETURN(out["campaigns"], Campaigns(db_, id));
  QF_ASSIGN_OR_RETURN(out["places"], Places(db_, id));
  QF_ASSIGN_OR_RETURN(out["problems"], Problems(db_, id));
  return out;
}

Result<std::vector<Json>> ActivityBook::List(const Actor& actor) {
  std::vector<Json> out;
  if (!CanReadActivities(actor)) return out;
  QF_ASSIGN_OR_RETURN(UnitTree tree, casework::LoadUnitTree(db_));
  QF_ASSIGN_OR_RETURN(
      auto rows, store::QueryRows<Row>(db_,
                                       fmt::format("SELECT {} FROM activities ORDER BY held_on "
                                                   "DESC, activity_id DESC",
                                                   kColumns),
                                       ReadRow));
  for (const Row& r : rows) {
    if (!tree.Within(r.unit, actor.unit_code)) continue;
    Json item = RowJson(r, tree, actor);
    QF_ASSIGN_OR_RETURN(Json campaigns, Campaigns(db_, r.id));
    QF_ASSIGN_OR_RETURN(Json places, Places(db_, r.id));
    QF_ASSIGN_OR_RETURN(auto problems, store::QueryInt(db_,
                                                       "SELECT COUNT(*) FROM activity_problems "
                                                       "WHERE activity_id = ?",
                                                       r.id));
    item["campaigns"] = campaigns;
    item["campaign_names"] = Joined(campaigns, "name");
    item["place_names"] = Joined(places, "name");
    item["problem_count"] = problems.value_or(0);
    out.push_back(std::move(item));
  }
  return out;
}

Result<int64_t> ActivityBook::Attach(const Actor& actor, int64_t id,
                                     const documents::AttachmentFile& file,
                                     const std::string& note) {
  QF_ASSIGN_OR_RETURN(Json activity, Get(actor, id));
  if (!activity.value("can_edit", false)) {
    return Fail(ErrorCode::kPermissionDenied, "只有能修改该活动的人员可以上传附件");
  }
  documents::AttachmentStore files(db_, clock_, cipher_, service_);
  return files.UploadTo(actor, "activity", id, file, note);
}

Result<Json> ActivityBook::Attachments(const Actor& actor, int64_t id) {
  QF_ASSIGN_OR_RETURN(Json activity, Get(actor, id));
  documents::AttachmentStore files(db_, clock_, cipher_, service_);
  QF_ASSIGN_OR_RETURN(Json list, files.ListOf(actor, "activity", id));
  list["can_upload"] = activity.value("can_edit", false) && documents::CanHandleAttachments(actor);
  list["can_download"] = documents::CanHandleAttachments(actor);
  return list;
}

Result<documents::AttachmentFile> ActivityBook::Attachment(const Actor& actor, int64_t id,
                                                           int64_t attachment_id) {
  QF_RETURN_IF_ERROR(Get(actor, id));
  documents::AttachmentStore files(db_, clock_, cipher_, service_);
  return files.DownloadFrom(actor, "activity", id, attachment_id);
}

}  // namespace qf::activities
