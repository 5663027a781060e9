#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "test_util.h"
#include "text/encoding.h"

namespace qf::ingest {
namespace {

using testing::Id;
using testing::MigratedMemoryDb;
using testing::QueryInt;
using testing::QueryText;
using testing::TempDir;

const std::string kPayHeader =
    "payment_id,batch_no,program_code,id_number,name,account_no,amount,period,paid_date\n";
const std::string kPrograms =
    "code,name,department,domain,means_tested,period,standard,max_amount,min_age,max_age,"
    "exclusive_group\n"
    "DB01,最低生活保障,民政局,民政,是,月,\"1,200.00\",¥1500元,,,低保\n"
    "GL01,高龄津贴,民政局,民政,否,月,100,,80,,\n";

std::string PersonRow(const std::string& id, const std::string& name) {
  return id + "," + name + ",男,1949-12-31,110105,幸福村,H1,户主\n";
}

class ImporterTest : public ::testing::Test {
 protected:
  Result<ImportReport> Import(const std::vector<std::string>& paths, ImportOptions options = {}) {
    return ImportPaths(*db_, paths, options);
  }
  // The one table of `report`, by value (the report is usually a temporary).
  TableReport Only(const Result<ImportReport>& report) {
    EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message());
    if (!report || report->tables.size() != 1) {
      ADD_FAILURE() << "expected exactly one table";
      return {};
    }
    return report->tables[0];
  }
  std::string AllErrors(const TableReport& t) {
    std::string s = t.file_error;
    for (const auto& e : t.errors) s += "\n" + DescribeRowError(e);
    return s;
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_ = MigratedMemoryDb();
};

TEST_F(ImporterTest, ImportsCleanFolderInDependencyOrder) {
  dir_.Write("payments.csv", kPayHeader + "P1,B1,DB01," + Id("11010519491231002") +
                                 ",张三,6222000011112222,1200.00,2024-03,2024-03-05\n");
  dir_.Write("programs.csv", kPrograms);
  dir_.Write("persons.csv", "id_number,name,sex,birth_date,region_code,community,household_id,"
                            "relation\n" + PersonRow(Id("11010519491231002"), "张三"));
  dir_.Write("notes.txt", "not a table");
  auto report = Import({dir_.path()});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  ASSERT_EQ(report->tables.size(), 3u);
  EXPECT_EQ(report->tables[0].table, "programs");
  EXPECT_EQ(report->tables[1].table, "persons");
  EXPECT_EQ(report->tables[2].table, "payments");
  EXPECT_TRUE(report->AllApplied());
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM payments"), 1);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM import_log WHERE outcome = 'applied'"), 3);
}

