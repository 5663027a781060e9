// App: shared state and the handler wrappers (authentication, CSRF, error pages).
#include "web/internal/app.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "activities/activity_book.h"
#include "audit/key_file.h"
#include "core/result_macros.h"
#include "documents/document_book.h"
#include "engine/snapshot_file.h"
#include "screening/screening_book.h"
#include "store/migrations.h"
#include "store/query.h"
#include "text/encoding.h"
#include "web/internal/breadcrumb.h"
#include "web/internal/http_util.h"
#include "web/internal/public_store.h"
#include "web/internal/request_guard.h"

namespace qf::web::internal {
namespace {

std::string FindWebRoot(const std::string& configured) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("QINGFENG_WEB_ROOT"); env != nullptr && *env != '\0') {
    return env;
  }
  if (fs::is_directory("web/templates", ec)) return "web";
  return QF_WEB_ROOT;
}

unsigned Cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// Every text field of a form (files are bytes and are checked by their handlers).
bool FormIsUtf8(const httplib::Request& req) {
  const Form form = Form::FromRequest(req);
  for (const auto& [name, value] : form.fields()) {
    if (!text::IsValidUtf8(name) || !text::IsValidUtf8(value)) return false;
  }
  return true;
}

}  // namespace

int WorkerThreads(const ServeOptions& options) {
  // A worker serves one request whose header has arrived (connections waiting for a header or
  // idle between keep-alive requests wait in the ConnectionGate, not on a worker). Idle workers
  // cost a stack each; the database work is bounded by the pool, not by them.
  return options.threads > 0 ? options.threads : static_cast<int>(std::max(64u, 8 * Cores()));
}

int QuickWorkerThreads(const ServeOptions& options) {
  // Public pages whose request arrived whole: they compute and answer without waiting on their
  // client, so two threads per core keep the cores busy; many more would only make them switch
  // between threads (p99 of the self-check under wrk: 48 ms with 64, 16 ms with 4).
  return options.quick_threads > 0 ? options.quick_threads
                                   : static_cast<int>(std::max(4u, 2 * Cores()));
}

int DatabaseConnections(const ServeOptions& options) {
  // Two per core keeps both cores busy while one connection waits on I/O; more would only split
  // SQLite's page cache (64 MB per connection) and, on PostgreSQL, load the database server.
  return options.db_connections > 0 ? options.db_connections
                                    : static_cast<int>(std::max(4u, 2 * Cores()));
}

bool CanWorkFindings(const casework::Actor& actor) {
  using casework::Role;
  return actor.Has(Role::kIntake) || actor.Has(Role::kHandler) || actor.Has(Role::kApprover) ||
         actor.Has(Role::kInternalSupervision);
}

casework::CaseworkService Ctx::Service() const {
  return casework::CaseworkService(db, app.clock(), app.cipher(), app.options().casework_options);
}

void Ctx::Render(const std::string& page, Json data, int status) {
  if (!data.contains("csrf")) data["csrf"] = CsrfToken();
  auto body = app.templates().Render(page, data);
  if (!body) {
    res.status = 500;
    res.set_content("模板错误：" + body.error().message(), "text/plain; charset=utf-8");
    return;
  }
  Json layout = {{"body", *body},
                 {"title", data.value("title", std::string("清风"))},
                 {"csrf", CsrfToken()},
                 {"nav_" + data.value("nav", std::string("none")), true},
                 {"charts", data.value("charts", false)}};
  layout["crumbs"] = data.contains("crumbs")
                         ? data["crumbs"]
                         : Breadcrumb(data.value("nav", std::string()),
                                      data.value("title", std::string()), req.path);
  layout["has_crumbs"] = actor.has_value() && !layout["crumbs"].empty();
  if (actor) {
    std::vector<std::string> roles;
    for (casework::Role r : actor->roles) roles.emplace_back(casework::RoleName(r));
    // People know each other by name, not by login.
    std::string name = actor->username;
    if (auto st =
            store::Query(db, "SELECT display_name FROM users WHERE user_id = ?", actor->user_id)) {
      if (auto row = (*st)->Step(); row && *row && !(*st)->Text(0).empty()) name = (*st)->Text(0);
    }
    layout["user"] = {{"name", name}, {"roles", fmt::format("{}", fmt::join(roles, "、"))}};
    layout["can_findings"] = CanWorkFindings(*actor);
    layout["can_report"] = CanViewReport(*actor);
    layout["can_screen"] = screening::CanScreen(*actor);
    layout["can_activities"] = activities::CanReadActivities(*actor);
    // The menu fits the role: administrators (三员分立) see their own pages, not the case book.
    layout["business"] = std::any_of(actor->roles.begin(), actor->roles.end(),
                                     [](casework::Role r) { return !casework::IsAdminRole(r); });
    layout["manages_accounts"] =
        actor->Has(casework::Role::kSystemAdmin) || actor->Has(casework::Role::kSecurityAdmin);
    layout["audit_admin"] = actor->Has(casework::Role::kAuditAdmin);
  }
  auto html = app.templates().Render("layout", layout);
  res.status = status;
  res.set_content(html ? *html : body.value(), "text/html; charset=utf-8");
}

