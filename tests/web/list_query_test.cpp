// The shared list parameters (list_query.h) and the breadcrumb (breadcrumb.h).
#include "web/internal/list_query.h"

#include <gtest/gtest.h>

#include "web/internal/breadcrumb.h"

namespace qf::web::internal {
namespace {

using Json = nlohmann::json;

const ListSpec& Spec() {
  static const ListSpec spec = {
      .path = "/clues",
      .columns = {{"id", "编号", "t.id", true}, {"title", "标题", "t.title"}, {"", "备注", ""}},
      .default_sort = "id",
      .default_descending = true,
      .tiebreak = "t.id DESC",
      .filters = {"status"}};
  return spec;
}

ListQuery Parse(std::string_view query) { return ParseListQuery(Form::Parse(query), Spec()); }

TEST(ListQueryTest, AnUnknownSortColumnFallsBackToTheDefault) {
  ListQuery q = Parse("sort=t.id%3B%20DROP%20TABLE%20clues&dir=asc");
  EXPECT_EQ(q.sort, "id");
  EXPECT_TRUE(q.descending);
  EXPECT_EQ(OrderBy(Spec(), q), " ORDER BY t.id DESC, t.id DESC");
  EXPECT_EQ(OrderBy(Spec(), Parse("sort=title")), " ORDER BY t.title, t.id DESC");
  EXPECT_EQ(OrderBy(Spec(), Parse("sort=title&dir=desc")), " ORDER BY t.title DESC, t.id DESC");
  // A column that does not sort is not a sort key either.
  EXPECT_EQ(Parse("sort=").sort, "id");
}

TEST(ListQueryTest, PageSizeIsOneOfTheOffered) {
  EXPECT_EQ(Parse("size=50").page_size, 50);
  EXPECT_EQ(Parse("size=100000").page_size, 20);
  EXPECT_EQ(Parse("size=-1").page_size, 20);
}

TEST(ListQueryTest, APageBeyondTheLastIsTheLast) {
  EXPECT_EQ(PageOf(45, Parse("page=99")).page, 3);
  EXPECT_EQ(PageOf(45, Parse("page=99")).pages, 3);
  EXPECT_EQ(PageOf(45, Parse("page=0")).page, 1);
  EXPECT_EQ(PageOf(45, Parse("page=x")).page, 1);
  Paging empty = PageOf(0, Parse("page=7"));
  EXPECT_EQ(empty.page, 1);
  EXPECT_EQ(empty.pages, 1);
  EXPECT_EQ(PageOf(45, Parse("page=3")).Offset(), 40);
}

TEST(ListQueryTest, DatesAndSearchAreTrimmedAndChecked) {
  ListQuery q = Parse("q=%20%E4%BD%8E%E4%BF%9D%20&from=2025-01-01&to=2025-13-40&status=");
  EXPECT_EQ(q.search, "低保");
  EXPECT_EQ(q.from, "2025-01-01");
  EXPECT_EQ(q.to, "");
  EXPECT_FALSE(q.filters.contains("status"));  // empty means no filter
}

TEST(ListQueryTest, AFilterTakesTheCodeOrTheLabel) {
  std::vector<Choice> states = {{"registered", "已受理"}, {"in_disposal", "处置中"}};
  EXPECT_EQ(CodeOf("处置中", states), "in_disposal");
  EXPECT_EQ(CodeOf("in_disposal", states), "in_disposal");
  EXPECT_EQ(CodeOf("别的", states), "别的");  // matches nothing, so selects nothing
}

TEST(ListQueryTest, RowsSortNumbersAsNumbersAndPage) {
  // An in-memory list names row fields where an SQL list names expressions.
  ListSpec spec = Spec();
  spec.columns = {{"id", "编号", "id", true}, {"title", "标题", "title"}};
  std::vector<Json> rows = {
      {{"id", 9}, {"title", "乙"}}, {{"id", 10}, {"title", "甲"}}, {{"id", 2}, {"title", "丙"}}};
  SortRows(rows, spec, Parse(""));
  EXPECT_EQ(rows[0]["id"], 10);  // not "9" before "10"
  EXPECT_EQ(rows[2]["id"], 2);
  ListQuery q = Parse("size=10&page=5");
  std::vector<Json> page = PageRows(rows, PageOf(static_cast<int64_t>(rows.size()), q));
  EXPECT_EQ(page.size(), 3u);  // the last page, not an empty one
}

TEST(ListQueryTest, LinksKeepTheParametersAndTurnTheSortedColumnRound) {
  ListQuery q = Parse("status=%E5%A4%84%E7%BD%AE%E4%B8%AD&sort=title&dir=asc&page=2");
  Json view = ListView(Spec(), q, PageOf(60, q));
  EXPECT_EQ(view["summary"], "共 60 条，第 2/3 页");
  EXPECT_EQ(view["next"], "/clues?dir=asc&page=3&sort=title&status=%E5%A4%84%E7%BD%AE%E4%B8%AD");
  EXPECT_EQ(view["prev"], "/clues?dir=asc&sort=title&status=%E5%A4%84%E7%BD%AE%E4%B8%AD");
  EXPECT_EQ(view["export"], "/clues/export?dir=asc&sort=title&status=%E5%A4%84%E7%BD%AE%E4%B8%AD");
  EXPECT_EQ(view["columns"][1]["href"],
            "/clues?dir=desc&sort=title&status=%E5%A4%84%E7%BD%AE%E4%B8%AD");
  EXPECT_EQ(view["columns"][1]["arrow"], "▲");
  EXPECT_FALSE(view["columns"][2].contains("href"));
}

TEST(ListQueryTest, LikePatternsMatchWildcardsLiterally) {
  EXPECT_EQ(LikeEscaped("50%_a\\b"), "50\\%\\_a\\\\b");
}

TEST(BreadcrumbTest, ListAndDetailPages) {
  Json list = Breadcrumb("clues", "线索", "/clues");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["label"], "首页");
  EXPECT_EQ(list[1]["label"], "执纪办案");
  EXPECT_EQ(list[2]["label"], "线索列表");
  EXPECT_FALSE(list[2].contains("href"));
  Json detail = Breadcrumb("clues", "线索 12", "/clues/12");
  ASSERT_EQ(detail.size(), 4u);
  EXPECT_EQ(detail[2]["href"], "/clues");
  EXPECT_EQ(detail[3]["label"], "线索 12");
  EXPECT_TRUE(Breadcrumb("home", "工作台", "/").empty());
}

}  // namespace
}  // namespace qf::web::internal
