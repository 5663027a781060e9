// What the casework pages show instead of codes, ISO times and field names (casework_view.h).
#include "web/internal/casework_view.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace qf::web::internal {
namespace {

TEST(CaseworkViewTest, ShownTimeIsTheBeijingMinute) {
  EXPECT_EQ(ShownTime("2026-12-06T02:42:19Z"), "2026-12-06 10:42");
  EXPECT_EQ(ShownTime("2026-12-31T16:00:00Z"), "2027-01-01 00:00");
  EXPECT_EQ(ShownTime("2026-12-06"), "2026-12-06");
  EXPECT_EQ(ShownTime(""), "");
}

TEST(CaseworkViewTest, FormMessageNamesTheFieldInChinese) {
  Error due = Error(ErrorCode::kInvalidArgument, "字段 due_date：日期无效").WithField("due_date");
  EXPECT_EQ(FormMessage(due), "整改期限：日期无效");
  Error nested =
      Error(ErrorCode::kInvalidArgument, "字段 clue.title：不能为空").WithField("clue.title");
  EXPECT_EQ(FormMessage(nested), "线索标题：不能为空");
  Error indexed = Error(ErrorCode::kInvalidArgument, "字段 subjects[0].id_number：校验位不对")
                      .WithField("subjects[0].id_number");
  EXPECT_EQ(FormMessage(indexed), "身份证号：校验位不对");
  Error unknown = Error(ErrorCode::kInvalidArgument, "字段 zzz：有误").WithField("zzz");
  EXPECT_EQ(FormMessage(unknown), "填写内容：有误");
  EXPECT_EQ(FormMessage(Error(ErrorCode::kConflict, "线索当前状态为「已受理」")),
            "线索当前状态为「已受理」");
}

TEST(CaseworkViewTest, CodesReadAsWords) {
  EXPECT_EQ(StateLabel("clue", "in_disposal"), "处置中");
  EXPECT_EQ(StateLabel("case", "investigating"), "调查中");
  EXPECT_NE(StateLabel("assignment", "feedback_submitted"), "feedback_submitted");
  EXPECT_NE(StateLabel("transfer", "feedback_received"), "feedback_received");
  EXPECT_EQ(DirectionLabel("in"), "移入（政法机关移来）");
  EXPECT_EQ(DirectionLabel("out"), "移出（移送政法机关）");
}

TEST(CaseworkViewTest, SelectOptionsMarkTheChosenValue) {
  Json options = SelectOptions({"approve", "reject"}, {"批准", "不批准"}, "reject");
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[0]["label"], "批准");
  EXPECT_FALSE(options[0]["selected"].get<bool>());
  EXPECT_TRUE(options[1]["selected"].get<bool>());
  EXPECT_EQ(SelectOptions({"信访"}, {}, "")[0]["label"], "信访");
}

// Every "entity.verb" literal under src/ is an audit-log action with a Chinese label, or one of
// the strings below that only look like one. A new action without a label fails here, so the
// audit administrator never reads a bare code.
TEST(CaseworkViewTest, EveryActionWrittenInSrcHasAChineseLabel) {
  const std::set<std::string> not_actions = {
      // Statistic ids of the work report (src/report/statistics.cpp).
      "accountability.cases", "accountability.persons", "approval.completed",
      "approval.in_progress", "approval.overdue", "approval.rejected", "approval.submitted",
      "cases.filed", "cases.filed_persons", "clues.received", "disposals.total", "findings.amount",
      "findings.confirmed", "findings.decided", "findings.recovered", "findings.stopped",
      "findings.total", "judicial.persons", "money.losses_retrieved", "money.recovered",
      "rectification.completed", "rectification.found", "rectification.overdue",
      "rectification.recommendations", "reports.answered", "reports.received", "transfers.fed_back",
      "transfers.received", "transfers.sent", "clues.restricted", "cases.restricted",
      "cases.restricted_persons",
      // Outside figures of the work report (StatisticSources, src/report/outside_figures.cpp).
      "units.stationed_group", "units.street_office", "stationed_reports.due",
      "stationed_reports.on_time", "stationed_reports.overdue", "congress.opinions",
      "congress.tasks", "congress.tasks_done", "suggestions.received", "suggestions.answered",
      "suggestions.satisfied",
      // Source references of the demo's clues (src/demo/case_book.cpp).
      "audit.subsidy", "case.gang", "deputy.water", "petition.elderly", "petition.window",
      "report.allowance", "report.disability", "report.fishpond", "report.review",
      "check.insurance", "hotline.window", "inspection.tender", "opinion.meals",
      "report.allowance", "report.disability", "report.fishpond", "report.review", "check.insurance",
      "hotline.window", "inspection.tender", "opinion.meals",
      // Transfer directions and nested form fields.
      "transfer.in", "transfer.out", "clue.amount", "clue.domain", "clue.summary", "clue.title",
      "clue.campaigns"};
  const std::set<std::string> file_suffixes = {"csv", "toml", "key", "anchors"};
  const std::regex literal(R"re("([a-z_]+)\.([a-z_]+)")re");
  // A list's export is audited as its entity + ".export" (list_export.cpp).
  const std::regex list_entity(R"re(ListExport \w+\{\.entity = "([a-z_]+)")re");
  std::set<std::string> missing;
  int actions = 0;
  for (const auto& file : std::filesystem::recursive_directory_iterator(QF_TEST_SRC_ROOT)) {
    const std::string ext = file.path().extension().string();
    if (ext != ".cpp" && ext != ".h") continue;
    std::ifstream in(file.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    std::vector<std::string> found;
    for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end; ++it) {
      if ((*it)[1].length() == 1 || file_suffixes.contains((*it)[2])) continue;  // "f.rule"
      found.push_back((*it)[1].str() + "." + (*it)[2].str());
    }
    for (std::sregex_iterator it(source.begin(), source.end(), list_entity), end; it != end; ++it) {
      found.push_back((*it)[1].str() + ".export");
    }
    for (const std::string& action : found) {
      if (not_actions.contains(action)) continue;
      ++actions;
      if (!HasActionLabel(action)) missing.insert(action + " (" + file.path().string() + ")");
    }
  }
  EXPECT_GT(actions, 50);
  for (const std::string& m : missing) ADD_FAILURE() << "no Chinese label for " << m;
  EXPECT_EQ(ActionLabel("case.close"), "审批结案");
  EXPECT_EQ(ActionLabel("application.declare"), "申报人申报");
  EXPECT_EQ(ActionLabel("no.such_action"), "no.such_action");
}

}  // namespace
}  // namespace qf::web::internal
