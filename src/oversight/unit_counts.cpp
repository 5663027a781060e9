#include "oversight/unit_counts.h"

#include <fmt/format.h>

#include "core/result_macros.h"
#include "oversight/access.h"
#include "oversight/internal/common.h"

namespace qf::oversight {

using casework::UnitKind;

Result<UnitKindCounts> CountUnitsByKind(store::Database& db, std::string_view unit_code) {
  QF_ASSIGN_OR_RETURN(casework::UnitTree tree, internal::LoadUnits(db));
  if (!unit_code.empty() && !tree.Find(unit_code)) {
    return Fail(ErrorCode::kNotFound, fmt::format("单位 '{}' 不存在", unit_code));
  }
  UnitKindCounts counts;
  for (const auto& [code, unit] : tree.units()) {  // a std::map: codes come sorted
    if (!unit_code.empty() && !tree.Within(code, unit_code)) continue;
    UnitFigure* figure = nullptr;
    switch (unit.kind) {
      case UnitKind::kStationedGroup:
        figure = &counts.stationed_groups;
        break;
      case UnitKind::kStreetOffice:
        figure = &counts.street_offices;
        break;
      case UnitKind::kCommunity:
        figure = &counts.communities;
        break;
      case UnitKind::kDepartment:
        figure = &counts.departments;
        break;
      default:
        break;
    }
    if (!figure) continue;
    ++figure->value;
    figure->codes.push_back(code);
  }
  return counts;
}

Result<bool> IsCommissionStaff(store::Database& db, const casework::Actor& actor) {
  QF_ASSIGN_OR_RETURN(casework::UnitTree tree, internal::LoadUnits(db));
  return internal::IsCommissionStaff(tree, actor);
}

}  // namespace qf::oversight
