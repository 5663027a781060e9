#include "documents/document_book.h"

#include <fmt/format.h>

#include <algorithm>

#include "casework/sealed_text.h"
#include "core/result_macros.h"
#include "core/strings.h"
#include "documents/formal_text.h"
#include "documents/internal/access.h"
#include "documents/internal/render.h"
#include "store/query.h"

namespace qf::documents {
namespace {

using casework::Actor;
using casework::Role;

const Actor kSystem{.user_id = 0, .username = "system", .roles = {}, .unit_code = "commission"};

bool IsBusinessUser(const Actor& actor) {
  return std::any_of(actor.roles.begin(), actor.roles.end(),
                     [](Role r) { return !casework::IsAdminRole(r); });
}

Result<const DocumentType*> FindType(const DocumentCatalog& catalog, std::string_view code) {
  const DocumentType* type = catalog.Find(code);
  if (type == nullptr) return Fail(ErrorCode::kNotFound, fmt::format("文书种类 {} 不存在", code));
  return type;
}

// The item's state code and (a clue's) approved disposal, read from casework's tables.
struct ItemState {
  std::string status;
  std::string disposal;
  bool restricted = false;  // about the commission's own staff: 干部监督室 only, reads audited
};

Result<ItemState> LoadItemState(store::Database& db, std::string_view entity, int64_t id) {
  constexpr std::string_view kClue =
      "SELECT status, disposal, restricted FROM clues WHERE clue_id = ?";
  constexpr std::string_view kCase = "SELECT status, '', restricted FROM cases WHERE case_id = ?";
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db, entity == "clue" ? kClue : kCase, id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Fail(ErrorCode::kNotFound, "事项不存在");
  return ItemState{st->Text(0), st->Text(1), st->Int(2) != 0};
}

bool IssuableIn(const DocumentType& type, const ItemState& state) {
  bool in_state =
      std::find(type.states.begin(), type.states.end(), state.status) != type.states.end();
  return in_state && (type.disposal.empty() || type.disposal == state.disposal);
}

// The current version of a type's template: (version, body).
Result<std::pair<int64_t, std::string>> CurrentTemplate(store::Database& db,
                                                        std::string_view code) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT version, body FROM document_templates WHERE "
                                            "doc_type = ? ORDER BY version DESC LIMIT 1",
                                            code));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Fail(ErrorCode::kNotFound, fmt::format("文书种类 {} 尚无模板", code));
  return std::pair{st->Int(0), st->Text(1)};
}

Result<Json> TemplateVersions(store::Database& db, std::string_view code) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT version, edited_by, edited_at, note FROM "
                                            "document_templates WHERE doc_type = ? ORDER BY "
                                            "version DESC",
                                            code));
  Json versions = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    versions.push_back({{"version", st->Int(0)},
                        {"edited_by", st->Text(1)},
                        {"edited_at", st->Text(2)},
                        {"note", st->Text(3)}});
  }
  return versions;
}

Result<Json> LoadItem(casework::CaseworkService& service, const Actor& actor,
                      std::string_view entity, int64_t id) {
  return entity == "clue" ? service.GetClue(actor, id) : service.GetCase(actor, id);
}

}  // namespace

bool CanEditTemplates(const Actor& actor) { return actor.Has(Role::kApprover); }

Result<int> DocumentBook::EnsureTemplates() {
  int seeded = 0;
  for (const DocumentType& type : catalog_.types()) {
    QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
    QF_ASSIGN_OR_RETURN(auto any, store::QueryInt(db_,
                                                  "SELECT count(*) FROM document_templates "
                                                  "WHERE doc_type = ?",
                                                  type.code));
    if (any && *any > 0) continue;
    QF_RETURN_IF_ERROR(store::Exec(db_,
                                   "INSERT INTO document_templates (doc_type, version, body, "
                                   "edited_by, edited_at, note) VALUES (?, 1, ?, 'system', ?, ?)",
                                   type.code, type.shipped_body, IsoUtc(clock_.NowSeconds()),
                                   "随系统提供的模板"));
    QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, kSystem, "document_template.seed",
                                       "document_template", type.code,
                                       {{"name", type.name}, {"version", 1}}));
    QF_RETURN_IF_ERROR(tx->Commit());
    ++seeded;
  }
  return seeded;
}

Result<Json> DocumentBook::ListTemplates(const Actor& actor) {
  if (!IsBusinessUser(actor)) return Fail(ErrorCode::kPermissionDenied, "您的角色无权查看文书模板");
  Json list = Json::array();
  for (const DocumentType& type : catalog_.types()) {
    QF_ASSIGN_OR_RETURN(Json versions, TemplateVersions(db_, type.code));
    if (versions.empty()) continue;
    list.push_back({{"code", type.code},
                    {"name", type.name},
                    {"prefix", type.prefix},
                    {"entity", type.entity},
                    {"version", versions[0]["version"]},
                    {"edited_by", versions[0]["edited_by"]},
                    {"edited_at", versions[0]["edited_at"]}});
  }
  return Json{{"templates", list}, {"can_edit", CanEditTemplates(actor)}};
}

