// FlashStore: one pending message per browser and kind, bounded.
#include "web/internal/flash_store.h"

namespace qf::web::internal {
namespace {

std::string Slot(const std::string& key, bool error) { return (error ? "e:" : "m:") + key; }

}  // namespace

void FlashStore::Put(const std::string& key, bool error, std::string message) {
  std::lock_guard lock(mutex_);
  std::string slot = Slot(key, error);
  if (entries_.insert_or_assign(slot, std::move(message)).second) order_.push_back(slot);
  while (order_.size() > kMaxEntries) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
}

std::string FlashStore::Take(const std::string& key, bool error) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(Slot(key, error));
  if (it == entries_.end()) return "";
  std::string message = std::move(it->second);
  entries_.erase(it);
  // Its place in order_ stays until it reaches the front: erasing a missing key is harmless.
  return message;
}

}  // namespace qf::web::internal
