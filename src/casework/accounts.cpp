// CaseworkService: units, accounts, sessions and the audit-log routes.
#include <fmt/format.h>

#include <map>
#include <mutex>

#include "casework/casework_service.h"
#include "casework/internal/login_throttle.h"
#include "casework/internal/records.h"
#include "casework/internal/sql.h"
#include "casework/internal/staff.h"
#include "taxonomy/taxonomy.h"

namespace qf::casework {

using internal::Exec;
using internal::FieldError;
using internal::GetString;
using internal::Query;
using internal::QueryInt;

namespace {

constexpr std::string_view kDisposals[] = {"谈话函询", "初步核实", "暂存待查", "予以了结"};
constexpr std::string_view kOutcomes[] = {"党纪处分", "政务处分", "组织处理", "移送司法"};
constexpr std::string_view kAspects[] = {"腐败问题", "保护伞", "监管失职"};
constexpr std::string_view kRectificationKinds[] = {"监察建议", "整改事项"};

const Actor kCliActor{0, "cli", {}, ""};

Json UserJson(const store::Statement& st) {
  // Columns: user_id, username, display_name, unit_code, roles, failed_logins, locked_until,
  // disabled, created_at
  Json roles = Json::array();
  for (Role role : ParseRoleList(st.Text(4)).value_or(std::vector<Role>{})) {
    roles.push_back(RoleCode(role));
  }
  return {{"id", st.Int(0)},
          {"username", st.Text(1)},
          {"display_name", st.Text(2)},
          {"unit", st.Text(3)},
          {"roles", roles},
          {"failed_logins", st.Int(5)},
          {"locked_until", st.Int(6)},
          {"disabled", st.Int(7) != 0},
          {"created_at", st.Text(8)}};
}

constexpr std::string_view kUserColumns =
    "SELECT user_id, username, display_name, unit_code, roles, failed_logins, locked_until, "
    "disabled, created_at FROM users";

Result<Json> LoadUserJson(store::Database& db, int64_t user_id) {
  QF_ASSIGN_OR_RETURN(auto st,
                      Query(db, std::string(kUserColumns) + " WHERE user_id = ?", user_id));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::unexpected(internal::NotFound("用户", user_id));
  return UserJson(*st);
}

bool ValidUsername(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string_view> ClueSources() {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  return {t.clue_sources.begin(), t.clue_sources.end()};
}
std::vector<std::string_view> ClueDomains() { return taxonomy::Active().DomainNames(); }
std::span<const std::string_view> Disposals() { return kDisposals; }
std::span<const std::string_view> Outcomes() { return kOutcomes; }
std::span<const std::string_view> LinkAspects() { return kAspects; }
std::span<const std::string_view> RectificationKinds() { return kRectificationKinds; }

CaseworkService::CaseworkService(store::Database& db, const Clock& clock,
                                 const crypto::FieldCipher& cipher, CaseworkOptions options)
    : db_(db), clock_(clock), cipher_(cipher), options_(options) {}

Result<Json> CaseworkService::ListUnits(const Actor& /*actor*/) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  Json out = Json::array();
  for (const auto& [code, unit] : tree.units()) {
    out.push_back({{"code", unit.code},
                   {"name", unit.name},
                   {"kind", UnitKindCode(unit.kind)},
                   {"parent", unit.parent_code.empty() ? Json() : Json(unit.parent_code)}});
  }
  return Json{{"units", out}};
}

Result<Json> CaseworkService::AddUnit(const Actor& actor, const Json& body) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kManageUnits));
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string code, GetString(body, "code", 40));
  if (!ValidUsername(code)) {
    return std::unexpected(
        FieldError("code", "单位代码只能由字母、数字、_ . - 组成，最长 32 个字符"));
  }
  QF_ASSIGN_OR_RETURN(std::string name, GetString(body, "name", internal::kMaxTitle));
  QF_ASSIGN_OR_RETURN(std::string kind_text, GetString(body, "kind", 40));
  auto kind = ParseUnitKind(kind_text);
  if (!kind) {
    return std::unexpected(FieldError(
        "kind", fmt::format("'{}' 不是单位类型：commission、stationed_group、street_office、"
                            "community、department、external",
                            kind_text)));
  }
  QF_ASSIGN_OR_RETURN(auto parent, internal::GetOptionalString(body, "parent", 40));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  if (tree.Find(code) != nullptr) {
    return std::unexpected(
        Error(ErrorCode::kConflict, fmt::format("单位代码 '{}' 已存在", code)).WithField("code"));
  }
  if (parent) QF_RETURN_IF_ERROR(internal::RequireUnit(tree, *parent, "parent"));
  QF_RETURN_IF_ERROR(Exec(db_,
                          "INSERT INTO units(code, name, kind, parent_code) VALUES (?, ?, ?, ?)",
                          code, name, UnitKindCode(*kind), parent));
  Json after = {{"code", code},
                {"name", name},
                {"kind", UnitKindCode(*kind)},
                {"parent", parent ? Json(*parent) : Json()}};
  internal::Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, "unit.create", "unit", 0, Json(), after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return after;
}

