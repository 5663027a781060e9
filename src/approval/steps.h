// The steps of the sunshine-approval chain (阳光审批) and the controlled vocabularies around them.
//
//   申请 → 村/社区初审 → 公示 → 街道审核 → 部门审批 → 财政发放
//
// A program's chain (config.h) is this list or a subsequence of it that keeps 申请 first,
// 部门审批 (where the pre-check runs) and 财政发放 last.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace qf::approval {

enum class StepKind {
  kApply,               // 申请: the submission itself, decided when it is made
  kCommunityReview,     // 村/社区初审, with the 民主评议 record
  kPublicity,           // 公示: N days open to objections, then closed by the community
  kStreetReview,        // 街道审核
  kDepartmentApproval,  // 部门审批: the pre-check hits must be acknowledged
  kPayment,             // 财政发放: creates the enrolment and the card
};

inline constexpr StepKind kAllSteps[] = {
    StepKind::kApply,        StepKind::kCommunityReview,    StepKind::kPublicity,
    StepKind::kStreetReview, StepKind::kDepartmentApproval, StepKind::kPayment};

// "apply", "community_review", ... (the store and the config use these).
std::string_view StepCode(StepKind step);
// "申请", "村/社区初审", "公示", "街道审核", "部门审批", "财政发放".
std::string_view StepName(StepKind step);
// Code or Chinese name; nullopt for anything else.
std::optional<StepKind> ParseStep(std::string_view text);

// Application status.
inline constexpr std::string_view kInProgress = "in_progress";
inline constexpr std::string_view kRejected = "rejected";
inline constexpr std::string_view kCompleted = "completed";
// "办理中" / "未通过" / "已发放".
std::string_view StatusName(std::string_view status);

// Why an application was turned down: a rejection names one of these and explains it in words.
std::span<const std::string_view> RejectionCategories();
bool IsRejectionCategory(std::string_view text);

// Submission channels.
inline constexpr std::string_view kChannelClerk = "社区代办";
inline constexpr std::string_view kChannelCitizen = "群众自助";

}  // namespace qf::approval
