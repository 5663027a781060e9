// The transition tables of state_machines.h.
#include "casework/state_machines.h"

#include <fmt/format.h>

#include <span>

namespace qf::casework {
namespace {

template <typename S>
struct StateInfo {
  S state;
  std::string_view code;
  std::string_view name;
};

template <typename E>
struct EventInfo {
  E event;
  std::string_view name;
};

template <typename S, typename E>
struct Move {
  S from;
  E event;
  S to;
};

constexpr StateInfo<ClueState> kClueStates[] = {
    {ClueState::kRegistered, "registered", "已受理"},
    {ClueState::kPendingApproval, "pending_approval", "处置意见待审批"},
    {ClueState::kInDisposal, "in_disposal", "处置中"},
    {ClueState::kPendingConclusion, "pending_conclusion", "了结待审批"},
    {ClueState::kShelved, "shelved", "暂存待查"},
    {ClueState::kConcluded, "concluded", "已了结"},
    {ClueState::kCaseFiled, "case_filed", "已立案"},
};
constexpr EventInfo<ClueEvent> kClueEvents[] = {
    {ClueEvent::kPropose, "提出处置意见"},
    {ClueEvent::kApprove, "批准处置"},
    {ClueEvent::kApproveShelve, "批准暂存待查"},
    {ClueEvent::kApproveConclude, "批准了结"},
    {ClueEvent::kReject, "退回处置意见"},
    {ClueEvent::kProposeConclusion, "提出了结意见"},
    {ClueEvent::kFileCase, "立案"},
    {ClueEvent::kReopen, "重新启用"},
    {ClueEvent::kReopenDissatisfied, "群众不满意重新办理"},
};
constexpr Move<ClueState, ClueEvent> kClueMoves[] = {
    {ClueState::kRegistered, ClueEvent::kPropose, ClueState::kPendingApproval},
    {ClueState::kPendingApproval, ClueEvent::kApprove, ClueState::kInDisposal},
    {ClueState::kPendingApproval, ClueEvent::kApproveShelve, ClueState::kShelved},
    {ClueState::kPendingApproval, ClueEvent::kApproveConclude, ClueState::kConcluded},
    {ClueState::kPendingApproval, ClueEvent::kReject, ClueState::kRegistered},
    {ClueState::kInDisposal, ClueEvent::kProposeConclusion, ClueState::kPendingConclusion},
    {ClueState::kPendingConclusion, ClueEvent::kApproveConclude, ClueState::kConcluded},
    {ClueState::kPendingConclusion, ClueEvent::kReject, ClueState::kInDisposal},
    {ClueState::kInDisposal, ClueEvent::kFileCase, ClueState::kCaseFiled},
    {ClueState::kShelved, ClueEvent::kReopen, ClueState::kRegistered},
    {ClueState::kConcluded, ClueEvent::kReopenDissatisfied, ClueState::kInDisposal},
};

constexpr StateInfo<AssignmentState> kAssignmentStates[] = {
    {AssignmentState::kAssigned, "assigned", "已交办待反馈"},
    {AssignmentState::kFeedbackSubmitted, "feedback_submitted", "已反馈待审查"},
    {AssignmentState::kAccepted, "accepted", "反馈已采纳"},
    {AssignmentState::kReturned, "returned", "反馈被退回"},
};
constexpr EventInfo<AssignmentEvent> kAssignmentEvents[] = {
    {AssignmentEvent::kSubmit, "提交核查反馈"},
    {AssignmentEvent::kAccept, "采纳反馈"},
    {AssignmentEvent::kSendBack, "退回反馈"},
};
constexpr Move<AssignmentState, AssignmentEvent> kAssignmentMoves[] = {
    {AssignmentState::kAssigned, AssignmentEvent::kSubmit, AssignmentState::kFeedbackSubmitted},
    {AssignmentState::kFeedbackSubmitted, AssignmentEvent::kAccept, AssignmentState::kAccepted},
    {AssignmentState::kFeedbackSubmitted, AssignmentEvent::kSendBack, AssignmentState::kReturned},
    {AssignmentState::kReturned, AssignmentEvent::kSubmit, AssignmentState::kFeedbackSubmitted},
};

constexpr StateInfo<CaseState> kCaseStates[] = {
    {CaseState::kFiled, "filed", "已立案"},
    {CaseState::kInvestigating, "investigating", "调查中"},
    {CaseState::kUnderReview, "under_review", "审理中"},
    {CaseState::kClosed, "closed", "已结案"},
};
constexpr EventInfo<CaseEvent> kCaseEvents[] = {
    {CaseEvent::kInvestigate, "开始调查"},
    {CaseEvent::kSubmitReview, "移送审理"},
    {CaseEvent::kClose, "结案"},
    {CaseEvent::kSendBack, "退回补充调查"},
};
constexpr Move<CaseState, CaseEvent> kCaseMoves[] = {
    {CaseState::kFiled, CaseEvent::kInvestigate, CaseState::kInvestigating},
    {CaseState::kInvestigating, CaseEvent::kSubmitReview, CaseState::kUnderReview},
    {CaseState::kUnderReview, CaseEvent::kClose, CaseState::kClosed},
    {CaseState::kUnderReview, CaseEvent::kSendBack, CaseState::kInvestigating},
};

constexpr StateInfo<TransferState> kTransferStates[] = {
    {TransferState::kSent, "sent", "已移送"},
    {TransferState::kReceived, "received", "已接收"},
    {TransferState::kFeedbackReceived, "feedback_received", "已收到反馈"},
    {TransferState::kFeedbackSent, "feedback_sent", "已反馈移送机关"},
};
constexpr EventInfo<TransferEvent> kTransferEvents[] = {
    {TransferEvent::kAcknowledge, "确认接收"},
    {TransferEvent::kFeedbackIn, "登记对方反馈"},
    {TransferEvent::kFeedbackOut, "向移送机关反馈"},
};
constexpr Move<TransferState, TransferEvent> kTransferMoves[] = {
    {TransferState::kSent, TransferEvent::kAcknowledge, TransferState::kReceived},
    {TransferState::kReceived, TransferEvent::kFeedbackIn, TransferState::kFeedbackReceived},
    {TransferState::kReceived, TransferEvent::kFeedbackOut, TransferState::kFeedbackSent},
};

constexpr StateInfo<RectificationState> kRectificationStates[] = {
    {RectificationState::kIssued, "issued", "整改中"},
    {RectificationState::kEvidenceSubmitted, "evidence_submitted", "已报送整改材料"},
    {RectificationState::kClosed, "closed", "已验收销号"},
};
constexpr EventInfo<RectificationEvent> kRectificationEvents[] = {
    {RectificationEvent::kSubmit, "报送整改材料"},
    {RectificationEvent::kVerify, "验收销号"},
    {RectificationEvent::kSendBack, "退回整改"},
};
constexpr Move<RectificationState, RectificationEvent> kRectificationMoves[] = {
    {RectificationState::kIssued, RectificationEvent::kSubmit,
     RectificationState::kEvidenceSubmitted},
    {RectificationState::kEvidenceSubmitted, RectificationEvent::kVerify,
     RectificationState::kClosed},
    {RectificationState::kEvidenceSubmitted, RectificationEvent::kSendBack,
     RectificationState::kIssued},
};

template <typename S>
const StateInfo<S>& Find(std::span<const StateInfo<S>> table, S s) {
  for (const auto& info : table) {
    if (info.state == s) return info;
  }
  return table.front();  // unreachable: every enumerator is in its table
}

template <typename S>
std::optional<S> Parse(std::span<const StateInfo<S>> table, std::string_view code) {
  for (const auto& info : table) {
    if (info.code == code) return info.state;
  }
  return std::nullopt;
}

template <typename S, typename E>
Result<S> Apply(std::string_view what, std::span<const StateInfo<S>> states,
                std::span<const EventInfo<E>> events, std::span<const Move<S, E>> moves, S from,
                E event) {
  for (const auto& move : moves) {
    if (move.from == from && move.event == event) return move.to;
  }
  std::string_view event_name = "该操作";
  for (const auto& info : events) {
    if (info.event == event) event_name = info.name;
  }
  return Fail(ErrorCode::kConflict, fmt::format("{}当前状态为「{}」，不能「{}」", what,
                                                Find(states, from).name, event_name));
}

}  // namespace

Result<ClueState> Next(ClueState from, ClueEvent event) {
  return Apply<ClueState, ClueEvent>("线索", kClueStates, kClueEvents, kClueMoves, from, event);
}
Result<AssignmentState> Next(AssignmentState from, AssignmentEvent event) {
  return Apply<AssignmentState, AssignmentEvent>("交办事项", kAssignmentStates, kAssignmentEvents,
                                                 kAssignmentMoves, from, event);
}
Result<CaseState> Next(CaseState from, CaseEvent event) {
  return Apply<CaseState, CaseEvent>("案件", kCaseStates, kCaseEvents, kCaseMoves, from, event);
}
Result<TransferState> Next(TransferState from, TransferEvent event) {
  return Apply<TransferState, TransferEvent>("移送事项", kTransferStates, kTransferEvents,
                                             kTransferMoves, from, event);
}
Result<RectificationState> Next(RectificationState from, RectificationEvent event) {
  return Apply<RectificationState, RectificationEvent>(
      "整改事项", kRectificationStates, kRectificationEvents, kRectificationMoves, from, event);
}

std::string_view StateCode(ClueState s) { return Find<ClueState>(kClueStates, s).code; }
std::string_view StateCode(AssignmentState s) {
  return Find<AssignmentState>(kAssignmentStates, s).code;
}
std::string_view StateCode(CaseState s) { return Find<CaseState>(kCaseStates, s).code; }
std::string_view StateCode(TransferState s) { return Find<TransferState>(kTransferStates, s).code; }
std::string_view StateCode(RectificationState s) {
  return Find<RectificationState>(kRectificationStates, s).code;
}
std::string_view StateName(ClueState s) { return Find<ClueState>(kClueStates, s).name; }
std::string_view StateName(AssignmentState s) {
  return Find<AssignmentState>(kAssignmentStates, s).name;
}
std::string_view StateName(CaseState s) { return Find<CaseState>(kCaseStates, s).name; }
std::string_view StateName(TransferState s) { return Find<TransferState>(kTransferStates, s).name; }
std::string_view StateName(RectificationState s) {
  return Find<RectificationState>(kRectificationStates, s).name;
}

std::optional<ClueState> ParseClueState(std::string_view code) {
  return Parse<ClueState>(kClueStates, code);
}
std::optional<AssignmentState> ParseAssignmentState(std::string_view code) {
  return Parse<AssignmentState>(kAssignmentStates, code);
}
std::optional<CaseState> ParseCaseState(std::string_view code) {
  return Parse<CaseState>(kCaseStates, code);
}
std::optional<TransferState> ParseTransferState(std::string_view code) {
  return Parse<TransferState>(kTransferStates, code);
}
std::optional<RectificationState> ParseRectificationState(std::string_view code) {
  return Parse<RectificationState>(kRectificationStates, code);
}

}  // namespace qf::casework
