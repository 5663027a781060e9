#include "ingest/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "ingest/importer.h"
#include "test_util.h"

namespace qf::ingest {
namespace {

using testing::Id;
using testing::MigratedMemoryDb;
using testing::QueryInt;
using testing::QueryText;
using testing::TempDir;

// Writes a payments workbook: strings for text, numbers for amounts, a real Excel date for the
// paid date, an ID typed as a number (mangled) on row 4. `inline_strings` uses libxlsxwriter's
// constant-memory mode, which writes inline strings instead of the shared-string table.
std::string WritePayments(const TempDir& dir, bool inline_strings) {
  std::string path = dir.File("payments.xlsx");
  lxw_workbook_options options = {};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "发放明细");
  workbook_add_worksheet(wb, "说明");
  lxw_format* date_format = workbook_add_format(wb);
  format_set_num_format(date_format, "yyyy-mm-dd");
  const char* header[] = {"流水号", "批次号", "项目代码", "身份证号", "姓名",
                          "收款账号", "金额", "所属期", "发放日期", "备注"};
  for (int c = 0; c < 10; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  std::string id = Id("11010519491231002");
  lxw_datetime paid = {2024, 3, 5, 0, 0, 0};
  // Row 2: all well-formed.
  worksheet_write_string(ws, 1, 0, "P1", nullptr);
  worksheet_write_string(ws, 1, 1, "B1", nullptr);
  worksheet_write_string(ws, 1, 2, "DB01", nullptr);
  worksheet_write_string(ws, 1, 3, id.c_str(), nullptr);
  worksheet_write_string(ws, 1, 4, "张三 & <李>", nullptr);
  worksheet_write_string(ws, 1, 5, "6222000011112222", nullptr);
  worksheet_write_number(ws, 1, 6, 1234.5, nullptr);
  worksheet_write_string(ws, 1, 7, "2024-03", nullptr);
  worksheet_write_datetime(ws, 1, 8, &paid, date_format);
  // Row 3 left blank; row 4: the ID typed as a number, the period as a number.
  worksheet_write_string(ws, 3, 0, "P2", nullptr);
  worksheet_write_string(ws, 3, 1, "B1", nullptr);
  worksheet_write_string(ws, 3, 2, "DB01", nullptr);
  worksheet_write_number(ws, 3, 3, 110105194912310021.0, nullptr);
  worksheet_write_string(ws, 3, 4, "李四", nullptr);
  worksheet_write_string(ws, 3, 5, "6222", nullptr);
  worksheet_write_number(ws, 3, 6, 0.1 + 0.2, nullptr);
  worksheet_write_number(ws, 3, 7, 202403, nullptr);
  worksheet_write_string(ws, 3, 8, "2024/3/6", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

TEST(XlsxReaderTest, ReadsFirstSheetWithSharedStringsNumbersAndDates) {
  TempDir dir;
  auto reader = XlsxReader::Open(WritePayments(dir, false));
  ASSERT_TRUE(reader.has_value()) << reader.error().message();
  Record record;
  ASSERT_TRUE(*(*reader)->Next(record));
  EXPECT_EQ(record.line, 1);
  EXPECT_EQ(record.fields[0], "流水号");
  ASSERT_TRUE(*(*reader)->Next(record));
  EXPECT_EQ(record.line, 2);
  EXPECT_EQ(record.fields[4], "张三 & <李>");
  EXPECT_EQ(record.fields[6], "1234.5");
  EXPECT_EQ(record.numeric[6], 1);
  EXPECT_EQ(record.numeric[4], 0);
  EXPECT_EQ(record.fields[8], "45356");  // the serial number of 2024-03-05
  EXPECT_EQ(record.fields.size(), 10u);  // the empty 备注 cell is filled in
  ASSERT_TRUE(*(*reader)->Next(record));
  EXPECT_EQ(record.line, 4);             // the blank row is skipped, the row number kept
  ASSERT_FALSE(*(*reader)->Next(record));
}

TEST(XlsxReaderTest, ReadsInlineStrings) {
  TempDir dir;
  auto reader = XlsxReader::Open(WritePayments(dir, true));
  ASSERT_TRUE(reader.has_value()) << reader.error().message();
  Record record;
  ASSERT_TRUE(*(*reader)->Next(record));
  ASSERT_TRUE(*(*reader)->Next(record));
  EXPECT_EQ(record.fields[0], "P1");
  EXPECT_EQ(record.fields[4], "张三 & <李>");
}

TEST(XlsxReaderTest, RefusesAFileThatIsNotAZip) {
  TempDir dir;
  auto reader = XlsxReader::Open(dir.Write("payments.xlsx", "id,name\n1,2\n"));
  ASSERT_FALSE(reader.has_value());
  EXPECT_NE(reader.error().message().find("payments.xlsx"), std::string::npos);
  EXPECT_NE(reader.error().message().find("XLSX"), std::string::npos);
}

TEST(XlsxImportTest, ConvertsSerialDatesAndRejectsNumericIdWithExcelMessage) {
  TempDir dir;
  auto db = MigratedMemoryDb();
  WritePayments(dir, false);
  ImportOptions options;
  options.skip_invalid = true;
  auto report = ImportPaths(*db, {dir.path()}, options);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  ASSERT_EQ(report->tables.size(), 1u);
  const TableReport& t = report->tables[0];
  EXPECT_EQ(t.encoding, "XLSX");
  EXPECT_EQ(t.rows_imported, 1);
  ASSERT_EQ(t.errors.size(), 1u) << (t.errors.empty() ? t.file_error : t.errors[0].reason);
  EXPECT_EQ(t.errors[0].line, 4);
  EXPECT_EQ(t.errors[0].column, "身份证号");
  EXPECT_NE(t.errors[0].reason.find("Excel"), std::string::npos);
  EXPECT_EQ(QueryText(*db, "SELECT paid_date FROM payments"), "2024-03-05");
  EXPECT_EQ(QueryInt(*db, "SELECT amount FROM payments"), 123450);
  EXPECT_EQ(QueryText(*db, "SELECT name FROM payments"), "张三 & <李>");
}

TEST(XlsxImportTest, NumericPeriodAndFloatNoiseAmountAreAccepted) {
  TempDir dir;
  auto db = MigratedMemoryDb();
  std::string path = dir.File("payments.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  const char* header[] = {"payment_id", "batch_no", "program_code", "id_number", "name",
                          "account_no", "amount",   "period",       "paid_date"};
  for (int c = 0; c < 9; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  const char* row[] = {"P9", "B1", "DB01", "", "王五", "6222"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 1, c, row[c], nullptr);
  worksheet_write_string(ws, 1, 3, Id("11010519491231002").c_str(), nullptr);
  worksheet_write_number(ws, 1, 6, 0.1 + 0.2, nullptr);
  worksheet_write_number(ws, 1, 7, 202403, nullptr);
  worksheet_write_number(ws, 1, 8, 20240305, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto report = ImportPaths(*db, {path}, {});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->AllApplied())
      << (report->tables[0].errors.empty() ? report->tables[0].file_error
                                           : DescribeRowError(report->tables[0].errors[0]));
  EXPECT_EQ(QueryInt(*db, "SELECT amount FROM payments"), 30);
  EXPECT_EQ(QueryText(*db, "SELECT period FROM payments"), "2024-03");
  EXPECT_EQ(QueryText(*db, "SELECT paid_date FROM payments"), "2024-03-05");
}

}  // namespace
}  // namespace qf::ingest
