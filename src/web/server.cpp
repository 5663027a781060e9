// WebServer and Serve: configures cpp-httplib (security headers, static files, worker pool,
// access log) around the App's routes.
#include "web/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "web/internal/anchor_schedule.h"
#include "web/internal/app.h"
#include "web/internal/gated_server.h"
#include "web/internal/request_guard.h"
#include "web/internal/router.h"
#include "web/internal/supervision_schedule.h"

namespace qf::web {
namespace {

Result<std::pair<std::string, int>> ParseListen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("监听地址 '{}' 应为 主机:端口，例如 127.0.0.1:8080", listen));
  }
  std::string host = listen.substr(0, colon);
  int port = -1;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
  }
  if (port < 0 || port > 65535 || host.empty()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("监听地址 '{}' 的端口无效", listen));
  }
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return std::pair{host, port};
}

}  // namespace

std::vector<DemoAccount> DemoAccounts() {
  return {
      {"shouli", "qingfeng-demo", "intake", "受理员 刘敏", "11010119850101101X"},
      {"chengban", "qingfeng-demo", "intake,handler", "承办人 王强", "110101198502021025"},
      {"shenhe", "qingfeng-demo", "approver", "审核领导 陈静", "110101198503031030"},
      {"jiandu", "qingfeng-demo", "internal_supervision", "干部监督室 赵磊", "110101198504041046"}};
}

struct WebServer::Impl {
  Impl(ServeOptions o, const qf::Clock& c) : app(std::move(o), c), anchors(app), supervision(app) {}
  internal::App app;
  internal::AnchorSchedule anchors;  // started once serving
  internal::SupervisionSchedule supervision;  // started once serving
  internal::GatedServer server;
  internal::Router router{server};
  std::thread thread;
  std::atomic<bool> listen_returned{false};
  std::string host;
  int port = 0;
};

WebServer::WebServer(ServeOptions options, const qf::Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), clock)) {}

WebServer::~WebServer() { Stop(); }

namespace {

Result<void> Configure(internal::App& app, internal::GatedServer& server,
                       internal::Router& router) {
  if (auto ok = app.Init(); !ok) return ok;
  const ServeOptions& options = app.options();
  server.StartGate({.header_timeout = std::chrono::seconds(options.header_timeout_seconds),
                    .request_timeout = std::chrono::seconds(options.request_timeout_seconds),
                    .per_client = options.max_connections_per_client,
                    .workers = internal::WorkerThreads(options),
                    .quick_workers = internal::QuickWorkerThreads(options)});
  // Strict by default: scripts and styles only from this site, no framing, no referrer leaks
  // (a QR page's URL names a place; a receipt page must not leak to other sites).
  httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cache-Control", "no-store"},
  };
  if (options.secure_cookies) headers.emplace("Strict-Transport-Security", "max-age=31536000");
  server.set_default_headers(std::move(headers));
  // Photos of a report: at most 3 × 5 MB plus the form.
  server.set_payload_max_length(20 * 1024 * 1024);
  server.set_keep_alive_max_count(1000);
  // Without TCP_NODELAY a response written as headers then body waits for the client's delayed
  // ACK (40 ms on Linux): a keep-alive client then gets ~25 responses a second per connection.
  server.set_tcp_nodelay(true);
  std::filesystem::path static_dir = std::filesystem::path(app.web_root()) / "static";
  server.set_mount_point("/static", static_dir.string());
  // cpp-httplib compresses every compressible response with Brotli at quality 11: seconds for the
  // 1 MB ECharts bundle on each request (20 s in Chromium on a loaded machine). A charset suffix
  // takes scripts off httplib's compressible list. Static files hold nothing private and change
  // only with a new build, so browsers may keep them for an hour.
  server.set_file_extension_and_mimetype_mapping("js", "application/javascript; charset=utf-8");
  server.set_file_request_handler([](const httplib::Request&, httplib::Response& res) {
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "public, max-age=3600");
  });
  // No page has a control character in its path; passed on, NUL could cut a file name and a
  // newline could forge a log line.
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    using Outcome = httplib::Server::HandlerResponse;
    if (!internal::HasControlCharacters(req.path)) return Outcome::Unhandled;
    res.status = 400;
    res.set_content("400 请求路径含有控制字符", "text/plain; charset=utf-8");
    return Outcome::Handled;
  });
  if (options.access_log) {
    // Method, path and status only: no address, no header, no query string (which could carry
    // a name on a misused form) — an anonymous report leaves no trace here. The path is
    // percent-encoded outside visible ASCII, so one request is always one line.
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      fmt::print(stderr, "{} {} {}\n", internal::LogSafePath(req.method),
                 internal::LogSafePath(req.path), res.status);
    });
  }
  // A path no route knows: the site's page with the way back (an API path keeps plain text).
  server.set_error_handler([&app](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 404 ? "页面不存在" : "请求有误";
    if (req.path.starts_with("/api/")) {
      res.set_content(fmt::format("{} {}", res.status, message), "text/plain; charset=utf-8");
      return;
    }
    const bool citizen = req.path.starts_with("/m/");
    auto body = app.templates().Render(citizen ? "m_error" : "error",
                                       {{"title", message}, {"status", res.status},
                                        {"message", fmt::format("{}：{}", res.status, message)}});
    auto page = app.templates().Render(citizen ? "m_layout" : "layout",
                                       {{"title", message}, {"body", body.value_or(message)}});
    res.set_content(page.value_or(message), "text/html; charset=utf-8");
  });
  server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/static/favicon.svg", 301);
  });
  internal::RegisterStaffRoutes(app, router);
  internal::RegisterCaseworkRoutes(app, router);
  internal::RegisterProjectRoutes(app, router);
  internal::RegisterScreeningRoutes(app, router);
  internal::RegisterAdminRoutes(app, router);
  internal::RegisterPublicRoutes(app, router);
  internal::RegisterApiRoutes(app, router);
  internal::RegisterApprovalRoutes(app, router);
  internal::RegisterReportRoutes(app, router);
  internal::RegisterPersonRoutes(app, router);
  internal::RegisterJobRoutes(app, router);
  internal::RegisterDocumentRoutes(app, router);
  internal::RegisterOversightRoutes(app, router);
  internal::RegisterCongressRoutes(app, router);
  internal::RegisterActivityRoutes(app, router);
  return {};
}

}  // namespace

