// The work report with every figure (issue 15 point 6): the demo's report rendered, no placeholder
// left, and each figure of the sections, the special campaigns, the restricted clues and 三资 by
// community equal to a count this test makes itself from the seeded records with its own SQL.
// Store-backed: also runs on PostgreSQL.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "core/citizen_id.h"
#include "demo/activities.h"
#include "demo/case_book.h"
#include "demo/oversight_book.h"
#include "report/render.h"
#include "report/statistics.h"
#include "report/supervision_sources.h"
#include "report/wan_yuan.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/test_store.h"
#include "taxonomy/taxonomy.h"

namespace qf::report {
namespace {

crypto::FieldCipher TestCipher() {
  crypto::FieldCipher::MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
  return crypto::FieldCipher::FromMasterKey(key);
}

std::string Id(const std::string& first17) { return first17 + CitizenId::CheckCharacter(first17); }

void Exec(store::Database& db, const std::string& sql) {
  auto r = db.Execute(sql);
  ASSERT_TRUE(r.has_value()) << r.error().message() << "\n" << sql;
}

int64_t Scalar(store::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st.has_value()) << sql;
  if (!st) return -1;
  auto row = (*st)->Step();
  EXPECT_TRUE(row.has_value() && *row) << sql;
  if (!row || !*row || (*st)->IsNull(0)) return 0;
  return (*st)->Int(0);
}

std::string InList(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) out += fmt::format("{}'{}'", out.empty() ? "" : ", ", n);
  return out;
}

// The comparison rules whose findings a section counts (this test's own reading of the rule
// catalogue: R01–R16 are 一卡通 work, in 民生; R21–R25 营商环境; R17–R20 and R26 三资).
std::string RulesOf(std::string_view section) {
  if (section == "民生") {
    return "f.rule BETWEEN 'R01' AND 'R16'";
  }
  if (section == "营商环境") return "f.rule BETWEEN 'R21' AND 'R25'";
  if (section == "三资") return "(f.rule BETWEEN 'R17' AND 'R20' OR f.rule = 'R26')";
  return "1 = 0";
}

// The expected figures of one slice, counted with this test's SQL. `clue_where`, `case_where`,
// `rect_where` select the slice's clues (alias l), cases (alias c), rectification items (alias r).
struct Expected {
  int64_t problems = 0, cases = 0, persons = 0, judicial = 0, recovered = 0, rectifications = 0,
          accountability_cases = 0, accountability_persons = 0;
};

std::string In2025(const std::string& column) {
  return fmt::format("substr({}, 1, 4) = '2025'", column);
}

Expected Count(store::Database& db, const std::string& clue_where, const std::string& case_where,
               const std::string& rect_where, const std::string& finding_where) {
  Expected e;
  e.problems =
      Scalar(db, fmt::format("SELECT COUNT(*) FROM clues l WHERE {} AND {}", clue_where,
                             In2025("l.created_at"))) +
      Scalar(db, fmt::format("SELECT COUNT(*) FROM findings f WHERE f.review <> 'dismissed' AND "
                             "{} AND NOT EXISTS (SELECT 1 FROM clue_findings cf WHERE "
                             "cf.fingerprint = f.fingerprint) AND f.period LIKE '2025%'",
                             finding_where));
  e.cases = Scalar(db, fmt::format("SELECT COUNT(*) FROM cases c WHERE {} AND {}", case_where,
                                   In2025("c.filed_at")));
  e.persons = Scalar(db, fmt::format("SELECT COUNT(*) FROM case_persons p JOIN cases c ON "
                                     "c.case_id = p.case_id WHERE {} AND {}",
                                     case_where, In2025("c.filed_at")));
  e.judicial = Scalar(db, fmt::format("SELECT COUNT(*) FROM case_persons p JOIN cases c ON "
                                      "c.case_id = p.case_id WHERE {} AND p.outcome = '移送司法' "
                                      "AND {}",
                                      case_where, In2025("p.outcome_at")));
  e.recovered =
      Scalar(db, fmt::format("SELECT SUM(c.recovered) FROM cases c WHERE {}", case_where));
  e.rectifications = Scalar(db, fmt::format("SELECT COUNT(*) FROM rectifications r WHERE {} AND {}",
                                            rect_where, In2025("r.created_at")));
  std::string accountable = fmt::format(
      "FROM case_persons p JOIN cases c ON c.case_id = p.case_id WHERE {} AND p.outcome IN "
      "('党纪处分', '政务处分', '组织处理') AND {}",
      case_where, In2025("p.outcome_at"));
  e.accountability_persons = Scalar(db, "SELECT COUNT(*) " + accountable);
  e.accountability_cases = Scalar(db, "SELECT COUNT(DISTINCT c.case_id) " + accountable);
  return e;
}

