#include "taxonomy/taxonomy.h"

#include <gtest/gtest.h>

namespace qf::taxonomy {
namespace {

constexpr std::string_view kSmall = R"(
[[domains]]
name = "民生"
title = "民生领域系统治理"
[[domains]]
name = "卫健医保"
group = "民生"
[[domains]]
name = "旧领域"
retired = true
[[campaigns]]
code = "ZX-1"
name = "“10+1”民生领域专项整治"
domain = "民生"
from = "2026-01-01"
[clues]
sources = ["信访", "12345热线"]
[[public_categories]]
name = "吃拿卡要"
domain = "卫健医保"
[[activity_kinds]]
name = "走访群众"
measure = "人次"
)";

TEST(TaxonomyTest, ShippedFileParsesAndFilesEveryPublicCategory) {
  auto t = LoadTaxonomy(DefaultTaxonomyPath());
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_NE(t->FindDomain("一卡通"), nullptr);
  EXPECT_NE(t->FindDomain("窗口服务"), nullptr);
  EXPECT_TRUE(t->HasClueSource("12345热线"));
  EXPECT_EQ(t->DomainForPublicCategory("吃拿卡要"), "窗口服务");
  EXPECT_EQ(t->DomainForPublicCategory("冒领骗取补贴"), "一卡通");
  // Every domain the code filed clues under before the taxonomy was configurable stays valid.
  for (std::string_view old :
       {"扫黑除恶", "一卡通", "营商环境", "三资", "民生", "自身建设", "其他"}) {
    EXPECT_NE(t->FindDomain(old), nullptr) << old;
  }
}

TEST(TaxonomyTest, ReadsDomainsCampaignsSourcesCategoriesAndKinds) {
  auto t = ParseTaxonomy(kSmall, "small.toml");
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->FindDomain("卫健医保")->title, "卫健医保");  // title defaults to the name
  EXPECT_EQ(t->DomainNames().size(), 3u);
  EXPECT_EQ(t->DomainNames(false).size(), 2u);  // the retired one is not offered
  EXPECT_EQ(t->DomainsOfSection("民生"), (std::vector<std::string_view>{"民生", "卫健医保"}));
  EXPECT_EQ(t->Sections(), (std::vector<std::string_view>{"民生", "旧领域"}));
  EXPECT_EQ(t->FindCampaign("ZX-1")->domain, "民生");
  EXPECT_EQ(t->FindActivityKind("走访群众")->measure, "人次");
  EXPECT_EQ(t->DomainForPublicCategory("不存在的类别"), "民生");
}

TEST(TaxonomyTest, RejectsUnknownDomainReferencesWithTheEntry) {
  std::string bad =
      std::string(kSmall) + "[[campaigns]]\ncode = \"ZX-2\"\nname = \"x\"\ndomain = \"无此领域\"\n";
  auto t = ParseTaxonomy(bad, "bad.toml");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message().find("ZX-2"), std::string::npos) << t.error().message();
  EXPECT_NE(t.error().message().find("无此领域"), std::string::npos);
}

TEST(TaxonomyTest, RejectsDuplicatesBadDatesAndSyntaxWithFileAndPlace) {
  auto dup = ParseTaxonomy(std::string(kSmall) + "[[domains]]\nname = \"民生\"\n", "dup.toml");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message().find("[[domains]] 第 4 项"), std::string::npos)
      << dup.error().message();
  auto date = ParseTaxonomy(
      std::string(kSmall) + "[[campaigns]]\ncode = \"ZX-3\"\nname = \"y\"\nfrom = \"2026-13-01\"\n",
      "date.toml");
  ASSERT_FALSE(date);
  EXPECT_NE(date.error().message().find("2026-13-01"), std::string::npos);
  auto syntax = ParseTaxonomy("[[domains]]\nname = \n", "syntax.toml");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().message().find("syntax.toml 第 2 行"), std::string::npos)
      << syntax.error().message();
}

}  // namespace
}  // namespace qf::taxonomy
