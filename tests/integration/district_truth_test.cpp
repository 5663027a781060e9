// The acceptance test of the comparison engine: on the synthetic district (20,000 persons, with
// and without --noise; 5,000 persons at a real district's density) the findings equal the planted
// truth exactly — precision and recall 1.0 for every rule R01–R26.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "district_fixture.h"
#include "engine/check.h"

namespace qf {
namespace {

using Key =
    std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;

std::string RuleId(int n) { return n < 10 ? "R0" + std::to_string(n) : "R" + std::to_string(n); }

void ExpectFindingsEqualTruth(const testing::District& district) {
  auto db = testing::ImportDistrict(district.dir);
  ASSERT_NE(db, nullptr);
  auto report = engine::RunCheck(*db, engine::CheckOptions{});
  ASSERT_TRUE(report) << report.error().message();

  std::map<std::string, std::set<Key>> truth, found;
  for (const auto& row : testing::ReadCsv(district.dir / "truth.csv")) {
    truth[row.at("rule")].insert({row.at("rule"), row.at("id_number"), row.at("program_code"),
                                  row.at("period"), row.at("account_no"), row.at("ref")});
  }
  for (const auto& f : report->evaluation.findings) {
    // R09's ref is informative, not part of the key (spec/rules.md).
    found[f.rule].insert({f.rule, f.id_number, f.program_code, f.period, f.account_no,
                          f.rule == "R09" ? "" : f.ref});
  }
  for (int n = 1; n <= 26; ++n) {
    const std::string rule = RuleId(n);
    const auto& t = truth[rule];
    const auto& f = found[rule];
    EXPECT_FALSE(t.empty()) << rule << " has no planted problem";
    std::vector<Key> missed, extra;
    std::set_difference(t.begin(), t.end(), f.begin(), f.end(), std::back_inserter(missed));
    std::set_difference(f.begin(), f.end(), t.begin(), t.end(), std::back_inserter(extra));
    EXPECT_TRUE(missed.empty()) << rule << ": " << missed.size()
                                << " planted problems missed, e.g. " << std::get<1>(missed.front())
                                << " " << std::get<2>(missed.front()) << " "
                                << std::get<3>(missed.front()) << " " << std::get<4>(missed.front())
                                << " " << std::get<5>(missed.front());
    EXPECT_TRUE(extra.empty()) << rule << ": " << extra.size() << " findings not planted, e.g. "
                               << std::get<1>(extra.front()) << " " << std::get<2>(extra.front())
                               << " " << std::get<3>(extra.front()) << " "
                               << std::get<4>(extra.front()) << " " << std::get<5>(extra.front());
  }
}

TEST(DistrictTruthTest, CleanDistrictFindingsEqualTheTruthForEveryRule) {
  ExpectFindingsEqualTruth(testing::GetDistrict(20000, 7, /*noise=*/false));
}

TEST(DistrictTruthTest, NoisyDistrictFindingsEqualTheTruthForEveryRule) {
  ExpectFindingsEqualTruth(testing::GetDistrict(20000, 7, /*noise=*/true));
}

// The dense layer pays only people no rule can flag: the truth is the plants' alone.
TEST(DistrictTruthTest, DenseDistrictFindingsEqualTheTruthForEveryRule) {
  const auto& district = testing::GetDistrict(5000, 7, /*noise=*/false, synth::Density::kReal);
  EXPECT_GT(district.summary.payments_per_person_year, 8.0);
  ExpectFindingsEqualTruth(district);
}

TEST(DistrictTruthTest, NoisyDenseDistrictFindingsEqualTheTruthForEveryRule) {
  const auto& district = testing::GetDistrict(5000, 3, /*noise=*/true, synth::Density::kReal);
  EXPECT_GT(district.summary.payments_per_person_year, 8.0);
  ExpectFindingsEqualTruth(district);
}

}  // namespace
}  // namespace qf
