// Checks on what a request carries before any handler trusts it: a same-site redirect target, a
// path free of control characters, and the path as the access log may print it.
#pragma once

#include <string>
#include <string_view>

namespace qf::web::internal {

// `next` when it is a path on this site, else "/". A same-site path starts with one '/' and holds
// only visible ASCII other than '\': browsers drop tabs and newlines from a URL and read '\' as
// '/', so "/\t/evil.example" or "/\\evil.example" would leave the site.
std::string SafeNext(std::string_view next);

// True when the decoded path holds NUL or another control character (0x00-0x1F, 0x7F): no page
// has one, and passed on it could cut a file name or forge a log line.
bool HasControlCharacters(std::string_view path);

// The path with every byte outside visible ASCII percent-encoded, for one access-log line.
std::string LogSafePath(std::string_view path);

}  // namespace qf::web::internal
