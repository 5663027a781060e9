// PlaceDirectory: what the public pages share between requests — the district's places (the
// targets of the QR codes), the ledger's as-of date and the rendered disclosure pages — held as
// one immutable view per ledger version and rebuilt only when the ledger changes.
//
// The ledger version is the newest import_log and check_runs row: every import (CLI or web)
// logs after it commits and every check records its run, so a request that reads the version
// before its data never pins old data under a new version. Each request pays one indexed
// two-row query to learn the version; nothing is re-read on a timer.
//
//   auto view = app.places().View(db);          // Result<std::shared_ptr<const PlaceView>>
//   const Place* place = (*view)->Find("c-1a2b3c4d5e");
//   if (auto html = (*view)->pages.Get("c-1a2b3c4d5e?1")) ...;
//
// Thread-safe: views are immutable except their page cache, which has its own lock.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace qf::web::internal {

struct Place {
  std::string key;   // "c-1a2b3c4d5e" community, "p-MZ01" program, "w-…" service window
  std::string kind;  // 社区 / 项目 / 服务窗口
  std::string name;
  std::string detail;  // department of a program, …
};

// The newest import and check run; equal versions mean the public data has not changed.
struct LedgerVersion {
  int64_t import_id = -1;
  int64_t run_id = -1;
  bool operator==(const LedgerVersion&) const = default;
};
Result<LedgerVersion> ReadLedgerVersion(store::Database& db);

// Rendered pages of one view, keyed by the caller (place and page number). Bounded: when full it
// starts again empty, which a cache of pages that take milliseconds to rebuild can afford.
class PageCache {
 public:
  static constexpr size_t kMaxPages = 2048;
  std::optional<std::string> Get(const std::string& key) const;
  void Put(const std::string& key, std::string html);
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> pages_;  // Guarded by mutex_
};

struct PlaceView {
  LedgerVersion version;
  std::vector<Place> places;
  // The ledger's as-of date (the latest check run, not after today), else today: the
  // self-check's 12 months end here.
  std::string as_of;
  mutable PageCache pages;

  const Place* Find(const std::string& key) const;
};

class PlaceDirectory {
 public:
  explicit PlaceDirectory(const qf::Clock& clock) : clock_(clock) {}
  // The view of the current ledger version, rebuilt first when the ledger changed.
  Result<std::shared_ptr<const PlaceView>> View(store::Database& db);

  // Shorthands over View.
  Result<std::vector<Place>> All(store::Database& db);
  Result<std::optional<Place>> Find(store::Database& db, const std::string& key);
  Result<std::string> AsOf(store::Database& db);

 private:
  Result<std::shared_ptr<const PlaceView>> Build(store::Database& db, const LedgerVersion& version);

  const qf::Clock& clock_;
  std::mutex rebuild_mutex_;  // one rebuild at a time; others wait for its result
  mutable std::mutex mutex_;
  std::shared_ptr<const PlaceView> view_;  // Guarded by mutex_
  std::string built_on_;                   // today's date when view_ was built; Guarded by mutex_
};

}  // namespace qf::web::internal