// import_log.imported_at is an unambiguous UTC instant, as every other table stores its times, so
// the import page can show it in Beijing time whatever the importing machine's zone.
TEST_F(ImporterTest, LogsTheImportTimeAsUtcWithZ) {
  dir_.Write("programs.csv", kPrograms);
  auto report = Import({dir_.path()});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  std::string at = QueryText(*db_, "SELECT imported_at FROM import_log");
  EXPECT_TRUE(std::regex_match(at, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"))) << at;
}

TEST_F(ImporterTest, StoresCanonicalFormsOfEveryFieldKind) {
  dir_.Write("programs.csv", kPrograms);
  std::string id15 = "110105491231002";  // legacy 15-digit number
  dir_.Write("payments.csv",
             kPayHeader + "P1,B1,DB01,'" + id15 + ",张三,'6222000011112222,\"1,234.50\",202403,"
                          "2024年3月5日\n"
                          "P2,B1,DB01,\"  ８\" ,李四,6222,¥-12.00,2024年第1季度,2024/3/5\n"
                          "P3,B1,DB01," + Id("11010519491231002").substr(0, 17) + "x,王五,6222,"
                          "1234.5元,2024,20240305\n");
  auto report = Import({dir_.File("programs.csv"), dir_.File("payments.csv")});
  ASSERT_TRUE(report.has_value());
  for (const auto& t : report->tables) ASSERT_EQ(t.outcome, TableOutcome::kApplied) << AllErrors(t);
  EXPECT_EQ(QueryText(*db_, "SELECT id_number FROM payments WHERE payment_id='P1'"),
            CitizenId::Normalize(id15));
  EXPECT_EQ(QueryText(*db_, "SELECT account_no FROM payments WHERE payment_id='P1'"),
            "6222000011112222");
  EXPECT_EQ(QueryInt(*db_, "SELECT amount FROM payments WHERE payment_id='P1'"), 123450);
  EXPECT_EQ(QueryText(*db_, "SELECT period FROM payments WHERE payment_id='P1'"), "2024-03");
  EXPECT_EQ(QueryText(*db_, "SELECT paid_date FROM payments WHERE payment_id='P1'"),
            "2024-03-05");
  // Ledger keeps an invalid ID number, normalised (full-width digit, spaces trimmed).
  EXPECT_EQ(QueryText(*db_, "SELECT id_number FROM payments WHERE payment_id='P2'"), "8");
  EXPECT_EQ(QueryInt(*db_, "SELECT amount FROM payments WHERE payment_id='P2'"), -1200);
  EXPECT_EQ(QueryText(*db_, "SELECT period FROM payments WHERE payment_id='P2'"), "2024-Q1");
  EXPECT_EQ(QueryText(*db_, "SELECT id_number FROM payments WHERE payment_id='P3'"),
            Id("11010519491231002"));
  EXPECT_EQ(QueryText(*db_, "SELECT period FROM payments WHERE payment_id='P3'"), "2024");
  EXPECT_EQ(QueryInt(*db_, "SELECT means_tested FROM programs WHERE code='DB01'"), 1);
  EXPECT_EQ(QueryInt(*db_, "SELECT standard FROM programs WHERE code='DB01'"), 120000);
  EXPECT_EQ(QueryInt(*db_, "SELECT max_amount FROM programs WHERE code='DB01'"), 150000);
  EXPECT_EQ(QueryInt(*db_, "SELECT means_tested FROM programs WHERE code='GL01'"), 0);
  EXPECT_EQ(QueryInt(*db_, "SELECT min_age FROM programs WHERE code='GL01'"), 80);
  EXPECT_EQ(QueryText(*db_, "SELECT max_amount FROM programs WHERE code='GL01'"), "<null>");
}

TEST_F(ImporterTest, AcceptsChineseHeadersAndIgnoresUnknownColumns) {
  std::string id = Id("11010519491231002");
  dir_.Write("deaths.csv", "备注,身份证号,姓名,死亡日期,数据来源\n随便,'" + id + ",张三,2023/1/2,火化\n");
  auto report = Import({dir_.File("deaths.csv")});
  const TableReport t = Only(report);
  ASSERT_EQ(t.outcome, TableOutcome::kApplied) << AllErrors(t);
  EXPECT_EQ(QueryText(*db_, "SELECT death_date FROM deaths"), "2023-01-02");
  EXPECT_EQ(QueryText(*db_, "SELECT id_number FROM deaths"), id);
}

TEST_F(ImporterTest, AcceptsChineseTableFileName) {
  dir_.Write("补贴项目目录.csv", kPrograms);
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.table, "programs");
  EXPECT_EQ(t.outcome, TableOutcome::kApplied) << AllErrors(t);
}

TEST_F(ImporterTest, MissingRequiredColumnNamesFileAndColumn) {
  dir_.Write("deaths.csv", "身份证号,姓名,数据来源\n" + Id("11010519491231002") + ",张三,火化\n");
  const TableReport t = Only(Import({dir_.File("deaths.csv")}));
  EXPECT_EQ(t.outcome, TableOutcome::kFailed);
  EXPECT_NE(t.file_error.find("deaths.csv"), std::string::npos) << t.file_error;
  EXPECT_NE(t.file_error.find("死亡日期"), std::string::npos) << t.file_error;
  EXPECT_NE(t.file_error.find("第 1 行"), std::string::npos) << t.file_error;
}

TEST_F(ImporterTest, WrongDelimiterIsNamed) {
  dir_.Write("deaths.csv", "身份证号;姓名;死亡日期;数据来源\n" + Id("11010519491231002") +
                               ";张三;2023-01-02;火化\n");
  const TableReport t = Only(Import({dir_.File("deaths.csv")}));
  EXPECT_EQ(t.outcome, TableOutcome::kFailed);
  EXPECT_NE(t.file_error.find("deaths.csv 第 1 行"), std::string::npos) << t.file_error;
  EXPECT_NE(t.file_error.find("身份证号;姓名"), std::string::npos) << t.file_error;
  EXPECT_NE(t.file_error.find("分号"), std::string::npos) << t.file_error;

  dir_.Write("deaths.csv", "身份证号\t姓名\t死亡日期\t数据来源\n");
  const TableReport tabs = Only(Import({dir_.File("deaths.csv")}));
  EXPECT_NE(tabs.file_error.find("制表符"), std::string::npos) << tabs.file_error;
}

TEST_F(ImporterTest, IndexesDeferredDuringAnImportIntoAnEmptyTableAreThereAfterIt) {
  if (db_->Dialect() != "sqlite") GTEST_SKIP() << "indexes are deferred on SQLite only";
  const std::string count_indexes =
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments'";
  const int64_t indexes = QueryInt(*db_, count_indexes);
  ASSERT_GE(indexes, 2);  // the key's and the secondary ones
  // A refused import rolls back with its table's indexes intact.
  dir_.Write("payments.csv", kPayHeader + "P1,B1,DB01," + Id("11010519491231002") +
                                 ",张三,6222000011112222,1200.00,2024-03,2024-03-05\n" +
                                 "P2,B1,DB01," + Id("11010519491231002") +
                                 ",张三,6222000011112222,abc,2024-03,2024-03-05\n");
  EXPECT_EQ(Only(Import({dir_.File("payments.csv")})).outcome, TableOutcome::kRefused);
  EXPECT_EQ(QueryInt(*db_, count_indexes), indexes);
  dir_.Write("programs.csv", kPrograms);
  dir_.Write("payments.csv", kPayHeader + "P1,B1,DB01," + Id("11010519491231002") +
                                 ",张三,6222000011112222,1200.00,2024-03,2024-03-05\n");
  auto report = Import({dir_.File("programs.csv"), dir_.File("payments.csv")});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->AllApplied());
  EXPECT_EQ(QueryInt(*db_, count_indexes), indexes);
  EXPECT_EQ(QueryText(*db_, "PRAGMA integrity_check"), "ok");
  // A second import into the now filled table keeps them too.
  dir_.Write("payments.csv", kPayHeader + "P2,B1,DB01," + Id("11010519491231002") +
                                 ",张三,6222000011112222,1200.00,2024-04,2024-04-05\n");
  EXPECT_EQ(Only(Import({dir_.File("payments.csv")})).outcome, TableOutcome::kApplied);
  EXPECT_EQ(QueryInt(*db_, count_indexes), indexes);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM payments WHERE id_number = '" +
                               Id("11010519491231002") + "'"),
            2);
}

