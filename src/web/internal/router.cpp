#include "web/internal/router.h"

#include <utility>

namespace qf::web::internal {

Router& Router::Get(const std::string& pattern, httplib::Server::Handler handler) {
  routes_.push_back({"GET", pattern});
  server_.Get(pattern, std::move(handler));
  return *this;
}

Router& Router::Post(const std::string& pattern, httplib::Server::Handler handler) {
  routes_.push_back({"POST", pattern});
  server_.Post(pattern, std::move(handler));
  return *this;
}

Router& Router::Put(const std::string& pattern, httplib::Server::Handler handler) {
  routes_.push_back({"PUT", pattern});
  server_.Put(pattern, std::move(handler));
  return *this;
}

Router& Router::Delete(const std::string& pattern, httplib::Server::Handler handler) {
  routes_.push_back({"DELETE", pattern});
  server_.Delete(pattern, std::move(handler));
  return *this;
}

}  // namespace qf::web::internal
