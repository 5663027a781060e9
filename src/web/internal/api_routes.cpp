// /api/v1: the JSON API of docs/api.md, wired mechanically onto CaseworkService. Authentication
// is a bearer token from POST /api/v1/session (no cookies, hence no CSRF exposure); errors map
// to status codes as casework_service.h says, with the body of docs/api.md (ApiErrorBody).
// Every route here is a row of docs/api.md: web_test DocumentedApiRoutesAllAnswer checks both ways.
#include <fmt/format.h>

#include <algorithm>

#include "core/result_macros.h"
#include "web/internal/app.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {
namespace {

using casework::Actor;
using casework::CaseworkService;

void SendJson(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, const Error& error) {
  SendJson(res, StatusFor(error), ApiErrorBody(error));
}

struct ApiCall {
  CaseworkService& service;
  const Actor& actor;
  const Json& body;
  const httplib::Request& req;
  int64_t Id(int n) const { return std::stoll(req.matches[n].str()); }
};

using ApiFn = std::function<Result<Json>(const ApiCall&)>;

httplib::Server::Handler Api(App& app, ApiFn fn, int success = 200) {
  return [&app, fn = std::move(fn), success](const httplib::Request& req, httplib::Response& res) {
    auto db = app.Connection();
    if (!db) return SendError(res, db.error());
    CaseworkService service(**db, app.clock(), app.cipher(), app.options().casework_options);
    std::string auth = req.get_header_value("Authorization");
    if (!auth.starts_with("Bearer ")) {
      return SendError(res, Error(ErrorCode::kUnauthenticated, "缺少 Authorization: Bearer 令牌"));
    }
    auto actor = service.Authenticate(auth.substr(7));
    if (!actor) return SendError(res, actor.error());
    Json body = Json::object();
    if (!req.body.empty()) {
      body = Json::parse(req.body, nullptr, false);
      if (body.is_discarded()) {
        return SendError(res, Error(ErrorCode::kInvalidArgument, "请求体不是有效的 JSON"));
      }
    } else if (req.method == "GET") {
      for (const auto& [k, v] : req.params) body[k] = v;
    }
    try {
      auto result = fn(ApiCall{service, *actor, body, req});
      if (!result) return SendError(res, result.error());
      if (success == 204) {
        res.status = 204;
        return;
      }
      SendJson(res, success, *result);
    } catch (const std::exception& e) {
      SendError(res, Error(ErrorCode::kInternal, fmt::format("服务器内部错误：{}", e.what())));
    }
  };
}

}  // namespace

