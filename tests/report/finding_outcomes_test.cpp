// The outcome figures of the report (issue 17 point 4): money stopped before payment (止付) and
// recovered (追回) per rule, and each rule's confirmation rate. The outcomes are recorded through
// the casework service on a fake clock from one table of seeded steps; the test derives every
// expected figure from that table by itself, never from the code under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "case_book_fixture.h"
#include "report/render.h"
#include "report/report_tables.h"

namespace qf::report::testing {
namespace {

// Findings: fingerprint, rule, person. Persons 1 and 2 live in 一街道甲社区 (community-01-a,
// under street-01); person 3 in no unit's community (the commission's).
struct SeedFinding {
  std::string fingerprint, rule, id_number;
};
const std::string kP1 = "110105198001011238";
const std::string kP2 = "11010519491231002X";
const std::string kP3 = "110105199001011232";
const std::vector<SeedFinding> kFindings = {
    {"a0000000000000000000000000000001", "R01", kP1},
    {"a0000000000000000000000000000002", "R01", kP2},
    {"a0000000000000000000000000000003", "R01", kP3},
    {"a0000000000000000000000000000004", "R02", kP1},
    {"a0000000000000000000000000000005", "R02", kP3},
    {"a0000000000000000000000000000006", "R05", kP2},
    {"a0000000000000000000000000000007", "R05", kP3},
};

// One recorded outcome: on `day` days after 2024-06-05 (Q2 ends on day 25, Q3 on day 117).
struct Step {
  int day;
  int finding;  // index into kFindings
  std::string outcome;
  int64_t amount;
};
const std::vector<Step> kSteps = {
    {0, 0, "止付", 56500},  {1, 0, "追回", 10000}, {30, 0, "追回", 20000},
    {2, 1, "确认", 0},      {3, 2, "排除", 0},     {40, 2, "确认", 0},
    {4, 3, "止付", 124500}, {50, 3, "排除", 0},  // stopped, then found a false match
    {5, 4, "追回", 99},     {6, 5, "移送", 0},     {60, 5, "追回", 300000},
    {7, 6, "排除", 0},
};

std::string UnitOf(const std::string& id_number) {
  return id_number == kP3 ? "commission" : "community-01-a";
}

class FindingOutcomeFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open("sqlite::memory:");
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    service_ = std::make_unique<casework::CaseworkService>(
        *db_, clock_, cipher_,
        casework::CaseworkOptions{.password_cost = casework::PasswordCost::Minimal()});
    Actor sysadmin{0, "cli", {Role::kSystemAdmin}, "commission"};
    for (auto [code, name, kind, parent] :
         {std::tuple{"street-01", "一街道监察办公室", "street_office", "commission"},
          std::tuple{"community-01-a", "一街道甲社区", "community", "street-01"},
          std::tuple{"street-02", "二街道监察办公室", "street_office", "commission"}}) {
      ASSERT_TRUE(service_->AddUnit(
          sysadmin, {{"code", code}, {"name", name}, {"kind", kind}, {"parent", parent}}));
    }
    auto user = service_->AddUserFromCli("handler", "承办人", {Role::kHandler}, "commission",
                                         "password-handler", "110101197001011000");
    ASSERT_TRUE(user.has_value()) << user.error().message();
    handler_ = Actor{(*user)["id"].get<int64_t>(), "handler", {Role::kHandler}, "commission"};
    Sql("INSERT INTO persons VALUES ('" + kP1 +
        "', '张三', '男', '1980-01-01', '110105', '一街道甲社区', 'H1', '户主'), ('" + kP2 +
        "', '李四', '女', '1949-12-31', '110105', '一街道甲社区', 'H2', '户主'), ('" + kP3 +
        "', '王五', '男', '1990-01-01', '110105', '某某村', 'H3', '户主')");
    Sql("INSERT INTO check_runs VALUES (1, '2024-06-01T00:00:00Z', '2024-05-31', 'all', 7, 7, 0)");
    for (const SeedFinding& f : kFindings) {
      Sql("INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
          "ref, severity, amount, evidence, status, first_seen_run, last_seen_run) VALUES ('" +
          f.fingerprint + "', '" + f.rule + "', '" + f.id_number +
          "', 'MZ01', '2024-05', '', '', '高', 100000, 'e', 'new', 1, 1)");
    }
    std::map<int, int64_t> version;
    int day = 0;
    std::vector<Step> steps = kSteps;
    std::stable_sort(steps.begin(), steps.end(),
                     [](const Step& a, const Step& b) { return a.day < b.day; });
    for (const Step& s : steps) {
      clock_.AdvanceDays(s.day - day);
      day = s.day;
      Json body = {{"outcome", s.outcome}, {"version", version[s.finding]}};
      if (s.amount > 0) body["amount"] = s.amount;
      if (s.outcome == "排除") body["note"] = "经核实为误报";
      if (s.outcome == "移送") body["note"] = "区公安分局";
      auto r = service_->RecordFindingOutcome(handler_, kFindings[s.finding].fingerprint, body);
      ASSERT_TRUE(r.has_value()) << r.error().message();
      version[s.finding] = (*r)["version"].get<int64_t>();
    }
  }