Result<Json> CaseworkService::ListUsers(const Actor& actor) {
  if (!actor.Has(Role::kSystemAdmin) && !actor.Has(Role::kSecurityAdmin)) {
    QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kManageUsers));
  }
  QF_ASSIGN_OR_RETURN(auto st, Query(db_, std::string(kUserColumns) + " ORDER BY user_id"));
  Json out = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(UserJson(*st));
  }
  return Json{{"users", out}};
}

namespace {

struct NewUser {
  std::string username, display_name, unit_code, password;
  std::vector<Role> roles;
  std::optional<CitizenId> id;
};

// Inserts the user and its audit entry; the caller owns the transaction.
Result<int64_t> InsertUser(const internal::Env& env, const Actor& actor, const NewUser& user,
                           PasswordCost cost) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(env.db));
  QF_RETURN_IF_ERROR(internal::RequireUnit(tree, user.unit_code, "unit"));
  QF_ASSIGN_OR_RETURN(auto taken,
                      QueryInt(env.db, "SELECT 1 FROM users WHERE username = ?", user.username));
  if (taken) {
    return std::unexpected(
        Error(ErrorCode::kConflict, fmt::format("用户名 '{}' 已被使用", user.username))
            .WithField("username"));
  }
  auto hash = HashPassword(user.password, cost);
  if (!hash) return std::unexpected(FieldError("password", hash.error().message()));
  auto [enc, index] = internal::EncryptId(env, user.id);
  QF_ASSIGN_OR_RETURN(
      int64_t user_id,
      internal::Insert(
          env.db,
          "INSERT INTO users(username, display_name, unit_code, roles, password_hash, "
          "id_number_enc, id_number_index, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          user.username, user.display_name, user.unit_code, RoleListCode(user.roles), *hash, enc,
          index, IsoUtc(env.clock.NowSeconds())));
  Json after = {{"username", user.username},
                {"display_name", user.display_name},
                {"unit", user.unit_code},
                {"roles", RoleListCode(user.roles)},
                {"id_number", user.id ? Json(user.id->Masked()) : Json()}};
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, "user.create", "user", user_id, Json(), after));
  // The new colleague may already be named in a clue or a case: only 干部监督室 sees those now.
  QF_RETURN_IF_ERROR(internal::RestrictItemsAbout(env, actor, user.display_name, user.id));
  return user_id;
}

bool HasBusinessRole(const std::vector<Role>& roles) {
  return std::any_of(roles.begin(), roles.end(), [](Role r) { return !IsAdminRole(r); });
}

// Business accounts must carry an ID number: without it a clue about the account holder could
// only be caught by name (灯下黑).
Error MissingIdNumber() {
  return internal::FieldError(
      "id_number",
      "业务账号必须登记身份证号（用于防止“灯下黑”：涉及本机关工作人员的事项自动转干部监督室）");
}

}  // namespace

Result<Json> CaseworkService::CreateUser(const Actor& actor, const Json& body) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kManageUsers));
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  NewUser user;
  QF_ASSIGN_OR_RETURN(user.username, GetString(body, "username", 32));
  if (!ValidUsername(user.username)) {
    return std::unexpected(
        FieldError("username", "用户名只能由字母、数字、_ . - 组成，最长 32 个字符"));
  }
  QF_ASSIGN_OR_RETURN(user.display_name, GetString(body, "display_name", internal::kMaxName));
  QF_ASSIGN_OR_RETURN(user.unit_code, GetString(body, "unit", 40));
  QF_ASSIGN_OR_RETURN(auto password, internal::GetOptionalString(body, "password", 128));
  if (body.contains("roles")) {
    return std::unexpected(
        FieldError("roles", "角色由安全管理员授予（三员分立），创建账号时不能指定"));
  }
  // Every account may later be granted a business role, so every account carries an ID number.
  QF_ASSIGN_OR_RETURN(auto id_text, internal::GetOptionalString(body, "id_number", 40));
  if (!id_text) return std::unexpected(MissingIdNumber());
  auto id = CitizenId::Parse(*id_text);
  if (!id) return std::unexpected(FieldError("id_number", id.error().message()));
  user.id = *id;
  bool generated = !password;
  user.password = password.value_or(GeneratePassword());
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  internal::Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(int64_t user_id, InsertUser(env, actor, user, options_.password_cost));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  QF_ASSIGN_OR_RETURN(Json out, LoadUserJson(db_, user_id));
  if (generated) out["password"] = user.password;
  return out;
}

