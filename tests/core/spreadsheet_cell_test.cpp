// OWASP CSV injection: text a spreadsheet would run gets a leading quote; and exports are put in
// place by a rename (core/atomic_file.h).
#include "core/spreadsheet_cell.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/atomic_file.h"

namespace qf {
namespace {

TEST(SpreadsheetCellTest, FormulaStartsAreQuoted) {
  for (const char* formula : {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1",
                              "=HYPERLINK(\"http://evil.example\",\"点我\")"}) {
    EXPECT_EQ(NeutraliseCell(formula), std::string("'") + formula) << formula;
  }
}

TEST(SpreadsheetCellTest, OrdinaryTextIsUnchanged) {
  for (const char* text : {"", "张三", "110105198001011238", "R01", "1000.50", "'quoted", " =x"}) {
    EXPECT_EQ(NeutraliseCell(text), text) << text;
  }
}

TEST(AtomicFileTest, TheDestinationChangesOnlyOnCommit) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "qf-atomic-file-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = (dir / "export.csv").string();
  std::ofstream(path) << "old";
  {
    AtomicFile out(path);
    std::ofstream(out.temp_path()) << "new, half written";
    // Not committed (an error, a crash of the writer): the old file stays, the temporary goes.
  }
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "old");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  {
    AtomicFile out(path);
    std::ofstream(out.temp_path()) << "new";
    ASSERT_TRUE(out.Commit().has_value());
  }
  std::ifstream again(path);
  std::string now((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>());
  EXPECT_EQ(now, "new");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qf
