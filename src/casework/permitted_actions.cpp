// CaseworkService::PermittedActions: which casework actions the permission matrix grants an actor
// on one item, so that a page offers only the steps its reader may take.
#include "casework/casework_service.h"
#include "casework/internal/records.h"
#include "casework/internal/sql.h"

namespace qf::casework {

Result<std::vector<Action>> CaseworkService::PermittedActions(const Actor& actor,
                                                              std::string_view entity, int64_t id) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnitTree(db_));
  Target target;
  Action view = Action::kViewClue;
  if (entity == "clue") {
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadClue(db_, id));
    if (!row) return std::unexpected(internal::NotFound("线索", id));
    QF_ASSIGN_OR_RETURN(target, internal::ClueTarget(db_, *row));
  } else if (entity == "assignment") {
    // Actions on an assignment are authorised as the clue, sent to the assignment's unit only.
    QF_ASSIGN_OR_RETURN(auto st, internal::Query(db_,
                                                 "SELECT a.unit_code, c.unit_code, c.restricted "
                                                 "FROM assignments a JOIN clues c ON c.clue_id = "
                                                 "a.clue_id WHERE a.assignment_id = ?",
                                                 id));
    QF_ASSIGN_OR_RETURN(bool found, st->Step());
    if (!found) return std::unexpected(internal::NotFound("交办事项", id));
    target = Target{st->Text(1), {st->Text(0)}, st->Int(2) != 0};
  } else if (entity == "case") {
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadCase(db_, id));
    if (!row) return std::unexpected(internal::NotFound("案件", id));
    target = internal::CaseTarget(*row);
    view = Action::kViewCase;
  } else if (entity == "transfer") {
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadTransfer(db_, id));
    if (!row) return std::unexpected(internal::NotFound("移送事项", id));
    target = internal::TransferTarget(*row);
    view = Action::kViewTransfer;
  } else if (entity == "rectification") {
    QF_ASSIGN_OR_RETURN(auto row, internal::LoadRectification(db_, id));
    if (!row) return std::unexpected(internal::NotFound("整改事项", id));
    target = internal::RectificationTarget(*row);
    view = Action::kViewRectification;
  } else {
    return Fail(ErrorCode::kInvalidArgument, "未知的事项类型");
  }
  if (!CanSee(tree, actor, view, target)) {
    return std::unexpected(internal::NotFound("事项", id));
  }
  std::vector<Action> out;
  for (Action action : kAllActions) {
    if (IsAdminAction(action)) continue;
    if (Authorize(tree, actor, action, target)) out.push_back(action);
  }
  return out;
}

}  // namespace qf::casework