void Ctx::RenderPublic(const std::string& page, Json data, int status) {
  if (!data.contains("csrf")) data["csrf"] = CsrfToken();
  auto html = PublicHtml(page, data);
  if (!html) {
    res.status = 500;
    res.set_content("模板错误：" + html.error().message(), "text/plain; charset=utf-8");
    return;
  }
  SendHtml(std::move(*html), status);
}

Result<std::string> Ctx::PublicHtml(const std::string& page, const Json& data) const {
  auto body = app.templates().Render(page, data);
  if (!body) return body;
  return app.templates().RenderInLayout("m_layout", data.value("title", std::string("码上行动")),
                                        *body);
}

void Ctx::SendHtml(std::string html, int status) {
  res.status = status;
  res.set_content(std::move(html), "text/html; charset=utf-8");
}

void Ctx::Redirect(const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
}

void Ctx::ErrorPage(int status, const std::string& message) {
  if (req.path.starts_with("/api/")) {
    res.status = status;
    const ErrorCode code = status == 400   ? ErrorCode::kInvalidArgument
                           : status == 401 ? ErrorCode::kUnauthenticated
                           : status == 403 ? ErrorCode::kPermissionDenied
                           : status == 404 ? ErrorCode::kNotFound
                           : status == 409 ? ErrorCode::kConflict
                                           : ErrorCode::kInternal;
    res.set_content(ApiErrorBody(Error(code, message)).dump(), "application/json; charset=utf-8");
    return;
  }
  Json data = {{"title", "出错了"}, {"status", status}, {"message", message}};
  if (req.path.starts_with("/m/")) {
    RenderPublic("m_error", data, status);
  } else {
    Render("error", data, status);
  }
}

void Ctx::ErrorPage(const Error& error) { ErrorPage(StatusFor(error), error.message()); }

Result<void> Ctx::AuditInOwnTransaction(audit::Entry entry) {
  entry.actor = actor ? actor->username : "public";
  QF_RETURN_IF_ERROR(app.recorder().AppendAlone(db, entry));
  return {};
}

// Computed when a page asks for it, not on every request (a cached public page never does).
const std::string& Ctx::CsrfToken() const {
  if (!csrf_token) csrf_token = app.csrf().TokenFor(browser_cookie);
  return *csrf_token;
}

// The browser-session cookie every visitor holds (staff and public) keys the flash messages:
// they are this browser's, and the store never holds the cookie itself. Computed when a flash is
// used, not on every request (most public requests show none).
std::string Ctx::FlashKey() const { return app.KeyedHash("flash:" + browser_cookie); }

void Ctx::Flash(std::string message, bool error) {
  app.flashes().Put(FlashKey(), error, std::move(message));
}

std::string Ctx::TakeFlash(bool error) { return app.flashes().Take(FlashKey(), error); }

