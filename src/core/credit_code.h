// CreditCode: the 18-character unified social credit code of GB 32100 (统一社会信用代码).
// Character set 0-9 A-Z without I, O, Z, S, V; the 18th character is a weighted mod-31 check.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace qf {

class CreditCode {
 public:
  // Trims, upper-cases, validates the alphabet, the region part and the check character.
  static Result<CreditCode> Parse(std::string_view text);
  // The check character of the first 17 characters (which must be in the alphabet).
  static char CheckCharacter(std::string_view first17);

  const std::string& value() const { return value_; }

 private:
  explicit CreditCode(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

}  // namespace qf
