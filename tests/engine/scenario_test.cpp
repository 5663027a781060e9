// Runs every scenario folder under tests/engine/scenarios: imports its tables, runs the rules and
// demands exactly the findings of its expected.csv (rule and key fields), no more, no fewer.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "core/layout_controls.h"
#include "engine/check.h"
#include "scenario_db.h"

namespace qf::engine {
namespace {

std::string KeyLine(const Finding& f) {
  return f.rule + "," + f.id_number + "," + f.program_code + "," + f.period + "," +
         f.account_no + "," + f.ref;
}

std::set<std::string> ReadExpected(const std::filesystem::path& file) {
  std::set<std::string> keys;
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) keys.insert(line);
  }
  return keys;
}

class ScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioTest, FindsExactlyTheExpectedFindings) {
  auto sc = testing::LoadScenario(GetParam());
  ASSERT_NE(sc.db, nullptr);
  sc.options.record = false;
  sc.options.threads = 2;
  auto report = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  std::set<std::string> got;
  std::string evidence;
  for (const Finding& f : report->evaluation.findings) {
    got.insert(KeyLine(f));
    evidence += KeyLine(f) + "  " + f.evidence + "\n";
  }
  const auto want = ReadExpected(testing::ScenarioRoot() / GetParam() / "expected.csv");
  for (const auto& k : want) EXPECT_TRUE(got.contains(k)) << "missing: " << k;
  for (const auto& k : got) EXPECT_TRUE(want.contains(k)) << "unexpected: " << k;
  if (HasFailure()) ADD_FAILURE() << "all findings:\n" << evidence;
}

// The boundary review: a rule whose tables are absent or header-only is skipped, and the check
// says so and why; every other rule runs.
TEST_P(ScenarioTest, SkipsExactlyTheRulesWithoutData) {
  auto sc = testing::LoadScenario(GetParam());
  ASSERT_NE(sc.db, nullptr);
  sc.options.record = false;
  auto report = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  std::set<std::string> skipped;
  for (const RuleSummary& r : report->evaluation.rules) {
    if (r.skipped.empty()) continue;
    skipped.insert(r.rule);
    EXPECT_NE(r.skipped.find("只有表头"), std::string::npos) << r.rule << ": " << r.skipped;
  }
  EXPECT_EQ(skipped, sc.skipped);
}

// The boundary review: evidence is one line, whatever the names and texts hold.
TEST_P(ScenarioTest, EvidenceIsOneLine) {
  auto sc = testing::LoadScenario(GetParam());
  ASSERT_NE(sc.db, nullptr);
  sc.options.record = false;
  auto report = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  for (const Finding& f : report->evaluation.findings) {
    EXPECT_FALSE(FindLayoutControl(f.evidence).has_value()) << KeyLine(f) << ": " << f.evidence;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioTest, ::testing::ValuesIn(testing::ListScenarios()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace qf::engine
