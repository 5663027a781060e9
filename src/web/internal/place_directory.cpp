// PlaceDirectory: places, as-of date and rendered pages per ledger version.
#include "web/internal/place_directory.h"

#include <algorithm>

#include "crypto/crypto.h"

namespace qf::web::internal {
namespace {

std::string PlaceHash(std::string_view name) { return crypto::Sm3Hex(name).substr(0, 10); }

Result<std::unique_ptr<store::Statement>> Query(store::Database& db, std::string_view sql) {
  return db.Prepare(sql);
}

}  // namespace

Result<LedgerVersion> ReadLedgerVersion(store::Database& db) {
  auto st = Query(db,
                  "SELECT (SELECT COALESCE(MAX(import_id), 0) FROM import_log), "
                  "(SELECT COALESCE(MAX(run_id), 0) FROM check_runs)");
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  return LedgerVersion{.import_id = (*st)->Int(0), .run_id = (*st)->Int(1)};
}

std::optional<std::string> PageCache::Get(const std::string& key) const {
  std::shared_ptr<const std::string> page;
  {
    std::lock_guard lock(mutex_);
    auto it = pages_.find(key);
    if (it == pages_.end()) return std::nullopt;
    page = it->second;
  }
  return *page;  // copied outside the lock
}

void PageCache::Put(const std::string& key, std::string html) {
  auto page = std::make_shared<const std::string>(std::move(html));
  std::lock_guard lock(mutex_);
  if (pages_.size() >= kMaxPages) pages_.clear();
  pages_[key] = std::move(page);
}

size_t PageCache::size() const {
  std::lock_guard lock(mutex_);
  return pages_.size();
}

const Place* PlaceView::Find(const std::string& key) const {
  for (const Place& p : places) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

Result<std::shared_ptr<const PlaceView>> PlaceDirectory::Build(store::Database& db,
                                                               const LedgerVersion& version) {
  auto view = std::make_shared<PlaceView>();
  view->version = version;
  auto communities = Query(db, "SELECT DISTINCT community FROM enrolments ORDER BY community");
  if (!communities) return std::unexpected(communities.error());
  while (true) {
    auto row = (*communities)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    std::string name = (*communities)->Text(0);
    view->places.push_back({"c-" + PlaceHash(name), "社区", name, "享受对象公示"});
  }
  auto programs = Query(db, "SELECT code, name, department FROM programs ORDER BY code");
  if (!programs) return std::unexpected(programs.error());
  std::vector<std::string> departments;
  while (true) {
    auto row = (*programs)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    std::string dept = (*programs)->Text(2);
    view->places.push_back({"p-" + (*programs)->Text(0), "项目", (*programs)->Text(1), dept});
    if (std::find(departments.begin(), departments.end(), dept) == departments.end()) {
      departments.push_back(dept);
    }
  }
  for (const std::string& dept : departments) {
    view->places.push_back({"w-" + PlaceHash(dept), "服务窗口", dept + "办事窗口", dept});
  }
  auto run = Query(db, "SELECT as_of FROM check_runs ORDER BY run_id DESC LIMIT 1");
  if (!run) return std::unexpected(run.error());
  auto has_run = (*run)->Step();
  if (!has_run) return std::unexpected(has_run.error());
  std::string today = qf::Today(clock_).ToString();
  view->as_of = *has_run ? std::min((*run)->Text(0), today) : today;
  return std::shared_ptr<const PlaceView>(std::move(view));
}

Result<std::shared_ptr<const PlaceView>> PlaceDirectory::View(store::Database& db) {
  // The version is read before anything the view holds (see the header).
  auto version = ReadLedgerVersion(db);
  if (!version) return std::unexpected(version.error());
  std::string today = qf::Today(clock_).ToString();
  auto current = [&]() -> std::shared_ptr<const PlaceView> {
    std::lock_guard lock(mutex_);
    return view_ != nullptr && view_->version == *version && built_on_ == today ? view_ : nullptr;
  };
  if (auto view = current()) return view;
  std::lock_guard rebuilding(rebuild_mutex_);
  if (auto view = current()) return view;  // another request rebuilt it meanwhile
  auto built = Build(db, *version);
  if (!built) return std::unexpected(built.error());
  std::lock_guard lock(mutex_);
  view_ = *built;
  built_on_ = today;
  return view_;
}

Result<std::vector<Place>> PlaceDirectory::All(store::Database& db) {
  auto view = View(db);
  if (!view) return std::unexpected(view.error());
  return (*view)->places;
}

Result<std::optional<Place>> PlaceDirectory::Find(store::Database& db, const std::string& key) {
  auto view = View(db);
  if (!view) return std::unexpected(view.error());
  const Place* place = (*view)->Find(key);
  return place != nullptr ? std::optional<Place>(*place) : std::nullopt;
}

Result<std::string> PlaceDirectory::AsOf(store::Database& db) {
  auto view = View(db);
  if (!view) return std::unexpected(view.error());
  return (*view)->as_of;
}

}  // namespace qf::web::internal
