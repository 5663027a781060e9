#include "web/internal/anchor_schedule.h"

#include <fmt/format.h>

#include "audit/anchor.h"
#include "audit/audit_log.h"

namespace qf::web::internal {

void AnchorSchedule::Start() {
  task_.Start(app_.options().anchor_every_seconds, [this] { AnchorIfAdvanced(); });
}

void AnchorSchedule::Stop() {
  if (stopped_) return;
  stopped_ = true;
  task_.Stop();
  AnchorIfAdvanced();
}

void AnchorSchedule::AnchorIfAdvanced() {
  auto lease = app_.Connection();
  if (!lease) return;
  auto head = audit::Head(**lease);
  if (!head) return;
  if (head->seq == anchored_seq_) return;
  auto line = audit::AppendAnchor(app_.AnchorFile(), *head, app_.clock());
  if (!line) {
    // The server keeps serving; `audit verify` will show the gap since the last anchor.
    fmt::print(stderr, "审计锚点写入失败：{}\n", line.error().message());
    return;
  }
  anchored_seq_ = head->seq;
}

}  // namespace qf::web::internal
