// Background jobs in the staff workspace: /jobs (mine; 审核领导 sees everyone's), /jobs/<id> (the
// progress bar while it runs, the result page once done) and /jobs/<id>/progress, the fragment
// htmx polls every second in place of the bar. Jobs are started by POST /import and
// POST /findings/check (staff_routes.cpp).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "web/internal/app.h"
#include "web/internal/casework_view.h"

namespace qf::web::internal {
namespace {

// A job's result holds business data (rejected values, findings counts): its starter sees it,
// and 审核领导, who answers for the work of the whole commission. Administrators do not (三员分立).
bool SeesEveryJob(const casework::Actor& actor) { return actor.Has(casework::Role::kApprover); }

bool MaySee(const casework::Actor& actor, const jobs::Job& job) {
  return job.started_by == actor.username || SeesEveryJob(actor);
}

int64_t Percent(const jobs::Progress& p, jobs::JobState state) {
  if (state == jobs::JobState::kDone) return 100;
  return p.total > 0 ? std::clamp<int64_t>(p.done * 100 / p.total, 0, 100) : 0;
}

// One line for the job list: how many tables went in, what the comparison found new and gone.
std::string ResultSummary(const Json& result) {
  std::vector<std::string> parts;
  if (result.contains("tables")) {
    int64_t refused = 0;
    for (const Json& t : result["tables"])
      refused += t.value("ok", false) || t.value("partial", false) ? 0 : 1;
    parts.push_back(refused == 0
                        ? fmt::format("导入 {} 张表", result["tables"].size())
                        : fmt::format("{} 张表中 {} 张未导入", result["tables"].size(), refused));
  }
  if (result.contains("comparison")) {
    const Json& c = result["comparison"];
    parts.push_back(fmt::format("第 {} 次比对：新增 {} 条，消失 {} 条",
                                c.value("run_id", int64_t{0}), c.value("new", int64_t{0}),
                                c.value("gone", int64_t{0})));
  }
  if (result.contains("comparison_error")) parts.push_back("比对失败");
  return fmt::format("{}", fmt::join(parts, "；"));
}

Json JobJson(const jobs::Job& job, const Names& names) {
  const bool live = job.state == jobs::JobState::kQueued || job.state == jobs::JobState::kRunning;
  Json data = {{"id", job.id},
               {"kind", std::string(jobs::KindLabel(job.kind))},
               {"is_import", job.kind == jobs::JobKind::kImport},
               {"by", names.User(job.started_by)},
               {"state", std::string(jobs::StateLabel(job.state))},
               {"state_code", job.state == jobs::JobState::kDone     ? "done"
                              : job.state == jobs::JobState::kFailed ? "failed"
                                                                     : "live"},
               {"live", live},
               {"failed", job.state == jobs::JobState::kFailed},
               {"stage", job.state == jobs::JobState::kQueued ? "排队等候：前一个任务完成后开始"
                                                              : job.progress.stage},
               {"percent", Percent(job.progress, job.state)},
               {"created", ShownTime(job.created_at)},
               {"started", ShownTime(job.started_at)},
               {"finished", ShownTime(job.finished_at)},
               {"error", job.error}};
  if (job.state == jobs::JobState::kFailed && job.error == jobs::kInterruptedError) {
    data["error"] = fmt::format("失败（{}）：请重新提交", jobs::kInterruptedError);
  }
  if (job.state == jobs::JobState::kDone && job.result.is_object()) {
    data["result"] = job.result;
    data["summary"] = ResultSummary(job.result);
  }
  return data;
}

// The job of the request's path that this user may see, or an error page sent.
std::optional<jobs::Job> RequestedJob(Ctx& ctx) {
  const std::string text = ctx.req.matches[1];
  int64_t id = 0;
  std::from_chars(text.data(), text.data() + text.size(), id);
  auto job = ctx.app.jobs().Find(ctx.db, id);
  if (!job) {
    ctx.ErrorPage(job.error());
    return std::nullopt;
  }
  if (!*job || !MaySee(*ctx.actor, **job)) {
    ctx.ErrorPage(404, "该后台任务不存在");
    return std::nullopt;
  }
  return **job;
}

void JobPage(Ctx& ctx) {
  auto job = RequestedJob(ctx);
  if (!job) return;
  Json data = JobJson(*job, Names::Load(ctx.db));
  auto body = ctx.app.templates().Render("job_body", data);
  if (!body) return ctx.ErrorPage(body.error());
  data["body"] = *body;
  data["title"] = fmt::format("后台任务 {}：{}", job->id, jobs::KindLabel(job->kind));
  data["nav"] = "jobs";
  ctx.Render("job", data);
}

// What htmx swaps in every second: the bar while the job runs, the result once it is done (the
// answer then carries no polling trigger, so the polling stops).
void JobProgressFragment(Ctx& ctx) {
  auto job = RequestedJob(ctx);
  if (!job) return;
  auto body = ctx.app.templates().Render("job_body", JobJson(*job, Names::Load(ctx.db)));
  if (!body) return ctx.ErrorPage(body.error());
  ctx.SendHtml(*body);
}

void JobList(Ctx& ctx) {
  if (!CanWorkFindings(*ctx.actor)) return ctx.ErrorPage(403, "您的角色无权查看后台任务");
  const bool all = SeesEveryJob(*ctx.actor);
  auto list = ctx.app.jobs().List(ctx.db, all ? "" : ctx.actor->username, 100);
  if (!list) return ctx.ErrorPage(list.error());
  Names names = Names::Load(ctx.db);
  Json items = Json::array();
  for (const jobs::Job& job : *list) items.push_back(JobJson(job, names));
  ctx.Render("jobs", {{"title", "后台任务"},
                      {"nav", "jobs"},
                      {"all", all},
                      {"jobs", items},
                      {"message", ctx.TakeFlash()}});
}

}  // namespace

void RegisterJobRoutes(App& app, Router& server) {
  server.Get("/jobs", app.StaffGet(JobList));
  server.Get(R"(/jobs/(\d{1,18}))", app.StaffGet(JobPage));
  server.Get(R"(/jobs/(\d{1,18})/progress)", app.StaffGet(JobProgressFragment));
}

}  // namespace qf::web::internal
