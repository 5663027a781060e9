// The findings export format, fingerprints and the thresholds file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/finding.h"
#include "engine/thresholds.h"
#include "support/temp_dir.h"

namespace qf::engine {
namespace {

TEST(FindingCsvTest, WritesHeaderYuanAmountAndQuotesEvidence) {
  Finding f;
  f.rule = "R01";
  f.id_number = "110105195001011007";
  f.program_code = "DB";
  f.severity = Severity::kHigh;
  f.amount = 100050;
  f.evidence = "流水号 P1，\"冒领\", 共 1 笔";
  std::ostringstream out;
  WriteFindingsCsv(out, std::vector<Finding>{f});
  EXPECT_EQ(out.str(),
            "rule,id_number,program_code,period,account_no,ref,severity,amount,evidence\n"
            "R01,110105195001011007,DB,,,,高,1000.50,\"流水号 P1，\"\"冒领\"\", 共 1 笔\"\n");
}

TEST(FindingsCsvTest, TextThatASpreadsheetWouldRunIsQuoted) {
  Finding f;
  f.rule = "R01";
  f.id_number = "110105195001011007";
  f.ref = "=HYPERLINK(\"http://evil.example\")";
  f.severity = Severity::kHigh;
  f.amount = -100;  // a number the program formats stays a number
  f.evidence = "@SUM(1+1)";
  std::ostringstream out;
  WriteFindingsCsv(out, std::vector<Finding>{f});
  std::string csv = out.str();
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://evil.example\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'@SUM(1+1)\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",-1.00,"), std::string::npos) << csv;
}

TEST(FingerprintTest, DependsOnKeyOnlyAndIgnoresR09Ref) {
  Finding a;
  a.rule = "R01";
  a.id_number = "X";
  Finding b = a;
  b.amount = 5;
  b.evidence = "other";
  EXPECT_EQ(Fingerprint(a), Fingerprint(b));
  EXPECT_EQ(Fingerprint(a).size(), 32u);
  b.program_code = "DB";
  EXPECT_NE(Fingerprint(a), Fingerprint(b));
  Finding v;
  v.rule = "R09";
  v.ref = "vehicle";
  Finding p = v;
  p.ref = "property";
  EXPECT_EQ(Fingerprint(v), Fingerprint(p));
}

TEST(ThresholdsTest, MissingFileGivesDefaults) {
  auto t = LoadThresholds("/nonexistent/rules.toml");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->card_max_outsiders, 1);
  EXPECT_EQ(t->grace_days, 30);
  EXPECT_EQ(t->approval_threshold, 5'000'000);
  EXPECT_EQ(t->low_rent_ratio_bp, 5000);
  EXPECT_EQ(t->open_tender_threshold, 10'000'000);
}

TEST(ThresholdsTest, ReadsYuanAndRatios) {
  test_support::TempDir dir("qf_engine_rules");
  auto path = dir.path() / "rules.toml";
  std::ofstream(path) << "[thresholds]\ngrace_days = 45\napproval_threshold = 30000.5\n"
                         "low_rent_ratio = 0.6\n";
  auto t = LoadThresholds(path);
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ(t->grace_days, 45);
  EXPECT_EQ(t->approval_threshold, 3'000'050);
  EXPECT_EQ(t->low_rent_ratio_bp, 6000);
  EXPECT_EQ(t->split_window_days, 30);
  std::ofstream(path) << "[thresholds]\ngrace_days = \"soon\"\n";
  EXPECT_FALSE(LoadThresholds(path).has_value());
  std::filesystem::remove(path);
}

TEST(ThresholdsTest, ShippedConfigMatchesTheDefaults) {
  auto t = LoadThresholds(std::filesystem::path(QF_ENGINE_SCENARIOS) / "../../../config/rules.toml");
  ASSERT_TRUE(t.has_value()) << t.error().message();
  Thresholds d;
  EXPECT_EQ(t->card_max_outsiders, d.card_max_outsiders);
  EXPECT_EQ(t->grace_days, d.grace_days);
  EXPECT_EQ(t->split_window_days, d.split_window_days);
  EXPECT_EQ(t->approval_threshold, d.approval_threshold);
  EXPECT_EQ(t->low_rent_ratio_bp, d.low_rent_ratio_bp);
  EXPECT_EQ(t->open_tender_threshold, d.open_tender_threshold);
}

}  // namespace
}  // namespace qf::engine