TEST_F(ImporterTest, RejectedRowRefusesWholeTableAndNamesFileLineColumnValue) {
  std::string good = PersonRow(Id("11010519491231002"), "张三");
  std::string header =
      "身份证号,姓名,性别,出生日期,行政区划代码,社区,户号,与户主关系\n";
  dir_.Write("persons.csv", header + good +
                                "\"110105194912310021\",李四,男,1949-12-31,"
                                "110105,\"幸福\n村\",H1,户主\n" +
                                Id("11010519500101001") +
                                ",王五,M,1950-01-01,110105,幸福村,H2,户主\n");
  const TableReport t = Only(Import({dir_.File("persons.csv")}));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  EXPECT_EQ(t.rows_read, 3);
  EXPECT_EQ(t.rows_rejected, 2);
  EXPECT_EQ(t.rows_imported, 0);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM persons"), 0);
  ASSERT_EQ(t.errors.size(), 2u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].column, "身份证号");
  EXPECT_EQ(t.errors[0].value, "110105194912310021");
  EXPECT_NE(t.errors[0].file.find("persons.csv"), std::string::npos);
  EXPECT_FALSE(t.errors[0].reason.empty());
  EXPECT_EQ(t.errors[1].line, 5);  // the quoted newline of line 3 moved it
  EXPECT_EQ(t.errors[1].column, "性别");
  EXPECT_NE(t.errors[1].reason.find("男、女"), std::string::npos);
  EXPECT_EQ(QueryText(*db_, "SELECT outcome FROM import_log"), "refused");
}