App::App(ServeOptions options, const qf::Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      check_by_address_(options_.check_limit_per_address, 3600, clock),
      check_by_id_(options_.check_limit_per_id, 3600, clock),
      receipt_by_address_(options_.receipt_limit_per_address, 3600, clock),
      report_by_address_(options_.report_limit_per_address, 3600, clock),
      places_(clock),
      resident_snapshot_(engine::MoreConnectionsTo(options_.db_url)) {}

void App::PreloadSnapshot() {
  if (preloading_) return;  // the common case while a load runs: no lock
  std::lock_guard lock(preload_mutex_);
  if (preloading_) return;
  preloading_ = true;
  if (preload_.joinable()) preload_.join();  // the previous load, finished
  preload_ = std::jthread([this] {
    auto db = pool_->Acquire();
    if (db) (void)resident_snapshot_.Get(**db);
    preloading_ = false;
  });
}

std::shared_ptr<const engine::Snapshot> App::CurrentSnapshot(store::Database& db) {
  auto current = resident_snapshot_.Current(db);
  if (current && *current) return *current;
  if (options_.preload_snapshot) PreloadSnapshot();
  return nullptr;
}

Result<void> App::Init() {
  web_root_ = FindWebRoot(options_.web_root);
  if (auto loaded = templates_.Load(web_root_ + "/templates"); !loaded) return loaded;
  // One store, one answer to "which findings name staff" until a check run or the staff change:
  // the findings queue and the report do not rescan the findings table on every request.
  if (options_.casework_options.finding_restrictions == nullptr) {
    options_.casework_options.finding_restrictions = &finding_restrictions_;
  }
  // Secrets live only in memory: a restart invalidates outstanding CSRF tokens, nothing else.
  csrf_ = Csrf(crypto::RandomBytes(32));
  address_key_ = crypto::RandomBytes(32);

  pool_ = std::make_unique<store::ConnectionPool>(options_.db_url, DatabaseConnections(options_),
                                                  /*cache_statements=*/true);
  pool_->SetOnOpen([](store::Database& db) -> Result<void> {
    if (db.Dialect() != "sqlite") return {};
    // Reads straight from the mapped file instead of a read() and a copy per page that misses
    // the connection's own cache: on a million-person ledger most self-check look-ups do.
    return db.Execute("PRAGMA mmap_size=1073741824");
  });
  // A connection of its own, closed before serving: the migration must not wait on the pool.
  auto db = store::Open(options_.db_url);
  if (!db) return std::unexpected(db.error());
  if (auto migrated = store::Migrate(**db); !migrated) return std::unexpected(migrated.error());
  QF_ASSIGN_OR_RETURN(crypto::FieldCipher cipher,
                      audit::OpenKeyFile(**db, clock_, KeyFile(), "system"));
  cipher_.emplace(std::move(cipher));
  recorder_.emplace(clock_, cipher_->chain_key());
  resident_snapshot_.UseFile(engine::SnapshotFileFor(options_.db_url, cipher_->snapshot_key()));
  QF_RETURN_IF_ERROR(InitDocuments(**db));
  if (options_.demo_accounts) {
    casework::CaseworkService service(**db, clock_, *cipher_, options_.casework_options);
    for (const DemoAccount& account : DemoAccounts()) {
      auto st = (*db)->Prepare("SELECT 1 FROM users WHERE username = ?");
      if (!st) return std::unexpected(st.error());
      (*st)->Bind(1, account.username);
      auto exists = (*st)->Step();
      if (!exists) return std::unexpected(exists.error());
      if (*exists) continue;
      auto roles = casework::ParseRoleList(account.roles);
      auto made = service.AddUserFromCli(account.username, account.display_name, *roles,
                                         "commission", account.password, account.id_number);
      if (!made) return std::unexpected(made.error());
    }
  }
  // A job queued or running when the previous process stopped never finished: its page says so.
  if (auto marked = jobs_.MarkInterrupted(**db); !marked) return std::unexpected(marked.error());
  jobs_.Start();
  return {};
}

Result<void> App::InitDocuments(store::Database& db) {
  QF_ASSIGN_OR_RETURN(documents::DocumentCatalog catalog, documents::LoadDocumentCatalog(""));
  documents_.emplace(std::move(catalog));
  casework::CaseworkService service(db, clock_, *cipher_, options_.casework_options);
  documents::DocumentBook book(db, clock_, *cipher_, service, *documents_);
  QF_RETURN_IF_ERROR(book.EnsureTemplates());
  return {};
}

Result<engine::CheckReport> App::Compare(store::Database& db, const std::string& actor,
                                         engine::CheckProgressFn on_progress) {
  QF_ASSIGN_OR_RETURN(auto snapshot, resident_snapshot_.Get(db));
  engine::CheckOptions options;
  options.recorder = &recorder();
  options.actor = actor;
  options.on_progress = std::move(on_progress);
  return engine::RunCheck(db, *snapshot, options);
}

std::string App::KeyFile() const {
  return options_.key_file.empty() ? crypto::DefaultKeyFilePath(options_.db_url)
                                   : options_.key_file;
}

std::string App::AnchorFile() const {
  return options_.anchor_file.empty() ? audit::DefaultAnchorFilePath(KeyFile())
                                      : options_.anchor_file;
}

std::string App::AddressKey(const httplib::Request& req) const {
  return crypto::HmacSm3(address_key_, req.remote_addr);
}

std::string App::KeyedHash(std::string_view text) const {
  return crypto::HmacSm3(address_key_, text);
}

Result<store::ConnectionPool::Lease> App::Connection() { return pool_->Acquire(); }

std::string App::SessionCookieName() const {
  return options_.secure_cookies ? "__Host-qf_session" : "qf_session";
}
std::string App::CsrfCookieName() const {
  return options_.secure_cookies ? "__Host-qf_csrf" : "qf_csrf";
}

httplib::Server::Handler App::StaffGet(Handler handler) {
  return Wrap(std::move(handler), true, false);
}
httplib::Server::Handler App::StaffPost(Handler handler) {
  return Wrap(std::move(handler), true, true);
}
httplib::Server::Handler App::PublicGet(Handler handler) {
  return Wrap(std::move(handler), false, false);
}
httplib::Server::Handler App::PublicPost(Handler handler) {
  return Wrap(std::move(handler), false, true);
}

httplib::Server::Handler App::Wrap(Handler handler, bool staff, bool post) {
  return [this, handler = std::move(handler), staff, post](const httplib::Request& req,
                                                           httplib::Response& res) {
    auto db = Connection();
    if (!db) {
      res.status = 500;
      res.set_content("数据库无法打开：" + db.error().message(), "text/plain; charset=utf-8");
      return;
    }
    Ctx ctx{req, res, *this, **db, std::nullopt, "", "", std::nullopt};
    std::string cookie = GetCookie(req, CsrfCookieName());
    if (cookie.size() != 32) {
      std::string fresh = Csrf::NewCookieValue();
      SetCookie(res, CsrfCookieName(), fresh, -1, options_.secure_cookies);
      ctx.browser_cookie = fresh;
    } else {
      ctx.browser_cookie = cookie;
    }
    if (post) {
      std::string token = req.get_header_value("X-CSRF-Token");
      if (token.empty()) token = Form::FromRequest(req).Get("_csrf");
      if (!csrf_.Valid(cookie, token)) {
        ctx.ErrorPage(403,
                      "请求校验失败（可能来自其他网站的伪造提交）。请返回上一页，刷新后重试。");
        return;
      }
      // Before any handler stores a byte of it: text that is not UTF-8 cannot be shown, encoded
      // as JSON or audited (it once made a report half-stored and a 500).
      if (!FormIsUtf8(req)) {
        ctx.ErrorPage(400,
                      "提交的内容含有无法识别的字符（不是有效的 UTF-8 文本），请检查后重新提交。");
        return;
      }
    }
    if (staff) {
      ctx.session_token = GetCookie(req, SessionCookieName());
      casework::CaseworkService service = ctx.Service();
      auto actor = ctx.session_token.empty()
                       ? Result<casework::Actor>(Fail(ErrorCode::kUnauthenticated, "未登录"))
                       : service.Authenticate(ctx.session_token);
      if (!actor) {
        if (post) {
          ctx.ErrorPage(401, "登录已失效，请重新登录。");
        } else {
          // A session cookie the server no longer honours: the session timed out (or ended).
          if (!ctx.session_token.empty()) ctx.Flash("登录已超时，请重新登录。", true);
          std::string next = req.path;
          ctx.Redirect("/login?next=" + UrlEncode(next));
        }
        return;
      }
      ctx.actor = std::move(*actor);
    }
    try {
      handler(ctx);
    } catch (const std::exception& e) {
      // The exception's text is for the operator's log, not for the page.
      fmt::print(stderr, "{} {}: {}\n", req.method, LogSafePath(req.path), LogSafePath(e.what()));
      ctx.ErrorPage(500, "服务器内部错误，请稍后重试。");
    }
  };
}

}  // namespace qf::web::internal
