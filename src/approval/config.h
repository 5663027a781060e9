// ApprovalConfig: the chain of each program, the deadlines of its steps, the units that answer
// for steps the unit tree cannot resolve, and the rules the pre-check runs. Read from
// config/approval.toml; a missing file gives the defaults below, a malformed one is an error.
//
//   auto config = qf::approval::LoadApprovalConfig("config/approval.toml");
//   if (!config) { print(config.error().message()); exit(2); }
//   const ChainConfig& chain = config->ChainFor("MZ01");
//
// The file (every key optional):
//
//   [default]
//   steps = ["apply", "community_review", "publicity", "street_review",
//            "department_approval", "payment"]
//   publicity_days = 7
//   deadline_days = { community_review = 10, street_review = 10, department_approval = 15,
//                     payment = 10 }
//   [programs.MZ01]            # overrides for one program; missing keys come from [default]
//   department_unit = "dept-civil"
//   [units]
//   fallback = "commission"    # answers for a step whose unit cannot be found
//   finance = "dept-finance"   # 财政发放; default: a department unit whose name has 财政
//   [precheck]
//   rules = ["R01", "R02", "R03", "R05", "R08", "R09", "R10", "R14"]
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "approval/steps.h"
#include "core/result.h"
#include "engine/thresholds.h"

namespace qf::approval {

struct ChainConfig {
  std::vector<StepKind> steps{std::begin(kAllSteps), std::end(kAllSteps)};
  int publicity_days = 7;
  // Calendar days a step may stay open; indexed by StepKind. 申请 is decided at once (0); 公示's
  // deadline is the end of the publicity period.
  std::map<StepKind, int> deadline_days = {{StepKind::kCommunityReview, 10},
                                           {StepKind::kStreetReview, 10},
                                           {StepKind::kDepartmentApproval, 15},
                                           {StepKind::kPayment, 10}};
  std::string department_unit;  // units.code; "" = a department unit named like the program's

  int DeadlineDays(StepKind step) const;
  bool Has(StepKind step) const;
  // The step after `step` in this chain; nullopt after the last one.
  std::optional<StepKind> Next(StepKind step) const;
};

struct ApprovalConfig {
  ChainConfig default_chain;
  std::map<std::string, ChainConfig, std::less<>> programs;
  std::string fallback_unit = "commission";
  std::string finance_unit;  // "" = a department unit whose name contains 财政
  std::vector<std::string> precheck_rules = {"R01", "R02", "R03", "R05",
                                             "R08", "R09", "R10", "R14"};
  engine::Thresholds thresholds;  // R05's card_max_outsiders; the defaults of config/rules.toml

  const ChainConfig& ChainFor(std::string_view program_code) const;
};

// kInvalidArgument naming the file and the key for a malformed file, an unknown step or rule, or
// a chain that does not start with 申请, end with 财政发放 and contain 部门审批 in order.
Result<ApprovalConfig> LoadApprovalConfig(const std::filesystem::path& file);

// The config file a server uses: $QINGFENG_APPROVAL_CONFIG, else ./config/approval.toml, else
// <web_root>/../config/approval.toml (the source tree's config/ beside web/).
std::filesystem::path DefaultApprovalConfigPath(const std::filesystem::path& web_root);

}  // namespace qf::approval
