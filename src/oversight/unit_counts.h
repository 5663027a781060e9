// The institution in figures: how many 派驻纪检监察组, 街道监察办公室 and 社区 a unit subtree
// holds, for the work report's "设置**个派驻纪检监察组，在**个街道设置监察办公室".
//
//   auto counts = oversight::CountUnitsByKind(db, "");          // the whole district
//   counts->stationed_groups.value;  counts->stationed_groups.codes  // the units counted
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace qf::oversight {

// One count with the unit codes behind it (the drill-down).
struct UnitFigure {
  int64_t value = 0;
  std::vector<std::string> codes;  // sorted
};

struct UnitKindCounts {
  UnitFigure stationed_groups;  // units.kind 'stationed_group' (派驻纪检监察组)
  UnitFigure street_offices;    // units.kind 'street_office' (街道监察办公室)
  UnitFigure communities;       // units.kind 'community' (社区, covered by the street offices)
  UnitFigure departments;       // units.kind 'department' (职能部门, supervised by the groups)
};

// Counts the units of each kind that are `unit_code` or lie below it ("" = every unit of the
// district). kNotFound for an unknown unit code.
Result<UnitKindCounts> CountUnitsByKind(store::Database& db, std::string_view unit_code);

}  // namespace qf::oversight
