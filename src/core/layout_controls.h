// Layout controls: the characters that change how a line of text is laid out instead of what it
// says — C0 and C1 control characters (line breaks, tabs, NUL, DEL, NEL …), the line and
// paragraph separators U+2028/U+2029, and the bidirectional marks, embeddings, overrides and
// isolates U+200E/U+200F, U+202A–U+202E, U+2066–U+2069. In a name they hide or reorder letters
// ("Trojan Source") or split a line of evidence; zero-width spaces (U+200B–U+200D, U+2060,
// U+FEFF) are not among them — name equality treats those as spaces.
//
//   FindLayoutControl("张\u202E三")->code_point == 0x202E
//   ReplaceLayoutControls("张\r\n三") == "张 三"
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qf {

struct LayoutControl {
  std::size_t offset = 0;  // byte offset in the text
  char32_t code_point = 0;
};

bool IsLayoutControl(char32_t code_point);

// The first layout control of UTF-8 `text`; bytes that are not valid UTF-8 are skipped one by one.
std::optional<LayoutControl> FindLayoutControl(std::string_view text);

// Every run of layout controls replaced by one space.
std::string ReplaceLayoutControls(std::string_view text);

// "U+202E".
std::string CodePointName(char32_t code_point);

}  // namespace qf
