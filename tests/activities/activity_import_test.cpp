#include "activities/activity_import.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "activities_fixture.h"
#include "crypto/crypto.h"

namespace qf::activities::testing {
namespace {

// The bytes of an XLSX file whose first sheet holds `rows` (all text cells).
std::string Xlsx(const std::vector<std::vector<std::string>>& rows) {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("qf-activity-test-" + std::to_string(getpid()) + ".xlsx"))
                         .string();
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "活动台账");
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                             rows[r][c].c_str(), nullptr);
    }
  }
  workbook_close(workbook);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

const std::vector<std::string> kHeader = {"活动类型*", "日期*",      "标题*",
                                          "组织单位*", "领域*",      "专项",
                                          "参与人次",  "地点或社区", "发现问题（转线索）"};

std::vector<std::string> Row(std::string kind, std::string date, std::string count) {
  return {kind,           date, "走访低保户", "一街道监察办公室", "民生", "“净窗”行动", count,
          "一街道甲社区", ""};
}

}  // namespace

class ImportTest : public ActivitiesTest {
 protected:
  Result<ImportResult> Import(const std::string& bytes) {
    return ImportActivities(*db_, clock_, cipher_, *service_, clerk_, "活动台账.xlsx", bytes);
  }
  void ExpectNothingWritten() {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM activities"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM activity_places"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM clues"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM campaign_tags"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'activity.%'"), 0);
  }
};

TEST_F(ImportTest, ImportsEveryRowInOneAuditedTransaction) {
  std::vector<std::string> with_problem = Row("监督检查", "2024-03-05", "6");
  with_problem[8] = "窗口人员收受香烟";
  std::string bytes = Xlsx({kHeader, Row("走访群众", "2024-03-04", "120"), with_problem});
  auto imported = Import(bytes);
  ASSERT_TRUE(imported.has_value()) << imported.error().message();
  EXPECT_EQ(imported->ids.size(), 2u);
  EXPECT_EQ(imported->sha256, crypto::Sha256Hex(bytes));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM activities WHERE unit_code = 'street-01'"), 2);
  EXPECT_EQ(Count("SELECT SUM(participants) FROM activities"), 126);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues WHERE source = '监督检查'"), 1);
  // Both activities are tagged, and the clue the problem became carries the activity's tag.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM campaign_tags WHERE campaign = 'ZX-JC' AND "
                  "record_kind = 'activity'"),
            2);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM campaign_tags g JOIN clues c ON g.record_kind = 'clue' "
            "AND g.record_id = c.clue_id WHERE g.campaign = 'ZX-JC' AND c.source = '监督检查'"),
      1);
  std::string after = TextOf("SELECT after FROM audit_log WHERE action = 'activity.import'");
  EXPECT_NE(after.find(crypto::Sha256Hex(bytes)), std::string::npos) << after;
  EXPECT_NE(after.find(R"("rows":2)"), std::string::npos) << after;
  EXPECT_NE(after.find("活动台账.xlsx"), std::string::npos) << after;
}

TEST_F(ImportTest, ABadKindNamesTheFileLineAndColumnAndWritesNothing) {
  auto imported =
      Import(Xlsx({kHeader, Row("走访群众", "2024-03-04", "120"),
                   Row("走访群众", "2024-03-05", "80"), Row("座谈", "2024-03-06", "9")}));
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().message(),
            "活动台账.xlsx 第 4 行，列“活动类型”：“座谈”不是已配置的活动类型");
  ExpectNothingWritten();
}

TEST_F(ImportTest, ABadDateOrNumberNamesItsColumn) {
  auto date = Import(Xlsx({kHeader, Row("座谈会", "3月的某天", "9")}));
  ASSERT_FALSE(date.has_value());
  EXPECT_NE(date.error().message().find("活动台账.xlsx 第 2 行，列“日期”："), std::string::npos)
      << date.error().message();
  auto number = Import(
      Xlsx({kHeader, Row("座谈会", "2024-03-04", "9"), Row("座谈会", "2024-03-05", "十二")}));
  ASSERT_FALSE(number.has_value());
  EXPECT_EQ(number.error().message(),
            "活动台账.xlsx 第 3 行，列“参与人次”：“十二”不是 0 到 1000000 之间的整数");
  ExpectNothingWritten();
}

TEST_F(ImportTest, AnUnknownOrMissingColumnIsRefused) {
  auto unknown = Import(Xlsx({{"活动类型", "日期", "标题", "组织单位", "领域", "备注栏"},
                              {"座谈会", "2024-03-04", "t", "street-01", "民生", "x"}}));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message(), "活动台账.xlsx 第 1 行：列“备注栏”不是活动台账模板的列");
  auto missing = Import(
      Xlsx({{"活动类型", "日期", "标题", "组织单位"}, {"座谈会", "2024-03-04", "t", "street-01"}}));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message(), "活动台账.xlsx 第 1 行：缺少列“领域”");
  ExpectNothingWritten();
}

TEST_F(ImportTest, TheTemplateImportsItsExampleRow) {
  auto bytes = TemplateXlsx();
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message();
  auto imported = Import(*bytes);
  ASSERT_TRUE(imported.has_value()) << imported.error().message();
  ASSERT_EQ(imported->ids.size(), 1u);
  auto view = book_->Get(clerk_, imported->ids[0]);
  EXPECT_EQ((*view)["kind"], "座谈会");
  EXPECT_EQ((*view)["unit"], "commission");
  EXPECT_EQ((*view)["participants"], 25);
}

}  // namespace qf::activities::testing
