#include "text/names.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace qf::text {
namespace {

TEST(NameDataTest, OpenccAndIcuDataAreFound) {
  auto r = CheckNameData();
  EXPECT_TRUE(r.has_value()) << r.error().message();
}

TEST(NfkcTest, FoldsCompatibilityForms) {
  EXPECT_EQ(Nfkc("ＡＢＣ１２３"), "ABC123");
  EXPECT_EQ(Nfkc("㈱"), "(株)");
  EXPECT_EQ(Nfkc("\xE3\x80\x80"), " ");  // U+3000 → U+0020
  EXPECT_EQ(Nfkc("plain"), "plain");
  EXPECT_EQ(Nfkc("张三"), "张三");
}

TEST(NfkcTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Nfkc("a\xFF"
                 "b"),
            "a\xEF\xBF\xBD"
            "b");
}

struct NormalizeCase {
  std::string_view input;
  std::string_view expected;
};

TEST(NormalizeNameTest, AppliesEveryStepOfTheRule) {
  const NormalizeCase cases[] = {
      {"张三", "张三"},
      {" 张三 ", "张三"},
      {"张 三", "张三"},
      {"\xE3\x80\x80张\xE3\x80\x80三\xE3\x80\x80", "张三"},  // ideographic spaces
      {"张\t三\xC2\xA0", "张三"},                            // tab, no-break space
      {"张\xE2\x80\x8B三", "张三"},                          // zero-width space
      {"張三", "张三"},                                      // traditional
      {" 張 三 ", "张三"},
      {"ＺＨＡＮＧ　Ｓａｎ", "zhangsan"},  // full width
      {"阿依古丽·买买提", "阿依古丽·买买提"},
      {"阿依古丽•买买提", "阿依古丽·买买提"},
      {"阿依古丽．买买提", "阿依古丽·买买提"},
      {"阿依古丽.买买提", "阿依古丽·买买提"},
      {"阿依古丽‧买买提", "阿依古丽·买买提"},
      {"阿依古丽 · 买买提", "阿依古丽·买买提"},
      {"阿依古麗·買買提", "阿依古丽·买买提"},
      {"", ""},
      {"   ", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(NormalizeName(c.input), c.expected) << "input: " << c.input;
  }
}

TEST(PinyinKeyTest, GivesOneTonelessSyllablePerCharacter) {
  EXPECT_EQ(PinyinKey("张三"), "zhang san");
  EXPECT_EQ(PinyinKey("王晓明"), "wang xiao ming");
  EXPECT_EQ(PinyinKey("西安"), "xi an");
  EXPECT_EQ(PinyinKey("阿依古丽·买买提"), PinyinKey("阿依古丽买买提"));
  EXPECT_EQ(PinyinKey("Zhang San"), "z h a n g s a n");
}

// spec/rules.md, the boundary review: syllable by syllable, 吉安 (ji·an) is not 建 (jian).
TEST(PinyinKeyTest, DoesNotMergeSyllables) {
  EXPECT_NE(PinyinKey("吉安"), PinyinKey("建"));
  EXPECT_NE(PinyinKey("西安"), PinyinKey("先"));
  EXPECT_NE(PinyinKey("齐昂"), PinyinKey("强"));
}

TEST(PinyinKeyTest, KeepsUmlautDistinctFromU) {
  EXPECT_NE(PinyinKey("吕"), PinyinKey("卢"));
  EXPECT_EQ(PinyinKey("吕"), "lv");
}

struct CompareCase {
  std::string_view a;
  std::string_view b;
  NameMatch expected;
};

std::string_view Describe(NameMatch m) {
  switch (m) {
    case NameMatch::kEqual:
      return "kEqual";
    case NameMatch::kPinyinVariant:
      return "kPinyinVariant";
    case NameMatch::kDifferent:
      return "kDifferent";
  }
  return "?";
}

const CompareCase kCompareCases[] = {
    // Equal after normalisation.
    {"张三", "张三", NameMatch::kEqual},
    {"张三", " 张三　", NameMatch::kEqual},
    {"张三", "张 三", NameMatch::kEqual},
    {"张三", "張三", NameMatch::kEqual},
    {"ZHANG SAN", "ＺＨＡＮＧＳＡＮ", NameMatch::kEqual},
    {"阿依古丽·买买提", "阿依古丽•买买提", NameMatch::kEqual},
    {"阿依古丽·买买提", "阿依古丽．买买提", NameMatch::kEqual},
    {"阿依古丽·买买提", "阿依古丽.买买提", NameMatch::kEqual},
    {"阿依古丽·买买提", "阿依古丽‧买买提", NameMatch::kEqual},
    {"阿依古丽·买买提", "阿依古麗 · 買買提", NameMatch::kEqual},
    // The boundary review: zero-width characters are spaces, ・ and ･ are the separator, Latin
    // letters compare case-insensitively.
    {"张三", "张\u200b三", NameMatch::kEqual},
    {"张三", "\ufeff张\u200c\u200d三\u2060", NameMatch::kEqual},
    {"阿依古丽·买买提", "阿依古丽・买买提", NameMatch::kEqual},
    {"阿依古丽·买买提", "阿依古丽･买买提", NameMatch::kEqual},
    {"Maria·Lopez", "MARIA・LOPEZ", NameMatch::kEqual},
    {"maria", "MARIA", NameMatch::kEqual},
    // Same toneless pinyin: clerical variants.
    {"张三", "章三", NameMatch::kPinyinVariant},
    {"王晓明", "王小明", NameMatch::kPinyinVariant},
    {"張三", "章三", NameMatch::kPinyinVariant},
    {"阿依古丽·买买提", "阿依古丽买买提", NameMatch::kPinyinVariant},
    // Different names.
    {"张三", "李四", NameMatch::kDifferent},
    {"张三", "张四", NameMatch::kDifferent},
    {"张三", "张三丰", NameMatch::kDifferent},
    {"吕三", "卢三", NameMatch::kDifferent},
    {"张三", "", NameMatch::kDifferent},
    // Syllable by syllable; a different number of characters is never a clerical variant.
    {"李吉安", "李建", NameMatch::kDifferent},
    {"吴齐昂", "吴强", NameMatch::kDifferent},
    {"王西安", "王先", NameMatch::kDifferent},
    {"maria", "mario", NameMatch::kDifferent},
};

TEST(CompareNamesTest, ClassifiesTheTable) {
  for (const auto& c : kCompareCases) {
    EXPECT_EQ(Describe(CompareNames(c.a, c.b)), Describe(c.expected)) << c.a << " vs " << c.b;
    EXPECT_EQ(Describe(CompareNames(c.b, c.a)), Describe(c.expected)) << c.b << " vs " << c.a;
    EXPECT_EQ(SameName(c.a, c.b), c.expected != NameMatch::kDifferent) << c.a << " vs " << c.b;
  }
}

TEST(CompareNamesTest, GivesTheSameAnswersFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      for (int round = 0; round < 50; ++round) {
        for (const auto& c : kCompareCases) {
          if (CompareNames(c.a, c.b) != c.expected) ++wrong[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace qf::text
