// RegionCode: a 6-digit administrative division code of GB/T 2260 (行政区划代码): two digits of
// province (11..82), two of prefecture, two of county. Structure only: the code list changes yearly.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace qf {

class RegionCode {
 public:
  static Result<RegionCode> Parse(std::string_view text);
  // True when `six` has the GB/T 2260 structure (a known province prefix, digits).
  static bool IsPlausible(std::string_view six);

  const std::string& value() const { return value_; }
  std::string province() const { return value_.substr(0, 2) + "0000"; }
  std::string prefecture() const { return value_.substr(0, 4) + "00"; }
  // Chinese name of the province ("北京市"), from the province prefix.
  std::string_view ProvinceName() const;

 private:
  explicit RegionCode(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

}  // namespace qf
