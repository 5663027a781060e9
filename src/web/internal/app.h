// App: what every route handler of the web layer shares — options, the clock, a pool of database
// connections (each request borrows one for its duration), the casework service, templates, CSRF
// and rate limiters — and the wrappers that put authentication, CSRF checks and error pages
// around each handler.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "audit/audit_log.h"
#include "casework/casework_service.h"
#include "core/clock.h"
#include "crypto/crypto.h"
#include "documents/document_types.h"
#include "engine/check.h"
#include "engine/resident_snapshot.h"
#include "jobs/job_board.h"
#include "store/connection_pool.h"
#include "store/database.h"
#include "web/internal/csrf.h"
#include "web/internal/flash_store.h"
#include "web/internal/public_store.h"
#include "web/internal/rate_limiter.h"
#include "web/internal/router.h"
#include "web/internal/templates.h"
#include "web/server.h"

namespace qf::web::internal {

using Json = nlohmann::json;

// One request as a handler sees it.
struct Ctx {
  const httplib::Request& req;
  httplib::Response& res;
  class App& app;
  store::Database& db;
  std::optional<casework::Actor> actor;           // set for staff routes
  std::string session_token;                      // staff routes
  std::string browser_cookie;                     // the CSRF cookie, which also keys the flashes
  mutable std::optional<std::string> csrf_token;  // CsrfToken()'s, once computed

  casework::CaseworkService Service() const;
  std::string FlashKey() const;  // this browser's key in the FlashStore
  // The token to put into forms (computed once, when a page asks for it).
  const std::string& CsrfToken() const;
  // Renders `page` inside the staff or the public layout and sends it (200 unless `status`).
  void Render(const std::string& page, Json data, int status = 200);
  void RenderPublic(const std::string& page, Json data, int status = 200);
  // The public page as RenderPublic would send it, for caching (public pages that show no
  // per-visitor data only: no CSRF token is put in).
  Result<std::string> PublicHtml(const std::string& page, const Json& data) const;
  void SendHtml(std::string html, int status = 200);
  // 303 to `location` (a path on this site).
  void Redirect(const std::string& location);
  // An error page with a Chinese message: 400/401/403/404/409/429/500.
  void ErrorPage(int status, const std::string& message);
  void ErrorPage(const Error& error);
  // Appends an audit entry as this request's user (or "public") in a transaction of its own: for
  // what changes no table — a download, an export, a read of a reporter's contact. Commit it
  // before showing what was read.
  Result<void> AuditInOwnTransaction(audit::Entry entry);
  // A message for the next page this browser opens (server-side; never ?msg= in a URL).
  void Flash(std::string message, bool error = false);
  // The pending message of that kind ("" when none); gone once read.
  std::string TakeFlash(bool error = false);
};

using Handler = std::function<void(Ctx&)>;

class App {
 public:
  App(ServeOptions options, const qf::Clock& clock);

  // Opens and migrates the store (migration v3 holds the web's own tables), loads the key file and
  // templates and, when asked, creates the demo accounts. Must succeed before Register.
  Result<void> Init();

  const ServeOptions& options() const { return options_; }
  const qf::Clock& clock() const { return clock_; }
  const crypto::FieldCipher& cipher() const { return *cipher_; }
  // Appends audit entries with the key file's chain key (set by Init).
  const audit::Recorder& recorder() const { return *recorder_; }
  const Templates& templates() const { return templates_; }
  // The document types of config/documents (set by Init).
  const documents::DocumentCatalog& documents() const { return *documents_; }
  const Csrf& csrf() const { return csrf_; }
  const std::string& web_root() const { return web_root_; }
  // The key file: options().key_file, else crypto::DefaultKeyFilePath of the store.
  std::string KeyFile() const;
  // Where `serve` anchors the audit log: options().anchor_file, else beside the key file.
  std::string AnchorFile() const;
  RateLimiter& check_by_address() { return check_by_address_; }
  RateLimiter& check_by_id() { return check_by_id_; }
  RateLimiter& receipt_by_address() { return receipt_by_address_; }
  RateLimiter& report_by_address() { return report_by_address_; }
  PlaceDirectory& places() { return places_; }
  // The ledger's snapshot kept loaded between the comparisons started here; reloaded by Get when
  // an import or an approval moved the ledger (engine/resident_snapshot.h).
  engine::ResidentSnapshot& resident_snapshot() { return resident_snapshot_; }
  // Every rule over the resident snapshot, recorded as a run by `actor` (check.run): after an
  // import it loads the new ledger once; otherwise it takes the rules' time alone.
  // `on_progress` (may be empty) hears of each rule done (engine/check.h).
  Result<engine::CheckReport> Compare(store::Database& db, const std::string& actor,
                                      engine::CheckProgressFn on_progress = {});
  // Loads the resident snapshot on a thread of its own (a failure is left for the next Get to
  // meet); does nothing while such a load runs. The thread ends before the App does.
  void PreloadSnapshot();
  // The resident snapshot when it holds the ledger as the store does now, for requests that
  // answer from memory; nullptr when there is none or it is behind (an import, an approval). A
  // `serve` that keeps the snapshot resident (options().preload_snapshot) then reloads it in the
  // background, and the request answers from the store meanwhile.
  std::shared_ptr<const engine::Snapshot> CurrentSnapshot(store::Database& db);
  FlashStore& flashes() { return flashes_; }
  // The background jobs: imports and comparisons started from the web, one at a time (started
  // by Init, which first marks the jobs a previous process left unfinished).
  jobs::JobBoard& jobs() { return jobs_; }
  // A keyed hash of a client address: rate limiters never hold the address itself.
  std::string AddressKey(const httplib::Request& req) const;
  // A keyed hash of any text (an ID number for its rate limit), with the same in-memory key.
  std::string KeyedHash(std::string_view text) const;

