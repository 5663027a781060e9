// Statistics of sunshine approval for the work report and the staff pages: where applications
// stand, how long each step takes, which steps are overdue, why applications are turned down.
//
//   auto stats = qf::approval::ComputeApprovalStatistics(db, from, to, today);
//   for (const StepStatistics& s : stats->steps) print(StepName(s.step), s.open, s.average_days);
//
// Definitions (docs/approval.md): the applications counted are those submitted in [from, to]
// (Beijing dates). A step's time is decided_at − started_at of its decided rows, in days; 申请 is
// decided at once and is left out of times. A step is overdue when it is still open after its
// deadline date (`today` > deadline); for 公示 that means the period ended and nobody closed it.
// With `unit_codes` given (the work report's unit subtree), only the applications with at least
// one step at one of those units are counted; empty counts every application.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "approval/steps.h"
#include "core/date.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::approval {

struct StepStatistics {
  StepKind step = StepKind::kApply;
  int64_t open = 0;         // applications now waiting at this step
  int64_t decided = 0;      // step rows decided (approved or rejected)
  int64_t rejected = 0;     // of which rejected
  double average_days = 0;  // mean decision time of the decided rows; 0 when none
  double max_days = 0;
  int64_t overdue = 0;  // open past the deadline
};

struct RejectionCount {
  std::string category;  // one of RejectionCategories()
  int64_t count = 0;
};

struct OverdueStep {
  int64_t application_id = 0;
  StepKind step = StepKind::kApply;
  std::string unit_name{}, deadline{};
  int64_t days_over = 0;
};

// One application the statistics counted, so a figure can list the records behind it.
struct CountedApplication {
  int64_t application_id = 0;
  std::string program_code{}, community{}, community_unit{}, submitted_on{}, status{};
  StepKind current_step = StepKind::kApply;
  std::string rejection_category{};  // "" unless rejected
};

struct ApprovalStatistics {
  std::string from{}, to{};
  int64_t submitted = 0, in_progress = 0, completed = 0, rejected = 0;
  std::vector<StepStatistics> steps{};             // one per StepKind, in chain order
  std::vector<RejectionCount> rejections{};        // most frequent first
  std::vector<OverdueStep> overdue{};              // longest overdue first
  std::vector<CountedApplication> applications{};  // every application counted, by id
};

// Reads the approval tables. Fails only when the store fails.
Result<ApprovalStatistics> ComputeApprovalStatistics(
    store::Database& db, Date from, Date to, Date today,
    const std::vector<std::string>& unit_codes = {});

}  // namespace qf::approval
