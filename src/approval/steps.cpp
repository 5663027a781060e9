// Step codes and names, statuses, rejection categories.
#include "approval/steps.h"

#include <algorithm>

namespace qf::approval {
namespace {

struct StepInfo {
  StepKind step;
  std::string_view code;
  std::string_view name;
};

constexpr StepInfo kStepInfo[] = {
    {StepKind::kApply, "apply", "申请"},
    {StepKind::kCommunityReview, "community_review", "村/社区初审"},
    {StepKind::kPublicity, "publicity", "公示"},
    {StepKind::kStreetReview, "street_review", "街道审核"},
    {StepKind::kDepartmentApproval, "department_approval", "部门审批"},
    {StepKind::kPayment, "payment", "财政发放"},
};

constexpr std::string_view kRejectionCategories[] = {"家庭收入超过标准",
                                                     "家庭财产不符合条件",
                                                     "申报材料不全或不实",
                                                     "户籍或年龄不符合条件",
                                                     "公示异议经核实成立",
                                                     "比对发现不符合条件",
                                                     "其他"};

}  // namespace

std::string_view StepCode(StepKind step) { return kStepInfo[static_cast<int>(step)].code; }
std::string_view StepName(StepKind step) { return kStepInfo[static_cast<int>(step)].name; }

std::optional<StepKind> ParseStep(std::string_view text) {
  for (const StepInfo& info : kStepInfo) {
    if (text == info.code || text == info.name) return info.step;
  }
  return std::nullopt;
}

std::string_view StatusName(std::string_view status) {
  if (status == kRejected) return "未通过";
  if (status == kCompleted) return "已发放";
  return "办理中";
}

std::span<const std::string_view> RejectionCategories() { return kRejectionCategories; }

bool IsRejectionCategory(std::string_view text) {
  return std::find(std::begin(kRejectionCategories), std::end(kRejectionCategories), text) !=
         std::end(kRejectionCategories);
}

}  // namespace qf::approval
