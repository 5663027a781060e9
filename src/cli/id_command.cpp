// `qingfeng id NUMBER...`: validates ID numbers and prints what they encode, or why they are invalid.
#include <fmt/format.h>

#include "cli/commands.h"
#include "core/citizen_id.h"
#include "core/region_code.h"

namespace qf::cli {
namespace {

// Returns true when every number was valid.
bool PrintIds(const std::vector<std::string>& numbers) {
  bool all_valid = true;
  for (const std::string& number : numbers) {
    auto id = CitizenId::Parse(number);
    if (!id) {
      all_valid = false;
      fmt::print(stderr, "{}\t无效：{}\n", number, id.error().message());
      continue;
    }
    auto region = RegionCode::Parse(id->region());
    fmt::print("{}\t有效\n  标准形式：{}\n  行政区划：{}（{}）\n  出生日期：{}\n  性别：{}\n  脱敏显示：{}\n",
               number, id->value(), id->region(), region ? region->ProvinceName() : "",
               id->birth_date().ToString(), id->sex() == Sex::kMale ? "男" : "女", id->Masked());
  }
  return all_valid;
}

}  // namespace

void AddIdCommand(CLI::App& app, GlobalOptions& /*global*/) {
  auto* cmd = app.add_subcommand("id", "校验身份证号（GB 11643）：标准形式、地址码、出生日期、性别");
  auto numbers = std::make_shared<std::vector<std::string>>();
  cmd->add_option("NUMBER", *numbers, "一个或多个身份证号")->required();
  cmd->callback([numbers]() {
    if (!PrintIds(*numbers)) throw ExitWith(kExitRefused);
  });
}

}  // namespace qf::cli
