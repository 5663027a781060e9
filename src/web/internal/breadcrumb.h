// The breadcrumb above every staff page (首页 / 执纪办案 / 线索列表 / 线索 12): the menu group and
// list of the page's `nav` key, then the page's own title when the page is not that list itself.
// A page may set data["crumbs"] ([{label, href}]) to say more; Ctx::Render puts either into the
// layout.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace qf::web::internal {

// [{label, href?}], the last without a link; empty for the dashboard and pages without a menu
// entry (login).
nlohmann::json Breadcrumb(std::string_view nav, std::string_view title, std::string_view path);

}  // namespace qf::web::internal
