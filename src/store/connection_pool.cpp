// ConnectionPool: a mutex-guarded stack of idle connections and a count of open ones.
#include "store/connection_pool.h"

#include <utility>

#include "store/statement_cache.h"

namespace qf::store {

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Return();
    pool_ = other.pool_;
    db_ = std::move(other.db_);
  }
  return *this;
}

ConnectionPool::Lease::~Lease() { Return(); }

void ConnectionPool::Lease::Return() {
  if (db_ != nullptr && pool_ != nullptr) pool_->Release(std::move(db_));
}

ConnectionPool::ConnectionPool(std::string url, int max_connections, bool cache_statements)
    : url_(std::move(url)),
      max_connections_(max_connections < 1 ? 1 : max_connections),
      cache_statements_(cache_statements) {}

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
  if (!idle_.empty()) {
    std::unique_ptr<Database> db = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(db));
  }
  ++open_;  // reserve the slot, then connect without holding the lock
  lock.unlock();
  auto db = Open(url_);
  if (!db) {
    lock.lock();
    --open_;
    returned_.notify_one();
    return std::unexpected(db.error());
  }
  if (on_open_) {
    if (auto ok = on_open_(**db); !ok) {
      lock.lock();
      --open_;
      returned_.notify_one();
      return std::unexpected(ok.error());
    }
  }
  if (cache_statements_) return Lease(this, WithStatementCache(std::move(*db)));
  return Lease(this, std::move(*db));
}

int ConnectionPool::OpenConnections() const {
  std::lock_guard lock(mutex_);
  return open_;
}

void ConnectionPool::Release(std::unique_ptr<Database> db) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
  returned_.notify_one();
}

}  // namespace qf::store
