// `qingfeng serve [--listen 127.0.0.1:8080]`: the staff workspace and the public 码上行动 pages.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/stages.h"
#include "web/server.h"

namespace qf::cli {

void RunServeStage(const GlobalOptions& global, web::ServeOptions options) {
  options.db_url = global.db_url;
  options.preload_snapshot = true;
  auto served = web::Serve(options);
  if (!served) {
    fmt::print(stderr, "{}\n", served.error().message());
    throw ExitWith(served.error().code() == ErrorCode::kInvalidArgument ? kExitUsage
                                                                        : kExitRefused);
  }
}

void AddServeCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("serve", "启动网页服务：工作人员工作台和群众端“码上行动”页面");
  auto options = std::make_shared<web::ServeOptions>();
  auto mask = std::make_shared<std::string>("middle");
  cmd->add_option("--listen", options->listen,
                  "监听地址 主机:端口（默认 127.0.0.1:8080，端口 0 为任选）");
  cmd->add_option("--web-root", options->web_root, "模板与静态文件目录（默认 ./web）");
  cmd->add_option("--key-file", options->key_file, "身份证号加密密钥文件（默认与数据库同目录）");
  cmd->add_option("--mask", *mask, "群众端姓名脱敏方式：middle（张*三）、surname（张**）、full")
      ->check(CLI::IsMember({"middle", "surname", "full"}));
  cmd->add_option("--check-limit-address", options->check_limit_per_address,
                  "每个地址每小时自助查询次数上限（0 为不限，仅用于压测）");
  cmd->add_option("--check-limit-id", options->check_limit_per_id,
                  "每个身份证号每小时自助查询次数上限（0 为不限，仅用于压测）");
  cmd->add_flag("--secure-cookies", options->secure_cookies,
                "Cookie 加 Secure 标志（部署在 HTTPS 之后时使用）");
  cmd->add_flag("--demo-accounts", options->demo_accounts,
                "创建演示账户（见 docs/web.md），仅用于演示和测试");
  cmd->add_option("--threads", options->threads,
                  "工作线程数，即同时服务的连接数（默认 CPU 核数 × 8，至少 64）");
  cmd->add_option("--quick-threads", options->quick_threads,
                  "群众端页面（请求已完整到达）的工作线程数（默认 CPU 核数 × 2，至少 4）");
  cmd->add_option("--db-connections", options->db_connections,
                  "数据库连接池大小（默认 CPU 核数 × 2，至少 4）");
  cmd->add_option("--report-limit-address", options->report_limit_per_address,
                  "每个地址每小时提交举报次数上限（默认 10，0 为不限）");
  cmd->add_option("--header-timeout", options->header_timeout_seconds,
                  "连接建立（或上一个响应）后须在多少秒内收到完整请求头（默认 10）");
  cmd->add_option("--request-timeout", options->request_timeout_seconds,
                  "收到请求头后须在多少秒内读完请求并写完响应（默认 120）");
  cmd->add_option("--max-connections-per-client", options->max_connections_per_client,
                  "每个客户端地址同时打开的连接数上限（默认 32）");
  cmd->add_flag("!--no-access-log", options->access_log, "不输出访问日志");
  cmd->add_option("--anchor-file", options->anchor_file,
                  "审计锚点文件（默认与密钥文件同目录的 qingfeng.anchors）");
  cmd->add_option("--anchor-every", options->anchor_every_seconds,
                  "每隔多少秒锚定一次审计日志（有新记录时；0 为只在停止时锚定）")
      ->capture_default_str();
  cmd->callback([options, mask, &global]() {
    options->mask_policy = *web::ParseMaskPolicy(*mask);
    RunServeStage(global, *options);
  });
}

}  // namespace qf::cli
