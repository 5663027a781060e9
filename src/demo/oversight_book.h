// The demo's institution and People's Congress work: three 派驻纪检监察组 under the commission,
// each supervising two departments (so that the report counts 设置3个派驻纪检监察组), their staff,
// a year of 三为主一报告 (most on time, one late, one returned and submitted again, one 逾期未报),
// two 审议意见 of the standing committee split into tasks (some 已办结, one overdue) and three
// 代表建议 (two answered and rated, one 办理中) — through oversight's books, every step audited.
//
//   auto seeded = demo::SeedDemoOversight(db, cipher, {.casework = {}, .fallback_today = today});
//
// Dated in the demo's year (DemoBookYear); a step dated after `fallback_today` is not taken, so the
// book never reports from the future. Needs the case book's commission staff (sunli, wugang):
// run SeedDemoCaseBook first. Idempotent: a store that already holds a 三为主一报告 or a 人大 item
// is left alone (`seeded` false) and nothing is written.
#pragma once

#include "casework/casework_service.h"
#include "core/date.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::demo {

struct DemoOversightOptions {
  casework::CaseworkOptions casework;  // the password cost of the seeded staff accounts
  Date fallback_today;                 // decides the year without a comparison run; caps dates
};

struct DemoOversightResult {
  bool seeded = false;
  int year = 0;
  int units = 0;    // stationed groups and departments created
  int reports = 0;  // 三为主一报告 rows scheduled
  int opinions = 0;
  int suggestions = 0;
};

Result<DemoOversightResult> SeedDemoOversight(store::Database& db,
                                              const crypto::FieldCipher& cipher,
                                              const DemoOversightOptions& options);

}  // namespace qf::demo
