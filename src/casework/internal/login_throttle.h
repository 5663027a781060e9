// Failed-login throttling per (user name as typed, client): the lock-out of CaseworkService::Login.
//
// A run of failures locks the pair, never the account everywhere, so nobody can lock a colleague
// out by typing the colleague's name; unknown names are counted alike so that the answers do not
// reveal which names exist. `client` is an opaque key the caller derives from the connection (the
// web layer passes a keyed hash of the address, never the address). Callers own the transaction.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace qf::casework::internal {

struct ThrottleState {
  int64_t failed = 0;        // consecutive failures of this pair
  int64_t locked_until = 0;  // epoch seconds; 0 or past = not locked
};

Result<ThrottleState> LoadThrottle(store::Database& db, std::string_view username,
                                   std::string_view client);
// Counts one more failure at `now`; locks the pair for `lock_seconds` at `max_failures`. Also
// drops pairs whose last failure is older than `lock_seconds` (the table never grows unbounded).
Result<ThrottleState> RecordFailure(store::Database& db, std::string_view username,
                                    std::string_view client, int64_t now, int max_failures,
                                    int64_t lock_seconds);
// A success forgets the pair's failures.
Result<void> ClearThrottle(store::Database& db, std::string_view username, std::string_view client);
// The 安全管理员's unlock: every pair of that user name.
Result<void> ClearThrottleForUser(store::Database& db, std::string_view username);

}  // namespace qf::casework::internal
