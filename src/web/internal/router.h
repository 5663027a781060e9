// Router: route registration that remembers what it registered. Every Register*Routes function
// adds its routes through it, so the server can list them (WebServer::Routes) and a test can hold
// each state-changing route to its audit entry (tests/web/audit_coverage_test.cpp).
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "web/server.h"

namespace qf::web::internal {

class Router {
 public:
  // `server` is borrowed and must outlive the router.
  explicit Router(httplib::Server& server) : server_(server) {}

  Router& Get(const std::string& pattern, httplib::Server::Handler handler);
  Router& Post(const std::string& pattern, httplib::Server::Handler handler);
  Router& Put(const std::string& pattern, httplib::Server::Handler handler);
  Router& Delete(const std::string& pattern, httplib::Server::Handler handler);

  // In registration order.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  httplib::Server& server_;
  std::vector<Route> routes_;
};

}  // namespace qf::web::internal
