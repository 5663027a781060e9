// Failed-login throttling per (user name, client); see login_throttle.h.
#include "casework/internal/login_throttle.h"

#include "casework/internal/sql.h"

namespace qf::casework::internal {

Result<ThrottleState> LoadThrottle(store::Database& db, std::string_view username,
                                   std::string_view client) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db,
                                     "SELECT failed, locked_until FROM login_throttle WHERE "
                                     "username = ? AND client = ?",
                                     std::string(username), std::string(client)));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return ThrottleState{};
  return ThrottleState{st->Int(0), st->Int(1)};
}

Result<ThrottleState> RecordFailure(store::Database& db, std::string_view username,
                                    std::string_view client, int64_t now, int max_failures,
                                    int64_t lock_seconds) {
  QF_RETURN_IF_ERROR(
      Exec(db, "DELETE FROM login_throttle WHERE last_failure < ?", now - lock_seconds));
  QF_ASSIGN_OR_RETURN(ThrottleState state, LoadThrottle(db, username, client));
  // A lock that ran out starts a new run of failures.
  if (state.locked_until != 0 && state.locked_until <= now) state = {};
  ++state.failed;
  if (state.failed >= max_failures) state.locked_until = now + lock_seconds;
  QF_RETURN_IF_ERROR(ClearThrottle(db, username, client));
  QF_RETURN_IF_ERROR(Exec(db,
                          "INSERT INTO login_throttle(username, client, failed, locked_until, "
                          "last_failure) VALUES (?, ?, ?, ?, ?)",
                          std::string(username), std::string(client), state.failed,
                          state.locked_until, now));
  return state;
}

Result<void> ClearThrottle(store::Database& db, std::string_view username,
                           std::string_view client) {
  return Exec(db, "DELETE FROM login_throttle WHERE username = ? AND client = ?",
              std::string(username), std::string(client));
}

Result<void> ClearThrottleForUser(store::Database& db, std::string_view username) {
  return Exec(db, "DELETE FROM login_throttle WHERE username = ?", std::string(username));
}

}  // namespace qf::casework::internal