  // The figures as the issue defines them, from kSteps alone, for days [first, last] and the
  // findings whose unit is in `units` (empty: all).
  struct Expected {
    std::map<std::string, int64_t> stopped, recovered, decided, confirmed;
  };
  static Expected Derive(int first, int last, const std::set<std::string>& units = {}) {
    Expected e;
    std::map<int, const Step*> final_step;
    for (const Step& s : kSteps) {
      const Step*& f = final_step[s.finding];
      if (f == nullptr || s.day >= f->day) f = &s;
    }
    for (const Step& s : kSteps) {
      const SeedFinding& f = kFindings[s.finding];
      if (!units.empty() && !units.contains(UnitOf(f.id_number))) continue;
      bool dismissed_now = final_step[s.finding]->outcome == "排除";
      if (s.day < first || s.day > last || dismissed_now) continue;
      if (s.outcome == "止付") e.stopped[f.rule] += s.amount;
      if (s.outcome == "追回") e.recovered[f.rule] += s.amount;
    }
    for (const auto& [index, s] : final_step) {
      const SeedFinding& f = kFindings[index];
      if (!units.empty() && !units.contains(UnitOf(f.id_number))) continue;
      if (s->day < first || s->day > last) continue;
      e.decided[f.rule] += 1;
      if (s->outcome != "排除") e.confirmed[f.rule] += 1;
    }
    return e;
  }

  void Sql(const std::string& sql) { ASSERT_TRUE(db_->Execute(sql).has_value()) << sql; }

  Statistics Compute(const std::string& period, const std::string& unit = "") {
    auto p = ParseReportPeriod(period);
    EXPECT_TRUE(p.has_value());
    auto stats = ComputeStatistics(*db_, *p, unit, qf::Today(clock_));
    EXPECT_TRUE(stats.has_value()) << (stats ? "" : stats.error().message());
    return stats ? *stats : Statistics{};
  }

  void ExpectFigures(const Statistics& s, const Expected& e) {
    int64_t stopped = 0, recovered = 0, decided = 0, confirmed = 0;
    for (const std::string rule : {"R01", "R02", "R05"}) {
      auto at = [&](const std::map<std::string, int64_t>& m) {
        auto it = m.find(rule);
        return it == m.end() ? int64_t{0} : it->second;
      };
      EXPECT_EQ(s.Get("findings.rule_stopped." + rule).value, at(e.stopped)) << rule;
      EXPECT_EQ(s.Get("findings.rule_recovered." + rule).value, at(e.recovered)) << rule;
      EXPECT_EQ(s.Get("findings.rule_decided." + rule).value, at(e.decided)) << rule;
      EXPECT_EQ(s.Get("findings.rule_confirmed." + rule).value, at(e.confirmed)) << rule;
      stopped += at(e.stopped);
      recovered += at(e.recovered);
      decided += at(e.decided);
      confirmed += at(e.confirmed);
    }
    EXPECT_EQ(s.Get("findings.stopped").value, stopped);
    EXPECT_EQ(s.Get("findings.recovered").value, recovered);
    EXPECT_EQ(s.Get("findings.decided").value, decided);
    EXPECT_EQ(s.Get("findings.confirmed").value, confirmed);
  }

  FakeClock clock_;
  crypto::FieldCipher cipher_ = TestCipher();
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<casework::CaseworkService> service_;
  Actor handler_;
};

