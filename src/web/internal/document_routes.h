// The 文书 and 证据附件 of clues and cases in the staff workspace (documents/ does the work): the
// section of a detail page that lists them with the forms to issue and upload, the printable
// document page, the downloads, and the template editor (文书模板, 审核领导).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "web/internal/app.h"

namespace qf::web::internal {

// The 文书 and 证据附件 cards of the item's page as HTML ("" when the reader may not see them).
std::string DocumentsSection(Ctx& ctx, std::string_view entity, int64_t id);

void RegisterDocumentRoutes(App& app, Router& server);
// document_template_routes.cpp: 文书模板 — the list, one type's versions, and the editor.
void RegisterTemplateRoutes(App& app, Router& server);

}  // namespace qf::web::internal
