// ConnectionPool: open Databases shared by the threads of a server. A Database serves one thread
// at a time; a pool lends each request a connection and takes it back, opening at most
// `max_connections` (on demand) so that a PostgreSQL server is not flooded by worker threads.
//
//   store::ConnectionPool pool("postgresql://qingfeng@db/qingfeng", 8);
//   auto db = pool.Acquire();              // Result<ConnectionPool::Lease>; waits when all are out
//   if (!db) ...;
//   auto st = (*db)->Prepare("SELECT ...");  // the lease returns the connection when destroyed
//
// Statements and Transactions must be destroyed before their lease; a Transaction rolls back when
// destroyed uncommitted, so a connection always comes back with no transaction open.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace qf::store {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();
    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_.get(); }

   private:
    void Return();
    ConnectionPool* pool_;
    std::unique_ptr<Database> db_;
  };

  // With `cache_statements` every connection recycles its prepared statements
  // (statement_cache.h): for servers that run the same queries on every request.
  ConnectionPool(std::string url, int max_connections, bool cache_statements = false);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  // Leases must end before the pool.
  ~ConnectionPool() = default;

  // An idle connection, a new one while fewer than max_connections are open, or else waits for
  // one to come back. Fails (kDatabase) only when opening a new connection fails.
  Result<Lease> Acquire();
  // Connections open now (leased or idle).
  int OpenConnections() const;
  // Runs on every connection the pool opens, before its first lease (session settings such as
  // SQLite pragmas); a failure fails that Acquire. Set before the first Acquire.
  void SetOnOpen(std::function<Result<void>(Database&)> on_open) { on_open_ = std::move(on_open); }

 private:
  void Release(std::unique_ptr<Database> db);

  const std::string url_;
  const int max_connections_;
  const bool cache_statements_;
  std::function<Result<void>(Database&)> on_open_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Database>> idle_;
  int open_ = 0;
};

}  // namespace qf::store