TEST_F(FindingOutcomeFiguresTest, TheYearCountsEveryOutcomeOfFindingsNotDismissed) {
  Statistics s = Compute("2024");
  ExpectFigures(s, Derive(0, 365));
  // Spelled out once, so the derivation itself is checked: R01 stopped 565 元 and recovered
  // 300 元 on finding 1; R02's stopped 1 245 元 does not count (dismissed since); R05 recovered
  // 3 000 元.
  EXPECT_EQ(s.Get("findings.stopped").value, 56500);
  EXPECT_EQ(s.Get("findings.recovered").value, 30000 + 99 + 300000);
  EXPECT_EQ(s.Get("findings.rule_decided.R01").value, 3);
  EXPECT_EQ(s.Get("findings.rule_confirmed.R01").value, 3);
  EXPECT_EQ(ConfirmationRate(s, "R01"), "100.0%");
  EXPECT_EQ(ConfirmationRate(s, "R02"), "50.0%");
  EXPECT_EQ(ConfirmationRate(s, "R05"), "50.0%");
  EXPECT_EQ(ConfirmationRate(s, ""), "71.4%");  // 5 of 7
  EXPECT_EQ(ConfirmationRate(s, "R09"), "—");
}

TEST_F(FindingOutcomeFiguresTest, AQuarterCountsTheOutcomesRecordedInIt) {
  // 2024-06-05 + 25 days = 2024-06-30: Q2 is days 0..25, Q3 days 26..117.
  ExpectFigures(Compute("2024-Q2"), Derive(0, 25));
  ExpectFigures(Compute("2024-Q3"), Derive(26, 117));
  EXPECT_EQ(Compute("2024-Q2").Get("findings.rule_recovered.R01").value, 10000);
}

TEST_F(FindingOutcomeFiguresTest, AUnitCountsTheFindingsOfItsCommunities) {
  ExpectFigures(Compute("2024", "street-01"), Derive(0, 365, {"community-01-a"}));
  ExpectFigures(Compute("2024", "street-02"), Derive(0, 365, {"street-02"}));
  EXPECT_EQ(Compute("2024", "street-02").Get("findings.recovered").value, 0);
}

TEST_F(FindingOutcomeFiguresTest, EachMoneyFigureDrillsDownToItsOutcomes) {
  Statistics s = Compute("2024");
  const Figure& recovered = s.Get("findings.rule_recovered.R05");
  ASSERT_EQ(recovered.records.size(), 1u);
  EXPECT_EQ(recovered.records[0].id, kFindings[5].fingerprint);
  EXPECT_EQ(recovered.records[0].amount, 300000);
  int64_t sum = 0;
  for (const RecordRef& r : s.Get("findings.recovered").records) sum += r.amount;
  EXPECT_EQ(sum, s.Get("findings.recovered").value);
}

TEST_F(FindingOutcomeFiguresTest, TheRuleTableOfTheReportCarriesTheOutcomes) {
  Statistics s = Compute("2024");
  for (const Table& t : ReportTables(s)) {
    if (t.sheet != "比对发现") continue;
    ASSERT_EQ(t.columns.size(), 8u);
    EXPECT_EQ(t.columns[4], "止付（万元）");
    EXPECT_EQ(t.columns[7], "确认率");
    for (const auto& row : t.rows) {
      if (row[0] == "R01") {
        EXPECT_EQ(row[4], "0.06");  // 565 元
        EXPECT_EQ(row[6], "3");
        EXPECT_EQ(row[7], "100.0%");
      } else if (row[0] == "合计") {
        EXPECT_EQ(row[7], "71.4%");
      }
    }
    return;
  }
  FAIL() << "no 比对发现 table";
}

TEST_F(FindingOutcomeFiguresTest, TheReportTextStatesTheOutcomes) {
  Statistics s = Compute("2024");
  auto tmpl = LoadReportTemplate(ReportFormat::kMarkdown);
  ASSERT_TRUE(tmpl.has_value()) << tmpl.error().message();
  auto text = RenderReport(s, *tmpl, ReportFormat::kMarkdown);
  ASSERT_TRUE(text.has_value()) << text.error().message();
  // 7 decided, 5 confirmed; 565 元 stopped = 0.06 万元; 3 300.99 元 recovered = 0.33 万元.
  EXPECT_NE(text->find("核定比对发现问题**7**条，确认属实**5**条（确认率71.4%），发放前止付资金"
                       "**0.06**万元，追回已发放资金**0.33**万元"),
            std::string::npos)
      << *text;
}

}  // namespace
}  // namespace qf::report::testing
