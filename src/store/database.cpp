// Open(): picks the backend from the URL's scheme. Callers never name a backend.
#include "store/database.h"

#include <fmt/format.h>

#include <string>

#include "store/internal/postgres_database.h"
#include "store/internal/sqlite_database.h"

namespace qf::store {

Result<std::unique_ptr<Database>> Open(std::string_view url) {
  if (url.starts_with("sqlite:")) {
    std::string_view path = url.substr(std::string_view("sqlite:").size());
    // Accept the URL spelling sqlite:///abs/path as well as sqlite:/abs/path and sqlite:rel/path.
    if (path.starts_with("//")) path.remove_prefix(2);
    if (path.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("数据库地址 '{}' 缺少文件路径，应为 sqlite:PATH 或 sqlite::memory:", url));
    }
    return internal::OpenSqlite(std::string(path));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return internal::OpenPostgres(url);
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("无法识别的数据库地址 '{}'：应为 sqlite:PATH、sqlite::memory: 或 "
                          "postgresql://user@host:port/dbname",
                          url));
}

std::string DisplayUrl(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  std::size_t authority = scheme_end + 3;
  std::size_t at = url.find('@', authority);
  std::size_t slash = url.find('/', authority);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(url);
  }
  std::size_t colon = url.find(':', authority);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return fmt::format("{}***{}", url.substr(0, colon + 1), url.substr(at));
}

}  // namespace qf::store