// The part of the Markdown report under the heading that ends with `title`, up to the next heading.
std::string Part(const std::string& md, const std::string& title) {
  std::size_t at = md.find(title + "\n");
  if (at == std::string::npos) return "";
  std::size_t end = md.find("\n#", at);
  return md.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// Checks that `part` states every non-zero figure of `e` in its clause and no clause of a zero one.
void ExpectClauses(const std::string& part, const Expected& e, const std::string& what) {
  auto expect = [&](int64_t value, const std::string& clause, const std::string& label) {
    if (value != 0) {
      EXPECT_NE(part.find(clause), std::string::npos) << what << ": " << clause << "\n" << part;
    } else {
      EXPECT_EQ(part.find(label + "**"), std::string::npos) << what << ": " << label << "\n"
                                                            << part;
    }
  };
  expect(e.problems, fmt::format("发现问题**{}**个", e.problems), "发现问题");
  expect(e.cases, fmt::format("立案查处**{}**件**{}**人", e.cases, e.persons), "立案查处");
  expect(e.judicial, fmt::format("移送司法机关**{}**人", e.judicial), "移送司法机关");
  expect(e.recovered,
         fmt::format("追缴违纪违法所得**{}**万元", FormatWanYuan(Money::FromFen(e.recovered))),
         "追缴违纪违法所得");
  expect(e.rectifications, fmt::format("督促整改**{}**个", e.rectifications), "督促整改");
  expect(e.accountability_cases,
         fmt::format("追责问责**{}**件**{}**人", e.accountability_cases, e.accountability_persons),
         "追责问责");
}

void ExpectFigures(const Statistics& stats, const std::string& prefix, const Expected& e) {
  EXPECT_EQ(stats.Get(prefix + ".problems").value, e.problems) << prefix;
  EXPECT_EQ(stats.Get(prefix + ".cases").value, e.cases) << prefix;
  EXPECT_EQ(stats.Get(prefix + ".persons").value, e.persons) << prefix;
  EXPECT_EQ(stats.Get(prefix + ".judicial").value, e.judicial) << prefix;
  EXPECT_EQ(stats.Get(prefix + ".recovered").value, e.recovered) << prefix;
  EXPECT_EQ(stats.Get(prefix + ".rectifications").value, e.rectifications) << prefix;
  EXPECT_EQ(stats.Get(prefix + ".accountability_cases").value, e.accountability_cases) << prefix;
  EXPECT_EQ(stats.Get(prefix + ".accountability_persons").value, e.accountability_persons)
      << prefix;
}

// No placeholder: no mustache tag, no empty or starred figure, every bold a number.
void ExpectNoPlaceholder(const std::string& md, const std::string& html) {
  EXPECT_EQ(md.find("{{"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
  EXPECT_EQ(md.find("****"), std::string::npos);
  std::string rest = std::regex_replace(md, std::regex(R"(\*\*\d+(\.\d+)?\*\*)"), "");
  rest = std::regex_replace(rest, std::regex(R"(\*——[^*\n]*\*)"), "");  // the italic subtitle
  rest = std::regex_replace(rest, std::regex(R"(\*\*表\d+ [^*\n]*\*\*)"), "");  // table captions
  EXPECT_EQ(rest.find('*'), std::string::npos) << rest.substr(rest.find('*') - 120, 240);
  EXPECT_EQ(html.find('*'), std::string::npos);
  for (const char* dangling :
       {"，其中。", "其中；", "，。", "，，", "（）", "、。", "，）", "0次"}) {
    EXPECT_EQ(md.find(dangling), std::string::npos) << dangling;
  }
  std::regex figure(R"(<span class="figure">([^<]*)</span>)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), figure);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(std::regex_match((*it)[1].str(), std::regex(R"(\d+(\.\d+)?)"))) << (*it)[0];
    EXPECT_NE((*it)[1].str(), "0") << (*it)[0];
  }
}

class WorkReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(test_support::TestStoreUrl());
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
  }

  // The demo test's district (eight communities, a 2025 comparison run with ledger findings) with
  // 三资 findings on collectives' contracts and vouchers, then the demo case book.
  void SeedDemo() {
    const char* communities[] = {"后墩社区", "东湖社区", "西溪村",   "南苑社区",
                                 "北塘村",   "临江社区", "城关社区", "五堡村"};
    for (int i = 0; i < 8; ++i) {
      Exec(*db_, fmt::format("INSERT INTO persons VALUES ('{}', '居民{}', '男', '1950-01-01', "
                             "'330110', '{}', 'H{}', '户主')",
                             PersonId(i), i, communities[i], i));
    }
    Exec(*db_,
         "INSERT INTO check_runs VALUES (1, '2026-01-05T00:00:00Z', '2025-12-31', 'all', 8, "
         "8, 0)");
    for (int i = 0; i < 8; ++i) {
      Finding(fmt::format("00000000f0{}", i), i % 2 == 0 ? "R01" : "R05", PersonId(i), "",
              fmt::format("2025-0{}", i + 1), 100000 * (i + 1), "证据");
    }
    // 三资: contracts of 西溪村 and 北塘村, a voucher run of 五堡村.
    Exec(*db_,
         "INSERT INTO collective_contracts VALUES ('HT-01', '西溪村', '鱼塘', '水面', "
         "'20', '承包人甲', NULL, '2024-01-01', '2028-12-31', 120000, '协商'), "
         "('HT-02', '西溪村', '厂房', '房屋', '300', '承包人乙', NULL, '2024-01-01', "
         "'2028-12-31', 900000, '协商'), ('HT-03', '北塘村', '林地', '土地', '50', "
         "'承包人丙', NULL, '2024-01-01', '2030-12-31', 50000, '公开招标')");
    Exec(*db_,
         "INSERT INTO collective_transactions(txn_id, community, date, direction, amount, "
         "counterparty, purpose) VALUES ('PZ-001', '五堡村', '2025-03-01', '支', 4000000, "
         "'某工程队', '维修'), ('PZ-002', '五堡村', '2025-03-05', '支', 4000000, "
         "'某工程队', '维修')");
    Finding("00000000s01", "R19", "", "HT-01", "2025", 3000000, "低价发包");
    Finding("00000000s02", "R20", "", "HT-02", "2025", 4500000, "未经公开程序");
    Finding("00000000s03", "R26", "", "HT-03", "2025", 100000, "应收未收");
    Finding(
        "00000000s04", "R17", "", "某工程队", "2025", 8000000,
        "向“某工程队”连续支付：凭证号 PZ-001（五堡村，2025-03-01，40000.00 元）、PZ-002（五堡村）");
    demo::DemoCaseBookOptions options;
    options.casework.password_cost = casework::PasswordCost::Minimal();
    options.fallback_today = *Date::FromYmd(2026, 7, 25);
    auto seeded = demo::SeedDemoCaseBook(*db_, cipher_, options);
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message();
    ASSERT_TRUE(seeded->seeded);
  }

  void Finding(const std::string& fingerprint, const std::string& rule, const std::string& id,
               const std::string& ref, const std::string& period, int64_t amount,
               const std::string& evidence) {
    Exec(*db_, fmt::format("INSERT INTO findings(fingerprint, rule, id_number, program_code, "
                           "period, account_no, ref, severity, amount, evidence, status, "
                           "first_seen_run, last_seen_run, review) VALUES ('{}', '{}', '{}', "
                           "'MZ01', '{}', '', '{}', '高', {}, '{}', 'new', 1, 1, 'open')",
                           fingerprint, rule, id, period, ref, amount, evidence));
  }

  static std::string PersonId(int i) { return Id("33011019500101" + std::to_string(100 + i)); }

  Statistics Stats(const std::string& unit = "", const StatisticSources& sources = {}) {
    auto stats = ComputeStatistics(*db_, *ParseReportPeriod("2025"), unit,
                                   *Date::FromYmd(2026, 7, 25), sources);
    EXPECT_TRUE(stats.has_value()) << stats.error().message();
    return stats ? *stats : Statistics{};
  }

  static std::string Render(const Statistics& stats, ReportFormat format) {
    auto tmpl = LoadReportTemplate(format);
    EXPECT_TRUE(tmpl.has_value());
    auto out = RenderReport(stats, *tmpl, format);
    EXPECT_TRUE(out.has_value()) << out.error().message();
    return out ? *out : "";
  }

  crypto::FieldCipher cipher_ = TestCipher();
  std::unique_ptr<store::Database> db_;
};

TEST_F(WorkReportTest, EverySectionFigureEqualsItsOwnCount) {
  SeedDemo();
  Statistics stats = Stats();
  std::string md = Render(stats, ReportFormat::kMarkdown);
  ExpectNoPlaceholder(md, Render(stats, ReportFormat::kHtml));
  const taxonomy::Taxonomy& t = taxonomy::Active();
  int sections_with_cases = 0;
  for (std::string_view section : t.Sections()) {
    std::string domains = InList(t.DomainsOfSection(section));
    Expected e = Count(*db_, fmt::format("l.domain IN ({})", domains),
                       fmt::format("c.domain IN ({})", domains),
                       fmt::format("r.domain IN ({})", domains), RulesOf(section));
    std::string prefix = fmt::format("section.{}", section);
    ExpectFigures(stats, prefix, e);
    sections_with_cases += e.cases != 0 ? 1 : 0;
    if (section == "自身建设") continue;  // its part counts the restricted flag, below
    std::string part = Part(md, t.FindDomain(section)->title);
    if (e.problems + e.cases + e.rectifications + e.judicial + e.accountability_persons == 0) {
      if (section != "扫黑除恶" && section != "民生") {
        EXPECT_EQ(part, "") << section;
      }
      continue;
    }
    ASSERT_NE(part, "") << section << "\n" << md;
    ExpectClauses(part, e, std::string(section));
  }
  EXPECT_GE(sections_with_cases, 4);
  // The demo's 民生 part counts its ledger findings that were not promoted to a clue.
  EXPECT_GT(stats.Get("section.民生.problems").value, stats.Get("clues.domain.民生").value);
}

TEST_F(WorkReportTest, RestrictedCluesCountTheFlagNotTheDomain) {
  SeedDemo();
  // A restricted clue filed under 民生 still counts as 涉纪检监察干部.
  Exec(*db_,
       "UPDATE clues SET restricted = 1 WHERE clue_id = (SELECT MIN(clue_id) FROM clues "
       "WHERE domain = '民生')");
  Statistics stats = Stats();
  int64_t clues = Scalar(*db_,
                         "SELECT COUNT(*) FROM clues WHERE restricted = 1 AND "
                         "substr(created_at, 1, 4) = '2025'");
  int64_t by_domain = Scalar(*db_, "SELECT COUNT(*) FROM clues WHERE domain = '自身建设'");
  EXPECT_EQ(stats.Get("clues.restricted").value, clues);
  EXPECT_NE(clues, by_domain);
  int64_t cases = Scalar(*db_,
                         "SELECT COUNT(*) FROM cases WHERE restricted = 1 AND "
                         "substr(filed_at, 1, 4) = '2025'");
  EXPECT_EQ(stats.Get("cases.restricted").value, cases);
  std::string part = Part(Render(stats, ReportFormat::kMarkdown), "纪检监察干部队伍自身建设");
  EXPECT_NE(part.find(fmt::format("受理反映纪检监察干部问题线索**{}**件", clues)),
            std::string::npos)
      << part;
}

TEST_F(WorkReportTest, CampaignFiguresReadTheTags) {
  SeedDemo();
  // The demo case book tags its clues, cases and rectification items as the casework service
  // writes tags (ZX-YKT, ZX-MS-10+1, ZX-JC, ZX-SHCE); one more case tagged directly, not through
  // its clue.
  Exec(*db_,
       "INSERT INTO campaign_tags SELECT 'case', MIN(case_id), 'ZX-DK' FROM cases WHERE "
       "domain = '一卡通'");
  Statistics stats = Stats();
  std::string md = Render(stats, ReportFormat::kMarkdown);
  ExpectNoPlaceholder(md, Render(stats, ReportFormat::kHtml));
  if (const char* dump = std::getenv("QF_REPORT_DUMP")) std::ofstream(dump) << md;
  std::string part = Part(md, "扎实开展专项整治");
  ASSERT_NE(part, "") << md;
  int tagged_campaigns = 0;
  for (const taxonomy::Campaign& c : taxonomy::Active().campaigns) {
    auto tagged = [&](const char* kind, const char* column) {
      return fmt::format(
          "EXISTS (SELECT 1 FROM campaign_tags g WHERE g.record_kind = '{}' AND "
          "g.record_id = {} AND g.campaign = '{}')",
          kind, column, c.code);
    };
    Expected e =
        Count(*db_, tagged("clue", "l.clue_id"),
              fmt::format("({} OR {})", tagged("case", "c.case_id"), tagged("clue", "c.clue_id")),
              tagged("rectification", "r.rectification_id"), "1 = 0");
    ExpectFigures(stats, "campaign." + c.code, e);
    std::size_t at = part.find(c.name + "中，");
    if (e.problems + e.cases + e.rectifications == 0) {
      EXPECT_EQ(at, std::string::npos) << c.name;
      continue;
    }
    ++tagged_campaigns;
    ASSERT_NE(at, std::string::npos) << c.name << "\n" << part;
    std::size_t end = part.find("；", at);
    ExpectClauses(part.substr(at, end == std::string::npos ? std::string::npos : end - at), e,
                  c.code);
  }
  EXPECT_GE(tagged_campaigns, 4);
  EXPECT_GT(stats.Get("campaign.ZX-DK.cases").value, 0);
}

TEST_F(WorkReportTest, SanziCountsInTheCollectivesCommunityAndStreet) {
  SeedDemo();
  Statistics stats = Stats();
  // This test's own attribution: a contract's community, a voucher's community, by unit name.
  auto per_unit = [&](const std::string& unit) {
    return Scalar(*db_,
                  fmt::format("SELECT COUNT(*) FROM findings f JOIN units u ON u.code = '{0}' "
                              "WHERE f.review <> 'dismissed' AND ((f.rule IN ('R18', 'R19', "
                              "'R20', 'R26') AND EXISTS (SELECT 1 FROM collective_contracts k "
                              "WHERE k.contract_id = f.ref AND k.community = u.name)) OR (f.rule "
                              "= 'R17' AND EXISTS (SELECT 1 FROM collective_transactions t WHERE "
                              "t.counterparty = f.ref AND t.community = u.name)))",
                              unit));
  };
  int64_t all = 0;
  for (const char* village : {"西溪村", "北塘村", "五堡村"}) {
    std::string code = "";
    auto st =
        db_->Prepare(fmt::format("SELECT code, parent_code FROM units WHERE name = '{}'", village));
    ASSERT_TRUE(st.has_value());
    ASSERT_TRUE(*(*st)->Step());
    code = (*st)->Text(0);
    std::string street = (*st)->Text(1);
    int64_t expected = per_unit(code);
    EXPECT_GT(expected, 0) << village;
    EXPECT_EQ(stats.Get("sanzi.findings." + code).value, expected) << village;
    all += expected;
    // The street's report counts its villages' 三资 findings (they used to land in （无户籍）).
    Statistics street_stats = Stats(street);
    EXPECT_GE(street_stats.Get("findings.domain.三资").value, expected) << street;
    EXPECT_GE(street_stats.Get("sanzi.findings." + street).value, expected) << street;
  }
  EXPECT_EQ(all, Scalar(*db_,
                        "SELECT COUNT(*) FROM findings WHERE review <> 'dismissed' AND "
                        "(rule BETWEEN 'R17' AND 'R20' OR rule = 'R26')"));
  // Streets sum their communities.
  int64_t streets = 0;
  for (const Statistics::UnitLine& line : stats.sanzi_units) {
    if (line.street) streets += stats.Get("sanzi.findings." + line.code).value;
  }
  EXPECT_EQ(streets, all);
  auto xlsx = RenderReport(stats, "", ReportFormat::kXlsx);
  ASSERT_TRUE(xlsx.has_value());
  std::vector<Table> tables = ReportTables(stats);
  bool found = false;
  for (const Table& table : tables) found = found || table.sheet == "三资分社区";
  EXPECT_TRUE(found);
}

// The outside figures through the hook: a clause per non-zero figure, none for zero or absent.
TEST_F(WorkReportTest, OutsideFiguresLeaveOutZeroAndAbsentClauses) {
  SeedDemo();
  Statistics none = Stats();
  EXPECT_FALSE(none.Get("activities.座谈会.count").provided);
  std::string md = Render(none, ReportFormat::kMarkdown);
  EXPECT_EQ(md.find("强化日常监督"), std::string::npos);
  EXPECT_EQ(md.find("健全监督体制机制"), std::string::npos);
  EXPECT_EQ(md.substr(0, md.find("## 附表")).find("审议意见"), std::string::npos);

  StatisticSources sources;
  sources.activities = [](const SourceQuery&) -> Result<std::vector<ProvidedFigure>> {
    return std::vector<ProvidedFigure>{
        {"activities.座谈会.count", 12, {}},      {"activities.监督检查.count", 0, {}},
        {"activities.走访群众.people", 1350, {}}, {"activities.联合督查.communities", 8, {}},
        {"activities.制度机制.count", 3, {}},     {"activities.制度机制.established", 3, {}},
        {"activities.制度机制.revised", 0, {}}};
  };
  sources.oversight = [](const SourceQuery&) -> Result<std::vector<ProvidedFigure>> {
    return std::vector<ProvidedFigure>{{"units.stationed_group", 5, {}},
                                       {"units.street_office", 0, {}},
                                       {"stationed_reports.due", 0, {}}};
  };
  md = Render(Stats("", sources), ReportFormat::kMarkdown);
  std::string part = Part(md, "强化日常监督");
  EXPECT_NE(part.find("召开座谈会**12**次，走访群众**1350**人次，对**8**个社区开展联合督查。"),
            std::string::npos)
      << part;
  EXPECT_EQ(part.find("监督检查"), std::string::npos);
  std::string institution = Part(md, "健全监督体制机制");
  EXPECT_NE(institution.find("设置**5**个派驻纪检监察组。"), std::string::npos) << institution;
  EXPECT_NE(institution.find("健全**3**项制度机制（建立**3**项）。"), std::string::npos)
      << institution;
  EXPECT_EQ(institution.find("三为主一报告"), std::string::npos);
  EXPECT_EQ(md.substr(0, md.find("## 附表")).find("审议意见"), std::string::npos);

  // A provider may fill only a registered outside figure.
  StatisticSources wrong;
  wrong.congress = [](const SourceQuery&) -> Result<std::vector<ProvidedFigure>> {
    return std::vector<ProvidedFigure>{{"cases.filed", 1, {}}};
  };
  auto refused =
      ComputeStatistics(*db_, *ParseReportPeriod("2025"), "", *Date::FromYmd(2026, 7, 25), wrong);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message().find("cases.filed"), std::string::npos);
}