TEST_F(ImporterTest, SkipInvalidAppliesValidRowsAndWritesRejectedCsv) {
  dir_.Write("programs.csv", kPrograms);
  dir_.Write("payments.csv", kPayHeader +
                                 "P1,B1,DB01,1.10105E+17,张三,6222,100,2024-03,2024-03-05\n"
                                 "P2,B1,DB01," + Id("11010519491231002") +
                                 ",李四,6222,100,2024-03,2024-03-05\n"
                                 "P3,B1,DB01,123,王五,6222,12.345,2024-03,2024-03-05\n");
  ImportOptions options;
  options.skip_invalid = true;
  options.rejected_path = dir_.File("rejected.csv");
  auto report = Import({dir_.path()}, options);
  ASSERT_TRUE(report.has_value());
  const TableReport& t = report->tables.at(1);
  EXPECT_EQ(t.outcome, TableOutcome::kPartial);
  EXPECT_EQ(t.rows_imported, 1);
  EXPECT_EQ(t.rows_rejected, 2);
  // An invalid ID stays in a ledger table, but an Excel-mangled one never does.
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM payments"), 1);
  EXPECT_EQ(QueryText(*db_, "SELECT payment_id FROM payments"), "P2");
  std::ifstream in(options.rejected_path);
  std::stringstream content;
  content << in.rdbuf();
  std::string csv = content.str();
  EXPECT_NE(csv.find("file,line,column,value,reason\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("payments.csv,2,id_number,1.10105E+17,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Excel"), std::string::npos) << csv;
  EXPECT_NE(csv.find("payments.csv,4,amount,12.345,"), std::string::npos) << csv;
}

TEST_F(ImporterTest, RejectedCsvQuotesValuesASpreadsheetWouldRun) {
  dir_.Write("programs.csv", kPrograms);
  dir_.Write("payments.csv", kPayHeader +
                                 "P1,B1,DB01," + Id("11010519491231002") +
                                 ",张三,6222,=1+2,2024-03,2024-03-05\n"
                                 "P2,B1,DB01," + Id("11010519491231002") +
                                 ",李四,6222,@SUM(1+1),2024-03,2024-03-05\n");
  ImportOptions options;
  options.skip_invalid = true;
  options.rejected_path = dir_.File("rejected.csv");
  ASSERT_TRUE(Import({dir_.path()}, options).has_value());
  std::ifstream in(options.rejected_path);
  std::stringstream content;
  content << in.rdbuf();
  std::string csv = content.str();
  EXPECT_NE(csv.find(",'=1+2,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'@SUM(1+1),"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",=1+2"), std::string::npos) << csv;
  // Put in place by a rename: no temporary is left beside it.
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos);
  }
}

TEST_F(ImporterTest, RejectedCsvIsRemovedWhenNothingWasRejected) {
  dir_.Write("programs.csv", kPrograms);
  ImportOptions options;
  options.skip_invalid = true;
  options.rejected_path = dir_.File("rejected.csv");
  ASSERT_TRUE(Import({dir_.path()}, options)->AllApplied());
  EXPECT_FALSE(std::filesystem::exists(options.rejected_path));
}

TEST_F(ImporterTest, SecondImportChangesNothing) {
  dir_.Write("programs.csv", kPrograms);
  const TableReport first = Only(Import({dir_.path()}));
  EXPECT_EQ(first.rows_changed, 2);
  const TableReport second = Only(Import({dir_.path()}));
  EXPECT_EQ(second.outcome, TableOutcome::kApplied);
  EXPECT_EQ(second.rows_imported, 2);
  EXPECT_EQ(second.rows_changed, 0);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM programs"), 2);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM import_log"), 2);
}

TEST_F(ImporterTest, CorrectedRedeliveryReplacesOnlyTheCorrectedRows) {
  dir_.Write("programs.csv", kPrograms);
  Only(Import({dir_.path()}));
  std::string corrected = kPrograms;
  corrected.replace(corrected.find("高龄津贴,民政局,民政,否,月,100"), 
                    std::string("高龄津贴,民政局,民政,否,月,100").size(),
                    "高龄津贴,民政局,民政,否,月,150");
  dir_.Write("programs.csv", corrected);
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.rows_changed, 1);
  EXPECT_EQ(QueryInt(*db_, "SELECT standard FROM programs WHERE code='GL01'"), 15000);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM programs"), 2);
}

