// Passwords after an account exists: the 安全管理员 resets a forgotten one (a new password shown
// once, every session of the account ended), and every user changes their own.
#include <fmt/format.h>

#include "casework/casework_service.h"
#include "casework/internal/json_fields.h"
#include "casework/internal/records.h"
#include "casework/internal/sql.h"
#include "core/result_macros.h"

namespace qf::casework {
namespace {

constexpr size_t kMinPasswordBytes = 10;

Result<void> StorePassword(store::Database& db, int64_t user_id, const std::string& password,
                           PasswordCost cost) {
  QF_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, cost));
  return internal::Exec(db,
                        "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0 "
                        "WHERE user_id = ?",
                        hash, user_id);
}

Error WeakPassword(std::string_view field) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("新密码至少 {} 个字符", kMinPasswordBytes))
      .WithField(std::string(field));
}

}  // namespace

Result<Json> CaseworkService::ResetPassword(const Actor& actor, int64_t user_id) {
  QF_RETURN_IF_ERROR(AuthorizeAdmin(actor, Action::kUnlockUser));
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(auto username, internal::QueryText(db_,
                                                         "SELECT username FROM users WHERE "
                                                         "user_id = ?",
                                                         user_id));
  if (!username) return std::unexpected(internal::NotFound("用户", user_id));
  const std::string password = GeneratePassword();
  QF_RETURN_IF_ERROR(StorePassword(db_, user_id, password, options_.password_cost));
  QF_RETURN_IF_ERROR(internal::Exec(db_, "DELETE FROM sessions WHERE user_id = ?", user_id));
  internal::Env env{db_, clock_, cipher_};
  // The entry says that and by whom; never the password.
  QF_ASSIGN_OR_RETURN(int64_t seq, internal::Audit(env, actor, "user.reset_password", "user",
                                                   user_id, nullptr, {{"username", *username}}));
  (void)seq;
  QF_RETURN_IF_ERROR(tx->Commit());
  return Json{{"id", user_id}, {"username", *username}, {"password", password}};
}

Result<void> CaseworkService::ChangeOwnPassword(const Actor& actor, const Json& body) {
  QF_RETURN_IF_ERROR(internal::RequireObject(body));
  QF_ASSIGN_OR_RETURN(std::string current, internal::GetString(body, "current", 128));
  QF_ASSIGN_OR_RETURN(std::string next, internal::GetString(body, "new", 128));
  if (next.size() < kMinPasswordBytes) return std::unexpected(WeakPassword("new"));
  if (next == current) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, "新密码不能与原密码相同").WithField("new"));
  }
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(auto stored, internal::QueryText(db_,
                                                       "SELECT password_hash FROM users WHERE "
                                                       "user_id = ?",
                                                       actor.user_id));
  if (!stored || !VerifyPassword(*stored, current)) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, "原密码不正确").WithField("current"));
  }
  QF_RETURN_IF_ERROR(StorePassword(db_, actor.user_id, next, options_.password_cost));
  internal::Env env{db_, clock_, cipher_};
  QF_ASSIGN_OR_RETURN(int64_t seq, internal::Audit(env, actor, "user.change_password", "user",
                                                   actor.user_id, nullptr,
                                                   {{"username", actor.username}}));
  (void)seq;
  return tx->Commit();
}

}  // namespace qf::casework
