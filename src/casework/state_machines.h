// The state machines of casework: clue, assignment (交办核查), case, transfer, rectification.
// Each is a table of legal (state, event) → state moves; anything else is refused with a
// kConflict error naming the current state and the refused step, in Chinese.
//
//   // kPendingApproval:
//   Result<ClueState> next = Next(ClueState::kRegistered, ClueEvent::kPropose);
//
// States are stored by their code ("pending_approval"); StateName gives the Chinese label.
//
// Clue:       registered ─propose→ pending_approval ─approve(谈话函询/初步核实)→ in_disposal
//                                                    ─approve_shelve(暂存待查)→ shelved
//                                                    ─approve_conclude(予以了结)→ concluded
//                                                    ─reject→ registered
//             in_disposal ─propose_conclusion→ pending_conclusion ─approve_conclude→ concluded
//                                                                 ─reject→ in_disposal
//             in_disposal ─file_case→ case_filed;   shelved ─reopen→ registered
//             concluded ─reopen_dissatisfied→ in_disposal   (the reporter rated the answer 不满意:
//             handling resumes under the approved disposal and must be concluded — and approved —
//             again; a case_filed clue is the case's now and is never reopened)
// Assignment: assigned ─submit→ feedback_submitted ─accept→ accepted
//                                                  ─send_back→ returned ─submit→ feedback_submitted
// Case:       filed ─investigate→ investigating ─submit_review→ under_review ─close→ closed
//                                                               ─send_back→ investigating
// Transfer:   out: sent ─acknowledge→ received ─feedback→ feedback_received
//             in:  received ─feedback→ feedback_sent   (the commission answers the organ)
// Rectification: issued ─submit→ evidence_submitted ─verify→ closed
//                                                   ─send_back→ issued
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"

namespace qf::casework {

enum class ClueState {
  kRegistered,
  kPendingApproval,
  kInDisposal,
  kPendingConclusion,
  kShelved,
  kConcluded,
  kCaseFiled,
};
enum class ClueEvent {
  kPropose,
  kApprove,
  kApproveShelve,
  kApproveConclude,
  kReject,
  kProposeConclusion,
  kFileCase,
  kReopen,
  kReopenDissatisfied,
};

enum class AssignmentState { kAssigned, kFeedbackSubmitted, kAccepted, kReturned };
enum class AssignmentEvent { kSubmit, kAccept, kSendBack };

enum class CaseState { kFiled, kInvestigating, kUnderReview, kClosed };
enum class CaseEvent { kInvestigate, kSubmitReview, kClose, kSendBack };

enum class TransferState { kSent, kReceived, kFeedbackReceived, kFeedbackSent };
enum class TransferEvent { kAcknowledge, kFeedbackIn, kFeedbackOut };

enum class RectificationState { kIssued, kEvidenceSubmitted, kClosed };
enum class RectificationEvent { kSubmit, kVerify, kSendBack };

Result<ClueState> Next(ClueState from, ClueEvent event);
Result<AssignmentState> Next(AssignmentState from, AssignmentEvent event);
Result<CaseState> Next(CaseState from, CaseEvent event);
Result<TransferState> Next(TransferState from, TransferEvent event);
Result<RectificationState> Next(RectificationState from, RectificationEvent event);

// Codes ("pending_approval") and Chinese labels ("待审批").
std::string_view StateCode(ClueState s);
std::string_view StateCode(AssignmentState s);
std::string_view StateCode(CaseState s);
std::string_view StateCode(TransferState s);
std::string_view StateCode(RectificationState s);
std::string_view StateName(ClueState s);
std::string_view StateName(AssignmentState s);
std::string_view StateName(CaseState s);
std::string_view StateName(TransferState s);
std::string_view StateName(RectificationState s);

// Parsing a stored code; nullopt for an unknown one (a corrupted row).
std::optional<ClueState> ParseClueState(std::string_view code);
std::optional<AssignmentState> ParseAssignmentState(std::string_view code);
std::optional<CaseState> ParseCaseState(std::string_view code);
std::optional<TransferState> ParseTransferState(std::string_view code);
std::optional<RectificationState> ParseRectificationState(std::string_view code);

}  // namespace qf::casework