TEST_F(ImporterTest, DuplicateKeyInOneFileIsRejectedNamingTheFirstLine) {
  dir_.Write("programs.csv", kPrograms + "DB01,重复项目,民政局,民政,是,月,1,,,,\n");
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 1u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].line, 4);
  EXPECT_EQ(t.errors[0].column, "code");
  EXPECT_NE(t.errors[0].reason.find("第 2 行"), std::string::npos) << t.errors[0].reason;
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM programs"), 0);
}

TEST_F(ImporterTest, RegistryRejectsInvalidIdButLedgerKeepsIt) {
  std::string bad = "110105194912310021";
  dir_.Write("deaths.csv", "id_number,name,death_date,source\n" + bad + ",张三,2023-01-02,火化\n");
  dir_.Write("cards.csv", "account_no,id_number,name,bank,opened_date,status\n6222," + bad +
                              ",张三,农商行,2020-01-01,正常\n");
  auto report = Import({dir_.path()});
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->tables.size(), 2u);
  EXPECT_EQ(report->tables[0].table, "deaths");
  EXPECT_EQ(report->tables[0].outcome, TableOutcome::kRefused);
  EXPECT_EQ(report->tables[1].outcome, TableOutcome::kApplied) << AllErrors(report->tables[1]);
  EXPECT_EQ(QueryText(*db_, "SELECT id_number FROM cards"), bad);
}

// The boundary review: registries refuse only numbers failing GB 11643; a 港澳台 residence
// permit (81/82/83) or a foreigner's permanent residence number (9x) is valid, and a valid number
// absent from persons is kept.
TEST_F(ImporterTest, RegistryKeepsResidencePermitAndForeignerNumbers) {
  const std::string hk = Id("81000019900101001"), foreigner = Id("93015619700303003");
  dir_.Write("vehicles.csv", "id_number,name,plate,vehicle_type,registered_date\n" + hk +
                                 ",陈大文,浙A12345,小型汽车,2020-01-01\n" + foreigner +
                                 ",Maria Lopez,浙A54321,货车,2021-01-01\n");
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kApplied) << AllErrors(t);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM vehicles"), 2);
}

// The boundary review: deaths holds one row per (id_number, source) — a 火化 and a 户籍注销
// record of one person are both kept — and the same pair twice in one file is a row error.
TEST_F(ImporterTest, DeathsKeepOneRowPerSourceAndRejectARepeatedSource) {
  const std::string id = Id("11010519300101001");
  const std::string header = "id_number,name,death_date,source\n";
  dir_.Write("deaths.csv",
             header + id + ",吴九,2024-03-15,火化\n" + id + ",吴九,2024-05-20,户籍注销\n");
  EXPECT_EQ(Only(Import({dir_.path()})).outcome, TableOutcome::kApplied);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM deaths"), 2);

  dir_.Write("deaths.csv",
             header + id + ",吴九,2024-03-15,火化\n" + id + ",吴九,2024-03-16,火化\n");
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 1u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_NE(t.errors[0].reason.find("第 2 行"), std::string::npos) << t.errors[0].reason;
}

// Issue 12, point 8: plausibility at import. The as-of date is an option or an injected clock,
// never the wall clock of the machine running the tests.
const std::string kPersonsHeader =
    "id_number,name,sex,birth_date,region_code,community,household_id,relation\n";

Date Day(const char* iso) { return *Date::Parse(iso); }

TEST_F(ImporterTest, BirthDateAfterTheAsOfDateIsARowError) {
  const std::string late = Id("11010520251220001"), on_day = Id("11010520251215002");
  dir_.Write("persons.csv", kPersonsHeader + late + ",张三,男,2025-12-20,110105,幸福村,H1,户主\n" +
                                on_day + ",李四,男,2025-12-15,110105,幸福村,H2,户主\n");
  ImportOptions options;
  options.as_of = Day("2025-12-15");
  const TableReport t = Only(Import({dir_.path()}, options));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 1u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].line, 2);
  EXPECT_EQ(t.errors[0].column, "birth_date");
  EXPECT_EQ(t.errors[0].value, "2025-12-20");
  EXPECT_NE(t.errors[0].reason.find("晚于数据基准日 2025-12-15"), std::string::npos)
      << t.errors[0].reason;
  EXPECT_NE(DescribeRowError(t.errors[0]).find("persons.csv 第 2 行，列 birth_date"),
            std::string::npos);
}