Result<int> WebServer::Start() {
  auto hp = ParseListen(impl_->app.options().listen);
  if (!hp) return std::unexpected(hp.error());
  if (auto ok = Configure(impl_->app, impl_->server, impl_->router); !ok)
    return std::unexpected(ok.error());
  impl_->host = hp->first;
  int port = hp->second == 0
                 ? impl_->server.bind_to_any_port(hp->first)
                 : (impl_->server.bind_to_port(hp->first, hp->second) ? hp->second : -1);
  if (port <= 0) {
    return Fail(ErrorCode::kIo,
                fmt::format("无法监听 {}（端口被占用或无权限）", impl_->app.options().listen));
  }
  impl_->port = port;
  impl_->server.WidenBacklog();
  impl_->anchors.Start();
  impl_->supervision.Start();
  if (impl_->app.options().preload_snapshot) impl_->app.PreloadSnapshot();
  impl_->thread = std::thread([this] {
    impl_->server.listen_after_bind();
    impl_->listen_returned = true;
  });
  // cpp-httplib's stop() does nothing until the accept loop has begun: a Stop soon after Start
  // would leave the thread accepting forever. Return only once it runs (or has already ended).
  while (!impl_->server.is_running() && !impl_->listen_returned) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return port;
}

Result<void> WebServer::Run() {
  auto port = Start();
  if (!port) return std::unexpected(port.error());
  impl_->thread.join();
  return {};
}

std::vector<Route> WebServer::Routes() const { return impl_->router.routes(); }

void WebServer::WaitForJobs() const { impl_->app.jobs().WaitIdle(); }

void WebServer::Stop() {
  if (!impl_) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->server.StopGate();
  impl_->supervision.Stop();
  // After the last request: the final anchor names the newest entry this server wrote.
  if (impl_->port > 0) impl_->anchors.Stop();
}

Result<void> Serve(const ServeOptions& options) {
  qf::SystemClock clock;
  auto hp = ParseListen(options.listen);
  if (!hp) return std::unexpected(hp.error());
  // SIGINT and SIGTERM are blocked before the worker threads start (they inherit the mask) and
  // taken synchronously by sigwait below: no code runs inside a signal handler.
  sigset_t stop_signals, previous;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  Result<void> outcome;
  {
    WebServer server(options, clock);
    auto port = server.Start();
    if (!port) {
      outcome = std::unexpected(port.error());
    } else {
      fmt::print(stderr,
                 "清风已启动：http://{}:{}/  （工作台 /login，群众端 /m/），按 Ctrl+C 停止\n",
                 hp->first, *port);
      int signal = 0;
      sigwait(&stop_signals, &signal);
      server.Stop();
      fmt::print(stderr, "清风已停止\n");
    }
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return outcome;
}

}  // namespace qf::web