// With every outside figure provided, each sentence of the issue is written in full, in the
// commission's words, and the report still holds no placeholder.
TEST_F(WorkReportTest, EveryOutsideFigureHasItsSentence) {
  SeedDemo();
  auto figures = [](std::vector<ProvidedFigure> list) {
    return [list](const SourceQuery&) -> Result<std::vector<ProvidedFigure>> { return list; };
  };
  StatisticSources sources;
  sources.activities = figures({{"activities.座谈会.count", 12, {}},
                                {"activities.监督检查.count", 30, {}},
                                {"activities.走访群众.people", 1350, {}},
                                {"activities.联合督查.communities", 8, {}},
                                {"activities.督导检查.count", 5, {}},
                                {"activities.专题培训.people", 300, {}},
                                {"activities.制度机制.count", 6, {}},
                                {"activities.制度机制.established", 4, {}},
                                {"activities.制度机制.revised", 2, {}},
                                {"activities.以案促改.count", 3, {}}});
  sources.oversight = figures({{"units.stationed_group", 5, {}},
                               {"units.street_office", 3, {}},
                               {"stationed_reports.due", 20, {}},
                               {"stationed_reports.on_time", 18, {}},
                               {"stationed_reports.overdue", 2, {}}});
  sources.congress = figures({{"congress.opinions", 3, {}},
                              {"congress.tasks", 12, {}},
                              {"congress.tasks_done", 10, {}},
                              {"suggestions.received", 9, {}},
                              {"suggestions.answered", 9, {}},
                              {"suggestions.satisfied", 8, {}}});
  Statistics stats = Stats("", sources);
  EXPECT_TRUE(stats.Get("units.street_office").provided);
  std::string md = Render(stats, ReportFormat::kMarkdown);
  std::string html = Render(stats, ReportFormat::kHtml);
  ExpectNoPlaceholder(md, html);
  // QF_REPORT_DUMP_HTML=file writes this full report, to look at it.
  if (const char* dump = std::getenv("QF_REPORT_DUMP_HTML")) std::ofstream(dump) << html;
  for (const char* sentence :
       {"召开座谈会**12**次，开展监督检查**30**次，走访群众**1350**人次，对**8**个社区开展联合"
        "督查，开展督导检查**5**次，培训干部**300**人次，开展以案促改**3**次。",
        "设置**5**个派驻纪检监察组，在**3**个街道设置监察办公室。",
        "落实“三为主一报告”制度，应报**20**次，按时报送**18**次，逾期未报**2**次。",
        "健全**6**项制度机制（建立**4**项、修订**2**项）。",
        "收到区人大常委会审议意见**3**条，分解任务**12**项，已办结**10**项",
        "承办人大代表建议**9**件，已答复**9**件，代表满意**8**件。"}) {
    EXPECT_NE(md.find(sentence), std::string::npos) << sentence;
  }
  // The parts are numbered after the sections, in order.
  std::size_t activities = md.find("强化日常监督"), institution = md.find("健全监督体制机制"),
              congress = md.find("认真办理区人大常委会审议意见和代表建议");
  ASSERT_NE(congress, std::string::npos);
  EXPECT_LT(activities, institution);
  EXPECT_LT(institution, congress);
}