TEST_F(ImporterTest, BirthDateContradictingTheIdIsARowError) {
  const std::string id = Id("11010519491231002");
  dir_.Write("persons.csv", kPersonsHeader + id + ",张三,女,1949-12-30,110105,幸福村,H1,户主\n");
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 1u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].column, "birth_date");
  EXPECT_NE(t.errors[0].reason.find("与身份证号 " + id + " 中的出生日期 1949-12-31 不符"),
            std::string::npos)
      << t.errors[0].reason;

  dir_.Write("persons.csv",
             kPersonsHeader + id + ",张三,女,1949年12月31日,110105,幸福村,H1,户主\n");
  EXPECT_EQ(Only(Import({dir_.path()})).outcome, TableOutcome::kApplied);
}

TEST_F(ImporterTest, PaidDateInTheFutureOfTheInjectedClockIsARowError) {
  dir_.Write("payments.csv", kPayHeader + "P1,B1,DB01," + Id("11010519491231002") +
                                 ",张三,6222000011112222,1200.00,2024-03,2024-03-05\n");
  ImportOptions options;
  options.today = [] { return Day("2024-03-04"); };
  const TableReport t = Only(Import({dir_.path()}, options));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 1u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].column, "paid_date");
  EXPECT_NE(t.errors[0].reason.find("发放日期 2024-03-05 晚于数据基准日 2024-03-04"),
            std::string::npos)
      << t.errors[0].reason;

  options.today = [] { return Day("2024-03-05"); };
  EXPECT_EQ(Only(Import({dir_.path()}, options)).outcome, TableOutcome::kApplied);
  // --as-of wins over the clock.
  options.as_of = Day("2024-03-01");
  EXPECT_EQ(Only(Import({dir_.path()}, options)).outcome, TableOutcome::kRefused);
}

TEST_F(ImporterTest, NameWithControlOrBidiCharacterIsARowError) {
  const char* const bad[] = {"张\u202E三",       "\"李\n四\"", "王\t五",    "赵\u200E六",
                             "钱\u2066七\u2069", "孙\u0085八", "周\u2028九"};
  std::string rows;
  int n = 0;
  for (const char* name : bad) {
    rows += Id("110105194912310" + std::to_string(10 + n)) + "," + name +
            ",男,1949-12-31,110105,幸福村,H" + std::to_string(n) + ",户主\n";
    ++n;
  }
  dir_.Write("persons.csv", kPersonsHeader + rows);
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), std::size(bad)) << AllErrors(t);
  for (const RowError& e : t.errors) {
    EXPECT_EQ(e.column, "name");
    EXPECT_NE(e.reason.find("控制字符或双向文字控制符 U+"), std::string::npos) << e.reason;
    EXPECT_EQ(DescribeRowError(e).find('\n'), std::string::npos);
  }
  EXPECT_NE(t.errors[0].reason.find("U+202E"), std::string::npos);

  // Zero-width characters and the separators are spaces and dots to name equality, not controls.
  dir_.Write("persons.csv", kPersonsHeader + Id("11010519491231002") +
                                ",阿依古丽・买买提\u200B,女,1949-12-31,110105,幸福村,H1,户主\n");
  EXPECT_EQ(Only(Import({dir_.path()})).outcome, TableOutcome::kApplied);
}

TEST_F(ImporterTest, HeaderOnlyFileIsAppliedWithZeroRows) {
  dir_.Write("programs.csv", "code,name,department,domain,means_tested,period\n");
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kApplied);
  EXPECT_EQ(t.rows_read, 0);
}

TEST_F(ImporterTest, EmptyFileFailsWithClearMessage) {
  dir_.Write("programs.csv", "");
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kFailed);
  EXPECT_NE(t.file_error.find("programs.csv"), std::string::npos);
  EXPECT_NE(t.file_error.find("文件为空"), std::string::npos);
}

TEST_F(ImporterTest, BinaryFileFailsWithClearMessage) {
  dir_.Write("programs.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kFailed);
  EXPECT_NE(t.file_error.find("programs.csv"), std::string::npos) << t.file_error;
}

TEST_F(ImporterTest, TruncatedFileAppliesNothing) {
  dir_.Write("programs.csv", kPrograms + "XX01,\"被截断的项目");
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kFailed);
  EXPECT_NE(t.file_error.find("programs.csv 第 4 行，列 “name”"), std::string::npos)
      << t.file_error;
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM programs"), 0);
  EXPECT_EQ(QueryText(*db_, "SELECT outcome FROM import_log"), "failed");
}