Result<Json> CaseworkService::AddUserFromCli(std::string_view username,
                                             std::string_view display_name, std::vector<Role> roles,
                                             std::string_view unit_code, std::string password,
                                             std::optional<std::string> id_number) {
  if (!ValidUsername(username)) {
    return std::unexpected(
        FieldError("username", "用户名只能由字母、数字、_ . - 组成，最长 32 个字符"));
  }
  if (std::string problem = RoleSeparationProblem(roles); !problem.empty()) {
    return std::unexpected(FieldError("role", problem));
  }
  NewUser user{std::string(username),  std::string(display_name.empty() ? username : display_name),
               std::string(unit_code), std::move(password),
               std::move(roles),       std::nullopt};
  if (id_number) {
    auto id = CitizenId::Parse(*id_number);
    if (!id) return std::unexpected(FieldError("id_number", id.error().message()));
    user.id = *id;
  } else if (HasBusinessRole(user.roles)) {
    return std::unexpected(MissingIdNumber());
  }
  bool generated = user.password.empty();
  if (generated) user.password = GeneratePassword();
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  internal::Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(int64_t user_id, InsertUser(env, kCliActor, user, options_.password_cost));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  QF_ASSIGN_OR_RETURN(Json out, LoadUserJson(db_, user_id));
  if (generated) out["password"] = user.password;
  return out;
}

Result<Json> CaseworkService::SetUserRoles(const Actor& actor, int64_t user_id, const Json& body) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kGrantRoles));
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  if (user_id == actor.user_id) {
    return std::unexpected(Error(ErrorCode::kPermissionDenied, "安全管理员不能修改自己的角色"));
  }
  QF_ASSIGN_OR_RETURN(Json list, internal::GetArray(body, "roles", 8, true));
  std::vector<Role> roles;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = fmt::format("roles[{}]", i);
    if (!list[i].is_string()) return std::unexpected(FieldError(path, "应为角色名称字符串"));
    auto role = ParseRole(list[i].get<std::string>());
    if (!role) {
      return std::unexpected(
          FieldError(path, fmt::format("'{}' 不是角色", list[i].get<std::string>())));
    }
    if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
  }
  if (std::string problem = RoleSeparationProblem(roles); !problem.empty()) {
    return std::unexpected(FieldError("roles", problem));
  }
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(Json before, LoadUserJson(db_, user_id));
  if (HasBusinessRole(roles)) {
    // Accounts made before ID numbers were required get a business role only once they have one.
    QF_ASSIGN_OR_RETURN(auto has_id, QueryInt(db_,
                                              "SELECT count(*) FROM users WHERE user_id = ? AND "
                                              "id_number_enc IS NOT NULL AND id_number_enc <> ''",
                                              user_id));
    if (has_id.value_or(0) == 0) return std::unexpected(MissingIdNumber());
  }
  QF_RETURN_IF_ERROR(
      Exec(db_, "UPDATE users SET roles = ? WHERE user_id = ?", RoleListCode(roles), user_id));
  QF_ASSIGN_OR_RETURN(Json after, LoadUserJson(db_, user_id));
  internal::Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, "user.set_roles", "user", user_id, before, after));
  // A changed role takes effect now: the user logs in again.
  QF_RETURN_IF_ERROR(Exec(db_, "DELETE FROM sessions WHERE user_id = ?", user_id));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return after;
}

