// Encoding detection and conversion to UTF-8. Department files arrive as UTF-8 (with or without a
// byte-order mark) or GB18030; we detect which, never ask.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::text {

enum class Encoding { kUtf8, kUtf8Bom, kGb18030 };

// Decides from a sample (the first few hundred KB of a file): a UTF-8 BOM → kUtf8Bom; bytes that
// are valid UTF-8 → kUtf8 (a sample cut inside a multi-byte sequence still counts as valid);
// otherwise kGb18030.
Encoding DetectEncoding(std::string_view sample);
std::string_view EncodingName(Encoding e);  // "UTF-8", "UTF-8 (BOM)", "GB18030"

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Converts GB18030 bytes to UTF-8 (ICU). Fails on byte sequences that are not GB18030.
Result<std::string> Gb18030ToUtf8(std::string_view bytes);
// UTF-8 to GB18030 (used to write test files and --noise synthetic files).
Result<std::string> Utf8ToGb18030(std::string_view utf8);

}  // namespace qf::text