// The demo's whole report, computed with the real providers over the seeded stationed groups,
// 三为主 一报告, 人大 opinions and suggestions and a year of activities: every outside figure is
// filled, not zero, equal to the count this test makes with its own SQL, and written in the report.
TEST_F(WorkReportTest, TheDemosSupervisionFiguresAreFilledAndEqualTheirOwnCounts) {
  SeedDemo();
  const Date today = *Date::FromYmd(2026, 7, 25);
  demo::DemoOversightOptions oversight;
  oversight.casework.password_cost = casework::PasswordCost::Minimal();
  oversight.fallback_today = today;
  ASSERT_TRUE(demo::SeedDemoOversight(*db_, cipher_, oversight).has_value());
  demo::DemoActivitiesOptions activities;
  activities.casework.password_cost = casework::PasswordCost::Minimal();
  activities.fallback_today = today;
  auto seeded = demo::SeedDemoActivities(*db_, cipher_, activities);
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message();

  Statistics stats = Stats("", SupervisionSources());
  const std::string in_year = "BETWEEN '2025-01-01' AND '2025-12-31'";
  const std::string as_of = "'2025-12-31'";  // the period's end: before today
  const std::string activity = "SELECT {} FROM activities WHERE kind = '{}' AND held_on " + in_year;
  const std::string submitted =
      "state IN ('submitted', 'read') AND submitted_on <> '' AND submitted_on <= " + as_of;
  const std::string opinion_tasks =
      "SELECT COUNT(*) FROM congress_tasks t JOIN congress_items i ON i.item_id = t.item_id WHERE "
      "i.kind = 'opinion' AND i.received_on " +
      in_year;
  const std::string suggestions =
      "SELECT COUNT(*) FROM congress_items i WHERE i.kind = 'suggestion' AND i.received_on " +
      in_year;
  const std::string undone =
      " AND NOT EXISTS (SELECT 1 FROM congress_tasks t WHERE t.item_id = "
      "i.item_id AND NOT (t.state = 'done' AND t.completed_on <> '' AND "
      "t.completed_on <= " +
      as_of + "))";
  std::vector<std::pair<std::string, std::string>> expected = {
      {"units.stationed_group", "SELECT COUNT(*) FROM units WHERE kind = 'stationed_group'"},
      {"units.street_office", "SELECT COUNT(*) FROM units WHERE kind = 'street_office'"},
      {"stationed_reports.due", "SELECT COUNT(*) FROM stationed_reports WHERE due_on " + in_year},
      {"stationed_reports.on_time", "SELECT COUNT(*) FROM stationed_reports WHERE due_on " +
                                        in_year + " AND " + submitted +
                                        " AND submitted_on <= due_on"},
      {"stationed_reports.overdue", "SELECT COUNT(*) FROM stationed_reports WHERE due_on " +
                                        in_year + " AND NOT (" + submitted + ") AND due_on < " +
                                        as_of},
      {"congress.opinions",
       "SELECT COUNT(*) FROM congress_items WHERE kind = 'opinion' AND "
       "received_on " +
           in_year},
      {"congress.tasks", opinion_tasks},
      {"congress.tasks_done", opinion_tasks +
                                  " AND t.state = 'done' AND t.completed_on <> '' "
                                  "AND t.completed_on <= " +
                                  as_of},
      {"suggestions.received", suggestions},
      {"suggestions.answered", suggestions + undone},
      {"suggestions.satisfied",
       suggestions + undone + " AND i.satisfaction IN ('满意', '基本满意')"},
      {"activities.走访群众.people",
       fmt::format(fmt::runtime(activity), "SUM(visited)", "走访群众")},
      {"activities.专题培训.people",
       fmt::format(fmt::runtime(activity), "SUM(participants)", "专题培训")},
      {"activities.制度机制.established",
       fmt::format(fmt::runtime(activity), "COUNT(*)", "制度机制") + " AND mechanism = '建立'"},
      {"activities.制度机制.revised",
       fmt::format(fmt::runtime(activity), "COUNT(*)", "制度机制") + " AND mechanism = '修订'"},
      {"activities.联合督查.communities",
       "SELECT COUNT(DISTINCT CASE WHEN p.unit_code <> '' THEN p.unit_code ELSE p.place END) "
       "FROM activity_places p JOIN activities a ON a.activity_id = p.activity_id WHERE a.kind "
       "= '联合督查' AND a.held_on " +
           in_year}};
  for (const taxonomy::ActivityKind& kind : taxonomy::Active().activity_kinds) {
    expected.push_back({fmt::format("activities.{}.count", kind.name),
                        fmt::format(fmt::runtime(activity), "COUNT(*)", kind.name)});
  }
  for (const auto& [id, sql] : expected) {
    const Figure& f = stats.Get(id);
    EXPECT_TRUE(f.provided) << id;
    EXPECT_GT(f.value, 0) << id << ": the demo leaves this figure empty";
    EXPECT_EQ(f.value, Scalar(*db_, sql)) << id << "\n" << sql;
  }
  // Each figure drills down to its records; the report says each of them.
  EXPECT_EQ(stats.Get("congress.opinions").records.size(), 2u);
  EXPECT_EQ(stats.Get("units.stationed_group").records.size(), 3u);
  std::string md = Render(stats, ReportFormat::kMarkdown);
  ExpectNoPlaceholder(md, Render(stats, ReportFormat::kHtml));
  for (const std::string& sentence :
       {fmt::format("召开座谈会**{}**次", stats.Get("activities.座谈会.count").value),
        fmt::format("走访群众**{}**人次", stats.Get("activities.走访群众.people").value),
        fmt::format("对**{}**个社区开展联合督查",
                    stats.Get("activities.联合督查.communities").value),
        fmt::format("培训干部**{}**人次", stats.Get("activities.专题培训.people").value),
        fmt::format("设置**{}**个派驻纪检监察组，在**{}**个街道设置监察办公室",
                    stats.Get("units.stationed_group").value,
                    stats.Get("units.street_office").value),
        fmt::format("收到区人大常委会审议意见**{}**条", stats.Get("congress.opinions").value),
        fmt::format("承办人大代表建议**{}**件", stats.Get("suggestions.received").value)}) {
    EXPECT_NE(md.find(sentence), std::string::npos) << sentence;
  }
}

