#include "activities/activity_counts.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/result_macros.h"
#include "store/query.h"
#include "taxonomy/taxonomy.h"

namespace qf::activities {
namespace {

struct Held {
  int64_t id, participants, visited;
  std::string kind, unit, mechanism;
};

bool Wanted(const std::vector<std::string>& units, const std::string& unit) {
  return units.empty() || std::find(units.begin(), units.end(), unit) != units.end();
}

// activity id → (problems, of which clues)
Result<std::map<int64_t, std::pair<int64_t, int64_t>>> ProblemCounts(store::Database& db, Date from,
                                                                     Date to) {
  QF_ASSIGN_OR_RETURN(
      auto rows,
      (store::QueryRows<std::pair<int64_t, bool>>(
          db,
          "SELECT p.activity_id, p.clue_id IS NOT NULL FROM activity_problems p JOIN activities a "
          "ON a.activity_id = p.activity_id WHERE a.held_on >= ? AND a.held_on <= ?",
          [](const store::Statement& s) {
            return std::pair{s.Int(0), s.Int(1) != 0};
          },
          from.ToString(), to.ToString())));
  std::map<int64_t, std::pair<int64_t, int64_t>> out;
  for (auto [id, clue] : rows) {
    out[id].first += 1;
    out[id].second += clue ? 1 : 0;
  }
  return out;
}

// activity id → the communities (unit codes) or places it covered
Result<std::multimap<int64_t, std::string>> PlacesCovered(store::Database& db, Date from, Date to) {
  QF_ASSIGN_OR_RETURN(
      auto rows,
      (store::QueryRows<std::pair<int64_t, std::string>>(
          db,
          "SELECT p.activity_id, CASE WHEN p.unit_code <> '' THEN p.unit_code ELSE p.place END "
          "FROM activity_places p JOIN activities a ON a.activity_id = p.activity_id "
          "WHERE a.held_on >= ? AND a.held_on <= ?",
          [](const store::Statement& s) {
            return std::pair{s.Int(0), s.Text(1)};
          },
          from.ToString(), to.ToString())));
  return std::multimap<int64_t, std::string>(rows.begin(), rows.end());
}

void Add(KindCount& k, const Held& a, std::pair<int64_t, int64_t> problems,
         std::set<std::string>& places, const std::multimap<int64_t, std::string>& covered) {
  k.activities += 1;
  k.participants += a.participants;
  k.visited += a.visited;
  k.ids.push_back(a.id);
  k.problems += problems.first;
  k.clues += problems.second;
  k.rectifications += problems.first - problems.second;
  if (problems.first > 0) k.with_problems.push_back(a.id);
  if (a.mechanism == "建立") {
    k.established += 1;
    k.established_ids.push_back(a.id);
  } else if (a.mechanism == "修订") {
    k.revised += 1;
    k.revised_ids.push_back(a.id);
  }
  auto [begin, end] = covered.equal_range(a.id);
  for (auto it = begin; it != end; ++it) places.insert(it->second);
}

}  // namespace

const KindCount* ActivityCounts::Find(std::string_view kind) const {
  for (const KindCount& k : kinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

Result<ActivityCounts> CountActivities(store::Database& db, Date from, Date to,
                                       const std::vector<std::string>& unit_codes) {
  ActivityCounts out;
  for (const taxonomy::ActivityKind& kind : taxonomy::Active().activity_kinds) {
    out.kinds.push_back({.kind = kind.name, .measure = kind.measure});
  }
  QF_ASSIGN_OR_RETURN(auto held, store::QueryRows<Held>(
                                     db,
                                     "SELECT activity_id, participants, visited, kind, unit_code, "
                                     "mechanism FROM activities WHERE held_on >= ? AND held_on "
                                     "<= ? ORDER BY activity_id",
                                     [](const store::Statement& s) {
                                       return Held{s.Int(0),  s.Int(1),  s.Int(2),
                                                   s.Text(3), s.Text(4), s.Text(5)};
                                     },
                                     from.ToString(), to.ToString()));
  QF_ASSIGN_OR_RETURN(auto problems, ProblemCounts(db, from, to));
  QF_ASSIGN_OR_RETURN(auto covered, PlacesCovered(db, from, to));
  std::map<std::string, std::set<std::string>> places;  // kind → distinct places
  for (const Held& a : held) {
    if (!Wanted(unit_codes, a.unit)) continue;
    auto it = std::find_if(out.kinds.begin(), out.kinds.end(),
                           [&](const KindCount& k) { return k.kind == a.kind; });
    if (it == out.kinds.end()) continue;
    Add(*it, a, problems[a.id], places[a.kind], covered);
  }
  for (KindCount& k : out.kinds) {
    const std::set<std::string>& p = places[k.kind];
    k.community_names.assign(p.begin(), p.end());
    k.communities = static_cast<int64_t>(p.size());
  }
  return out;
}

}  // namespace qf::activities
