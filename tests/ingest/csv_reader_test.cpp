#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"
#include "text/encoding.h"

namespace qf::ingest {
namespace {

using testing::TempDir;

struct Row {
  int64_t line;
  std::vector<std::string> fields;
};

// Reads every record; on a fatal error returns it in `error`.
std::vector<Row> ReadAll(const std::string& path, std::string* error = nullptr,
                         ReaderLimits limits = {}) {
  std::vector<Row> rows;
  auto reader = CsvReader::Open(path, limits);
  if (!reader) {
    if (error != nullptr) *error = reader.error().message();
    return rows;
  }
  Record record;
  while (true) {
    auto more = (*reader)->Next(record);
    if (!more) {
      if (error != nullptr) *error = more.error().message();
      break;
    }
    if (!*more) break;
    Row row{record.line, {}};
    for (auto f : record.fields) row.fields.emplace_back(f);
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(CsvReaderTest, SplitsQuotedFieldsWithCommasAndEscapedQuotes) {
  TempDir dir;
  auto rows = ReadAll(dir.Write("t.csv", "a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"\"\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"x,1", "say \"hi\"", ""}));
}

TEST(CsvReaderTest, EmbeddedNewlineKeepsPhysicalLineOfRecordStart) {
  TempDir dir;
  auto rows = ReadAll(dir.Write("t.csv", "a,b\n1,\"two\nlines\"\n3,4\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].fields[1], "two\nlines");
  EXPECT_EQ(rows[2].line, 4);
}

TEST(CsvReaderTest, StripsBomAndHandlesCrlfAndMissingFinalNewline) {
  TempDir dir;
  CsvReader::Open(dir.Write("x.csv", "a"));  // warm-up: a one-byte file opens
  auto rows = ReadAll(dir.Write("t.csv", "\xEF\xBB\xBF" "a,b\r\n1,2\r\n3,4"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields[0], "a");
  EXPECT_EQ(rows[1].fields[1], "2");
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(CsvReaderTest, SkipsBlankLinesButCountsThem) {
  TempDir dir;
  auto rows = ReadAll(dir.Write("t.csv", "a,b\n\n1,2\n\r\n3,4\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[2].line, 5);
}

TEST(CsvReaderTest, ReadsRecordsAcrossChunkBoundaries) {
  TempDir dir;
  std::string data = "id,text\n";
  for (int i = 0; i < 60000; ++i) {
    data += std::to_string(i) + ",\"quoted, with \"\"comma\"\" and\r\nnewline " +
            std::to_string(i) + "\"\r\n";
  }
  auto rows = ReadAll(dir.Write("t.csv", data));
  ASSERT_EQ(rows.size(), 60001u);
  EXPECT_EQ(rows[59999].fields[0], "59998");
  EXPECT_EQ(rows[59999].fields[1], "quoted, with \"comma\" and\r\nnewline 59998");
  EXPECT_EQ(rows[59999].line, 2 + 2 * 59998);
}

TEST(CsvReaderTest, DecodesGb18030) {
  TempDir dir;
  auto gb = text::Utf8ToGb18030("姓名,社区\n张三,幸福村\n");
  ASSERT_TRUE(gb.has_value());
  auto reader = CsvReader::Open(dir.Write("t.csv", *gb));
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ((*reader)->encoding(), "GB18030");
  auto rows = ReadAll(dir.File("t.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"张三", "幸福村"}));
}

TEST(CsvReaderTest, UnterminatedQuoteAtEndOfFileNamesLineAndColumn) {
  TempDir dir;
  std::string error;
  ReadAll(dir.Write("cut.csv", "姓名,备注\n张三,ok\n李四,\"unfinished\nmore"), &error);
  EXPECT_NE(error.find("cut.csv"), std::string::npos) << error;
  EXPECT_NE(error.find("第 3 行"), std::string::npos) << error;
  EXPECT_NE(error.find("备注"), std::string::npos) << error;
}

TEST(CsvReaderTest, RecordLongerThanTheLimitIsAClearError) {
  TempDir dir;
  std::string error;
  std::string data = "a,b\n1," + std::string(10 << 20, 'x');  // a 10 MB single line
  ReadAll(dir.Write("long.csv", data), &error);
  EXPECT_NE(error.find("long.csv 第 2 行"), std::string::npos) << error;
  EXPECT_NE(error.find("超过 1 MB"), std::string::npos) << error;
}

TEST(CsvReaderTest, EmptyAndBinaryFilesAreRefused) {
  TempDir dir;
  std::string error;
  ReadAll(dir.Write("empty.csv", ""), &error);
  EXPECT_NE(error.find("文件为空"), std::string::npos) << error;
  error.clear();
  ReadAll(dir.Write("bin.csv", std::string("PK\x03\x04\0\0\x14\0", 8)), &error);
  EXPECT_NE(error.find("bin.csv"), std::string::npos) << error;
  EXPECT_NE(error.find("不是文本表格文件"), std::string::npos) << error;
}

TEST(CsvReaderTest, FlagsGb18030FieldInUtf8File) {
  TempDir dir;
  auto gb = text::Utf8ToGb18030("李四");
  ASSERT_TRUE(gb.has_value());
  std::string data = "姓名,社区\n";
  for (int i = 0; i < 20; ++i) data += "张三,幸福村第一村民小组\n";
  data += "x," + *gb + "\n";
  auto reader = CsvReader::Open(dir.Write("mixed.csv", data));
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ((*reader)->encoding(), "UTF-8");
  Record record;
  int64_t flagged_line = 0;
  int flagged_field = -1;
  while (auto more = (*reader)->Next(record)) {
    if (!*more) break;
    if (record.undecodable_field >= 0) {
      flagged_line = record.line;
      flagged_field = record.undecodable_field;
    }
  }
  EXPECT_EQ(flagged_line, 22);
  EXPECT_EQ(flagged_field, 1);
}

}  // namespace
}  // namespace qf::ingest
