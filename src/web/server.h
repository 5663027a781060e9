// The web server behind `qingfeng serve` and `qingfeng demo`: the staff workspace (login,
// dashboard, findings, clues, cases, transfers, rectification, import, QR sheet), the JSON API of
// docs/api.md under /api/v1, and the public 码上行动 pages under /m/.
//
//   qf::web::ServeOptions options;
//   options.db_url = "sqlite:var/qingfeng.db";
//   options.listen = "127.0.0.1:8080";
//   auto status = qf::web::Serve(options);   // blocks until SIGINT / SIGTERM
//
// For tests, WebServer binds port 0 and runs on its own thread with an injected clock:
//
//   qf::web::WebServer server(options, fake_clock);
//   auto port = server.Start();              // Result<int>: the bound port
//   ... httplib::Client("127.0.0.1", *port) ...
//   server.Stop();
//
// Thread safety: Start and Stop from one thread; requests run on the server's worker pool, each
// with a database connection borrowed from the server's connection pool.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "casework/casework_service.h"
#include "core/clock.h"
#include "core/result.h"
#include "web/masking.h"

namespace qf::web {

struct ServeOptions {
  std::string db_url = "sqlite:var/qingfeng.db";
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one
  // Key file for the ID-number cipher; empty = crypto::DefaultKeyFilePath(db_url), created
  // when missing.
  std::string key_file;
  // Folder holding templates/ and static/; empty = $QINGFENG_WEB_ROOT, else ./web, else the
  // source tree's web/.
  std::string web_root;
  MaskPolicy mask_policy = MaskPolicy::kMiddle;
  // Self-check limits, per client address and per ID number, per hour. 0 turns a limit off
  // (bench/http does, to measure the page rather than the limiter).
  int check_limit_per_address = 20;
  int check_limit_per_id = 5;
  // Receipt look-ups per client address per hour (guessing a 16-digit code must stay hopeless).
  int receipt_limit_per_address = 30;
  // Cookies carry the Secure flag (and the __Host- prefix). Off only for plain-HTTP loopback
  // use (demo, tests): set it when the server sits behind HTTPS.
  bool secure_cookies = false;
  // Creates the demo accounts (see docs/web.md) when they do not exist yet.
  bool demo_accounts = false;
  // Loads the ledger's snapshot on a background thread as soon as the server listens, so that
  // the first comparison started from the web finds it resident (`qingfeng serve` sets it).
  bool preload_snapshot = false;
  // Lock-out, session idle time and password hashing cost (tests use PasswordCost::Minimal()).
  casework::CaseworkOptions casework_options;
  // Worker threads; 0 = 8 per core, at least 64. A worker serves one request whose header has
  // arrived; connections waiting for a header or between keep-alive requests need none.
  int threads = 0;
  // The quick workers: public pages and assets whose request arrived whole take these instead
  // (web/internal/connection_gate.h); 0 = 2 per core, at least 4.
  int quick_threads = 0;
  // Slow clients: a connection must deliver a whole request header within this many seconds of
  // opening (or of its previous response), and a request must be read and answered within
  // request_timeout_seconds; a client address keeps at most max_connections_per_client open
  // (a new one closes that client's oldest connection still waiting for its header).
  int header_timeout_seconds = 10;
  int request_timeout_seconds = 120;
  int max_connections_per_client = 32;
  // Citizen reports per client address per hour (as the self-check; keyed hash, nothing stored).
  int report_limit_per_address = 10;
  // Pooled database connections the workers share (a request borrows one); 0 = 2 per core, at
  // least 4.
  int db_connections = 0;
  // The audit log's anchor file (audit/anchor.h); empty = beside the key file. `serve` anchors
  // every anchor_every_seconds when entries were added since (0 = only at shutdown), and at
  // shutdown.
  std::string anchor_file;
  int anchor_every_seconds = 600;
  // 督办 (CaseworkService::EscalateOverdue) every this many seconds, the first run one interval
  // after start; 0 = never.
  int supervise_every_seconds = 3600;
  bool access_log = true;  // method, path and status to stderr; never an address or a header
};

// The demo accounts `demo_accounts` creates: username, password, roles (comma-separated codes,
// casework::ParseRoleList), display name. The demo handler also holds 受理员 so that one person can
// walk a finding from the queue into a clue (only 受理员 may register clues).
struct DemoAccount {
  std::string username, password, roles, display_name;
  std::string id_number;  // business accounts carry one (made up, valid)
};
std::vector<DemoAccount> DemoAccounts();

// A registered route: "GET", "POST", "PUT" or "DELETE", and its path pattern.
struct Route {
  std::string method;
  std::string pattern;
};

class WebServer {
 public:
  // `clock` is borrowed and must outlive the server.
  WebServer(ServeOptions options, const qf::Clock& clock);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Opens the store (migrating it), loads templates, binds and starts serving on a background
  // thread. Returns the bound port.
  Result<int> Start();
  // Serves on the calling thread until Stop (from another thread or a signal handler).
  Result<void> Run();
  void Stop();
  // Every route Start registered, in registration order (empty before Start).
  std::vector<Route> Routes() const;
  // Blocks until no background job (an import and the comparison after it, 重新比对) is queued
  // or running.
  void WaitForJobs() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Starts a WebServer with the system clock, prints the address, and blocks until SIGINT or
// SIGTERM. What `qingfeng serve` and the end of `qingfeng demo` call.
Result<void> Serve(const ServeOptions& options);

}  // namespace qf::web