  // A connection from the pool for one request (waits while all are lent out); it goes back
  // when the lease is destroyed.
  Result<store::ConnectionPool::Lease> Connection();
  const store::ConnectionPool& pool() const { return *pool_; }

  // Handler wrappers. Staff: a valid session cookie, else redirect to /login (GET) or 401 (POST);
  // POST also requires a valid CSRF token. Public: no session; POST requires CSRF.
  httplib::Server::Handler StaffGet(Handler handler);
  httplib::Server::Handler StaffPost(Handler handler);
  httplib::Server::Handler PublicGet(Handler handler);
  httplib::Server::Handler PublicPost(Handler handler);

  std::string SessionCookieName() const;
  std::string CsrfCookieName() const;

 private:
  httplib::Server::Handler Wrap(Handler handler, bool staff, bool post);
  // Loads the document types and stores the shipped template of each type the store lacks.
  Result<void> InitDocuments(store::Database& db);

  ServeOptions options_;
  const qf::Clock& clock_;
  std::optional<crypto::FieldCipher> cipher_;
  std::optional<audit::Recorder> recorder_;  // borrows clock_ and *cipher_
  Templates templates_;
  std::optional<documents::DocumentCatalog> documents_;
  Csrf csrf_;
  std::string address_key_;
  std::string web_root_;
  RateLimiter check_by_address_;
  RateLimiter check_by_id_;
  RateLimiter receipt_by_address_;
  RateLimiter report_by_address_;
  PlaceDirectory places_;
  FlashStore flashes_;
  casework::FindingRestrictionCache finding_restrictions_;  // lent to every CaseworkService
  std::unique_ptr<store::ConnectionPool> pool_;             // created by Init
  engine::ResidentSnapshot resident_snapshot_;
  std::mutex preload_mutex_;             // held while preload_ is replaced
  std::atomic<bool> preloading_{false};  // a load on preload_ runs
  std::jthread preload_;  // declared after pool_: joined before the pool it borrows from goes
  // Declared last: stopped (its running job finished) before the snapshot and pool go.
  jobs::JobBoard jobs_{[this] { return Connection(); }, clock_};
};

// Route registration, one file each.
void RegisterStaffRoutes(App& app, Router& server);
void RegisterCaseworkRoutes(App& app, Router& server);
void RegisterPublicRoutes(App& app, Router& server);
void RegisterApiRoutes(App& app, Router& server);
void RegisterApprovalRoutes(App& app, Router& server);  // approval_routes.cpp
void RegisterReportRoutes(App& app, Router& server);
void RegisterProjectRoutes(App& app, Router& server);    // project_routes.cpp: 项目资金, 三资
void RegisterScreeningRoutes(App& app, Router& server);  // screening_routes.cpp: 发放前比对
void RegisterAdminRoutes(App& app,
                         Router& server);  // admin_routes.cpp: 账号管理, 审计日志, 修改密码
void RegisterPersonRoutes(App& app, Router& server);     // person_routes.cpp: 一人一档
void RegisterJobRoutes(App& app, Router& server);        // job_routes.cpp: 后台任务
void RegisterDocumentRoutes(App& app, Router& server);   // document_routes.cpp: 文书, 附件
void RegisterOversightRoutes(App& app, Router& server);  // oversight_routes.cpp: 三为主一报告
void RegisterCongressRoutes(App& app, Router& server);   // congress_routes.cpp: 人大意见建议
void RegisterActivityRoutes(App& app, Router& server);   // activity_routes.cpp: 活动台账

// The link to the file (一人一档) of the person with `id_number`, "" for an invalid number.
std::string PersonFileLink(const crypto::FieldCipher& cipher, std::string_view id_number);

// The worker threads and pooled database connections `options` asks for (0 = the defaults of
// ServeOptions).
int WorkerThreads(const ServeOptions& options);
int QuickWorkerThreads(const ServeOptions& options);
int DatabaseConnections(const ServeOptions& options);

// Roles that work with findings and the import (the business roles of the commission).
bool CanWorkFindings(const casework::Actor& actor);
// Roles that may open the work report and its drill-downs (report_routes.cpp).
bool CanViewReport(const casework::Actor& actor);

}  // namespace qf::web::internal
