// Test helper: a fresh in-memory store holding one scenario folder's tables, imported through
// the real importer, and the scenario's settings (scenario.txt: as_of=…, rules=R01,R02, and
// skipped=R01,R14 — the rules that must be skipped for want of data; lines without '=' are
// comments).
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/check.h"
#include "store/database.h"

namespace qf::engine::testing {

std::filesystem::path ScenarioRoot();
std::vector<std::string> ListScenarios();

struct Scenario {
  std::unique_ptr<store::Database> db;
  CheckOptions options;
  std::set<std::string> skipped;  // rules that must be skipped (no other rule may be)
};

// Fails the current test (and returns db == nullptr) when the folder does not import cleanly.
Scenario LoadScenario(const std::string& name);

}  // namespace qf::engine::testing
