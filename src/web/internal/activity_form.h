// The activity form (/activities/new, /activities/<id>/edit): the posted fields as the activity
// library's ActivityFields, and the view the activity_form template draws — selects of the
// configured kinds, domains, units and campaigns with the entered values kept.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "activities/activity_input.h"
#include "web/internal/app.h"
#include "web/internal/http_util.h"

namespace qf::web::internal {

// The posted form as ActivityFields (the campaign checkboxes joined into one list).
activities::ActivityFields ActivityFieldsOf(const Form& form);
// A stored activity (ActivityBook::Get) as the fields that would enter it again.
activities::ActivityFields ActivityFieldsOf(const nlohmann::json& activity);
// The form's view: {"v": fields, "kinds", "domains", "units", "campaigns": [{code, name,
// checked}]}.
nlohmann::json ActivityFormView(Ctx& ctx, const activities::ActivityFields& fields);

}  // namespace qf::web::internal
