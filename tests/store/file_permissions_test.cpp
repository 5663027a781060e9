// The SQLite store's files are private: the folders it creates are 0700, the database and its
// WAL and shared-memory files 0600, whatever the umask (issue 12, point 7).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <sys/wait.h>
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

// Opening a second connection must not drop the POSIX locks of the first (closing any descriptor of
// a file drops them all): without its shared lock on the database file, another process's last
// connection, when it closes, takes the store for unused and deletes the WAL and shared-memory
// files under the open connections (serve's next connection then failed with "disk I/O error"
// after a `qingfeng user add`). A child process asks the kernel whether the lock is still held.
TEST(FilePermissionsTest, OpeningAnotherConnectionKeepsTheSharedLockOfTheOpenOnes) {
  TempDir dir;
  std::string file = (dir.path() / "q.db").string();
  auto first = Open("sqlite:" + file);
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE((*first)->Execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)"));
  auto second = Open("sqlite:" + file);
  ASSERT_TRUE(second.has_value());
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // SQLite's shared-lock range: the 510 bytes after the pending and reserved bytes at 1 GiB.
    int fd = ::open(file.c_str(), O_RDWR);
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 0x40000000 + 2;
    probe.l_len = 510;
    bool held = fd >= 0 && ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::_exit(held ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "the open connections lost their shared lock on the database file";
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