// A store with one clue and nothing else: every sentence whose figures are all zero is left out,
// no clause says 0.
TEST_F(WorkReportTest, ZeroFiguresLeaveTheirClauseOut) {
  Exec(*db_,
       "INSERT INTO clues(clue_id, source, source_ref, domain, title, summary, amount, "
       "unit_code, restricted, status, created_by, created_at, updated_at) VALUES (1, "
       "'信访', '', '生态环保', '河道采砂', '', 0, 'commission', 0, 'registered', 'x', "
       "'2025-05-06T02:00:00Z', '2025-05-06T02:00:00Z')");
  Statistics stats = Stats();
  std::string md = Render(stats, ReportFormat::kMarkdown);
  ExpectNoPlaceholder(md, Render(stats, ReportFormat::kHtml));
  md = md.substr(0, md.find("## 二、"));  // the work part (the annex tables list every row)
  std::string part = Part(md, "生态环境保护");
  EXPECT_NE(part.find("聚焦生态环境保护领域开展监督，发现问题**1**个。"), std::string::npos) << md;
  for (const char* absent : {"立案查处**", "追责问责**", "扎实开展专项整治",
                             "纪检监察干部队伍自身建设", "农村集体“三资”", "对口支援"}) {
    EXPECT_EQ(md.find(absent), std::string::npos) << absent;
  }
}

}  // namespace
}  // namespace qf::report
