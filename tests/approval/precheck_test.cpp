// The pre-check runs the engine's own rules over one applicant as if approved: each planted
// problem is found by its rule, a clean applicant has no hit, and the ledger is left untouched.
#include "approval/precheck.h"

#include <gtest/gtest.h>

#include <set>

#include "approval_fixture.h"

namespace qf::approval::testing {
namespace {

class PrecheckTest : public ApprovalTest {
 protected:
  std::set<std::string> Rules(const std::string& id, const std::string& name,
                              const std::string& program, const std::string& account) {
    PrecheckRequest request{.id_number = id,
                            .name = name,
                            .program_code = program,
                            .community = "幸福社区",
                            .account_no = account,
                            .bank = "农业银行",
                            .as_of = *Date::Parse("2024-06-05")};
    auto findings = RunPrecheck(*db_, request, config_);
    EXPECT_TRUE(findings.has_value()) << (findings ? "" : findings.error().message());
    std::set<std::string> rules;
    if (!findings) return rules;
    for (const engine::Finding& f : *findings) {
      rules.insert(f.rule);
      EXPECT_FALSE(f.fingerprint.empty());
    }
    return rules;
  }
};

TEST_F(PrecheckTest, FindsTheDeceased) {
  const std::string dead = WithCheckDigit("11010519500606567");
  AddPerson(dead, "赵大山", "1950-06-06", "H4", "户主");
  Run("INSERT INTO deaths(id_number, name, death_date, source) VALUES ('" + dead +
      "', '赵大山', '2024-05-01', '火化')");
  EXPECT_TRUE(Rules(dead, "赵大山", "MZ01", "6228480000000000401").contains("R01"));
}

TEST_F(PrecheckTest, FindsAssetsOfTheHouseholdAndAnOfficialInIt) {
  Run("INSERT INTO officials(id_number, name, unit, position, category, community, start_date, "
      "end_date) VALUES ('" +
      kSpouse +
      "', '王秀英', '区教育局', '科员', '公务员', NULL, "
      "'2015-01-01', NULL)");
  auto rules = Rules(kApplicant, "李建国", "MZ01", "6228480000000000402");
  EXPECT_TRUE(rules.contains("R09"));  // the spouse's car
  EXPECT_TRUE(rules.contains("R02"));  // the spouse is a civil servant
}

TEST_F(PrecheckTest, FindsAgeOutsideTheProgramRange) {
  EXPECT_EQ(Rules(kApplicant, "李建国", "MZ03", "6228480000000000403"),
            std::set<std::string>{"R10"});
}

TEST_F(PrecheckTest, FindsACardHeldBySomeoneElse) {
  const std::string other = WithCheckDigit("11010519700707678");
  AddPerson(other, "孙强", "1970-07-07", "H5", "户主");
  Run("INSERT INTO cards(account_no, id_number, name, bank, opened_date, status) VALUES "
      "('6228480000000000404', '" +
      other + "', '孙强', '农业银行', '2019-01-01', '正常')");
  EXPECT_TRUE(Rules(kApplicant, "李建国", "MZ03", "6228480000000000404").contains("R14"));
  // The same account held by the spouse (same household) is fine.
  Run("INSERT INTO cards(account_no, id_number, name, bank, opened_date, status) VALUES "
      "('6228480000000000405', '" +
      kSpouse + "', '王秀英', '农业银行', '2019-01-01', '正常')");
  EXPECT_FALSE(Rules(kApplicant, "李建国", "MZ03", "6228480000000000405").contains("R14"));
}

TEST_F(PrecheckTest, FindsAnExclusiveProgramAlreadyReceived) {
  const std::string elder = WithCheckDigit("11010519400202456");
  AddPerson(elder, "张桂兰", "1940-02-02", "H3", "户主");
  Run("INSERT INTO enrolments(program_code, id_number, name, community, start_date, end_date) "
      "VALUES ('MZ02', '" +
      elder + "', '张桂兰', '幸福社区', '2023-01-01', NULL)");
  Run("INSERT INTO payments(payment_id, batch_no, program_code, id_number, name, account_no, "
      "amount, period, paid_date) VALUES ('P1', 'B1', 'MZ02', '" +
      elder + "', '张桂兰', '6228480000000000406', 120000, '2024-05', '2024-05-10')");
  Run("INSERT INTO cards(account_no, id_number, name, bank, opened_date, status) VALUES "
      "('6228480000000000406', '" +
      elder + "', '张桂兰', '农业银行', '2019-01-01', '正常')");
  const int64_t payments_before = Count("SELECT COUNT(*) FROM payments");
  auto rules = Rules(elder, "张桂兰", "MZ01", "6228480000000000406");
  EXPECT_TRUE(rules.contains("R08"));
  // A clean application for a non-exclusive program has no hit.
  EXPECT_TRUE(Rules(elder, "张桂兰", "MZ03", "6228480000000000406").empty());
  // The hypothetical rows lived only in the scratch store.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payments"), payments_before);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments"), 1);
}

TEST(ApprovalConfigTest, ReadsProgramOverridesAndRefusesBadChains) {
  test_support::TempDir dir("qf_approval_config");
  std::string good = dir.Write("good.toml", R"(
[default]
publicity_days = 5
deadline_days = { community_review = 3 }
[programs.MZ03]
steps = ["apply", "community_review", "department_approval", "payment"]
department_unit = "dept-civil"
[units]
finance = "dept-finance"
[precheck]
rules = ["R01", "r10"]
)");
  auto config = LoadApprovalConfig(good);
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_EQ(config->default_chain.publicity_days, 5);
  EXPECT_EQ(config->default_chain.DeadlineDays(StepKind::kCommunityReview), 3);
  EXPECT_EQ(config->ChainFor("MZ03").steps.size(), 4u);
  EXPECT_EQ(config->ChainFor("MZ03").publicity_days, 5);  // inherited
  EXPECT_EQ(config->ChainFor("MZ03").department_unit, "dept-civil");
  EXPECT_EQ(config->ChainFor("MZ01").steps.size(), 6u);
  EXPECT_EQ(config->finance_unit, "dept-finance");
  EXPECT_EQ(config->precheck_rules, (std::vector<std::string>{"R01", "R10"}));

  for (const char* bad :
       {"[default]\nsteps = [\"apply\", \"payment\"]\n",
        "[default]\nsteps = [\"community_review\", \"apply\", "
        "\"department_approval\", \"payment\"]\n",
        "[precheck]\nrules = [\"R99\"]\n", "[default]\npublicity_days = 0\n", "[default\n"}) {
    auto refused = LoadApprovalConfig(dir.Write("bad.toml", bad));
    EXPECT_FALSE(refused.has_value()) << bad;
  }
  auto missing = LoadApprovalConfig(dir.File("none.toml"));
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->default_chain.publicity_days, 7);
}

TEST(ApprovalConfigTest, TheShippedConfigLoads) {
  auto config = LoadApprovalConfig("config/approval.toml");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_EQ(config->default_chain.steps.size(), 6u);
}

}  // namespace
}  // namespace qf::approval::testing
