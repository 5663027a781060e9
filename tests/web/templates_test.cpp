// The staff pages' templates as the server renders them: an empty string is false in a section,
// so a page opened without a message (`/clues/7` rather than `/clues/7?msg=…`) draws no empty
// notice box, while a message still shows and an empty value still renders as nothing.
#include "web/internal/templates.h"

#include <gtest/gtest.h>

#include <string>

namespace qf::web::internal {
namespace {

class TemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = templates_.Load(std::string(QF_TEST_WEB_ROOT) + "/templates");
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  }

  std::string Render(const std::string& page, const nlohmann::json& data) {
    auto html = templates_.Render(page, data);
    EXPECT_TRUE(html.has_value()) << html.error().message();
    return html ? *html : std::string();
  }

  Templates templates_;
};

TEST_F(TemplatesTest, AnEmptyMessageDrawsNoNoticeBox) {
  for (const char* page : {"clue", "case", "transfer", "rectification", "approval"}) {
    std::string empty = Render(page, {{"title", "线索"}, {"message", ""}});
    EXPECT_EQ(empty.find("class=\"notice\""), std::string::npos) << page << "\n" << empty;
    std::string shown = Render(page, {{"title", "线索"}, {"message", "已保存"}});
    EXPECT_NE(shown.find("已保存</p>"), std::string::npos) << page;
  }
  std::string login = Render("login", {{"message", ""}});
  EXPECT_EQ(login.find("role=\"alert\""), std::string::npos);
}

TEST_F(TemplatesTest, AnEmptyLinkRendersPlainText) {
  // report_figure: {{#link}}<a href="{{link}}">…{{/link}}{{^link}}…{{/link}}
  std::string html = Render(
      "report_figure",
      {{"any", true},
       {"back", "/report"},
       {"records",
        {{{"label", "记录一"}, {"link", ""}}, {{"label", "记录二"}, {"link", "/clues/2"}}}}});
  EXPECT_EQ(html.find("href=\"\""), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"/clues/2\""), std::string::npos) << html;
  EXPECT_NE(html.find("记录一"), std::string::npos);
}

}  // namespace
}  // namespace qf::web::internal
