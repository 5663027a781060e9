// Templates: the mustache files of web/templates, loaded once at start-up and rendered with a
// JSON context. {{name}} escapes HTML (the default everywhere); {{{name}}} is used only for HTML
// the server itself produced (a rendered page body, an SVG), never for data.
//
//   Templates t;  t.Load("web/templates");
//   std::string html = *t.Render("findings", {{"rows", rows}});
//
// Thread safety: after Load, Render may be called from many threads (each thread keeps its own
// parsed copies, as the mustache renderer is not re-entrant).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::web::internal {

class Templates {
 public:
  // Reads every *.mustache file of `dir`; fails naming a file that does not parse.
  Result<void> Load(const std::string& dir);
  // kNotFound for an unknown template name.
  Result<std::string> Render(const std::string& name, const nlohmann::json& data) const;
  // `layout` rendered with {title, body} where the layout places {{{body}}} once and uses no
  // other name: the layout's text around the body is rendered once per title and thread and
  // reused, so a page pays for its own template only.
  Result<std::string> RenderInLayout(const std::string& layout, const std::string& title,
                                     std::string_view body) const;
  bool Has(const std::string& name) const { return sources_.contains(name); }

 private:
  std::map<std::string, std::string> sources_;
  int generation_ = 0;  // tells each thread's cache that Load ran again
};

}  // namespace qf::web::internal
