// Flash messages ("已保存", or a refused action's reason) for the page a browser opens next, kept
// on the server. They used to travel as ?msg=/?err= in the redirect: anyone could send a link
// that made the site say anything in its own voice ("?msg=账号异常，请拨打…"), and the text ended
// up in browser history and logs.
//
// Keyed by a keyed hash of the browser's session cookie (App::FlashKey), one pending message of
// each kind per browser, at most kMaxEntries (the oldest are dropped). Thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace qf::web::internal {

class FlashStore {
 public:
  static constexpr std::size_t kMaxEntries = 10'000;

  // Replaces the pending message of that kind for `key`.
  void Put(const std::string& key, bool error, std::string message);
  // The pending message of that kind ("" when none), removed as it is read.
  std::string Take(const std::string& key, bool error);

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> entries_;  // Guarded by mutex_
  std::deque<std::string> order_;               // Guarded by mutex_: insertion order
};

}  // namespace qf::web::internal
