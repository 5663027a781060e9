#include "documents/internal/render.h"

#include <fmt/format.h>

#include <kainjow/mustache.hpp>

#include "core/clock.h"
#include "core/result_macros.h"
#include "documents/formal_text.h"
#include "store/query.h"

namespace qf::documents::internal {
namespace {

namespace mst = kainjow::mustache;
using Json = nlohmann::json;

// JSON to mustache data; "" and null are false so that {{#field}} skips an empty field.
mst::data ToData(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, ToData(v));
      return d;
    }
    case Json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& v : j) d.push_back(ToData(v));
      return d;
    }
    case Json::value_t::string:
      if (j.get_ref<const std::string&>().empty()) return mst::data(mst::data::type::bool_false);
      return mst::data(j.get<std::string>());
    case Json::value_t::boolean:
      return mst::data(j.get<bool>() ? mst::data::type::bool_true : mst::data::type::bool_false);
    case Json::value_t::null:
      return mst::data(mst::data::type::bool_false);
    default:
      return mst::data(j.dump());
  }
}

std::string Str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// [{name, id_number, position, ...}] as the template sees them, and their names joined with 、.
std::pair<Json, std::string> People(const Json& list) {
  Json people = Json::array();
  std::string names;
  for (const Json& p : list) {
    people.push_back({{"name", Str(p, "name")},
                      {"id_number", Str(p, "id_number")},
                      {"position", Str(p, "position")},
                      {"outcome", Str(p, "outcome")}});
    names += (names.empty() ? "" : "、") + Str(p, "name");
  }
  return {people, names};
}

Result<Json> ClueContext(store::Database& db, const Json& clue) {
  QF_ASSIGN_OR_RETURN(std::string unit, UnitName(db, Str(clue, "unit")));
  auto [subjects, names] = People(clue.value("subjects", Json::array()));
  int64_t amount = clue.value("amount", int64_t{0});
  return Json{{"clue",
               {{"id", std::to_string(clue.value("id", int64_t{0}))},
                {"title", Str(clue, "title")},
                {"summary", Str(clue, "summary")},
                {"source", Str(clue, "source")},
                {"domain", Str(clue, "domain")},
                {"disposal", Str(clue, "disposal")},
                {"unit", unit},
                {"created_date", ChineseDateOf(Str(clue, "created_at"))}}},
              {"subjects", subjects},
              {"subject_names", names},
              {"has_amount", amount > 0},
              {"amount", fmt::format("{}.{:02}元", amount / 100, amount % 100)}};
}

Result<Json> CaseContext(store::Database& db, const Json& item) {
  QF_ASSIGN_OR_RETURN(std::string unit, UnitName(db, Str(item, "unit")));
  auto [persons, names] = People(item.value("persons", Json::array()));
  int64_t clue_id = item.value("clue_id", int64_t{0});
  return Json{{"case",
               {{"id", std::to_string(item.value("id", int64_t{0}))},
                {"title", Str(item, "title")},
                {"domain", Str(item, "domain")},
                {"unit", unit},
                {"clue_id", clue_id > 0 ? std::to_string(clue_id) : ""},
                {"filed_date", ChineseDateOf(Str(item, "filed_at"))}}},
              {"persons", persons},
              {"person_names", names}};
}

}  // namespace

std::string ChineseDateOf(const std::string& iso_utc) {
  auto date = Date::Parse(BeijingMinute(iso_utc).substr(0, 10));
  return date ? ChineseDate(*date) : "";
}

Result<Json> ItemContext(store::Database& db, std::string_view entity, const Json& item) {
  return entity == "clue" ? ClueContext(db, item) : CaseContext(db, item);
}

Result<std::string> DisplayName(store::Database& db, std::string_view username) {
  QF_ASSIGN_OR_RETURN(auto name, store::QueryText(db,
                                                  "SELECT display_name FROM users WHERE "
                                                  "username = ?",
                                                  username));
  return name && !name->empty() ? *name : std::string(username);
}

Result<std::string> UnitName(store::Database& db, std::string_view code) {
  QF_ASSIGN_OR_RETURN(auto name,
                      store::QueryText(db, "SELECT name FROM units WHERE code = ?", code));
  return name ? *name : std::string(code);
}

Result<void> CheckTemplate(std::string_view text) {
  mst::mustache parsed{std::string(text)};
  if (!parsed.is_valid()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("模板有误：{}", parsed.error_message()));
  }
  return {};
}

Result<std::string> RenderText(std::string_view text, const Json& context) {
  mst::mustache parsed{std::string(text)};
  parsed.set_custom_escape([](const std::string& s) { return s; });
  std::string out = parsed.is_valid() ? parsed.render(ToData(context)) : "";
  if (!parsed.is_valid()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("模板有误：{}", parsed.error_message()));
  }
  return out;
}

}  // namespace qf::documents::internal