Result<Json> CaseworkService::UnlockUser(const Actor& actor, int64_t user_id) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kUnlockUser));
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(Json before, LoadUserJson(db_, user_id));
  QF_RETURN_IF_ERROR(
      Exec(db_, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE user_id = ?", user_id));
  QF_RETURN_IF_ERROR(internal::ClearThrottleForUser(db_, before.value("username", "")));
  QF_ASSIGN_OR_RETURN(Json after, LoadUserJson(db_, user_id));
  internal::Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(internal::Audit(env, actor, "user.unlock", "user", user_id, before, after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return after;
}

Result<Json> CaseworkService::SetUserDisabled(const Actor& actor, int64_t user_id,
                                              const Json& body) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kManageUsers));
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(bool disabled, internal::GetBool(body, "disabled", true));
  // An administrator who disabled their own account would lock the commission out of account
  // management until another system administrator re-enabled it.
  if (disabled && user_id == actor.user_id) {
    return Fail(ErrorCode::kConflict, "不能停用本人账号，请由另一名系统管理员办理");
  }
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(Json before, LoadUserJson(db_, user_id));
  QF_RETURN_IF_ERROR(
      Exec(db_, "UPDATE users SET disabled = ? WHERE user_id = ?", disabled, user_id));
  if (disabled) QF_RETURN_IF_ERROR(Exec(db_, "DELETE FROM sessions WHERE user_id = ?", user_id));
  QF_ASSIGN_OR_RETURN(Json after, LoadUserJson(db_, user_id));
  internal::Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(
      internal::Audit(env, actor, "user.set_disabled", "user", user_id, before, after));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return after;
}

namespace {

// A hash of the configured cost, so that checking a password for an unknown user name costs what
// checking a real one does (HashPassword of the same cost; computed once per cost).
const std::string& DummyHash(PasswordCost cost) {
  static std::mutex mutex;
  static std::map<std::pair<uint64_t, std::size_t>, std::string> hashes;
  std::lock_guard lock(mutex);
  std::string& hash = hashes[{cost.ops_limit, cost.mem_limit}];
  if (hash.empty()) hash = HashPassword("qingfeng-no-such-user", cost).value_or("");
  return hash;
}

// The user name as typed, fit for an audit entry: at most 64 bytes, no control characters.
std::string TypedName(std::string_view username) {
  std::string out;
  for (char c : username.substr(0, 64)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  }
  return out;
}

}  // namespace

Result<Json> CaseworkService::Login(std::string_view username, std::string_view password,
                                    std::string_view client) {
  const std::string name = TypedName(username);
  auto refused = [] { return Fail(ErrorCode::kUnauthenticated, "用户名或密码错误"); };
  auto locked_message = [this](int64_t until, int64_t now) {
    return Fail(
        ErrorCode::kUnauthenticated,
        fmt::format(
            "连续 {} 次登录失败，已锁定从此处的登录，请于 {} 分钟后再试或联系安全管理员解锁",
            options_.max_failed_logins, (until - now + 59) / 60));
  };
  int64_t now = clock_.NowSeconds();
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  internal::Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                     "SELECT user_id, password_hash, disabled FROM users WHERE "
                                     "username = ?",
                                     name));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  int64_t user_id = found ? st->Int(0) : 0;
  std::string hash = found ? st->Text(1) : DummyHash(options_.password_cost);
  bool disabled = found && st->Int(2) != 0;
  st.reset();
  Actor who{user_id, name, {}, ""};
  QF_ASSIGN_OR_RETURN(internal::ThrottleState throttle, internal::LoadThrottle(db_, name, client));
  if (throttle.locked_until > now) {
    // Refused before the password is checked, for known and unknown names alike.
    QF_RETURN_IF_ERROR(internal::Audit(env, who, "user.login_failed", "user", user_id, Json(),
                                       Json{{"reason", "locked"}, {"known_user", found}}));
    QF_RETURN_IF_ERROR((*tx)->Commit());
    return locked_message(throttle.locked_until, now);
  }
  // Always one argon2id check of the configured cost: unknown names take as long as known ones.
  bool verified = VerifyPassword(hash, password) && found;
  if (!verified) {
    QF_ASSIGN_OR_RETURN(throttle,
                        internal::RecordFailure(db_, name, client, now, options_.max_failed_logins,
                                                options_.lockout_seconds));
    bool lock = throttle.locked_until > now;
    QF_RETURN_IF_ERROR(
        internal::Audit(env, who, lock ? "user.locked" : "user.login_failed", "user", user_id,
                        Json(), Json{{"failed_logins", throttle.failed}, {"known_user", found}}));
    QF_RETURN_IF_ERROR((*tx)->Commit());
    if (lock) return locked_message(throttle.locked_until, now);
    return refused();
  }
  if (disabled) {
    // Said only to whoever knows the password: it does not reveal that the name exists.
    QF_RETURN_IF_ERROR(internal::Audit(env, who, "user.login_failed", "user", user_id, Json(),
                                       Json{{"reason", "disabled"}, {"known_user", true}}));
    QF_RETURN_IF_ERROR((*tx)->Commit());
    return Fail(ErrorCode::kUnauthenticated, "该账号已停用，请联系系统管理员");
  }
  std::string token = NewSessionToken();
  QF_RETURN_IF_ERROR(internal::ClearThrottle(db_, name, client));
  QF_RETURN_IF_ERROR(Exec(db_,
                          "INSERT INTO sessions(token_hash, user_id, created_at, last_seen) "
                          "VALUES (?, ?, ?, ?)",
                          crypto::Sm3Hex(token), user_id, now, now));
  QF_RETURN_IF_ERROR(internal::Audit(env, who, "user.login", "user", user_id, Json(), Json()));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  QF_ASSIGN_OR_RETURN(Json user, LoadUserJson(db_, user_id));
  return Json{{"token", token}, {"user", user}};
}

