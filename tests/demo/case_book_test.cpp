// The demo case book (casework/demo_case_book.h): seeded into a small district with findings, it
// gives the work report a figure in every section; it is deterministic, never seeded twice, and
// leaves a verifiable audit chain.
#include "demo/case_book.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "activities/activity_counts.h"
#include "audit/audit_log.h"
#include "casework/casework_service.h"
#include "casework/fake_clock.h"
#include "core/citizen_id.h"
#include "demo/activities.h"
#include "demo/oversight_book.h"
#include "oversight/statistics.h"
#include "oversight/unit_counts.h"
#include "report/render.h"
#include "report/statistics.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/query.h"
#include "support/test_store.h"

namespace qf::casework {
namespace {

crypto::FieldCipher TestCipher() {
  crypto::FieldCipher::MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 5 + 3);
  return crypto::FieldCipher::FromMasterKey(key);
}

std::string Id(const std::string& first17) { return first17 + CitizenId::CheckCharacter(first17); }

class FixedClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return 1785000000; }  // 2026-07-25
};

class DemoCaseBookTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = FreshStore(); }

  // A district of eight communities, persons in four of them, and eight findings of a 2025 run.
  std::unique_ptr<store::Database> FreshStore() {
    auto db = store::Open(test_support::TestStoreUrl());
    EXPECT_TRUE(db.has_value()) << db.error().message();
    EXPECT_TRUE(store::Migrate(**db).has_value());
    const char* communities[] = {"后墩社区", "东湖社区", "西溪村",   "南苑社区",
                                 "北塘村",   "临江社区", "城关社区", "五堡村"};
    for (int i = 0; i < 8; ++i) {
      Exec(**db, "INSERT INTO persons VALUES ('" + PersonId(i) + "', '居民" + std::to_string(i) +
                     "', '男', '1950-01-01', '330110', '" + communities[i] + "', 'H" +
                     std::to_string(i) + "', '户主')");
    }
    Exec(**db,
         "INSERT INTO check_runs VALUES (1, '2026-01-05T00:00:00Z', '2025-12-31', 'all', 8, "
         "8, 0)");
    // The hand-made run gets its audit entry, as a real one does (engine::RecordRun), dated
    // before the case book.
    testing::FakeClock clock;
    EXPECT_TRUE(
        audit::Append(
            **db, clock, cipher_.chain_key(),
            {.actor = "cli", .action = "check.run", .entity = "check_run", .entity_id = "1"})
            .has_value());
    for (int i = 0; i < 8; ++i) {
      Exec(**db,
           "INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, "
           "ref, severity, amount, evidence, status, first_seen_run, last_seen_run, review) "
           "VALUES ('00000000f0" +
               std::to_string(i) + "', '" + (i % 2 == 0 ? "R01" : "R05") + "', '" + PersonId(i) +
               "', 'MZ01', '2025-0" + std::to_string(i + 1) + "', '', '', '高', " +
               std::to_string(100000 * (i + 1)) + ", '证据', 'new', 1, 1, 'open')");
    }
    return std::move(*db);
  }

  static std::string PersonId(int i) { return Id("33011019500101" + std::to_string(100 + i)); }
  static void Exec(store::Database& db, const std::string& sql) {
    auto r = db.Execute(sql);
    ASSERT_TRUE(r.has_value()) << r.error().message() << "\n" << sql;
  }

  Result<demo::DemoCaseBookResult> Seed(store::Database& db) {
    demo::DemoCaseBookOptions options;
    options.casework.password_cost = PasswordCost::Minimal();
    options.fallback_today = *Date::FromYmd(2026, 7, 25);
    return demo::SeedDemoCaseBook(db, cipher_, options);
  }

  report::Statistics Stats(store::Database& db, const std::string& period,
                           const std::string& unit = "") {
    auto p = report::ParseReportPeriod(period);
    EXPECT_TRUE(p.has_value());
    auto stats = report::ComputeStatistics(db, *p, unit, *Date::FromYmd(2026, 7, 25));
    EXPECT_TRUE(stats.has_value()) << stats.error().message();
    return stats ? *stats : report::Statistics{};
  }

  crypto::FieldCipher cipher_ = TestCipher();
  std::unique_ptr<store::Database> db_;
};