Result<Json> DocumentBook::GetTemplate(const Actor& actor, std::string_view code, int64_t version) {
  if (!IsBusinessUser(actor)) return Fail(ErrorCode::kPermissionDenied, "您的角色无权查看文书模板");
  QF_ASSIGN_OR_RETURN(const DocumentType* type, FindType(catalog_, code));
  QF_ASSIGN_OR_RETURN(Json versions, TemplateVersions(db_, code));
  if (versions.empty()) return Fail(ErrorCode::kNotFound, fmt::format("{}尚无模板", type->name));
  if (version == 0) version = versions[0]["version"].get<int64_t>();
  QF_ASSIGN_OR_RETURN(auto body, store::QueryText(db_,
                                                  "SELECT body FROM document_templates WHERE "
                                                  "doc_type = ? AND version = ?",
                                                  code, version));
  if (!body) return Fail(ErrorCode::kNotFound, fmt::format("{}没有第 {} 版", type->name, version));
  return Json{{"code", type->code},
              {"name", type->name},
              {"prefix", type->prefix},
              {"entity", type->entity},
              {"states", type->states},
              {"version", version},
              {"current", versions[0]["version"]},
              {"body", *body},
              {"versions", versions}};
}

Result<Json> DocumentBook::EditTemplate(const Actor& actor, std::string_view code,
                                        const std::string& body, const std::string& note,
                                        int64_t base_version) {
  if (!CanEditTemplates(actor))
    return Fail(ErrorCode::kPermissionDenied, "只有审核领导可以修改文书模板");
  QF_ASSIGN_OR_RETURN(const DocumentType* type, FindType(catalog_, code));
  if (TrimSpaces(body).empty() || body.size() > kMaxTemplateBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("模板正文不能为空，且不超过 {} 字节", kMaxTemplateBytes));
  }
  QF_RETURN_IF_ERROR(internal::CheckTemplate(body));
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(auto current, CurrentTemplate(db_, code));
  if (current.first != base_version) {
    return Fail(ErrorCode::kConflict,
                fmt::format("您修改的是第 {} 版，其间模板已被改为第 {} 版；请打开新版本后再修改",
                            base_version, current.first));
  }
  if (current.second == body) return Fail(ErrorCode::kInvalidArgument, "模板内容没有变化");
  int64_t version = current.first + 1;
  QF_RETURN_IF_ERROR(store::Exec(db_,
                                 "INSERT INTO document_templates (doc_type, version, body, "
                                 "edited_by, edited_at, note) VALUES (?, ?, ?, ?, ?, ?)",
                                 type->code, version, body, actor.username,
                                 IsoUtc(clock_.NowSeconds()), casework::MaskIds(note)));
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, actor, "document_template.edit",
                                     "document_template", type->code,
                                     {{"name", type->name},
                                      {"version", version},
                                      {"sha256", crypto::Sha256Hex(body)},
                                      {"note", casework::MaskIds(note)}}));
  QF_RETURN_IF_ERROR(tx->Commit());
  return Json{{"code", type->code}, {"version", version}};
}

Result<Json> DocumentBook::IssuableTypes(std::string_view entity, int64_t id) {
  QF_ASSIGN_OR_RETURN(ItemState state, LoadItemState(db_, entity, id));
  Json out = Json::array();
  for (const DocumentType& type : catalog_.types()) {
    if (type.entity == entity && IssuableIn(type, state)) {
      out.push_back({{"code", type.code}, {"name", type.name}});
    }
  }
  return out;
}

Result<Json> DocumentBook::ListFor(const Actor& actor, std::string_view entity, int64_t id) {
  QF_ASSIGN_OR_RETURN(auto actions, internal::ActionsOn(service_, actor, entity, id));
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                            "SELECT document_id, number, title, issued_by, "
                                            "issued_at, template_version FROM documents WHERE "
                                            "entity = ? AND entity_id = ? ORDER BY document_id",
                                            entity, id));
  Json documents = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    documents.push_back({{"id", st->Int(0)},
                         {"number", st->Text(1)},
                         {"name", st->Text(2)},
                         {"issued_by", st->Text(3)},
                         {"issued_at", st->Text(4)},
                         {"template_version", st->Int(5)}});
  }
  Json issuable = Json::array();
  if (internal::WorksOn(entity, actions)) {
    QF_ASSIGN_OR_RETURN(issuable, IssuableTypes(entity, id));
  }
  return Json{{"documents", documents}, {"issuable", issuable}};
}

