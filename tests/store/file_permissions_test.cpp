// The SQLite store's files are private: the folders it creates are 0700, the database and its
// WAL and shared-memory files 0600, whatever the umask (issue 12, point 7).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

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

// The POSIX locks this process holds on `file` (Linux: /proc/locks names the inode).
int LocksHeldOn(const std::filesystem::path& file) {
  struct stat st {};
  EXPECT_EQ(::stat(file.c_str(), &st), 0);
  const std::string inode = ":" + std::to_string(st.st_ino) + " ";
  const std::string pid = " " + std::to_string(::getpid()) + " ";
  std::ifstream locks("/proc/locks");
  int held = 0;
  for (std::string line; std::getline(locks, line);) {
    if (line.find(inode) != std::string::npos && line.find(pid) != std::string::npos) ++held;
  }
  return held;
}

// Opening a second connection must not release the first one's locks: closing any descriptor of
// a file drops every POSIX lock of the process on it, and another process (`qingfeng user add`
// beside `serve`) would then delete the WAL under the open connections.
TEST(FilePermissionsTest, OpeningAnotherConnectionKeepsTheFirstOnesLocks) {
  TempDir dir;
  std::filesystem::path file = dir.path() / "q.db";
  auto first = Open("sqlite:" + file.string());
  ASSERT_TRUE(first.has_value()) << first.error().message();
  ASSERT_TRUE((*first)->Execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)"));
  const int held = LocksHeldOn(file);
  ASSERT_GT(held, 0) << "a WAL connection holds a shared lock on the database file";
  auto second = Open("sqlite:" + file.string());
  ASSERT_TRUE(second.has_value()) << second.error().message();
  EXPECT_EQ(LocksHeldOn(file), held);
}

}  // namespace
}  // namespace qf::store
