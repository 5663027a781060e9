// Approval statistics: one pass over the steps of the applications of the period.
#include "approval/statistics.h"

#include <algorithm>
#include <map>

#include "approval/internal/sql.h"

namespace qf::approval {

Result<ApprovalStatistics> ComputeApprovalStatistics(store::Database& db, Date from, Date to,
                                                     Date today) {
  ApprovalStatistics stats;
  stats.from = from.ToString();
  stats.to = to.ToString();
  for (StepKind step : kAllSteps) stats.steps.push_back({.step = step});
  auto at = [&](StepKind step) -> StepStatistics& {
    return stats.steps[static_cast<size_t>(step)];
  };

  QF_APPROVAL_ASSIGN(auto apps, internal::Query(db,
                                                "SELECT status, current_step, "
                                                "COALESCE(rejection_category, '') FROM "
                                                "approval_applications WHERE submitted_on >= ? "
                                                "AND submitted_on <= ?",
                                                stats.from, stats.to));
  std::map<std::string, int64_t> rejections;
  while (true) {
    QF_APPROVAL_ASSIGN(bool row, apps->Step());
    if (!row) break;
    ++stats.submitted;
    std::string status = apps->Text(0);
    if (status == kRejected) {
      ++stats.rejected;
      ++rejections[apps->Text(2).empty() ? std::string("其他") : apps->Text(2)];
    } else if (status == kCompleted) {
      ++stats.completed;
    } else {
      ++stats.in_progress;
      if (auto step = ParseStep(apps->Text(1))) ++at(*step).open;
    }
  }
  for (const auto& [category, count] : rejections) stats.rejections.push_back({category, count});
  std::stable_sort(
      stats.rejections.begin(), stats.rejections.end(),
      [](const RejectionCount& a, const RejectionCount& b) { return a.count > b.count; });

  QF_APPROVAL_ASSIGN(
      auto steps,
      internal::Query(db,
                      "SELECT s.application_id, s.step, s.unit_name, s.deadline, "
                      "COALESCE(s.decision, ''), s.started_epoch, COALESCE(s.decided_epoch, 0) "
                      "FROM approval_steps s JOIN approval_applications a ON a.application_id = "
                      "s.application_id WHERE a.submitted_on >= ? AND a.submitted_on <= ?",
                      stats.from, stats.to));
  std::map<StepKind, double> total_days;
  const std::string today_text = today.ToString();
  while (true) {
    QF_APPROVAL_ASSIGN(bool row, steps->Step());
    if (!row) break;
    auto step = ParseStep(steps->Text(1));
    if (!step) continue;
    std::string decision = steps->Text(4);
    StepStatistics& s = at(*step);
    if (decision.empty()) {
      std::string deadline = steps->Text(3);
      if (today_text > deadline) {
        ++s.overdue;
        auto due = Date::Parse(deadline);
        stats.overdue.push_back(
            {steps->Int(0), *step, steps->Text(2), deadline, due ? today.days() - due->days() : 0});
      }
      continue;
    }
    ++s.decided;
    if (decision == "rejected") ++s.rejected;
    if (*step == StepKind::kApply) continue;
    double days = static_cast<double>(steps->Int(6) - steps->Int(5)) / 86400.0;
    total_days[*step] += days;
    s.max_days = std::max(s.max_days, days);
  }
  for (StepStatistics& s : stats.steps) {
    if (s.step != StepKind::kApply && s.decided > 0) {
      s.average_days = total_days[s.step] / static_cast<double>(s.decided);
    }
  }
  std::stable_sort(
      stats.overdue.begin(), stats.overdue.end(),
      [](const OverdueStep& a, const OverdueStep& b) { return a.days_over > b.days_over; });
  return stats;
}

}  // namespace qf::approval
