// XLSX export of a list, audited as a download.
#include "web/internal/list_export.h"

#include <fmt/format.h>

#include "core/clock.h"
#include "crypto/crypto.h"
#include "report/render.h"
#include "web/internal/casework_view.h"
#include "web/internal/findings_query.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {
namespace {

std::string CellText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null() || value.is_boolean()) return "";
  return value.dump();
}

report::Table TableOf(const ListExport& list, const std::vector<Json>& rows,
                      const std::string& when) {
  report::Table table;
  table.sheet = list.title;
  table.title = fmt::format("{}（导出于 {}，共 {} 条）", list.title, when, rows.size());
  for (const ExportColumn& c : list.columns) table.columns.push_back(c.header);
  for (const Json& row : rows) {
    std::vector<std::string> cells;
    for (const ExportColumn& c : list.columns) {
      cells.push_back(row.contains(c.field) ? CellText(row[c.field]) : "");
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

}  // namespace

void SendListExport(Ctx& ctx, const ListExport& list, const std::vector<Json>& rows) {
  std::string now = IsoUtc(ctx.app.clock().NowSeconds());
  auto bytes = report::TablesXlsx({TableOf(list, rows, ShownTime(now))});
  if (!bytes) return ctx.ErrorPage(bytes.error());
  std::string day = qf::Today(ctx.app.clock()).ToString();
  std::string stem = fmt::format("{}-{}", list.entity, day);
  // The filters and the file's digest; never the rows, and an ID number typed into the search
  // box is masked: the log never holds one in clear.
  Json details = {{"filters", Json::parse(MaskIdsInText(list.filters.dump()))},
                  {"rows", rows.size()},
                  {"format", "xlsx"},
                  {"bytes", bytes->size()},
                  {"sha256", crypto::Sha256Hex(*bytes)}};
  if (auto ok = ctx.AuditInOwnTransaction({.action = list.entity + ".export",
                                           .entity = list.entity,
                                           .entity_id = stem,
                                           .after = details.dump()});
      !ok) {
    return ctx.ErrorPage(ok.error());
  }
  std::string chinese = fmt::format("{}-{}.xlsx", list.title, day);
  ctx.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"{}.xlsx\"; filename*=UTF-8''{}", stem,
                                 UrlEncode(chinese)));
  ctx.res.set_content(std::move(*bytes),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace qf::web::internal
