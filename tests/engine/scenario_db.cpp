#include "scenario_db.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/date.h"
#include "ingest/importer.h"
#include "store/migrations.h"
#include "support/test_store.h"

namespace qf::engine::testing {

std::filesystem::path ScenarioRoot() { return QF_ENGINE_SCENARIOS; }

std::vector<std::string> ListScenarios() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(ScenarioRoot())) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Scenario LoadScenario(const std::string& name) {
  Scenario sc;
  const auto dir = ScenarioRoot() / name;
  auto db = store::Open(test_support::TestStoreUrl());
  EXPECT_TRUE(db.has_value()) << db.error().message();
  if (!db) return sc;
  auto migrated = store::Migrate(**db);
  EXPECT_TRUE(migrated.has_value()) << migrated.error().message();
  ingest::ImportOptions import_options;
  import_options.imported_by = "test";
  auto report = ingest::ImportPaths(**db, {dir.string()}, import_options);
  EXPECT_TRUE(report.has_value()) << report.error().message();
  if (!report) return sc;
  for (const auto& t : report->tables) {
    std::string errors;
    for (const auto& e : t.errors) errors += ingest::DescribeRowError(e) + "\n";
    EXPECT_NE(t.outcome, ingest::TableOutcome::kRefused) << t.file << "\n" << errors;
    EXPECT_NE(t.outcome, ingest::TableOutcome::kFailed) << t.file << ": " << t.file_error;
  }
  if (!report->AllApplied()) return sc;

  std::ifstream settings(dir / "scenario.txt");
  for (std::string line; std::getline(settings, line);) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "as_of") {
      auto d = Date::Parse(value);
      EXPECT_TRUE(d.has_value()) << value;
      if (d) sc.options.as_of = d->days();
    } else if (key == "rules") {
      std::stringstream list(value);
      for (std::string id; std::getline(list, id, ',');) sc.options.rules.push_back(id);
    } else if (key == "skipped") {
      std::stringstream list(value);
      for (std::string id; std::getline(list, id, ',');) sc.skipped.insert(id);
    }
  }
  auto thresholds = LoadThresholds(dir / "rules.toml");
  EXPECT_TRUE(thresholds.has_value());
  if (thresholds) sc.options.thresholds = *thresholds;
  sc.db = std::move(*db);
  return sc;
}

}  // namespace qf::engine::testing
