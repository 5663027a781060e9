// The dashboard's 办理统计 card: CaseworkService::Statistics (nested JSON) as tables a person can
// read — one table per part (clues, cases, rectification …), nested counts as indented rows, state
// codes by their Chinese names and money in yuan. Never JSON text on the page.
//
//   Json tables = StatisticsTables(*service.Statistics(actor));
//   // [{"title": "线索", "rows": [{"label": "合计", "value": "12", "indent": false}, …]}, …]
#pragma once

#include <nlohmann/json.hpp>

namespace qf::web::internal {

nlohmann::json StatisticsTables(const nlohmann::json& statistics);

}  // namespace qf::web::internal
