// Remembers, between requests, which findings name commission staff (灯下黑). Finding that out
// reads the whole findings table; the answer changes only when a check run records findings or
// the staff directory changes, so CaseworkService::FindingScopeFor keys it on both.
//
//   FindingRestrictionCache cache;                  // one per store, outliving the services
//   CaseworkOptions options;
//   options.finding_restrictions = &cache;
//
// Thread safety: Get and Put may be called from many threads at once.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace qf::casework {

class FindingRestrictionCache {
 public:
  // The fingerprints stored under `key`, or nullopt when the cache holds another key (or none).
  std::optional<std::vector<std::string>> Get(const std::string& key) const;
  void Put(std::string key, std::vector<std::string> restricted);

 private:
  mutable std::mutex mutex_;
  std::string key_;                      // Guarded by mutex_
  std::vector<std::string> restricted_;  // Guarded by mutex_
};

}  // namespace qf::casework
