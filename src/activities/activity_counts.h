// The activity figures of the work report (issue 15 point 6): per activity kind, over a period and
// a set of units, each figure with the activities behind it for drill-down.
//
//   auto counts = CountActivities(db, from, to, {"street-01", "c-01", ...});
//   const KindCount* talks = counts->Find("座谈会");   // talks->activities 座谈会**次
//   counts->Find("走访群众")->participants;              // 走访群众****余人次
//   counts->Find("联合督查")->communities;               // 对**个社区开展联合督查
//   counts->Find("专题培训")->participants;              // 培训干部****余人次
//   auto m = counts->Find("制度机制"); m->established + m->revised  // 健全*项制度机制
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::activities {

struct KindCount {
  std::string kind;            // 座谈会 ...
  std::string measure;         // the taxonomy's unit of the report's count: 次, 人次 or 项
  int64_t activities = 0;      // number of activities (次)
  int64_t participants = 0;    // sum of head counts (人次)
  int64_t visited = 0;         // sum of persons visited
  int64_t communities = 0;     // distinct communities (or places) covered
  int64_t problems = 0;        // problems found (each became a clue or a rectification item)
  int64_t clues = 0;           // of which handed on as clues
  int64_t rectifications = 0;  // of which as rectification items
  int64_t established = 0;     // 制度机制 建立
  int64_t revised = 0;         // 制度机制 修订
  // The activities behind the figures: all of the kind (activities, participants, visited,
  // communities), those with problems, those 建立 and those 修订.
  std::vector<int64_t> ids = {}, with_problems = {}, established_ids = {}, revised_ids = {};
  std::vector<std::string> community_names = {};  // the distinct communities or places, sorted
};

struct ActivityCounts {
  std::vector<KindCount> kinds;  // every configured kind in taxonomy order, zeros included
  const KindCount* Find(std::string_view kind) const;
};

// Activities held from `from` to `to` (inclusive, Beijing dates) organised by one of `unit_codes`
// (empty: every unit) — the caller passes the unit subtree it reports on. An activity of a kind
// no longer configured is left out.
Result<ActivityCounts> CountActivities(store::Database& db, Date from, Date to,
                                       const std::vector<std::string>& unit_codes);

}  // namespace qf::activities
