#include "web/internal/supervision_schedule.h"

#include <fmt/format.h>

#include "casework/casework_service.h"

namespace qf::web::internal {

void SupervisionSchedule::RunOnce() {
  auto lease = app_.Connection();
  if (!lease) return;
  casework::CaseworkService service(**lease, app_.clock(), app_.cipher(),
                                    app_.options().casework_options);
  if (auto done = service.EscalateOverdue(); !done) {
    // The server keeps serving; the next run tries again.
    fmt::print(stderr, "逾期督办失败：{}\n", done.error().message());
  }
}

}  // namespace qf::web::internal
