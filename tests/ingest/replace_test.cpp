// `import --replace` (spec/dataset.md): a delivery is the department's full extract, so stored rows
// it lacks are removed — counted, logged and audited — in the same transaction as the rest.
#include <gtest/gtest.h>

#include <string>

#include "audit/audit_log.h"
#include "core/clock.h"
#include "crypto/crypto.h"
#include "ingest/importer.h"
#include "test_util.h"

namespace qf::ingest {
namespace {

using testing::Id;
using testing::MigratedMemoryDb;
using testing::QueryInt;
using testing::QueryText;
using testing::TempDir;

const std::string kDeathsHeader = "id_number,name,death_date,source\n";

std::string DeathRow(const std::string& first17, const std::string& source) {
  return Id(first17) + ",张三,2023-01-02," + source + "\n";
}

class ReplaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(db_, nullptr);
    // Three records: two sources for one person, one for another.
    TableReport first = ImportDeaths(kDeathsHeader + DeathRow("11010519491231002", "火化") +
                                         DeathRow("11010519491231002", "户籍注销") +
                                         DeathRow("11010519500101001", "火化"),
                                     {});
    ASSERT_EQ(first.outcome, TableOutcome::kApplied)
        << first.file_error << (first.errors.empty() ? "" : DescribeRowError(first.errors[0]));
  }

  TableReport ImportDeaths(const std::string& csv, ImportOptions options) {
    dir_.Write("deaths.csv", csv);
    auto report = ImportPaths(*db_, {dir_.File("deaths.csv")}, options);
    EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message());
    if (!report || report->tables.size() != 1) return {};
    return report->tables[0];
  }
  ImportOptions Replace() {
    ImportOptions options;
    options.replace = true;
    return options;
  }
  int64_t Deaths() { return QueryInt(*db_, "SELECT COUNT(*) FROM deaths"); }

  TempDir dir_;
  std::unique_ptr<store::Database> db_ = MigratedMemoryDb();
};

TEST_F(ReplaceTest, RemovesStoredRowsTheDeliveryLacksByTheirWholeKey) {
  // The 户籍注销 record of the first person is retracted; the other two are delivered again.
  TableReport t = ImportDeaths(kDeathsHeader + DeathRow("11010519491231002", "火化") +
                                   DeathRow("11010519500101001", "火化"),
                               Replace());
  EXPECT_EQ(t.outcome, TableOutcome::kApplied) << t.file_error;
  EXPECT_EQ(t.rows_removed, 1);
  EXPECT_EQ(Deaths(), 2);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM deaths WHERE source = '户籍注销'"), 0);
  EXPECT_EQ(QueryInt(*db_, "SELECT rows_removed FROM import_log ORDER BY import_id DESC LIMIT 1"),
            1);
  EXPECT_NE(SummaryLine(t).find("删除交付中没有的 1 行"), std::string::npos) << SummaryLine(t);
}

TEST_F(ReplaceTest, WithoutReplaceADeliveryOnlyAddsAndUpdates) {
  TableReport t =
      ImportDeaths(kDeathsHeader + DeathRow("11010519491231002", "火化"), ImportOptions{});
  EXPECT_EQ(t.outcome, TableOutcome::kApplied);
  EXPECT_EQ(t.rows_removed, 0);
  EXPECT_EQ(Deaths(), 3);
}

TEST_F(ReplaceTest, ARejectedRowRefusesTheWholeExtractEvenWhenSkippingErrors) {
  ImportOptions options = Replace();
  options.skip_invalid = true;
  TableReport t = ImportDeaths(
      kDeathsHeader + DeathRow("11010519491231002", "火化") + "123,李四,2023-01-02,火化\n",
      options);
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  EXPECT_EQ(t.rows_rejected, 1);
  EXPECT_EQ(t.rows_removed, 0);
  EXPECT_EQ(Deaths(), 3);
}

TEST_F(ReplaceTest, AnExtractWithoutDataRowsDoesNotEmptyTheTable) {
  TableReport t = ImportDeaths(kDeathsHeader, Replace());
  EXPECT_EQ(t.outcome, TableOutcome::kFailed);
  EXPECT_NE(t.file_error.find("没有数据行"), std::string::npos) << t.file_error;
  EXPECT_EQ(Deaths(), 3);
}

TEST_F(ReplaceTest, TheRemovalIsInTheImportsAuditEntry) {
  SystemClock clock;
  auto key = crypto::ChainKey::FromMasterKey(crypto::MasterKey{});
  audit::Recorder recorder(clock, key);
  ImportOptions options = Replace();
  options.recorder = &recorder;
  options.imported_by = "民政局张科员";
  TableReport t = ImportDeaths(kDeathsHeader + DeathRow("11010519500101001", "火化"), options);
  ASSERT_EQ(t.outcome, TableOutcome::kApplied) << t.file_error;
  EXPECT_EQ(t.rows_removed, 2);
  std::string after = QueryText(
      *db_, "SELECT after FROM audit_log WHERE action = 'data.import' ORDER BY seq DESC LIMIT 1");
  EXPECT_NE(after.find("\"rows_removed\":2"), std::string::npos) << after;
  EXPECT_NE(after.find("\"replace\":true"), std::string::npos) << after;
}

}  // namespace
}  // namespace qf::ingest
