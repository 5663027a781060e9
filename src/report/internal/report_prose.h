// The prose of the report's work parts: clauses of figures that leave out what is zero, and the
// context of the sections, special campaigns, activities, the institution and the People's
// Congress. Internal to report (render.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "report/statistics.h"

namespace qf::report::internal {

// One clause of a sentence that lists figures, "立案查处 2 件 3 人": a label, a figure and its
// measure, optionally a second figure ("人" after "件").
struct Clause {
  std::string label;
  std::string id;
  std::string measure;
  std::string id2 = {};
  std::string measure2 = {};
};

// The clauses whose figures are not all zero, for `{{#list}}{{label}}{{value}}{{measure}}
// {{#any_value2}}{{value2}}{{measure2}}{{/any_value2}}{{sep}}{{/list}}`: a report says nothing
// rather than "移送司法机关0人". `suffix` picks the per-domain figures (".domain.三资").
nlohmann::json Clauses(const Statistics& stats, const std::vector<Clause>& clauses,
                       std::string_view suffix = {});

// Sets in `ctx` the sections, campaigns, activities, institution and congress parts (keys listed
// in render.h).
void AddWorkParts(const Statistics& stats, nlohmann::json& ctx);

}  // namespace qf::report::internal
