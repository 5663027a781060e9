// The menu's groups and lists by nav key, for the breadcrumb.
#include "web/internal/breadcrumb.h"

#include <string>

namespace qf::web::internal {
namespace {

struct MenuEntry {
  std::string_view nav, group, label, href;
};

// As the left menu of layout.mustache groups them.
constexpr MenuEntry kMenu[] = {
    {"findings", "比对监督", "比对发现", "/findings"},
    {"persons", "比对监督", "一人一档", "/persons"},
    {"import", "比对监督", "数据导入", "/import"},
    {"screening", "比对监督", "发放前比对", "/screening"},
    {"clues", "执纪办案", "线索列表", "/clues"},
    {"cases", "执纪办案", "案件列表", "/cases"},
    {"transfers", "执纪办案", "移送列表", "/transfers"},
    {"rectifications", "执纪办案", "整改列表", "/rectifications"},
    {"activities", "专项监督", "活动台账", "/activities"},
    {"applications", "专项监督", "阳光审批", "/applications"},
    {"projects", "专项监督", "项目资金", "/projects"},
    {"sanzi", "专项监督", "三资", "/sanzi"},
    {"oversight", "派驻与人大", "三为主一报告", "/oversight/reports"},
    {"congress", "派驻与人大", "人大审议意见和代表建议", "/congress"},
    {"report", "统计报告", "工作报告", "/report"},
    {"qr", "统计报告", "码上行动二维码", "/qr"},
    {"admin", "系统管理", "账号管理", "/admin/users"},
    {"audit", "安全审计", "审计日志", "/admin/audit"},
    {"password", "个人设置", "修改密码", "/account/password"},
};

}  // namespace

nlohmann::json Breadcrumb(std::string_view nav, std::string_view title, std::string_view path) {
  nlohmann::json crumbs = nlohmann::json::array();
  if (nav == "home" || nav == "login") return crumbs;
  crumbs.push_back({{"label", "首页"}, {"href", "/"}});
  for (const MenuEntry& e : kMenu) {
    if (e.nav != nav) continue;
    crumbs.push_back({{"label", std::string(e.group)}});
    if (path == e.href) {
      crumbs.push_back({{"label", std::string(e.label)}, {"current", true}});
      return crumbs;
    }
    crumbs.push_back({{"label", std::string(e.label)}, {"href", std::string(e.href)}});
    break;
  }
  if (!title.empty()) crumbs.push_back({{"label", std::string(title)}, {"current", true}});
  return crumbs;
}

}  // namespace qf::web::internal
