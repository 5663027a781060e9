// How names appear on the public pages: one function, one policy per deployment.
//
//   MaskName("张三丰", MaskPolicy::kMiddle)   == "张*丰"
//   MaskName("张三", MaskPolicy::kMiddle)     == "张*"
//   MaskName("欧阳娜娜", MaskPolicy::kMiddle) == "欧**娜"
//   MaskName("张三丰", MaskPolicy::kSurnameOnly) == "张**"
//
// Characters are Unicode code points of UTF-8 text; the separator "·" of minority names counts as
// a character. ID numbers never reach a public page at all, so there is no masking for them here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qf::web {

enum class MaskPolicy {
  kMiddle,       // first and last character kept, the middle masked; two characters: 张*
  kSurnameOnly,  // first character kept, the rest masked
  kFull,         // every character masked
};

std::string MaskName(std::string_view name, MaskPolicy policy);

// "middle" / "surname" / "full"; nullopt for anything else.
std::optional<MaskPolicy> ParseMaskPolicy(std::string_view text);

}  // namespace qf::web
