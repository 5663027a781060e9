// Approval statistics: one pass over the applications of the period and one over their steps.
#include "approval/statistics.h"

#include <algorithm>
#include <map>
#include <set>

#include "approval/internal/sql.h"

namespace qf::approval {
namespace {

struct StepRow {
  int64_t application_id = 0;
  StepKind step = StepKind::kApply;
  std::string unit_code{}, unit_name{}, deadline{}, decision{};
  int64_t started_epoch = 0, decided_epoch = 0;
};

Result<std::vector<StepRow>> LoadSteps(store::Database& db, const std::string& from,
                                       const std::string& to) {
  QF_ASSIGN_OR_RETURN(
      auto st,
      internal::Query(db,
                      "SELECT s.application_id, s.step, s.unit_code, s.unit_name, s.deadline, "
                      "COALESCE(s.decision, ''), s.started_epoch, COALESCE(s.decided_epoch, 0) "
                      "FROM approval_steps s JOIN approval_applications a ON a.application_id = "
                      "s.application_id WHERE a.submitted_on >= ? AND a.submitted_on <= ? "
                      "ORDER BY s.application_id, s.seq",
                      from, to));
  std::vector<StepRow> rows;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    auto step = ParseStep(st->Text(1));
    if (!step) continue;
    rows.push_back({st->Int(0), *step, st->Text(2), st->Text(3), st->Text(4), st->Text(5),
                    st->Int(6), st->Int(7)});
  }
  return rows;
}

}  // namespace

Result<ApprovalStatistics> ComputeApprovalStatistics(store::Database& db, Date from, Date to,
                                                     Date today,
                                                     const std::vector<std::string>& unit_codes) {
  ApprovalStatistics stats;
  stats.from = from.ToString();
  stats.to = to.ToString();
  for (StepKind step : kAllSteps) stats.steps.push_back({.step = step});
  auto at = [&](StepKind step) -> StepStatistics& {
    return stats.steps[static_cast<size_t>(step)];
  };

  QF_ASSIGN_OR_RETURN(std::vector<StepRow> steps, LoadSteps(db, stats.from, stats.to));
  // The applications in the unit subtree: those with a step at one of its units.
  const std::set<std::string> units(unit_codes.begin(), unit_codes.end());
  std::set<int64_t> in_units;
  for (const StepRow& s : steps) {
    if (units.contains(s.unit_code)) in_units.insert(s.application_id);
  }
  auto counted = [&](int64_t id) { return units.empty() || in_units.contains(id); };

  QF_ASSIGN_OR_RETURN(auto apps, internal::Query(db,
                                                 "SELECT application_id, program_code, community, "
                                                 "community_unit, submitted_on, status, "
                                                 "current_step, COALESCE(rejection_category, '') "
                                                 "FROM approval_applications WHERE submitted_on >= "
                                                 "? AND submitted_on <= ? ORDER BY application_id",
                                                 stats.from, stats.to));
  std::map<std::string, int64_t> rejections;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, apps->Step());
    if (!row) break;
    if (!counted(apps->Int(0))) continue;
    CountedApplication app{.application_id = apps->Int(0),
                           .program_code = apps->Text(1),
                           .community = apps->Text(2),
                           .community_unit = apps->Text(3),
                           .submitted_on = apps->Text(4),
                           .status = apps->Text(5),
                           .current_step = ParseStep(apps->Text(6)).value_or(StepKind::kApply)};
    ++stats.submitted;
    if (app.status == kRejected) {
      ++stats.rejected;
      app.rejection_category = apps->Text(7).empty() ? std::string("其他") : apps->Text(7);
      ++rejections[app.rejection_category];
    } else if (app.status == kCompleted) {
      ++stats.completed;
    } else {
      ++stats.in_progress;
      ++at(app.current_step).open;
    }
    stats.applications.push_back(std::move(app));
  }
  for (const auto& [category, count] : rejections) stats.rejections.push_back({category, count});
  std::stable_sort(
      stats.rejections.begin(), stats.rejections.end(),
      [](const RejectionCount& a, const RejectionCount& b) { return a.count > b.count; });

  std::map<StepKind, double> total_days;
  const std::string today_text = today.ToString();
  for (const StepRow& row : steps) {
    if (!counted(row.application_id)) continue;
    StepStatistics& s = at(row.step);
    if (row.decision.empty()) {
      if (today_text > row.deadline) {
        ++s.overdue;
        auto due = Date::Parse(row.deadline);
        stats.overdue.push_back({row.application_id, row.step, row.unit_name, row.deadline,
                                 due ? today.days() - due->days() : 0});
      }
      continue;
    }
    ++s.decided;
    if (row.decision == "rejected") ++s.rejected;
    if (row.step == StepKind::kApply) continue;
    double days = static_cast<double>(row.decided_epoch - row.started_epoch) / 86400.0;
    total_days[row.step] += days;
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
