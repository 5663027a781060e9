#include "core/citizen_id.h"

#include <gtest/gtest.h>

namespace qf {
namespace {

// Published examples: GB 11643-1999 appendix (11010519491231002X, 440524188001010014).
TEST(CitizenIdTest, AcceptsPublishedValidExamples) {
  for (const char* text : {"11010519491231002X", "440524188001010014"}) {
    auto id = CitizenId::Parse(text);
    ASSERT_TRUE(id) << text << ": " << id.error().message();
    EXPECT_EQ(id->value(), text);
  }
}

TEST(CitizenIdTest, DecodesRegionBirthDateAndSex) {
  auto id = CitizenId::Parse("11010519491231002X");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->region(), "110105");
  EXPECT_EQ(id->birth_date().ToString(), "1949-12-31");
  EXPECT_EQ(id->sex(), Sex::kFemale);  // 17th digit 2 is even
  auto male = CitizenId::Parse("440524188001010014");
  ASSERT_TRUE(male);
  EXPECT_EQ(male->sex(), Sex::kMale);
  EXPECT_EQ(male->birth_date().ToString(), "1880-01-01");
}

struct AcceptCase {
  const char* input;
  const char* normalized;
};

TEST(CitizenIdTest, AcceptsEveryWrittenFormOfTheSpec) {
  const AcceptCase cases[] = {
      {"  11010519491231002X  ", "11010519491231002X"},  // surrounding spaces
      {"11010519491231002x", "11010519491231002X"},      // lower-case x
      {"'11010519491231002X", "11010519491231002X"},     // leading apostrophe (Excel text)
      {"１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"},  // full-width digits
      {"\xE3\x80\x80" "11010519491231002X", "11010519491231002X"},  // ideographic space
      {"110105491231002", "11010519491231002X"},         // 15-digit legacy number
      {"'110105491231002 ", "11010519491231002X"},
  };
  for (const auto& c : cases) {
    auto id = CitizenId::Parse(c.input);
    ASSERT_TRUE(id) << c.input << ": " << id.error().message();
    EXPECT_EQ(id->value(), c.normalized) << c.input;
    EXPECT_EQ(CitizenId::Normalize(c.input), c.normalized) << c.input;
  }
}

struct RejectCase {
  const char* input;
  IdErrorKind kind;
};

// spec/rules.md "Identity check": the region prefix is not part of the check.
TEST(CitizenIdTest, AcceptsResidencePermitAndForeignerPrefixes) {
  for (const char* text :
       {"810000199001010019", "820000200002290048", "830000198505050021", "930156197003030035"}) {
    auto id = CitizenId::Parse(text);
    ASSERT_TRUE(id) << text << ": " << id.error().message();
    EXPECT_EQ(id->value(), text);
  }
  EXPECT_EQ(CitizenId::Parse("830000198505050021")->birth_date().ToString(), "1985-05-05");
  EXPECT_EQ(CitizenId::Classify("830000198505050022"), IdErrorKind::kBadCheckDigit);
}

TEST(CitizenIdTest, RejectsEachKindOfBadNumberWithItsOwnReason) {
  const RejectCase cases[] = {
      {"", IdErrorKind::kEmpty},
      {"   ", IdErrorKind::kEmpty},
      {"1.10101E+17", IdErrorKind::kExcelMangled},
      {"1.10105E17", IdErrorKind::kExcelMangled},
      {"110105194912310000", IdErrorKind::kExcelMangled},  // Excel zeroed the last three digits
      {"1101051949123100", IdErrorKind::kBadLength},
      {"11010519491231002XX", IdErrorKind::kBadLength},
      {"1101051949123100AX", IdErrorKind::kBadCharacter},
      {"11010519491231002Y", IdErrorKind::kBadCharacter},
      {"110105194913310021", IdErrorKind::kBadBirthDate},  // month 13
      {"110105194902300020", IdErrorKind::kBadBirthDate},  // 30 February
      {"110105194912310021", IdErrorKind::kBadCheckDigit},
      {"440524188001010015", IdErrorKind::kBadCheckDigit},
  };
  for (const auto& c : cases) {
    EXPECT_FALSE(CitizenId::Parse(c.input)) << c.input;
    EXPECT_EQ(CitizenId::Classify(c.input), c.kind) << c.input;
  }
}

TEST(CitizenIdTest, ExcelErrorTellsTheUserToReExportAsText) {
  auto id = CitizenId::Parse("1.10101E+17");
  ASSERT_FALSE(id);
  EXPECT_NE(id.error().message().find("Excel"), std::string::npos);
  EXPECT_NE(id.error().message().find("文本"), std::string::npos);
  EXPECT_NE(id.error().message().find("1.10101E+17"), std::string::npos);
}

TEST(CitizenIdTest, NormalizeKeepsAnInvalidNumberAsWritten) {
  EXPECT_EQ(CitizenId::Normalize(" 110105194912310021 "), "110105194912310021");
  EXPECT_EQ(CitizenId::Normalize("abc"), "ABC");
}

TEST(CitizenIdTest, CheckCharacterMatchesTheStandard) {
  EXPECT_EQ(CitizenId::CheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(CitizenId::CheckCharacter("44052418800101001"), '4');
}

TEST(CitizenIdTest, MasksBirthDateForStaffAndAlmostAllForThePublic) {
  auto id = CitizenId::Parse("11010519491231002X");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->Masked(), "110105********002X");
  EXPECT_EQ(id->MaskedPublic(), "1****************X");
}

}  // namespace
}  // namespace qf
