// Field validators for JSON requests.
#include "casework/internal/json_fields.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/strings.h"

namespace qf::casework::internal {

std::string JoinPath(std::string_view path, std::string_view field) {
  if (path.empty()) return std::string(field);
  return fmt::format("{}.{}", path, field);
}

Error FieldError(std::string_view field, std::string message) {
  return Error(ErrorCode::kInvalidArgument, fmt::format("字段 {}：{}", field, message))
      .WithField(std::string(field));
}

std::size_t CountChars(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

namespace {

std::string_view TypeName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "对象";
    case Json::value_t::array:
      return "数组";
    case Json::value_t::string:
      return "字符串";
    case Json::value_t::boolean:
      return "布尔值";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "整数";
    case Json::value_t::number_float:
      return "小数";
    default:
      return "其他类型";
  }
}

const Json* Lookup(const Json& body, std::string_view field) {
  if (!body.is_object()) return nullptr;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<void> RequireObject(const Json& body, std::string_view path) {
  if (body.is_object()) return {};
  return std::unexpected(FieldError(path.empty() ? "(body)" : path,
                                    fmt::format("应为 JSON 对象，实际是{}", TypeName(body))));
}

Result<std::optional<std::string>> GetOptionalString(const Json& body, std::string_view field,
                                                     std::size_t max_chars, std::string_view path) {
  std::string name = JoinPath(path, field);
  const Json* value = Lookup(body, field);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) {
    return std::unexpected(FieldError(name, fmt::format("应为字符串，实际是{}", TypeName(*value))));
  }
  std::string text(TrimSpaces(value->get_ref<const std::string&>()));
  if (text.empty()) return std::optional<std::string>();
  if (std::size_t n = CountChars(text); n > max_chars) {
    return std::unexpected(
        FieldError(name, fmt::format("长度 {} 个字符，超过上限 {} 个字符", n, max_chars)));
  }
  return std::optional<std::string>(std::move(text));
}

Result<std::string> GetString(const Json& body, std::string_view field, std::size_t max_chars,
                              std::string_view path) {
  auto value = GetOptionalString(body, field, max_chars, path);
  if (!value) return std::unexpected(value.error());
  if (!*value) return std::unexpected(FieldError(JoinPath(path, field), "必填，不能为空"));
  return std::move(**value);
}

Result<std::string> GetChoice(const Json& body, std::string_view field,
                              std::span<const std::string_view> allowed, std::string_view path) {
  auto value = GetString(body, field, kMaxTitle, path);
  if (!value) return std::unexpected(value.error());
  for (std::string_view option : allowed) {
    if (*value == option) return *value;
  }
  return std::unexpected(
      FieldError(JoinPath(path, field),
                 fmt::format("'{}' 不是可选值，应为：{}", *value, fmt::join(allowed, "、"))));
}

Result<int64_t> GetInt(const Json& body, std::string_view field, int64_t min, int64_t max,
                       std::optional<int64_t> fallback, std::string_view path) {
  std::string name = JoinPath(path, field);
  const Json* value = Lookup(body, field);
  if (value == nullptr) {
    if (fallback) return *fallback;
    return std::unexpected(FieldError(name, "必填"));
  }
  if (!value->is_number_integer()) {
    return std::unexpected(FieldError(name, fmt::format("应为整数，实际是{}", TypeName(*value))));
  }
  if (value->is_number_unsigned() && value->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return std::unexpected(FieldError(name, "数值过大"));
  }
  int64_t n = value->get<int64_t>();
  if (n < min || n > max) {
    return std::unexpected(FieldError(name, fmt::format("{} 超出范围 {}..{}", n, min, max)));
  }
  return n;
}

Result<bool> GetBool(const Json& body, std::string_view field, bool fallback,
                     std::string_view path) {
  const Json* value = Lookup(body, field);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) {
    return std::unexpected(FieldError(
        JoinPath(path, field), fmt::format("应为 true 或 false，实际是{}", TypeName(*value))));
  }
  return value->get<bool>();
}

Result<Date> GetDate(const Json& body, std::string_view field, std::optional<Date> not_before,
                     std::string_view path) {
  std::string name = JoinPath(path, field);
  auto text = GetString(body, field, 40, path);
  if (!text) return std::unexpected(text.error());
  auto date = Date::Parse(*text);
  if (!date) return std::unexpected(FieldError(name, date.error().message()));
  if (not_before && *date < *not_before) {
    return std::unexpected(FieldError(name, fmt::format("{} 早于今天（{}），期限不能设在过去",
                                                        date->ToString(), not_before->ToString())));
  }
  return *date;
}

Result<Json> GetArray(const Json& body, std::string_view field, std::size_t max_items,
                      bool required, std::string_view path) {
  std::string name = JoinPath(path, field);
  const Json* value = Lookup(body, field);
  if (value == nullptr) {
    if (required) return std::unexpected(FieldError(name, "必填，至少一项"));
    return Json::array();
  }
  if (!value->is_array()) {
    return std::unexpected(FieldError(name, fmt::format("应为数组，实际是{}", TypeName(*value))));
  }
  if (value->size() > max_items) {
    return std::unexpected(
        FieldError(name, fmt::format("共 {} 项，超过上限 {} 项", value->size(), max_items)));
  }
  if (required && value->empty()) return std::unexpected(FieldError(name, "必填，至少一项"));
  return *value;
}

Result<Json> GetAttachments(const Json& body, std::string_view field) {
  auto items = GetArray(body, field, 50, false);
  if (!items) return std::unexpected(items.error());
  Json out = Json::array();
  for (std::size_t i = 0; i < items->size(); ++i) {
    std::string path = fmt::format("{}[{}]", field, i);
    const Json& item = (*items)[i];
    if (auto ok = RequireObject(item, path); !ok) return std::unexpected(ok.error());
    auto name = GetString(item, "name", kMaxTitle, path);
    if (!name) return std::unexpected(name.error());
    auto ref = GetString(item, "ref", kMaxShortText, path);
    if (!ref) return std::unexpected(ref.error());
    out.push_back({{"name", *name}, {"ref", *ref}});
  }
  return out;
}

}  // namespace qf::casework::internal
