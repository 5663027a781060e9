// The SQLite store's files are private: the folders it creates are 0700, the database and its
// WAL and shared-memory files 0600, whatever the umask (issue 12, point 7).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "store/database.h"
#include "temp_dir.h"

namespace qf::store {
namespace {

using testing::TempDir;

unsigned Mode(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

TEST(FilePermissionsTest, DatabaseWalAndFoldersArePrivate) {
  TempDir dir;
  mode_t old_mask = ::umask(022);
  std::filesystem::path folder = dir.path() / "var" / "data";
  std::filesystem::path file = folder / "q.db";
  {
    auto db = Open("sqlite:" + file.string());
    ASSERT_TRUE(db.has_value()) << db.error().message();
    ASSERT_TRUE((*db)->Execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)"));
    EXPECT_EQ(Mode(file), 0600u);
    ASSERT_TRUE(std::filesystem::exists(file.string() + "-wal"));
    EXPECT_EQ(Mode(file.string() + "-wal"), 0600u);
    EXPECT_EQ(Mode(file.string() + "-shm"), 0600u);
  }
  EXPECT_EQ(Mode(folder), 0700u);
  EXPECT_EQ(Mode(dir.path() / "var"), 0700u);
  ::umask(old_mask);
}

TEST(FilePermissionsTest, AnExistingWorldReadableStoreIsTightened) {
  TempDir dir;
  std::filesystem::path file = dir.path() / "old.db";
  { ASSERT_TRUE(Open("sqlite:" + file.string()).has_value()); }
  ::chmod(file.c_str(), 0644);
  auto db = Open("sqlite:" + file.string());
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(Mode(file), 0600u);
}

}  // namespace
}  // namespace qf::store