void RegisterApiRoutes(App& app, Router& server) {
  const std::string v = "/api/v1";
  const std::string id = R"((\d{1,18}))";
  server.Post(v + "/session", [&app](const httplib::Request& req, httplib::Response& res) {
    auto db = app.Connection();
    if (!db) return SendError(res, db.error());
    Json body = Json::parse(req.body, nullptr, false);
    if (!body.is_object())
      return SendError(res, Error(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象"));
    CaseworkService service(**db, app.clock(), app.cipher(), app.options().casework_options);
    auto session =
        service.Login(body.value("username", ""), body.value("password", ""), app.AddressKey(req));
    if (!session) return SendError(res, session.error());
    SendJson(res, 200, *session);
  });
  server.Delete(v + "/session", Api(
                                    app,
                                    [](const ApiCall& c) -> Result<Json> {
                                      std::string auth = c.req.get_header_value("Authorization");
                                      if (auto ok = c.service.Logout(auth.substr(7)); !ok)
                                        return std::unexpected(ok.error());
                                      return Json();  // 204: no body
                                    },
                                    204));
  server.Get(v + "/me", Api(app, [](const ApiCall& c) { return c.service.Me(c.actor); }));
  server.Get(v + "/units", Api(app, [](const ApiCall& c) { return c.service.ListUnits(c.actor); }));
  server.Post(v + "/units",
              Api(
                  app, [](const ApiCall& c) { return c.service.AddUnit(c.actor, c.body); }, 201));
  server.Get(v + "/users", Api(app, [](const ApiCall& c) { return c.service.ListUsers(c.actor); }));
  server.Post(
      v + "/users",
      Api(
          app, [](const ApiCall& c) { return c.service.CreateUser(c.actor, c.body); }, 201));
  server.Put(v + "/users/" + id + "/roles", Api(app, [](const ApiCall& c) {
               return c.service.SetUserRoles(c.actor, c.Id(1), c.body);
             }));
  server.Post(v + "/users/" + id + "/unlock",
              Api(app, [](const ApiCall& c) { return c.service.UnlockUser(c.actor, c.Id(1)); }));
  server.Put(v + "/users/" + id + "/disabled", Api(app, [](const ApiCall& c) {
               return c.service.SetUserDisabled(c.actor, c.Id(1), c.body);
             }));
  // Any segment: the service answers a malformed fingerprint with a 400 naming the field.
  const std::string fingerprint = R"(([^/]{1,100}))";
  server.Get(v + "/findings/" + fingerprint, Api(app, [](const ApiCall& c) {
               return c.service.GetFinding(c.actor, c.req.matches[1].str());
             }));
  server.Post(v + "/findings/" + fingerprint + "/review", Api(app, [](const ApiCall& c) {
                return c.service.ReviewFinding(c.actor, c.req.matches[1].str(), c.body);
              }));
  server.Post(v + "/findings/" + fingerprint + "/outcome", Api(app, [](const ApiCall& c) {
                return c.service.RecordFindingOutcome(c.actor, c.req.matches[1].str(), c.body);
              }));
  // 一人一档 by the opaque key of a person's file (clue subjects and case persons carry it).
  server.Get(
      v + "/persons/" + R"(([0-9a-f]{1,512}))", Api(app, [&app](const ApiCall& c) -> Result<Json> {
        QF_ASSIGN_OR_RETURN(std::string id_number,
                            casework::OpenPersonFileKey(app.cipher(), c.req.matches[1].str()));
        return c.service.GetPersonFile(c.actor, id_number);
      }));
  server.Get(v + "/clues",
             Api(app, [](const ApiCall& c) { return c.service.ListClues(c.actor, c.body); }));
  server.Post(
      v + "/clues",
      Api(
          app, [](const ApiCall& c) { return c.service.CreateClue(c.actor, c.body); }, 201));
  server.Post(
      v + "/clues/from-findings",
      Api(
          app, [](const ApiCall& c) { return c.service.PromoteFindings(c.actor, c.body); }, 201));
  server.Get(v + "/clues/" + id,
             Api(app, [](const ApiCall& c) { return c.service.GetClue(c.actor, c.Id(1)); }));
  server.Post(v + "/clues/" + id + "/disposal", Api(app, [](const ApiCall& c) {
                return c.service.ProposeDisposal(c.actor, c.Id(1), c.body);
              }));
  server.Post(v + "/clues/" + id + "/decision", Api(app, [](const ApiCall& c) {
                return c.service.DecideDisposal(c.actor, c.Id(1), c.body);
              }));
  server.Post(v + "/clues/" + id + "/reopen",
              Api(app, [](const ApiCall& c) { return c.service.ReopenClue(c.actor, c.Id(1)); }));
  server.Post(v + "/clues/" + id + "/reclassify", Api(app, [](const ApiCall& c) {
                return c.service.ReclassifyClue(c.actor, c.Id(1), c.body);
              }));
  server.Post(
      v + "/clues/" + id + "/assignments",
      Api(
          app, [](const ApiCall& c) { return c.service.AssignClue(c.actor, c.Id(1), c.body); },
          201));
  server.Post(v + "/assignments/" + id + "/feedback", Api(app, [](const ApiCall& c) {
                return c.service.SubmitFeedback(c.actor, c.Id(1), c.body);
              }));
  server.Post(v + "/assignments/" + id + "/review", Api(app, [](const ApiCall& c) {
                return c.service.ReviewFeedback(c.actor, c.Id(1), c.body);
              }));
  server.Get(v + "/due/overdue",
             Api(app, [](const ApiCall& c) { return c.service.Overdue(c.actor); }));
  server.Get(v + "/due/this-week",
             Api(app, [](const ApiCall& c) { return c.service.DueThisWeek(c.actor); }));
  server.Get(v + "/cases",
             Api(app, [](const ApiCall& c) { return c.service.ListCases(c.actor, c.body); }));
  server.Post(v + "/cases",
              Api(
                  app, [](const ApiCall& c) { return c.service.FileCase(c.actor, c.body); }, 201));
  server.Get(v + "/cases/" + id,
             Api(app, [](const ApiCall& c) { return c.service.GetCase(c.actor, c.Id(1)); }));
  server.Post(
      v + "/cases/" + id + "/persons",
      Api(
          app, [](const ApiCall& c) { return c.service.AddCasePerson(c.actor, c.Id(1), c.body); },
          201));
  server.Put(v + "/cases/" + id + "/persons/" + id + "/outcome", Api(app, [](const ApiCall& c) {
               return c.service.RecordOutcome(c.actor, c.Id(1), c.Id(2), c.body);
             }));
  server.Post(v + "/cases/" + id + "/recoveries", Api(app, [](const ApiCall& c) {
                return c.service.RecordRecovery(c.actor, c.Id(1), c.body);
              }));
  server.Post(v + "/cases/" + id + "/transitions", Api(app, [](const ApiCall& c) {
                return c.service.TransitionCase(c.actor, c.Id(1), c.body);
              }));
  server.Post(
      v + "/cases/" + id + "/links",
      Api(
          app, [](const ApiCall& c) { return c.service.LinkCases(c.actor, c.Id(1), c.body); },
          201));
  server.Post(v + "/cases/" + id + "/reclassify", Api(app, [](const ApiCall& c) {
                return c.service.ReclassifyCase(c.actor, c.Id(1), c.body);
              }));
  server.Get(v + "/transfers",
             Api(app, [](const ApiCall& c) { return c.service.ListTransfers(c.actor, c.body); }));
  server.Post(
      v + "/transfers",
      Api(
          app, [](const ApiCall& c) { return c.service.CreateTransfer(c.actor, c.body); }, 201));
  server.Get(v + "/transfers/" + id,
             Api(app, [](const ApiCall& c) { return c.service.GetTransfer(c.actor, c.Id(1)); }));
  server.Post(v + "/transfers/" + id + "/transitions", Api(app, [](const ApiCall& c) {
                return c.service.TransitionTransfer(c.actor, c.Id(1), c.body);
              }));
  server.Get(v + "/rectifications", Api(app, [](const ApiCall& c) {
               return c.service.ListRectifications(c.actor, c.body);
             }));
  server.Post(
      v + "/rectifications",
      Api(
          app, [](const ApiCall& c) { return c.service.IssueRectification(c.actor, c.body); },
          201));
  server.Get(v + "/rectifications/" + id, Api(app, [](const ApiCall& c) {
               return c.service.GetRectification(c.actor, c.Id(1));
             }));
  server.Post(v + "/rectifications/" + id + "/evidence", Api(app, [](const ApiCall& c) {
                return c.service.SubmitEvidence(c.actor, c.Id(1), c.body);
              }));
  server.Post(v + "/rectifications/" + id + "/verification", Api(app, [](const ApiCall& c) {
                return c.service.VerifyRectification(c.actor, c.Id(1), c.body);
              }));
  server.Post(v + "/rectifications/" + id + "/reclassify", Api(app, [](const ApiCall& c) {
                return c.service.ReclassifyRectification(c.actor, c.Id(1), c.body);
              }));
  server.Get(v + "/statistics",
             Api(app, [](const ApiCall& c) { return c.service.Statistics(c.actor); }));
  server.Get(v + "/audit", Api(app, [](const ApiCall& c) {
               int64_t after = 0;
               int64_t limit = 100;
               ParseId(c.req.get_param_value("after"), &after);
               ParseId(c.req.get_param_value("limit"), &limit);
               return c.service.ListAuditEntries(
                   c.actor, after, static_cast<int>(std::clamp<int64_t>(limit, 1, 1000)));
             }));
  server.Get(v + "/audit/verify",
             Api(app, [](const ApiCall& c) { return c.service.VerifyAudit(c.actor); }));
}

}  // namespace qf::web::internal