TEST_F(DemoCaseBookTest, EveryReportSectionHasFigures) {
  auto seeded = Seed(*db_);
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message();
  ASSERT_TRUE(seeded->seeded);
  EXPECT_EQ(seeded->year, 2025);  // the comparison's as-of year
  EXPECT_EQ(seeded->units, 10);   // 2 street offices + 8 communities
  EXPECT_EQ(seeded->clues, 20);
  EXPECT_EQ(seeded->cases, 7);

  report::Statistics stats = Stats(*db_, "2025");
  // The headline sentence and each part of the report.
  for (const char* id : {"clues.received",
                         "disposals.total",
                         "cases.filed",
                         "cases.filed_persons",
                         "judicial.persons",
                         "accountability.persons",
                         "accountability.cases",
                         "money.recovered",
                         "money.losses_retrieved",
                         "rectification.found",
                         "rectification.recommendations",
                         "rectification.completed",
                         "rectification.overdue",
                         "reports.received",
                         "reports.answered",
                         "transfers.sent",
                         "transfers.received",
                         "transfers.fed_back",
                         "findings.total",
                         "findings.amount"}) {
    EXPECT_GT(stats.Get(id).value, 0) << id;
  }
  for (std::string_view source : ClueSources()) {
    if (source == "人工录入") continue;  // every demo clue came through a channel
    EXPECT_GT(stats.Get(std::string("clues.source.") + std::string(source)).value, 0) << source;
  }
  for (std::string_view disposal : Disposals()) {
    EXPECT_GT(stats.Get(std::string("disposals.") + std::string(disposal)).value, 0) << disposal;
  }
  // Work progress domain by domain: each of the report's domains has clues and a case.
  for (std::string_view domain : report::ReportDomains()) {
    std::string d(domain);
    EXPECT_GT(stats.Get("clues.domain." + d).value, 0) << d;
    EXPECT_GT(stats.Get("cases.filed.domain." + d).value, 0) << d;
  }
  EXPECT_GT(stats.Get("judicial.persons.domain.扫黑除恶").value, 0);
  EXPECT_GT(stats.Get("cases.filed.domain.三资").value, 0);

  // Known totals of the book.
  EXPECT_EQ(stats.Get("judicial.persons").value, 2);
  EXPECT_EQ(stats.Get("money.recovered").value, 1860000 + 655050 + 3568200 + 2150000 + 6380000);
  EXPECT_EQ(stats.Get("money.losses_retrieved").value, 4213600 + 960000 + 1200000);
  EXPECT_EQ(stats.Get("rectification.overdue").value, 1);
  EXPECT_EQ(stats.Get("rectification.completed").value, 2);
  EXPECT_EQ(stats.Get("transfers.fed_back").value, 2);
  // What became of the findings: stopped and recovered money, and a confirmation rate below
  // 100% (two false matches and one allowed case dismissed).
  EXPECT_GT(seeded->finding_outcomes, 0);
  EXPECT_GT(stats.Get("findings.stopped").value, 0);
  EXPECT_GT(stats.Get("findings.recovered").value, 0);
  EXPECT_GT(stats.Get("findings.decided").value, stats.Get("findings.confirmed").value);
  EXPECT_GT(stats.Get("findings.confirmed").value, 0);

  // The unit tree is real: a street office's report holds less than the district's.
  report::Statistics street = Stats(*db_, "2025", "street-02");
  EXPECT_GT(street.Get("clues.received").value, 0);
  EXPECT_LT(street.Get("clues.received").value, stats.Get("clues.received").value);

  // The year after holds none of it.
  EXPECT_EQ(Stats(*db_, "2026").Get("cases.filed").value, 0);
}

