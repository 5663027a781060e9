// Every state machine: each legal move lands where the design says, and every other
// (state, event) pair is refused with kConflict naming the current state.
#include "casework/state_machines.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

namespace qf::casework {
namespace {

// The legal moves, written out independently of the implementation's tables.
template <typename S, typename E>
using Moves = std::map<std::pair<S, E>, S>;

template <typename S, typename E>
void ExpectMachine(const std::vector<S>& states, const std::vector<E>& events,
                   const Moves<S, E>& legal) {
  int checked_legal = 0;
  for (S from : states) {
    for (E event : events) {
      Result<S> next = Next(from, event);
      auto it = legal.find({from, event});
      if (it != legal.end()) {
        ASSERT_TRUE(next.has_value()) << StateCode(from) << " event " << static_cast<int>(event)
                                      << ": " << next.error().message();
        EXPECT_EQ(*next, it->second) << StateCode(from) << " event " << static_cast<int>(event);
        ++checked_legal;
      } else {
        ASSERT_FALSE(next.has_value())
            << StateCode(from) << " event " << static_cast<int>(event) << " should be refused";
        EXPECT_EQ(next.error().code(), ErrorCode::kConflict);
        EXPECT_NE(next.error().message().find(StateName(from)), std::string::npos)
            << next.error().message();
      }
    }
  }
  EXPECT_EQ(checked_legal, static_cast<int>(legal.size()));
}

TEST(StateMachineTest, ClueMovesFollowTheDisposalFlowAndRefuseTheRest) {
  using S = ClueState;
  using E = ClueEvent;
  ExpectMachine<S, E>({S::kRegistered, S::kPendingApproval, S::kInDisposal, S::kPendingConclusion,
                       S::kShelved, S::kConcluded, S::kCaseFiled},
                      {E::kPropose, E::kApprove, E::kApproveShelve, E::kApproveConclude, E::kReject,
                       E::kProposeConclusion, E::kFileCase, E::kReopen},
                      {{{S::kRegistered, E::kPropose}, S::kPendingApproval},
                       {{S::kPendingApproval, E::kApprove}, S::kInDisposal},
                       {{S::kPendingApproval, E::kApproveShelve}, S::kShelved},
                       {{S::kPendingApproval, E::kApproveConclude}, S::kConcluded},
                       {{S::kPendingApproval, E::kReject}, S::kRegistered},
                       {{S::kInDisposal, E::kProposeConclusion}, S::kPendingConclusion},
                       {{S::kPendingConclusion, E::kApproveConclude}, S::kConcluded},
                       {{S::kPendingConclusion, E::kReject}, S::kInDisposal},
                       {{S::kInDisposal, E::kFileCase}, S::kCaseFiled},
                       {{S::kShelved, E::kReopen}, S::kRegistered}});
}

TEST(StateMachineTest, AssignmentFeedbackCanBeReturnedAndResubmitted) {
  using S = AssignmentState;
  using E = AssignmentEvent;
  ExpectMachine<S, E>({S::kAssigned, S::kFeedbackSubmitted, S::kAccepted, S::kReturned},
                      {E::kSubmit, E::kAccept, E::kSendBack},
                      {{{S::kAssigned, E::kSubmit}, S::kFeedbackSubmitted},
                       {{S::kFeedbackSubmitted, E::kAccept}, S::kAccepted},
                       {{S::kFeedbackSubmitted, E::kSendBack}, S::kReturned},
                       {{S::kReturned, E::kSubmit}, S::kFeedbackSubmitted}});
}

TEST(StateMachineTest, CaseGoesThroughInvestigationAndReviewToClosure) {
  using S = CaseState;
  using E = CaseEvent;
  ExpectMachine<S, E>({S::kFiled, S::kInvestigating, S::kUnderReview, S::kClosed},
                      {E::kInvestigate, E::kSubmitReview, E::kClose, E::kSendBack},
                      {{{S::kFiled, E::kInvestigate}, S::kInvestigating},
                       {{S::kInvestigating, E::kSubmitReview}, S::kUnderReview},
                       {{S::kUnderReview, E::kClose}, S::kClosed},
                       {{S::kUnderReview, E::kSendBack}, S::kInvestigating}});
}

TEST(StateMachineTest, TransferIsAcknowledgedThenAnswered) {
  using S = TransferState;
  using E = TransferEvent;
  ExpectMachine<S, E>({S::kSent, S::kReceived, S::kFeedbackReceived, S::kFeedbackSent},
                      {E::kAcknowledge, E::kFeedbackIn, E::kFeedbackOut},
                      {{{S::kSent, E::kAcknowledge}, S::kReceived},
                       {{S::kReceived, E::kFeedbackIn}, S::kFeedbackReceived},
                       {{S::kReceived, E::kFeedbackOut}, S::kFeedbackSent}});
}

TEST(StateMachineTest, RectificationClosesOnlyAfterEvidenceIsVerified) {
  using S = RectificationState;
  using E = RectificationEvent;
  ExpectMachine<S, E>({S::kIssued, S::kEvidenceSubmitted, S::kClosed},
                      {E::kSubmit, E::kVerify, E::kSendBack},
                      {{{S::kIssued, E::kSubmit}, S::kEvidenceSubmitted},
                       {{S::kEvidenceSubmitted, E::kVerify}, S::kClosed},
                       {{S::kEvidenceSubmitted, E::kSendBack}, S::kIssued}});
}

TEST(StateMachineTest, StateCodesRoundTrip) {
  for (ClueState s : {ClueState::kRegistered, ClueState::kPendingApproval, ClueState::kInDisposal,
                      ClueState::kPendingConclusion, ClueState::kShelved, ClueState::kConcluded,
                      ClueState::kCaseFiled}) {
    EXPECT_EQ(ParseClueState(StateCode(s)), s);
  }
  EXPECT_EQ(ParseCaseState("under_review"), CaseState::kUnderReview);
  EXPECT_EQ(ParseTransferState("feedback_sent"), TransferState::kFeedbackSent);
  EXPECT_EQ(ParseRectificationState("closed"), RectificationState::kClosed);
  EXPECT_EQ(ParseAssignmentState("returned"), AssignmentState::kReturned);
  EXPECT_FALSE(ParseClueState("nonsense").has_value());
}

}  // namespace
}  // namespace qf::casework
