// CitizenId: the 18-character resident ID number of GB 11643 (公民身份号码).
//
//   auto id = qf::CitizenId::Parse(" 11010519491231002x ");
//   id->value()       == "11010519491231002X"
//   id->region()      == "110105"
//   id->birth_date()  == 1949-12-31
//   id->sex()         == Sex::kFemale
//   id->Masked()      == "110105********002X"
//
// Parse accepts what spec/dataset.md accepts: surrounding spaces, full-width digits, a leading
// apostrophe, lower-case x, and 15-digit legacy numbers (century 19 added, check digit computed).
// It never guesses an ID that Excel turned into a number: that is IdErrorKind::kExcelMangled.
// The check is GB 11643's alone (spec/rules.md "Identity check"): 18 characters, 17 digits, a real
// birth date and the right check character. The region prefix is not checked, so 81/82/83
// (港澳台居民居住证) and 9x (外国人永久居留身份证) numbers are valid.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace qf {

enum class Sex { kMale, kFemale };

enum class IdErrorKind {
  kEmpty,
  kExcelMangled,   // scientific notation, or an 18-digit number ending in zeros failing the check
  kBadLength,      // not 15 or 18 characters
  kBadCharacter,   // a non-digit (other than a final X)
  kBadRegion,      // unused since the boundary review: the region prefix is not checked
  kBadBirthDate,   // birth date part is not a real date
  kBadCheckDigit,  // the GB 11643 check digit does not match
};

class CitizenId {
 public:
  // Parses and validates. The error message is in Chinese and names the value and the reason.
  static Result<CitizenId> Parse(std::string_view text);
  // Like Parse, but reports which rule failed.
  static IdErrorKind Classify(std::string_view text);

  // The normalisation of spec/rules.md R11 applied to any text, valid or not: trimmed, NFKC-like
  // full-width → half-width digits and letters, leading apostrophe dropped, upper case, a 15-digit
  // all-digit number converted to 18. For a valid ID this equals Parse(text)->value().
  static std::string Normalize(std::string_view text);

  // The GB 11643 check character ('0'..'9' or 'X') of the first 17 digits.
  static char CheckCharacter(std::string_view first17);

  const std::string& value() const { return value_; }
  std::string region() const { return value_.substr(0, 6); }
  Date birth_date() const { return birth_date_; }
  Sex sex() const { return sex_; }

  // Staff display: first 6 and last 4 characters, the birth date masked: 110105********002X.
  std::string Masked() const;
  // Public pages display: first 1 and last 1 characters only: 1****************X.
  std::string MaskedPublic() const;

  friend bool operator==(const CitizenId& a, const CitizenId& b) { return a.value_ == b.value_; }

 private:
  CitizenId(std::string value, Date birth, Sex sex)
      : value_(std::move(value)), birth_date_(birth), sex_(sex) {}
  std::string value_;
  Date birth_date_;
  Sex sex_ = Sex::kMale;
};

// Message for an IdErrorKind, naming `text` (Chinese).
std::string DescribeIdError(IdErrorKind kind, std::string_view text);

}  // namespace qf
