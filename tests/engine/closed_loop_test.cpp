// The closed loop (new → present → gone, reviews surviving re-runs), determinism across thread
// counts, and rules skipped for missing tables.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "engine/check.h"
#include "engine/findings_store.h"
#include "engine/snapshot.h"
#include "ingest/importer.h"
#include "scenario_db.h"

namespace qf::engine {
namespace {

const Finding* FindByRule(const std::vector<Finding>& fs, std::string_view rule,
                          std::string_view program) {
  for (const Finding& f : fs) {
    if (f.rule == rule && f.program_code == program) return &f;
  }
  return nullptr;
}

TEST(ClosedLoopTest, FindingIsNewThenPresentThenGone) {
  auto sc = testing::LoadScenario("r01_deceased");
  ASSERT_NE(sc.db, nullptr);
  auto first = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  ASSERT_EQ(first->evaluation.findings.size(), 2u);
  for (const Finding& f : first->evaluation.findings) EXPECT_EQ(f.status, "new");
  EXPECT_EQ(first->evaluation.rules[0].new_findings, 2);

  auto second = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->run_id, first->run_id + 1);
  for (const Finding& f : second->evaluation.findings) EXPECT_EQ(f.status, "present");
  EXPECT_EQ(second->evaluation.rules[0].new_findings, 0);

  // The district stops paying the deceased I: that finding disappears.
  ASSERT_TRUE(sc.db->Execute("DELETE FROM payments WHERE program_code = 'JY'").has_value());
  auto third = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->evaluation.findings.size(), 1u);
  EXPECT_EQ(third->evaluation.rules[0].gone_findings, 1);
  auto current = CurrentFindings(*sc.db);
  ASSERT_TRUE(current.has_value());
  ASSERT_EQ(current->size(), 1u);
  EXPECT_EQ((*current)[0].program_code, "DB");
  EXPECT_EQ((*current)[0].status, "present");
}

// A corrected registry delivered as a full extract (`import --replace`) retracts the death record
// it no longer holds; the R01 finding that record caused is gone at the next comparison.
TEST(ClosedLoopTest, DeathRecordRetractedByAFullExtractMakesItsFindingGone) {
  auto sc = testing::LoadScenario("r01_deceased");
  ASSERT_NE(sc.db, nullptr);
  auto first = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  const Finding* retracted = FindByRule(first->evaluation.findings, "R01", "JY");
  ASSERT_NE(retracted, nullptr);
  const std::string id = retracted->id_number;

  // The civil registry's corrected extract: every death record but that person's.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("qf-replace-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ifstream in(std::string(QF_ENGINE_SCENARIOS) + "/r01_deceased/deaths.csv");
  std::ofstream out(dir / "deaths.csv");
  int removed_lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(id)) {
      ++removed_lines;
      continue;
    }
    out << line << "\n";
  }
  out.close();
  ASSERT_EQ(removed_lines, 1);
  ingest::ImportOptions options;
  options.replace = true;
  auto imported = ingest::ImportPaths(*sc.db, {(dir / "deaths.csv").string()}, options);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(imported.has_value()) << imported.error().message();
  ASSERT_TRUE(imported->AllApplied());
  EXPECT_EQ(imported->tables[0].rows_removed, 1);

  auto second = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(FindByRule(second->evaluation.findings, "R01", "JY"), nullptr);
  EXPECT_EQ(second->evaluation.rules[0].gone_findings, 1);
  auto current = CurrentFindings(*sc.db);
  ASSERT_TRUE(current.has_value());
  for (const Finding& f : *current) EXPECT_NE(f.id_number, id);
}

TEST(ClosedLoopTest, DismissedFindingSurvivesAndIsNotNewWhenItReappears) {
  auto sc = testing::LoadScenario("r01_deceased");
  ASSERT_NE(sc.db, nullptr);
  auto first = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(first.has_value());
  const Finding* jy = FindByRule(first->evaluation.findings, "R01", "JY");
  ASSERT_NE(jy, nullptr);
  const std::string fingerprint = jy->fingerprint;
  ASSERT_TRUE(ReviewFinding(*sc.db, fingerprint, "dismissed", "死亡日期登记有误", "reviewer"));
  EXPECT_FALSE(ReviewFinding(*sc.db, fingerprint, "maybe", "", "reviewer").has_value());
  EXPECT_FALSE(ReviewFinding(*sc.db, "no-such", "confirmed", "", "reviewer").has_value());

  // Gone, then back.
  ASSERT_TRUE(sc.db->Execute("CREATE TABLE saved AS SELECT * FROM payments WHERE "
                                "program_code = 'JY'").has_value());
  ASSERT_TRUE(sc.db->Execute("DELETE FROM payments WHERE program_code = 'JY'").has_value());
  ASSERT_TRUE(RunCheck(*sc.db, sc.options).has_value());
  ASSERT_TRUE(sc.db->Execute("INSERT INTO payments SELECT * FROM saved").has_value());
  auto back = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(back.has_value());
  const Finding* again = FindByRule(back->evaluation.findings, "R01", "JY");
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->fingerprint, fingerprint);
  EXPECT_EQ(again->review, "dismissed");
  EXPECT_EQ(again->status, "present");
  EXPECT_EQ(back->evaluation.rules[0].new_findings, 0);
}

