// Small byte-level string helpers shared by the core parsers (ASCII only; Unicode-aware text
// processing lives in the text subsystem).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qf {

// Removes ASCII whitespace and U+3000 (ideographic space) and U+00A0 at both ends.
std::string_view TrimSpaces(std::string_view s);
// Maps full-width ASCII forms (U+FF01..U+FF5E) to ASCII and U+3000 to a space; leaves the rest.
std::string HalfWidth(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool AllDigits(std::string_view s);
// The longest prefix of UTF-8 text `s` that has at most `max_bytes` bytes and does not end inside
// a multi-byte character (a byte cut would leave invalid UTF-8 that pages and JSON reject).
std::string_view Utf8Prefix(std::string_view s, std::size_t max_bytes);

}  // namespace qf
