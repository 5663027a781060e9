// What the casework pages need to show records as staff read them: unit and user names for the
// codes and login names the service returns, Chinese labels for every stored code, Beijing
// minutes for ISO UTC times, the 流转记录 timeline of an item from the audit log, and a service
// error as the message beside the form that caused it (Chinese field labels, never `due_date`).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace qf::web::internal {

using Json = nlohmann::json;

// Unit names by code and display names by login name, read once per page.
//   Names names = Names::Load(db);
//   names.Unit("procuratorate");  // "区人民检察院"
//   names.User("chengban");       // "承办人 王强"
class Names {
 public:
  static Names Load(store::Database& db);
  // The unit's name; the code itself when unknown, "" for "".
  std::string Unit(std::string_view code) const;
  // The user's display name; the login name when unknown (an actor like "码上行动" or "cli").
  std::string User(std::string_view username) const;
  // External organs (公安, 检察, 法院 ...) as {code, name, selected} options.
  Json ExternalUnits(std::string_view selected) const;
  // Every unit but the external organs, as {code, name, selected} options.
  Json InternalUnits(std::string_view selected) const;

 private:
  struct UnitInfo {
    std::string code, name, kind;
  };
  std::vector<UnitInfo> units_;  // in code order
  std::map<std::string, std::string, std::less<>> unit_names_;
  std::map<std::string, std::string, std::less<>> user_names_;
};

// "2026-12-06T02:42:19Z" → "2026-12-06 10:42"; "" stays "", a date stays as it is.
std::string ShownTime(std::string_view iso_utc);

// Chinese label of a state code of `kind` ("clue", "case", "transfer", "rectification",
// "assignment"); the code itself when unknown.
std::string StateLabel(std::string_view kind, std::string_view code);
// 移出（移送政法机关） / 移入（政法机关移来）.
std::string DirectionLabel(std::string_view direction);
// The label of a form or API field ("due_date" → "整改期限", "clue.title" → "线索标题").
std::string FieldLabel(std::string_view field);
// The message of a refused step as shown beside its form: "字段 due_date：日期无效" becomes
// "整改期限：日期无效".
std::string FormMessage(const Error& error);

// The Chinese label of an audit-log action ("case.close" → "审批结案"), from the one table of
// them that the 流转记录 and the audit administrator's log both read; the code itself when
// unknown. tests/web/casework_view_test.cpp checks that every action written in src/ has one.
std::string ActionLabel(std::string_view action);
bool HasActionLabel(std::string_view action);

// One step of the 流转记录: when, who, what, and the note or opinion written with it.
// `entities` are (entity, id) pairs, e.g. {"clue", "17"} and each {"assignment", "4"} of it;
// their entries are merged in the log's order.
Result<Json> Timeline(store::Database& db, const Names& names,
                      const std::vector<std::pair<std::string, std::string>>& entities);

// {value, label, selected} options for a <select>: `values` as they are sent, `labels` as shown
// (the values themselves when `labels` is empty).
Json SelectOptions(const std::vector<std::string>& values, const std::vector<std::string>& labels,
                   std::string_view selected);

}  // namespace qf::web::internal
