// Who the oversight pages treat as the commission's own staff: a business role in the unit of
// kind 区纪委监委 (they see every report, opinion and suggestion; others see their unit subtree).
#pragma once

#include "casework/roles.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::oversight {

Result<bool> IsCommissionStaff(store::Database& db, const casework::Actor& actor);

}  // namespace qf::oversight
