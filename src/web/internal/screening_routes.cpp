// 发放前比对 pages: a department or finance user uploads a payment batch before paying it and sees
// each payment 通过 or 暂停 with the rules and evidence; 审核领导 release a held payment with a
// reason; the result file goes back to the bank (screening/screening_book.h does the work).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "crypto/crypto.h"
#include "screening/screening_book.h"
#include "web/internal/app.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {
namespace {

screening::ScreeningBook Book(Ctx& ctx) {
  return screening::ScreeningBook(ctx.db, ctx.app.clock(), ctx.app.cipher(), ctx.app.recorder());
}

void ListPage(Ctx& ctx) {
  if (!screening::CanScreen(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权进行发放前比对");
  auto list = Book(ctx).List(*ctx.actor);
  if (!list) return ctx.ErrorPage(list.error());
  Json items = Json::array();
  for (const Json& s : (*list)["screenings"]) {
    Json item = s;
    item["screened_at"] = BeijingMinute(s.value("screened_at", ""));
    item["amount_held"] = Yuan(s.value("amount_held", int64_t{0}));
    items.push_back(std::move(item));
  }
  ctx.Render("screening", {{"title", "发放前比对"},
                           {"nav", "screening"},
                           {"screenings", items},
                           {"any", !items.empty()},
                           {"error", ctx.TakeFlash(true)}});
}

// The uploaded batch, written to a private temporary file for the screening and removed after.
void UploadPost(Ctx& ctx) {
  if (!screening::CanScreen(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权进行发放前比对");
  namespace fs = std::filesystem;
  auto part = ctx.req.files.find("batch");
  if (part == ctx.req.files.end() || part->second.filename.empty()) {
    ctx.Flash("请选择发放批次文件", true);
    return ctx.Redirect("/screening");
  }
  std::string name = fs::path(part->second.filename).filename().string();
  std::string ext = fs::path(name).extension().string();
  if (ext != ".csv" && ext != ".xlsx") {
    ctx.Flash(fmt::format("文件 {} 不是 .csv 或 .xlsx 表格", name), true);
    return ctx.Redirect("/screening");
  }
  fs::path file = fs::temp_directory_path() /
                  fmt::format("qingfeng-batch-{}{}", crypto::ToHex(crypto::RandomBytes(8)), ext);
  {
    std::ofstream out(file, std::ios::binary);
    out << part->second.content;
  }
  std::error_code ignored;
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, ignored);
  auto ledger = [&ctx] { return ctx.app.resident_snapshot().Get(ctx.db); };
  auto id = Book(ctx).Screen(*ctx.actor, ledger, file.string(), name, {});
  fs::remove(file, ignored);
  if (!id) {
    if (id.error().code() != ErrorCode::kInvalidArgument) return ctx.ErrorPage(id.error());
    ctx.Flash(id.error().message(), true);
    return ctx.Redirect("/screening");
  }
  ctx.Redirect(fmt::format("/screening/{}", *id));
}

Json RowsView(const Json& rows, bool can_release, const std::string& csrf) {
  Json out = Json::array();
  for (const Json& r : rows) {
    Json row = r;
    row["amount"] = Yuan(r.value("amount", int64_t{0}));
    row["decision"] = r.value("released", false) ? "已放行" : r.value("held", false) ? "暂停" : "通过";
    row["can_release"] = can_release && r.value("held", false);
    row["csrf"] = csrf;
    if (r.contains("released_at")) row["released_at"] = BeijingMinute(r.value("released_at", ""));
    out.push_back(std::move(row));
  }
  return out;
}

void DetailPage(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "发放前比对不存在");
  auto s = Book(ctx).Get(*ctx.actor, id);
  if (!s) return ctx.ErrorPage(s.error());
  const bool all = Form::FromQuery(ctx.req).Get("all") == "1";
  Json held = Json::array();
  for (const Json& r : (*s)["rows"]) {
    if (all || r.value("held", false) || r.value("released", false)) held.push_back(r);
  }
  Json data = *s;
  data["title"] = fmt::format("发放前比对：{}", s->value("file", ""));
  data["nav"] = "screening";
  data["screened_at"] = BeijingMinute(s->value("screened_at", ""));
  data["amount_held"] = Yuan(s->value("amount_held", int64_t{0}));
  data["rows_passed"] = s->value("rows_total", int64_t{0}) - s->value("rows_held", int64_t{0});
  data["rows"] = RowsView(held, screening::CanRelease(*ctx.actor), ctx.CsrfToken());
  data["showing_all"] = all;
  data["notice"] = ctx.TakeFlash();
  data["error"] = ctx.TakeFlash(true);
  ctx.Render("screening_detail", data);
}

void ReleasePost(Ctx& ctx) {
  int64_t id = 0, seq = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id) || !ParseId(ctx.req.matches[2].str(), &seq)) {
    return ctx.ErrorPage(404, "发放记录不存在");
  }
  auto released =
      Book(ctx).Release(*ctx.actor, id, seq, Form::FromRequest(ctx.req).Get("reason"));
  if (!released && released.error().code() != ErrorCode::kInvalidArgument &&
      released.error().code() != ErrorCode::kConflict) {
    return ctx.ErrorPage(released.error());
  }
  if (released) {
    ctx.Flash(fmt::format("第 {} 笔已放行", seq));
  } else {
    ctx.Flash(released.error().message(), true);
  }
  ctx.Redirect(fmt::format("/screening/{}", id));
}

void DownloadGet(Ctx& ctx) {
  int64_t id = 0;
  if (!ParseId(ctx.req.matches[1].str(), &id)) return ctx.ErrorPage(404, "发放前比对不存在");
  auto csv = Book(ctx).DecisionsCsv(*ctx.actor, id);
  if (!csv) return ctx.ErrorPage(csv.error());
  const std::string chinese = fmt::format("发放前比对结果-{}.csv", id);
  ctx.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"screening-{}.csv\"; filename*=UTF-8''{}",
                                 id, UrlEncode(chinese)));
  ctx.res.set_content(std::move(*csv), "text/csv; charset=utf-8");
}

}  // namespace

void RegisterScreeningRoutes(App& app, Router& server) {
  const std::string id = R"((\d{1,18}))";
  server.Get("/screening", app.StaffGet(ListPage));
  server.Post("/screening", app.StaffPost(UploadPost));
  server.Get("/screening/" + id, app.StaffGet(DetailPage));
  server.Get("/screening/" + id + "/download", app.StaffGet(DownloadGet));
  server.Post("/screening/" + id + "/rows/" + id + "/release", app.StaffPost(ReleasePost));
}

}  // namespace qf::web::internal
