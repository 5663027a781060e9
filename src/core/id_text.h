// ID numbers inside free text (clue summaries, evidence, feedback): finding every valid GB 11643
// number so that it can be sealed (encrypted) before it is stored, or masked before it is shown.
//
//   ReplaceIdNumbers("张三（110105198001011238）", [](const CitizenId& id) { return id.Masked(); })
//     == "张三（110105********1238）"
//   FindIdNumbers("…110105198001011238…")   // {CitizenId for 110105198001011238}
//
// A candidate is 17 ASCII digits and a digit or X/x, not preceded or followed by another digit (an
// 19-digit bank account is not an ID number), that passes the GB 11643 check.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/citizen_id.h"

namespace qf {

// `text` with every valid ID number replaced by `replace(id)`.
std::string ReplaceIdNumbers(std::string_view text,
                             const std::function<std::string(const CitizenId&)>& replace);

// The valid ID numbers in `text`, in order of appearance (repeats kept).
std::vector<CitizenId> FindIdNumbers(std::string_view text);

}  // namespace qf
