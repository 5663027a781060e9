// The demo district's activity ledger (活动台账): a year of 座谈会, 监督检查, 走访群众, 联合督查,
// 督导检查, 专题培训, 制度机制 and 以案促改, seeded through activities::ActivityBook so that the
// work report's activity figures (座谈会**次, 走访群众****余人次, 对**个社区开展联合督查, 培训干部
// ****余人次, 健全*项制度机制 ...) are all filled — every kind, several special campaigns, and a
// few problems handed on as clues and as rectification items.
//
//   auto seeded = demo::SeedDemoActivities(db, cipher, {.fallback_today = Today(clock)});
//
// Dated in the case book's year (the latest comparison's as-of year, else the year before
// `fallback_today`), by the case book's 受理员 孙丽 and 承办人 周涛 (SeedDemoCaseBook runs first;
// without its staff nothing is written), organised by the commission and its street offices, the
// 联合督查 covering the community units. Deterministic. A store that already holds an activity is
// left alone (`seeded` false), so running the demo twice writes nothing the second time.
#pragma once

#include "casework/casework_service.h"
#include "core/date.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::demo {

struct DemoActivitiesOptions {
  casework::CaseworkOptions casework = {};
  Date fallback_today;
};

struct DemoActivitiesResult {
  bool seeded = false;
  int year = 0;
  int activities = 0;
  int problems = 0;
  std::string skipped = {};  // why nothing was written
};

Result<DemoActivitiesResult> SeedDemoActivities(store::Database& db,
                                                const crypto::FieldCipher& cipher,
                                                const DemoActivitiesOptions& options);

}  // namespace qf::demo