// Special campaigns (config/taxonomy.toml): the book's clues, cases and rectification items carry
// them, so that the report has per-campaign figures; one clue was reclassified (重新归类).
TEST_F(DemoCaseBookTest, CluesCasesAndItemsCarryCampaignsAndOneClueWasReclassified) {
  ASSERT_TRUE(Seed(*db_).has_value());
  auto count = [&](const std::string& sql) {
    auto n = store::QueryInt(*db_, sql);
    EXPECT_TRUE(n.has_value() && n->has_value()) << sql;
    return n && *n ? **n : -1;
  };
  auto tagged = [&](const std::string& kind, const std::string& campaign) {
    return count("SELECT count(*) FROM campaign_tags WHERE record_kind = '" + kind +
                 "' AND campaign = '" + campaign + "'");
  };
  // The six promoted findings and the two reports about subsidies.
  EXPECT_EQ(tagged("clue", "ZX-YKT"), 8);
  EXPECT_EQ(tagged("clue", "ZX-MS-10+1"), 6);
  EXPECT_EQ(tagged("clue", "ZX-JC"), 2);  // the 12345 call and the reclassified petition
  EXPECT_EQ(tagged("clue", "ZX-SHCE"), 1);
  // Cases inherit from their clues: two from findings, the elderly-care petition, the gang.
  EXPECT_EQ(tagged("case", "ZX-YKT"), 2);
  EXPECT_EQ(tagged("case", "ZX-MS-10+1"), 1);
  EXPECT_EQ(tagged("case", "ZX-SHCE"), 1);
  EXPECT_EQ(tagged("rectification", "ZX-MS-10+1"), 2);
  EXPECT_EQ(tagged("rectification", "ZX-YKT"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'clue.reclassify'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM clues WHERE domain = '窗口服务'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM rectifications WHERE domain = ''"), 0);
}

TEST_F(DemoCaseBookTest, RunningAgainWritesNothing) {
  ASSERT_TRUE(Seed(*db_).has_value());
  int64_t before = Stats(*db_, "2025").Get("clues.received").value;
  auto again = Seed(*db_);
  ASSERT_TRUE(again.has_value()) << again.error().message();
  EXPECT_FALSE(again->seeded);
  EXPECT_EQ(Stats(*db_, "2025").Get("clues.received").value, before);
}

TEST_F(DemoCaseBookTest, SameStoreGivesTheSameBook) {
  ASSERT_TRUE(Seed(*db_).has_value());
  auto other = FreshStore();
  ASSERT_TRUE(Seed(*other).has_value());
  report::Statistics a = Stats(*db_, "2025"), b = Stats(*other, "2025");
  ASSERT_EQ(a.figures.size(), b.figures.size());
  for (std::size_t i = 0; i < a.figures.size(); ++i) {
    EXPECT_EQ(a.figures[i].value, b.figures[i].value) << a.figures[i].id;
    ASSERT_EQ(a.figures[i].records.size(), b.figures[i].records.size()) << a.figures[i].id;
    for (std::size_t r = 0; r < a.figures[i].records.size(); ++r) {
      EXPECT_EQ(a.figures[i].records[r].date, b.figures[i].records[r].date);
      EXPECT_EQ(a.figures[i].records[r].label, b.figures[i].records[r].label);
    }
  }
}

TEST_F(DemoCaseBookTest, AuditChainVerifiesAndReadsInDateOrder) {
  ASSERT_TRUE(Seed(*db_).has_value());
  FixedClock clock;
  CaseworkService service(*db_, clock, cipher_,
                          CaseworkOptions{.password_cost = PasswordCost::Minimal()});
  auto auditor = service.AddUserFromCli("auditor", "审计管理员", {Role::kAuditAdmin}, "commission",
                                        "password-auditor", std::nullopt);
  ASSERT_TRUE(auditor.has_value());
  Actor actor{(*auditor)["id"].get<int64_t>(), "auditor", {Role::kAuditAdmin}, "commission"};
  auto verified = service.VerifyAudit(actor);
  ASSERT_TRUE(verified.has_value()) << verified.error().message();
  EXPECT_TRUE(verified->value("ok", false)) << verified->dump();
  auto entries = service.ListAuditEntries(actor, 0, 1000);
  ASSERT_TRUE(entries.has_value());
  std::string last;
  for (const auto& e : (*entries)["entries"]) {
    std::string at = e.value("at", "");
    if (at.starts_with("2026")) break;  // the auditor's own account, created today
    EXPECT_LE(last, at) << e.dump();
    last = at;
  }
  EXPECT_TRUE(last.starts_with("2025-")) << last;
}

TEST_F(DemoCaseBookTest, OversightIsSeededOnceWithGroupsReportsOpinionsAndSuggestions) {
  ASSERT_TRUE(Seed(*db_).has_value());
  demo::DemoOversightOptions options;
  options.casework.password_cost = PasswordCost::Minimal();
  options.fallback_today = *Date::FromYmd(2026, 7, 25);
  auto seeded = demo::SeedDemoOversight(*db_, cipher_, options);
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message();
  ASSERT_TRUE(seeded->seeded);
  EXPECT_EQ(seeded->year, 2025);
  EXPECT_EQ(seeded->units, 9);     // 3 stationed groups + 6 departments
  EXPECT_EQ(seeded->reports, 15);  // 3 groups × (4 quarters + the year)
  EXPECT_EQ(seeded->opinions, 2);
  EXPECT_EQ(seeded->suggestions, 3);

  auto units = oversight::CountUnitsByKind(*db_, "");
  ASSERT_TRUE(units.has_value());
  EXPECT_EQ(units->stationed_groups.value, 3);
  EXPECT_EQ(units->street_offices.value, 2);

  const Date today = *Date::FromYmd(2026, 7, 25);
  auto in_year = oversight::CountStationedReports(*db_, *Date::FromYmd(2025, 1, 1),
                                                  *Date::FromYmd(2025, 12, 31), "", today);
  ASSERT_TRUE(in_year.has_value());
  EXPECT_EQ(in_year->due.value, 9);  // Q1–Q3 of each group; Q4 and the year fall due in 2026
  EXPECT_EQ(in_year->submitted.value, 8);
  EXPECT_EQ(in_year->on_time.value, 6);  // 第二组 Q2 five days late, 第一组 Q3 resubmitted late
  EXPECT_EQ(in_year->overdue.value, 1);  // 第三组 Q3
  auto all = oversight::CountStationedReports(*db_, *Date::FromYmd(2025, 1, 1),
                                              *Date::FromYmd(2026, 12, 31), "", today);
  EXPECT_EQ(all->due.value, 15);
  EXPECT_EQ(all->submitted.value, 14);

  auto congress = oversight::CountCongressItems(*db_, *Date::FromYmd(2025, 1, 1),
                                                *Date::FromYmd(2025, 12, 31), "", today);
  ASSERT_TRUE(congress.has_value());
  EXPECT_EQ(congress->opinions.value, 2);
  EXPECT_EQ(congress->opinion_tasks.value, 5);
  EXPECT_EQ(congress->opinion_tasks_done.value, 4);
  EXPECT_EQ(congress->opinion_tasks_overdue.value, 1);
  EXPECT_EQ(congress->suggestions.value, 3);
  EXPECT_EQ(congress->suggestions_answered.value, 2);
  EXPECT_EQ(congress->suggestions_satisfied.value, 2);

  // A second run writes nothing.
  auto entries = store::QueryInt(*db_, "SELECT count(*) FROM audit_log");
  auto again = demo::SeedDemoOversight(*db_, cipher_, options);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->seeded);
  EXPECT_EQ(store::QueryInt(*db_, "SELECT count(*) FROM audit_log").value(), entries.value());
  auto chain = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(chain.has_value());
  EXPECT_TRUE(chain->ok) << chain->problem;
}

// The demo activity ledger (demo/activities.h), seeded after the case book by its staff: every
// kind of the report counted in the book's year, problems handed on as clues and 整改事项, and a
// second run writes nothing.
TEST_F(DemoCaseBookTest, TheActivityLedgerFillsEveryActivityFigureOnce) {
  ASSERT_TRUE(Seed(*db_).has_value());
  demo::DemoActivitiesOptions options;
  options.casework.password_cost = PasswordCost::Minimal();
  options.fallback_today = *Date::FromYmd(2026, 7, 25);
  int64_t clues_before = 0;
  {
    auto n = store::QueryInt(*db_, "SELECT COUNT(*) FROM clues");
    ASSERT_TRUE(n.has_value());
    clues_before = n->value_or(0);
  }
  auto seeded = demo::SeedDemoActivities(*db_, cipher_, options);
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message();
  ASSERT_TRUE(seeded->seeded);
  EXPECT_EQ(seeded->year, 2025);
  EXPECT_EQ(seeded->activities, 25);
  EXPECT_EQ(seeded->problems, 7);
  auto counts = activities::CountActivities(*db_, *Date::FromYmd(2025, 1, 1),
                                            *Date::FromYmd(2025, 12, 31), {});
  ASSERT_TRUE(counts.has_value()) << counts.error().message();
  for (const activities::KindCount& k : counts->kinds) {
    EXPECT_GE(k.activities, 2) << k.kind;
  }
  EXPECT_EQ(counts->Find("联合督查")->communities, 8);  // 4 + 4 + 5 places dealt over the 8
  EXPECT_EQ(counts->Find("走访群众")->visited, 186 + 243 + 128);
  EXPECT_EQ(counts->Find("专题培训")->participants, 126 + 210 + 185);
  EXPECT_EQ(counts->Find("制度机制")->established, 2);
  EXPECT_EQ(counts->Find("制度机制")->revised, 2);
  int64_t problems = 0;
  for (const activities::KindCount& k : counts->kinds) problems += k.problems;
  EXPECT_EQ(problems, 7);
  auto clues_after = store::QueryInt(*db_, "SELECT COUNT(*) FROM clues");
  EXPECT_EQ(clues_after->value_or(0), clues_before + 3);
  auto head = audit::Head(*db_);
  ASSERT_TRUE(head.has_value());
  auto again = demo::SeedDemoActivities(*db_, cipher_, options);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->seeded);
  EXPECT_EQ(audit::Head(*db_)->seq, head->seq);  // nothing written the second time
}

}  // namespace
}  // namespace qf::casework