Result<Actor> CaseworkService::Authenticate(std::string_view token) {
  int64_t now = clock_.NowSeconds();
  std::string token_hash = crypto::Sm3Hex(token);
  QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                     "SELECT s.last_seen, u.user_id, u.username, u.roles, "
                                     "u.unit_code, u.disabled FROM sessions s JOIN users u ON "
                                     "u.user_id = s.user_id WHERE s.token_hash = ?",
                                     token_hash));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Fail(ErrorCode::kUnauthenticated, "未登录或会话已失效，请重新登录");
  int64_t last_seen = st->Int(0);
  Actor actor{st->Int(1), st->Text(2), ParseRoleList(st->Text(3)).value_or(std::vector<Role>{}),
              st->Text(4)};
  bool disabled = st->Int(5) != 0;
  st.reset();
  if (disabled || now - last_seen > options_.session_idle_seconds) {
    QF_RETURN_IF_ERROR(Exec(db_, "DELETE FROM sessions WHERE token_hash = ?", token_hash));
    return Fail(ErrorCode::kUnauthenticated,
                fmt::format("超过 {} 分钟未操作，会话已失效，请重新登录",
                            options_.session_idle_seconds / 60));
  }
  QF_RETURN_IF_ERROR(
      Exec(db_, "UPDATE sessions SET last_seen = ? WHERE token_hash = ?", now, token_hash));
  return actor;
}

Result<void> CaseworkService::Logout(std::string_view token) {
  const std::string token_hash = crypto::Sm3Hex(token);
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                     "SELECT u.user_id, u.username FROM sessions s JOIN users u "
                                     "ON u.user_id = s.user_id WHERE s.token_hash = ?",
                                     token_hash));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  // An unknown or expired token ends nothing: no entry.
  if (!found) return {};
  Actor who{st->Int(0), st->Text(1), {}, ""};
  st.reset();
  QF_RETURN_IF_ERROR(Exec(db_, "DELETE FROM sessions WHERE token_hash = ?", token_hash));
  internal::Env env{db_, clock_, cipher_};
  QF_RETURN_IF_ERROR(internal::Audit(env, who, "user.logout", "user", who.user_id, Json(), Json()));
  return (*tx)->Commit();
}

Result<Json> CaseworkService::Me(const Actor& actor) { return LoadUserJson(db_, actor.user_id); }

Result<Json> CaseworkService::ListAuditEntries(const Actor& actor, int64_t after_seq, int limit) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kReadAudit));
  if (limit < 1 || limit > 1000) {
    return std::unexpected(FieldError("limit", "应在 1..1000 之间"));
  }
  QF_ASSIGN_OR_RETURN(auto entries, audit::List(db_, after_seq, limit));
  Json out = Json::array();
  for (const audit::StoredEntry& e : entries) {
    // The audit administrator sees who did what to which item, never case content (三员分立):
    // before/after of casework items stay in the chain, covered by the hash, but are not shown.
    bool content = e.entry.entity == "user" || e.entry.entity == "unit";
    out.push_back({{"seq", e.seq},
                   {"at", e.at},
                   {"actor", e.entry.actor},
                   {"action", e.entry.action},
                   {"entity", e.entry.entity},
                   {"entity_id", e.entry.entity_id},
                   {"before", content ? Json(e.entry.before) : Json()},
                   {"after", content ? Json(e.entry.after) : Json()},
                   {"content_redacted", !content},
                   {"hash", e.hash}});
  }
  return Json{{"entries", out}};
}

Result<Json> CaseworkService::VerifyAudit(const Actor& actor) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kReadAudit));
  // The web has no anchor file at hand: `qingfeng audit verify` checks the anchors too.
  QF_ASSIGN_OR_RETURN(audit::VerifyReport report, audit::Verify(db_, cipher_.chain_key(), {}));
  return Json{{"ok", report.ok},
              {"entries", report.entries},
              {"first_broken_seq", report.ok ? Json() : Json(report.first_broken_seq)},
              {"problem", report.problem}};
}

}  // namespace qf::casework
