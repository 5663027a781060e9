// Validation of JSON request bodies. Every failure is kInvalidArgument with Error::field() set to
// the offending field's path ("subjects[1].id_number") and a Chinese message naming it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace qf::casework::internal {

using Json = nlohmann::json;

// Text limits, in characters (code points).
constexpr std::size_t kMaxName = 50;
constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxShortText = 500;
constexpr std::size_t kMaxLongText = 10000;
constexpr std::size_t kMaxListItems = 200;

Error FieldError(std::string_view field, std::string message);
std::size_t CountChars(std::string_view utf8);

// Fails unless `body` is a JSON object.
Result<void> RequireObject(const Json& body, std::string_view path = "");

// A required non-blank string of at most `max_chars` characters, trimmed.
Result<std::string> GetString(const Json& body, std::string_view field, std::size_t max_chars,
                              std::string_view path = "");
// Absent or null → nullopt; otherwise as GetString (blank counts as absent).
Result<std::optional<std::string>> GetOptionalString(const Json& body, std::string_view field,
                                                     std::size_t max_chars,
                                                     std::string_view path = "");
// One of `allowed`.
Result<std::string> GetChoice(const Json& body, std::string_view field,
                              std::span<const std::string_view> allowed,
                              std::string_view path = "");
// An integer within [min, max]; absent → `fallback` when given, else an error.
Result<int64_t> GetInt(const Json& body, std::string_view field, int64_t min, int64_t max,
                       std::optional<int64_t> fallback = std::nullopt, std::string_view path = "");
Result<bool> GetBool(const Json& body, std::string_view field, bool fallback,
                     std::string_view path = "");
// A date in any accepted format; `not_before` refuses earlier dates ("in the past").
Result<Date> GetDate(const Json& body, std::string_view field, std::optional<Date> not_before,
                     std::string_view path = "");
// Absent/null → empty array; otherwise an array of at most `max_items` elements.
Result<Json> GetArray(const Json& body, std::string_view field, std::size_t max_items,
                      bool required, std::string_view path = "");
// Attachments: [{"name": ..., "ref": ...}], returned normalised.
Result<Json> GetAttachments(const Json& body, std::string_view field);
// "a" + "." + "b" / "a[1]" helpers for nested paths.
std::string JoinPath(std::string_view path, std::string_view field);

}  // namespace qf::casework::internal
