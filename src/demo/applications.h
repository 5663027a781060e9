// The demo district's sunshine approval: a handful of applications walked through the
// ApprovalService so that `qingfeng demo` shows the staff pages, the public 公示 and the work
// report's 阳光审批 section with something in them.
//
//   auto seeded = qf::demo::SeedDemoApplications(db, cipher, config, Today(clock));
//   if (seeded && seeded->seeded) print(seeded->applications);
//
// What it writes (docs/approval.md): six applications for 低保 (else the first means-tested
// program, else the first program) by six living adults of one community who are not enrolled in
// it, dated over the 20 days up to `today` at 10:00 Beijing time —
//   one waiting at 村/社区初审, one in 公示 with an anonymous objection (which becomes a clue),
//   one waiting at 街道审核 (past its deadline), one waiting at 部门审批 with its pre-check run,
//   one rejected at 初审 (家庭收入超过标准, with the reason), and one fully 发放 (the enrolment and
//   the card written to the ledger, every pre-check hit acknowledged).
// Deterministic: the same ledger and `today` give the same applications.
//
// Only a fresh store is seeded: a store that already holds an application is left alone (`seeded`
// false), so re-running the demo writes nothing. A ledger without programs or enough persons is
// also left alone (`seeded` false, `skipped` says why). Each step is its own transaction with its
// audit entry; a failure stops the seeding with that step's error.
#pragma once

#include <string>

#include "approval/config.h"
#include "core/date.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::demo {

struct DemoApplicationsResult {
  bool seeded = false;
  std::string skipped{};  // why nothing was written ("" when seeded)
  int applications = 0;
  std::string program_code{}, community{};
};

Result<DemoApplicationsResult> SeedDemoApplications(store::Database& db,
                                                    const crypto::FieldCipher& cipher,
                                                    const approval::ApprovalConfig& config,
                                                    Date today);

}  // namespace qf::demo