Result<int64_t> DocumentBook::NextSerial(const std::string& code, int year) {
  QF_RETURN_IF_ERROR(store::Exec(db_,
                                 "INSERT INTO document_counters (doc_type, year, last_serial) "
                                 "VALUES (?, ?, 0) ON CONFLICT (doc_type, year) DO NOTHING",
                                 code, year));
  // The row lock taken here makes a concurrent issuance of the same type and year wait for this
  // transaction, then read the serial it left.
  QF_RETURN_IF_ERROR(store::Exec(db_,
                                 "UPDATE document_counters SET last_serial = last_serial + 1 "
                                 "WHERE doc_type = ? AND year = ?",
                                 code, year));
  QF_ASSIGN_OR_RETURN(auto serial, store::QueryInt(db_,
                                                   "SELECT last_serial FROM document_counters "
                                                   "WHERE doc_type = ? AND year = ?",
                                                   code, year));
  if (!serial) return Fail(ErrorCode::kInternal, "文号计数器丢失");
  return *serial;
}

Result<Json> DocumentBook::Issue(const Actor& actor, std::string_view entity, int64_t id,
                                 std::string_view code) {
  QF_ASSIGN_OR_RETURN(const DocumentType* type, FindType(catalog_, code));
  QF_ASSIGN_OR_RETURN(auto actions, internal::ActionsOn(service_, actor, entity, id));
  if (type->entity != entity) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}不能在此类事项上制发", type->name));
  }
  if (!internal::WorksOn(entity, actions)) {
    return Fail(ErrorCode::kPermissionDenied, fmt::format("您无权制发{}", type->name));
  }
  QF_ASSIGN_OR_RETURN(Json item, LoadItem(service_, actor, entity, id));
  QF_ASSIGN_OR_RETURN(Json context, internal::ItemContext(db_, entity, item));
  QF_ASSIGN_OR_RETURN(context["issuer"], internal::DisplayName(db_, actor.username));
  QF_ASSIGN_OR_RETURN(context["authority"], internal::UnitName(db_, "commission"));
  const Date today = Today(clock_);
  context["date"] = ChineseDate(today);
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(ItemState state, LoadItemState(db_, entity, id));
  if (!IssuableIn(*type, state)) {
    return Fail(ErrorCode::kConflict, fmt::format("该事项当前的状态不能制发{}", type->name));
  }
  QF_ASSIGN_OR_RETURN(auto tmpl, CurrentTemplate(db_, type->code));
  QF_ASSIGN_OR_RETURN(int64_t serial, NextSerial(type->code, today.year()));
  context["number"] = DocumentNumber(type->prefix, today.year(), serial);
  QF_ASSIGN_OR_RETURN(std::string text, internal::RenderText(tmpl.second, context));
  QF_ASSIGN_OR_RETURN(
      int64_t doc_id,
      store::Insert(db_,
                    "INSERT INTO documents (doc_type, year, serial, number, entity, entity_id, "
                    "template_version, title, body, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?)",
                    type->code, today.year(), serial, context["number"].get<std::string>(), entity,
                    id, tmpl.first, type->name, casework::SealIds(cipher_, text), actor.username,
                    IsoUtc(clock_.NowSeconds())));
  Json after = {
      {"document_id", doc_id},
      {"number", context["number"]},
      {"name", type->name},
      {"template_version", tmpl.first},
      {"summary", fmt::format("{} {}", type->name, context["number"].get<std::string>())}};
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, actor, "document.issue", entity,
                                     std::to_string(id), after));
  QF_RETURN_IF_ERROR(tx->Commit());
  return Json{{"id", doc_id}, {"number", context["number"]}};
}

Result<Json> DocumentBook::Get(const Actor& actor, int64_t document_id) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                            "SELECT number, title, body, entity, entity_id, "
                                            "template_version, issued_by, issued_at FROM "
                                            "documents WHERE document_id = ?",
                                            document_id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Fail(ErrorCode::kNotFound, fmt::format("文书 {} 不存在", document_id));
  Json doc = {{"id", document_id},        {"number", st->Text(0)},
              {"name", st->Text(1)},      {"entity", st->Text(3)},
              {"entity_id", st->Int(4)},  {"template_version", st->Int(5)},
              {"issued_by", st->Text(6)}, {"issued_at", st->Text(7)}};
  std::string sealed = st->Text(2);
  st.reset();
  const std::string entity = doc["entity"];
  const int64_t item_id = doc["entity_id"];
  if (!internal::ActionsOn(service_, actor, entity, item_id)) {
    return Fail(ErrorCode::kNotFound, fmt::format("文书 {} 不存在", document_id));
  }
  QF_ASSIGN_OR_RETURN(ItemState state, LoadItemState(db_, entity, item_id));
  if (state.restricted) {
    // As reading the restricted item itself is: committed before the text is returned.
    QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, actor, "document.read_restricted",
                                       entity, std::to_string(item_id),
                                       {{"document_id", document_id}, {"number", doc["number"]}},
                                       /*alone=*/true));
  }
  doc["body"] = casework::OpenIds(cipher_, sealed, casework::ShowsFullIds(actor));
  doc["issued_date"] = internal::ChineseDateOf(doc["issued_at"].get<std::string>());
  QF_ASSIGN_OR_RETURN(doc["authority"], internal::UnitName(db_, "commission"));
  return doc;
}

}  // namespace qf::documents
