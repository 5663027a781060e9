// AtomicFile renames a complete file onto a regular destination, and writes into a device or a
// pipe instead of replacing it (`--out /dev/null` must never turn /dev/null into a plain file).
#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace qf {
namespace {

namespace fs = std::filesystem;

fs::path TempDir() {
  fs::path dir = fs::temp_directory_path() / ("qf-atomic-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(AtomicFileTest, ReplacesARegularFileWhole) {
  fs::path file = TempDir() / "out.csv";
  std::ofstream(file) << "old";
  AtomicFile out(file.string());
  std::ofstream(out.temp_path()) << "new";
  ASSERT_TRUE(out.Commit().has_value());
  std::stringstream read;
  read << std::ifstream(file).rdbuf();
  EXPECT_EQ(read.str(), "new");
  EXPECT_FALSE(fs::exists(out.temp_path()));
  fs::remove_all(file.parent_path());
}

TEST(AtomicFileTest, WritesIntoAPipeInsteadOfReplacingIt) {
  fs::path fifo = TempDir() / "pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    std::stringstream read;
    read << std::ifstream(fifo).rdbuf();
    received = read.str();
  });
  {
    AtomicFile out(fifo.string());
    std::ofstream(out.temp_path()) << "payment_id,decision\n";
    EXPECT_TRUE(out.Commit().has_value());
  }
  reader.join();
  EXPECT_EQ(received, "payment_id,decision\n");
  EXPECT_TRUE(fs::is_fifo(fifo)) << "the pipe was replaced by a plain file";
  fs::remove_all(fifo.parent_path());
}

}  // namespace
}  // namespace qf
