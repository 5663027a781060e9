// The one-entry cache of restricted findings.
#include "casework/finding_restriction_cache.h"

namespace qf::casework {

std::optional<std::vector<std::string>> FindingRestrictionCache::Get(const std::string& key) const {
  std::lock_guard lock(mutex_);
  if (key_.empty() || key_ != key) return std::nullopt;
  return restricted_;
}

void FindingRestrictionCache::Put(std::string key, std::vector<std::string> restricted) {
  std::lock_guard lock(mutex_);
  key_ = std::move(key);
  restricted_ = std::move(restricted);
}

}  // namespace qf::casework
