// `qingfeng demo [--persons N]`: the newcomer's one command — synth, init, import, check, serve.
// Until every stage exists it runs the stages that do and says which are not built yet.
#include <fmt/format.h>

#include "cli/commands.h"

namespace qf::cli {

void AddDemoCommand(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("demo", "生成演示区县数据，建库、导入、比对，然后启动网页服务");
  auto persons = std::make_shared<int>(20000);
  cmd->add_option("--persons", *persons, "演示人口数（默认 20000）");
  cmd->callback([persons, &global]() {
    fmt::print(stderr, "演示：数据库 {}，人口 {}\n", global.db_url, *persons);
    fmt::print(stderr, "演示流程（生成 → 建库 → 导入 → 比对 → 网页）尚未全部实现。\n");
  });
}

}  // namespace qf::cli
