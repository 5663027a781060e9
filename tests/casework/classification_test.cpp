// Domains and special-campaign tags (issue 15 point 1): written with the record, validated against
// the taxonomy (the field at fault named, nothing written), inherited by a case from its clue and
// by a rectification item from its case or clue, and changed only by 重新归类 — allowed to 承办人
// and 审核领导, refused to others, hidden for items the actor cannot see, audited with the
// classification before and after and the reason.
#include <gtest/gtest.h>

#include "casework_fixture.h"
#include "taxonomy/taxonomy.h"

namespace qf::casework::testing {
namespace {

class ClassificationTest : public CaseworkTest {
 protected:
  Json ClueBody(const Json& campaigns) {
    return {{"source", "12345热线"}, {"domain", "一卡通"},  {"title", "补贴被截留"},
            {"summary", "群众反映"}, {"unit", "street-01"}, {"campaigns", campaigns}};
  }
  int64_t TaggedClue(const Json& campaigns = {"ZX-YKT", "ZX-MS-10+1"}) {
    auto clue = service_->CreateClue(intake_, ClueBody(campaigns));
    EXPECT_TRUE(clue.has_value()) << (clue ? "" : clue.error().message());
    return clue ? (*clue)["id"].get<int64_t>() : 0;
  }
  int64_t Tags(const std::string& kind, int64_t id) {
    return Count("SELECT count(*) FROM campaign_tags WHERE record_kind = '" + kind +
                 "' AND record_id = " + std::to_string(id));
  }
  int64_t Approve(int64_t clue) {
    EXPECT_TRUE(service_->ProposeDisposal(handler_, clue, {{"disposal", "初步核实"}}).has_value());
    EXPECT_TRUE(service_->DecideDisposal(approver_, clue, {{"decision", "approve"}}).has_value());
    return clue;
  }
  Json Reclass(const std::string& domain, const Json& campaigns) {
    return {{"domain", domain}, {"campaigns", campaigns}, {"reason", "经核实属窗口作风问题"}};
  }
};

std::vector<std::string> Codes(const Json& record) {
  std::vector<std::string> out;
  for (const Json& c : record["campaigns"]) out.push_back(c["code"]);
  return out;
}

TEST_F(ClassificationTest, ACluesCampaignsAreStoredAndAnsweredWithTheirNames) {
  auto clue = service_->CreateClue(intake_, ClueBody({"ZX-YKT", "“10+1”民生领域专项整治"}));
  ASSERT_TRUE(clue.has_value()) << clue.error().message();
  EXPECT_EQ((*clue)["domain"], "一卡通");
  EXPECT_EQ(Codes(*clue), (std::vector<std::string>{"ZX-MS-10+1", "ZX-YKT"}));
  EXPECT_EQ((*clue)["campaigns"][1]["name"], "惠民惠农财政补贴资金“一卡通”专项治理");
  EXPECT_EQ(Tags("clue", (*clue)["id"]), 2);
  // The creation's audit entry carries them too.
  EXPECT_NE(TextOf("SELECT after FROM audit_log WHERE action = 'clue.create'").find("ZX-YKT"),
            std::string::npos);
}

TEST_F(ClassificationTest, AnUnknownDomainOrCampaignNamesTheFieldAndWritesNothing) {
  Json body = ClueBody({"ZX-YKT"});
  body["domain"] = "不存在的领域";
  auto bad_domain = service_->CreateClue(intake_, body);
  ASSERT_FALSE(bad_domain.has_value());
  EXPECT_EQ(bad_domain.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_domain.error().field(), "domain");
  auto bad_campaign = service_->CreateClue(intake_, ClueBody({"ZX-YKT", "ZX-NOPE"}));
  ASSERT_FALSE(bad_campaign.has_value());
  EXPECT_EQ(bad_campaign.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_campaign.error().field(), "campaigns[1]");
  EXPECT_NE(bad_campaign.error().message().find("ZX-NOPE"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM clues"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM campaign_tags"), 0);
}

TEST_F(ClassificationTest, RetiredDomainsAndCampaignsAreRefusedForNewRecordsOnly) {
  taxonomy::Taxonomy saved = taxonomy::Active();
  int64_t old_clue = TaggedClue({"ZX-DK"});
  taxonomy::Taxonomy retired = saved;
  for (auto& d : retired.domains) d.retired = d.retired || d.name == "教育";
  for (auto& c : retired.campaigns) c.retired = c.retired || c.code == "ZX-DK";
  taxonomy::Install(retired);
  Json body = ClueBody({"ZX-YKT"});
  body["domain"] = "教育";
  auto domain = service_->CreateClue(intake_, body);
  auto campaign = service_->CreateClue(intake_, ClueBody({"ZX-DK"}));
  // An item that already carries the retired campaign may keep it while its domain changes.
  auto kept = service_->ReclassifyClue(handler_, old_clue, Reclass("窗口服务", {"ZX-DK"}));
  taxonomy::Install(saved);
  ASSERT_FALSE(domain.has_value());
  EXPECT_EQ(domain.error().field(), "domain");
  ASSERT_FALSE(campaign.has_value());
  EXPECT_EQ(campaign.error().field(), "campaigns[0]");
  ASSERT_TRUE(kept.has_value()) << kept.error().message();
  EXPECT_EQ(Codes(*kept), std::vector<std::string>{"ZX-DK"});
}

TEST_F(ClassificationTest, ACaseInheritsItsCluesDomainAndCampaignsUnlessTheFilingSaysOtherwise) {
  int64_t clue = Approve(TaggedClue());
  auto kase = service_->FileCase(approver_, {{"clue_id", clue}});
  ASSERT_TRUE(kase.has_value()) << kase.error().message();
  EXPECT_EQ((*kase)["domain"], "一卡通");
  EXPECT_EQ(Codes(*kase), (std::vector<std::string>{"ZX-MS-10+1", "ZX-YKT"}));
  EXPECT_EQ(Tags("case", (*kase)["id"]), 2);

  int64_t other = Approve(TaggedClue());
  auto given = service_->FileCase(
      approver_, {{"clue_id", other}, {"domain", "扫黑除恶"}, {"campaigns", {"ZX-SHCE"}}});
  ASSERT_TRUE(given.has_value()) << given.error().message();
  EXPECT_EQ((*given)["domain"], "扫黑除恶");
  EXPECT_EQ(Codes(*given), std::vector<std::string>{"ZX-SHCE"});
}

TEST_F(ClassificationTest, ARectificationItemInheritsFromItsCaseElseItsClueElseWhatIsGiven) {
  int64_t clue = Approve(TaggedClue({"ZX-JC"}));
  auto kase = service_->FileCase(approver_, {{"clue_id", clue}});
  ASSERT_TRUE(kase.has_value());
  ASSERT_TRUE(service_->ReclassifyCase(handler_, (*kase)["id"], Reclass("窗口服务", {"ZX-JC"}))
                  .has_value());
  Json base = {{"kind", "整改事项"},
               {"unit", "dept-civil"},
               {"content", "整改窗口作风"},
               {"due_date", "2030-06-30"}};
  Json from_case = base;
  from_case["case_id"] = (*kase)["id"];
  from_case["clue_id"] = clue;
  auto r1 = service_->IssueRectification(handler_, from_case);
  ASSERT_TRUE(r1.has_value()) << r1.error().message();
  EXPECT_EQ((*r1)["domain"], "窗口服务");  // the case's, not the clue's 一卡通
  EXPECT_EQ(Codes(*r1), std::vector<std::string>{"ZX-JC"});
  EXPECT_EQ(TextOf("SELECT domain FROM rectifications WHERE rectification_id = " +
                   std::to_string((*r1)["id"].get<int64_t>())),
            "窗口服务");

  Json from_clue = base;
  from_clue["clue_id"] = clue;
  auto r2 = service_->IssueRectification(handler_, from_clue);
  ASSERT_TRUE(r2.has_value());
  EXPECT_EQ((*r2)["domain"], "一卡通");
  EXPECT_EQ(Codes(*r2), std::vector<std::string>{"ZX-JC"});

  Json given = base;
  given["domain"] = "生态环保";
  given["campaigns"] = {"ZX-HB"};
  auto r3 = service_->IssueRectification(handler_, given);
  ASSERT_TRUE(r3.has_value());
  EXPECT_EQ((*r3)["domain"], "生态环保");
  EXPECT_EQ(Codes(*r3), std::vector<std::string>{"ZX-HB"});

  auto r4 = service_->IssueRectification(handler_, base);  // neither case nor clue
  ASSERT_TRUE(r4.has_value());
  EXPECT_EQ((*r4)["domain"], "其他");
  EXPECT_TRUE((*r4)["campaigns"].empty());
}

TEST_F(ClassificationTest, TheInboundTransfersClueCarriesItsCampaigns) {
  auto t = service_->CreateTransfer(
      handler_,
      {{"direction", "in"},
       {"organ", "saohei"},
       {"summary", "扫黑办移送涉黑线索"},
       {"feedback_due", "2024-06-30"},
       {"clue", {{"domain", "扫黑除恶"}, {"title", "村霸"}, {"campaigns", {"ZX-SHCE"}}}}});
  ASSERT_TRUE(t.has_value()) << t.error().message();
  auto clue = service_->GetClue(handler_, (*t)["clue_id"]);
  ASSERT_TRUE(clue.has_value());
  EXPECT_EQ(Codes(*clue), std::vector<std::string>{"ZX-SHCE"});
  auto bad = service_->CreateTransfer(
      handler_, {{"direction", "in"},
                 {"organ", "saohei"},
                 {"summary", "s"},
                 {"feedback_due", "2024-06-30"},
                 {"clue", {{"domain", "扫黑除恶"}, {"title", "t"}, {"campaigns", {"X"}}}}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field(), "clue.campaigns[0]");
}

TEST_F(ClassificationTest, AHandlerReclassifiesAClueAndTheAuditSaysBeforeAfterAndWhy) {
  int64_t clue = TaggedClue({"ZX-YKT"});
  auto done = service_->ReclassifyClue(handler_, clue, Reclass("窗口服务", {"ZX-JC", "ZX-YKT"}));
  ASSERT_TRUE(done.has_value()) << done.error().message();
  EXPECT_EQ((*done)["domain"], "窗口服务");
  EXPECT_EQ(Codes(*done), (std::vector<std::string>{"ZX-JC", "ZX-YKT"}));
  EXPECT_EQ(TextOf("SELECT domain FROM clues"), "窗口服务");
  EXPECT_EQ(Tags("clue", clue), 2);
  Json before =
      Json::parse(TextOf("SELECT before FROM audit_log WHERE action = 'clue.reclassify'"));
  Json after = Json::parse(TextOf("SELECT after FROM audit_log WHERE action = 'clue.reclassify'"));
  EXPECT_EQ(before["domain"], "一卡通");
  EXPECT_EQ(before["campaigns"].size(), 1u);
  EXPECT_EQ(after["domain"], "窗口服务");
  EXPECT_EQ(after["campaigns"].size(), 2u);
  EXPECT_EQ(after["reason"], "经核实属窗口作风问题");
  EXPECT_EQ(TextOf("SELECT actor FROM audit_log WHERE action = 'clue.reclassify'"), "handler");
  // An approver may too; removing every campaign is a reclassification.
  ASSERT_TRUE(service_->ReclassifyClue(approver_, clue, Reclass("窗口服务", Json::array())));
  EXPECT_EQ(Tags("clue", clue), 0);
}

TEST_F(ClassificationTest, OtherRolesAreRefusedAndItemsOutOfSightAreNotFound) {
  int64_t clue = TaggedClue({"ZX-YKT"});
  auto intake = service_->ReclassifyClue(intake_, clue, Reclass("窗口服务", {"ZX-JC"}));
  ASSERT_FALSE(intake.has_value());
  EXPECT_EQ(intake.error().code(), ErrorCode::kPermissionDenied);
  Actor liaison{0, "liaison", {Role::kLiaison}, "dept-civil"};
  Actor elsewhere{0, "h2", {Role::kHandler}, "street-02"};
  EXPECT_EQ(service_->ReclassifyClue(liaison, clue, Reclass("窗口服务", {})).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->ReclassifyClue(elsewhere, clue, Reclass("窗口服务", {})).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->ReclassifyClue(handler_, clue + 100, Reclass("窗口服务", {})).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(TextOf("SELECT domain FROM clues"), "一卡通");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'clue.reclassify'"), 0);
}

TEST_F(ClassificationTest, ARestrictedClueIsReclassifiedBySupervisionAlone) {
  Json body = ClueBody({"ZX-YKT"});
  body["restricted"] = true;
  ASSERT_TRUE(service_->CreateClue(intake_, body).has_value());
  int64_t clue = Count("SELECT max(clue_id) FROM clues");
  auto handler = service_->ReclassifyClue(handler_, clue, Reclass("自身建设", {}));
  ASSERT_FALSE(handler.has_value());
  EXPECT_EQ(handler.error().code(), ErrorCode::kNotFound);
  auto supervision = service_->ReclassifyClue(supervision_, clue, Reclass("自身建设", {}));
  ASSERT_TRUE(supervision.has_value()) << supervision.error().message();
  EXPECT_EQ((*supervision)["domain"], "自身建设");
}

TEST_F(ClassificationTest, AReclassificationNeedsAReasonAChangeAndAFreshVersion) {
  int64_t clue = TaggedClue({"ZX-YKT"});
  Json no_reason = {{"domain", "窗口服务"}};
  EXPECT_EQ(service_->ReclassifyClue(handler_, clue, no_reason).error().field(), "reason");
  EXPECT_EQ(service_->ReclassifyClue(handler_, clue, Reclass("一卡通", {"ZX-YKT"})).error().field(),
            "domain");
  EXPECT_EQ(service_->ReclassifyClue(handler_, clue, Reclass("无此领域", {})).error().field(),
            "domain");
  Json stale = Reclass("窗口服务", {});
  stale["version"] = "2000-01-01T00:00:00Z";
  EXPECT_EQ(service_->ReclassifyClue(handler_, clue, stale).error().code(), ErrorCode::kConflict);
  auto clue_json = service_->GetClue(handler_, clue);
  Json fresh = Reclass("窗口服务", {});
  fresh["version"] = (*clue_json)["updated_at"];
  EXPECT_TRUE(service_->ReclassifyClue(handler_, clue, fresh).has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'clue.reclassify'"), 1);
}

TEST_F(ClassificationTest, CasesAndRectificationItemsAreReclassifiedAndAuditedByTheirOwnAction) {
  int64_t clue = Approve(TaggedClue({"ZX-YKT"}));
  auto kase = service_->FileCase(approver_, {{"clue_id", clue}});
  ASSERT_TRUE(kase.has_value());
  int64_t case_id = (*kase)["id"];
  auto r = service_->IssueRectification(handler_, {{"kind", "整改事项"},
                                                   {"unit", "dept-civil"},
                                                   {"content", "c"},
                                                   {"due_date", "2030-06-30"},
                                                   {"case_id", case_id}});
  ASSERT_TRUE(r.has_value());
  auto c2 = service_->ReclassifyCase(approver_, case_id, Reclass("扫黑除恶", {"ZX-SHCE"}));
  ASSERT_TRUE(c2.has_value()) << c2.error().message();
  EXPECT_EQ((*c2)["domain"], "扫黑除恶");
  auto r2 = service_->ReclassifyRectification(handler_, (*r)["id"], Reclass("窗口服务", {"ZX-JC"}));
  ASSERT_TRUE(r2.has_value()) << r2.error().message();
  EXPECT_EQ(Codes(*r2), std::vector<std::string>{"ZX-JC"});
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'case.reclassify'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'rectification.reclassify'"), 1);
  // The clue keeps its own classification.
  EXPECT_EQ(TextOf("SELECT domain FROM clues"), "一卡通");
  Actor liaison{0, "liaison", {Role::kLiaison}, "dept-civil"};
  auto refused = service_->ReclassifyRectification(liaison, (*r)["id"], Reclass("其他", {}));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(ClassificationTest, ListsFilterByCampaignCodeOrName) {
  TaggedClue({"ZX-YKT"});
  TaggedClue({"ZX-JC"});
  auto by_code = service_->ListClues(handler_, {{"campaign", "ZX-JC"}});
  ASSERT_TRUE(by_code.has_value());
  EXPECT_EQ((*by_code)["clues"].size(), 1u);
  EXPECT_EQ((*by_code)["clues"][0]["campaigns"][0]["code"], "ZX-JC");
  auto by_name = service_->ListClues(handler_, {{"campaign", "“净窗”行动"}});
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ((*by_name)["clues"].size(), 1u);
}

}  // namespace
}  // namespace qf::casework::testing