TEST(ClosedLoopTest, RulesNotRunLeaveTheirFindingsAlone) {
  auto sc = testing::LoadScenario("r01_deceased");
  ASSERT_NE(sc.db, nullptr);
  ASSERT_TRUE(RunCheck(*sc.db, sc.options).has_value());
  CheckOptions other = sc.options;
  other.rules = {"R04"};
  ASSERT_TRUE(RunCheck(*sc.db, other).has_value());
  auto current = CurrentFindings(*sc.db);
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->size(), 2u);
}

// A background job's progress bar: one call per rule, skipped ones included, counting up to the
// total, then one as recording starts.
TEST(CheckProgressTest, HearsEveryRuleThenTheRecording) {
  auto sc = testing::LoadScenario("r04_paid_twice");  // no deaths table: R01 is skipped
  ASSERT_NE(sc.db, nullptr);
  sc.options.rules = {"R01", "R04"};
  sc.options.threads = 2;
  std::vector<CheckProgress> heard;
  sc.options.on_progress = [&](const CheckProgress& p) { heard.push_back(p); };
  ASSERT_TRUE(RunCheck(*sc.db, sc.options).has_value());
  ASSERT_EQ(heard.size(), 3u);
  EXPECT_EQ(heard[0].rules_done, 1);
  EXPECT_EQ(heard[1].rules_done, 2);
  EXPECT_EQ(heard[1].rules_total, 2);
  EXPECT_EQ(heard[2].stage, CheckProgress::Stage::kRecord);
}

TEST(DeterminismTest, OneThreadAndManyThreadsGiveIdenticalFindings) {
  for (const std::string& name : testing::ListScenarios()) {
    auto sc = testing::LoadScenario(name);
    ASSERT_NE(sc.db, nullptr) << name;
    auto snap = LoadSnapshot(*sc.db);
    ASSERT_TRUE(snap.has_value());
    auto all = RuleCatalogue();
    int32_t as_of = sc.options.as_of.value_or(DefaultAsOf(*snap));
    Evaluation one = Evaluate(*snap, all, sc.options.thresholds, as_of, 1);
    Evaluation many = Evaluate(*snap, all, sc.options.thresholds, as_of, 8);
    ASSERT_EQ(one.findings.size(), many.findings.size()) << name;
    for (size_t i = 0; i < one.findings.size(); ++i) {
      EXPECT_EQ(one.findings[i].rule, many.findings[i].rule);
      EXPECT_EQ(Fingerprint(one.findings[i]), Fingerprint(many.findings[i]));
      EXPECT_EQ(one.findings[i].amount, many.findings[i].amount);
      EXPECT_EQ(one.findings[i].evidence, many.findings[i].evidence);
    }
    EXPECT_TRUE(std::is_sorted(one.findings.begin(), one.findings.end(), FindingLess));
  }
}

TEST(SkippedRuleTest, RuleWithoutItsTableIsSkippedWithTheReason) {
  auto sc = testing::LoadScenario("r04_paid_twice");  // no deaths table
  ASSERT_NE(sc.db, nullptr);
  sc.options.rules = {"R01", "R04"};
  sc.options.record = false;
  auto report = RunCheck(*sc.db, sc.options);
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->evaluation.rules.size(), 2u);
  EXPECT_EQ(report->evaluation.rules[0].rule, "R01");
  EXPECT_EQ(report->evaluation.rules[0].skipped,
            "缺少 deaths 表的数据（未导入，或只有表头没有数据行），无可比对");
  EXPECT_TRUE(report->evaluation.rules[1].skipped.empty());
}

TEST(CheckTest, UnknownRuleIsAnError) {
  auto sc = testing::LoadScenario("r04_paid_twice");
  ASSERT_NE(sc.db, nullptr);
  sc.options.rules = {"R99"};
  EXPECT_FALSE(RunCheck(*sc.db, sc.options).has_value());
}

}  // namespace
}  // namespace qf::engine
