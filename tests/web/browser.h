// A browser-like client for the web tests: keeps cookies and the last form's CSRF token, posts
// forms (with the token unless told not to) and multipart uploads, logs in through the form.
#pragma once

#include <httplib.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

namespace qf::web::testing {

class Browser {
 public:
  explicit Browser(int port) : client_("127.0.0.1", port) {}

  httplib::Result Get(const std::string& path) {
    auto res = client_.Get(path, Headers());
    Keep(res);
    return res;
  }
  httplib::Result Post(const std::string& path, const httplib::Params& params,
                       bool with_token = true) {
    httplib::Params p = params;
    if (with_token) p.emplace("_csrf", token_);
    auto res = client_.Post(path, Headers(), p);
    Keep(res);
    return res;
  }
  httplib::Result PostMultipart(const std::string& path, httplib::MultipartFormDataItems items) {
    items.push_back({"_csrf", token_, "", ""});
    auto res = client_.Post(path, Headers(), items);
    Keep(res);
    return res;
  }
  // Logs in through the form; true on the redirect that follows success.
  bool Login(const std::string& user, const std::string& password) {
    Get("/login");
    auto res = Post("/login", {{"username", user}, {"password", password}, {"next", "/"}});
    return res && res->status == 303;
  }
  std::map<std::string, std::string> cookies;
  std::vector<std::string> set_cookie_headers;

 private:
  httplib::Headers Headers() const {
    std::string cookie;
    for (const auto& [k, v] : cookies) cookie += k + "=" + v + "; ";
    return cookie.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", cookie}};
  }
  void Keep(const httplib::Result& res) {
    if (!res) return;
    for (auto [it, end] = res->headers.equal_range("Set-Cookie"); it != end; ++it) {
      set_cookie_headers.push_back(it->second);
      std::string pair = it->second.substr(0, it->second.find(';'));
      size_t eq = pair.find('=');
      cookies[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
    std::smatch m;
    static const std::regex token(R"re(name="_csrf" value="([0-9a-f]+)")re");
    if (std::regex_search(res->body, m, token)) token_ = m[1];
  }
  httplib::Client client_;
  std::string token_;
};

}  // namespace qf::web::testing