TEST_F(ImporterTest, HugeSingleLineFailsWithClearMessage) {
  dir_.Write("programs.csv", "code,name,department,domain,means_tested,period\nX," +
                                 std::string(10 << 20, 'y'));
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kFailed);
  EXPECT_NE(t.file_error.find("programs.csv 第 2 行"), std::string::npos) << t.file_error;
}

TEST_F(ImporterTest, MixedEncodingRowIsRejectedWithLineAndColumn) {
  auto gb = text::Utf8ToGb18030("李四");
  ASSERT_TRUE(gb.has_value());
  std::string data = "身份证号,姓名,死亡日期,数据来源\n";
  for (int i = 0; i < 5; ++i) {
    data += Id("1101051949123" + std::to_string(1000 + i)) + ",张三丰,2023-01-02,火化\n";
  }
  data += Id("11010519491231099") + "," + *gb + ",2023-01-02,火化\n";
  dir_.Write("deaths.csv", data);
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 1u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].line, 7);
  EXPECT_EQ(t.errors[0].column, "姓名");
  EXPECT_NE(t.errors[0].reason.find("编码"), std::string::npos);
}

TEST_F(ImporterTest, ImportsGb18030File) {
  auto gb = text::Utf8ToGb18030("身份证号,姓名,死亡日期,数据来源\n" + Id("11010519491231002") +
                                ",张三,2023-01-02,户籍注销\n");
  ASSERT_TRUE(gb.has_value());
  dir_.Write("deaths.csv", *gb);
  const TableReport t = Only(Import({dir_.path()}));
  EXPECT_EQ(t.outcome, TableOutcome::kApplied) << AllErrors(t);
  EXPECT_EQ(t.encoding, "GB18030");
  EXPECT_EQ(QueryText(*db_, "SELECT name || source FROM deaths"), "张三户籍注销");
}

TEST_F(ImporterTest, WrongFieldCountIsARowError) {
  dir_.Write("deaths.csv", "id_number,name,death_date,source\n" + Id("11010519491231002") +
                               ",张三,2023-01-02,火化,多余\n" + Id("11010519491231002") +
                               ",张三\n");
  const TableReport t = Only(Import({dir_.path()}));
  ASSERT_EQ(t.errors.size(), 2u) << AllErrors(t);
  EXPECT_EQ(t.errors[0].line, 2);
  EXPECT_EQ(t.errors[0].column, "第 5 列");
  EXPECT_EQ(t.errors[1].line, 3);
}

TEST_F(ImporterTest, UnknownFileNameAndMissingPathAreReportedPerFile) {
  dir_.Write("foo.csv", "a\n1\n");
  auto report = Import({dir_.File("foo.csv"), dir_.File("nope.csv")});
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->tables.size(), 2u);
  EXPECT_NE(report->tables[0].file_error.find("无法从文件名判断"), std::string::npos);
  EXPECT_NE(report->tables[1].file_error.find("不存在"), std::string::npos);
  EXPECT_FALSE(report->AllApplied());
}

TEST_F(ImporterTest, FolderWithoutTablesFails) {
  dir_.Write("readme.txt", "x");
  EXPECT_FALSE(Import({dir_.path()}).has_value());
}

TEST_F(ImporterTest, SummaryLineFollowsTheCliFormat) {
  TableReport t;
  t.file = "data/payments.csv";
  t.outcome = TableOutcome::kApplied;
  t.rows_read = 10;
  t.rows_imported = 9;
  t.rows_rejected = 1;
  t.rows_changed = 3;
  t.seconds = 1.25;
  EXPECT_EQ(SummaryLine(t), "payments.csv：读取 10 行，导入 9 行，拒绝 1 行，变更 3 行，用时 1.2 秒");
}

TEST_F(ImporterTest, ReportsProgress) {
  dir_.Write("programs.csv", kPrograms);
  ImportOptions options;
  int calls = 0;
  int64_t rows = 0;
  options.on_progress = [&](const ImportProgress& p) {
    ++calls;
    rows = p.rows;
    EXPECT_EQ(p.bytes_read, p.bytes_total);
  };
  Only(Import({dir_.path()}, options));
  EXPECT_GE(calls, 1);
  EXPECT_EQ(rows, 2);
}

}  // namespace
}  // namespace qf::ingest
