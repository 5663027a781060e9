#include "documents/formal_text.h"

#include <gtest/gtest.h>

#include "documents/document_types.h"

namespace qf::documents {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

TEST(FormalTextTest, WritesTheDateInChineseNumerals) {
  EXPECT_EQ(ChineseDate(D(2026, 12, 6)), "二〇二六年十二月六日");
  EXPECT_EQ(ChineseDate(D(2026, 10, 10)), "二〇二六年十月十日");
  EXPECT_EQ(ChineseDate(D(2030, 1, 21)), "二〇三〇年一月二十一日");
  EXPECT_EQ(ChineseDate(D(2025, 3, 31)), "二〇二五年三月三十一日");
}

TEST(FormalTextTest, WritesTheNumberWithHexagonalBrackets) {
  EXPECT_EQ(DocumentNumber("清监立", 2026, 3), "清监立〔2026〕3号");
}

TEST(DocumentTypesTest, TheShippedCatalogueHasFourTypesWithDistinctPrefixes) {
  auto catalog = LoadDocumentCatalog("");
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message();
  ASSERT_EQ(catalog->types().size(), 4u);
  const DocumentType* filing = catalog->Find("filing");
  ASSERT_NE(filing, nullptr);
  EXPECT_EQ(filing->name, "立案决定书");
  EXPECT_EQ(filing->prefix, "清监立");
  EXPECT_EQ(filing->entity, "case");
  EXPECT_EQ(catalog->Find("talk")->disposal, "谈话函询");
}

TEST(DocumentTypesTest, RefusesAFileWithoutPrefixOrEntity) {
  EXPECT_FALSE(ParseDocumentType("x", "---\nname: 某文书\nentity: case\nstates: filed\n---\n正文"));
  EXPECT_FALSE(ParseDocumentType("x", "---\nname: 某文书\nprefix: 清监某\nstates: filed\n---\n"));
  EXPECT_FALSE(ParseDocumentType("x", "正文而没有说明部分"));
  auto ok = ParseDocumentType("x",
                              "---\nname: 某文书\nprefix: 清监某\nentity: clue\n"
                              "states: registered, in_disposal\n---\n正文 {{clue.id}}\n");
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
  EXPECT_EQ(ok->states, (std::vector<std::string>{"registered", "in_disposal"}));
  EXPECT_EQ(ok->shipped_body, "正文 {{clue.id}}\n");
}

}  // namespace
}  // namespace qf::documents
