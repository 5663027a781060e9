#include <gtest/gtest.h>

#include "activities_fixture.h"

namespace qf::activities::testing {

TEST_F(ActivitiesTest, RecordsAnActivityWithItsTagsPlacesAndProblemsAndAuditsIt) {
  ActivityFields fields = Talk();
  fields["kind"] = "监督检查";
  fields["clue_problems"] = "窗口人员收受香烟\n死亡人员仍领低保";
  fields["rectification_problems"] = "公示栏未更新";
  auto id = CreateFrom(clerk_, fields);
  ASSERT_TRUE(id.has_value()) << id.error().message();
  auto view = book_->Get(clerk_, *id);
  ASSERT_TRUE(view.has_value()) << view.error().message();
  EXPECT_EQ((*view)["kind"], "监督检查");
  EXPECT_EQ((*view)["unit_name"], "一街道监察办公室");
  EXPECT_EQ((*view)["participants"], 25);
  ASSERT_EQ((*view)["campaigns"].size(), 1u);
  EXPECT_EQ((*view)["campaigns"][0]["name"], "“净窗”行动");
  ASSERT_EQ((*view)["places"].size(), 2u);
  EXPECT_EQ((*view)["places"][0]["unit"], "community-01-a");  // a community, counted as one
  EXPECT_EQ((*view)["places"][1]["unit"], "");
  ASSERT_EQ((*view)["problems"].size(), 3u);
  EXPECT_TRUE((*view)["problems"][0]["clue_id"].is_number());
  EXPECT_TRUE((*view)["problems"][2]["rectification_id"].is_number());
  // An inspection's problem is a clue of source 监督检查 in the activity's unit and domain.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues WHERE source = '监督检查' AND unit_code = "
                  "'street-01' AND domain = '民生'"),
            2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM rectifications WHERE kind = '整改事项' AND unit_code = "
                  "'street-01' AND due_date = '2024-07-05'"),  // entered later: 30 days from today
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM campaign_tags WHERE record_kind = 'activity'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.create' AND actor = "
                  "'clerk' AND entity = 'activity'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'clue.create'"), 2);
}

TEST_F(ActivitiesTest, AProblemOfATalkIsEnteredByHand) {
  ActivityFields fields = Talk();
  fields["clue_problems"] = "群众反映补贴被截留";
  ASSERT_TRUE(CreateFrom(clerk_, fields).has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues WHERE source = '人工录入'"), 1);
}

TEST_F(ActivitiesTest, RefusesBadFieldsNamingTheField) {
  auto tree = casework::LoadUnitTree(*db_);
  ASSERT_TRUE(tree.has_value());
  struct Case {
    const char* key;
    const char* value;
    const char* message;
  };
  for (const Case& c :
       {Case{"kind", "座谈", "“座谈”不是已配置的活动类型"},
        Case{"held_on", "2024-13-40", "“2024-13-40”不是日期"},
        Case{"participants", "二十", "“二十”不是 0 到 1000000 之间的整数"},
        Case{"participants", "-3", "不是 0 到 1000000 之间的整数"},
        Case{"domain", "天气", "“天气”不是已配置的领域"},
        Case{"campaigns", "ZX-NONE", "“ZX-NONE”不是已配置的专项"},
        Case{"unit", "火星街道", "“火星街道”不是已登记的单位"}, Case{"title", "", "不能为空"},
        Case{"mechanism", "建立", "只有制度机制填写建立/修订"}}) {
    ActivityFields fields = Talk();
    fields[c.key] = c.value;
    auto input = ParseActivity(fields, *tree);
    ASSERT_FALSE(input.has_value()) << c.key;
    EXPECT_EQ(input.error().field(), c.key);
    EXPECT_NE(input.error().message().find(c.message), std::string::npos)
        << input.error().message();
  }
  ActivityFields mechanism = Talk();
  mechanism["kind"] = "制度机制";
  EXPECT_EQ(ParseActivity(mechanism, *tree).error().field(), "mechanism");
  mechanism["mechanism"] = "修订";
  mechanism["doc_number"] = "清纪发〔2024〕3号";
  EXPECT_TRUE(ParseActivity(mechanism, *tree).has_value());
  EXPECT_EQ(FieldLabel("kind"), "活动类型");
}

TEST_F(ActivitiesTest, AFailedProblemWritesNothing) {
  // A 受理员 alone may register clues but not issue rectification items: the whole activity,
  // its clue included, is refused.
  Actor intake = MakeActor("intake-only", Role::kIntake, "commission");
  ActivityFields fields = Talk();
  fields["clue_problems"] = "问题一";
  fields["rectification_problems"] = "问题二";
  auto id = CreateFrom(intake, fields);
  ASSERT_FALSE(id.has_value());
  EXPECT_EQ(id.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM activities"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM clues"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'activity.%' OR action = "
                  "'clue.create'"),
            0);
}

TEST_F(ActivitiesTest, ActivitiesAreSeenWithinTheUnitSubtree) {
  auto id = CreateFrom(clerk_, Talk());  // street-01
  ASSERT_TRUE(id.has_value());
  Actor street1 = MakeActor("s1", Role::kHandler, "street-01");
  Actor street2 = MakeActor("s2", Role::kHandler, "street-02");
  Actor approver = MakeActor("boss", Role::kApprover, "commission");
  Actor liaison = MakeActor("liaison", Role::kLiaison, "dept-civil");
  EXPECT_TRUE(book_->Get(street1, *id).has_value());
  EXPECT_TRUE(book_->Get(approver, *id).has_value());
  EXPECT_FALSE((*book_->Get(approver, *id))["can_edit"].get<bool>());
  EXPECT_EQ(book_->Get(street2, *id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(book_->Get(liaison, *id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(book_->List(street2)->size(), 0u);
  EXPECT_EQ(book_->List(street1)->size(), 1u);
  // A street's staff may not record an activity of another street.
  ActivityFields other = Talk();
  other["unit"] = "street-01";
  auto refused = CreateFrom(street2, other);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_FALSE(CreateFrom(approver, Talk()).has_value());
}

TEST_F(ActivitiesTest, AnEditChecksTheVersionAndIsAudited) {
  auto id = CreateFrom(clerk_, Talk());
  ASSERT_TRUE(id.has_value());
  auto tree = casework::LoadUnitTree(*db_);
  ActivityFields fields = Talk();
  fields["participants"] = "30";
  fields["campaigns"] = "ZX-JC、ZX-YKT";
  fields["rectification_problems"] = "会议记录不全";
  auto input = ParseActivity(fields, *tree);
  ASSERT_TRUE(input.has_value());
  ASSERT_TRUE(book_->Update(clerk_, *id, 1, *input).has_value());
  auto stale = book_->Update(clerk_, *id, 1, *input);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  auto view = book_->Get(clerk_, *id);
  EXPECT_EQ((*view)["participants"], 30);
  EXPECT_EQ((*view)["version"], 2);
  EXPECT_EQ((*view)["campaigns"].size(), 2u);
  EXPECT_EQ((*view)["problems"].size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.update'"), 1);
  EXPECT_NE(TextOf("SELECT before FROM audit_log WHERE action = 'activity.update'").find("25"),
            std::string::npos);
}

TEST_F(ActivitiesTest, AttachmentsKeepTheirHashAndFollowTheActivitysScope) {
  auto id = CreateFrom(clerk_, Talk());  // street-01
  ASSERT_TRUE(id.has_value());
  documents::AttachmentFile sheet{.name = "签到表.pdf", .bytes = "%PDF-1.4 签到"};
  auto stored = book_->Attach(clerk_, *id, sheet, "会议签到表");
  ASSERT_TRUE(stored.has_value()) << stored.error().message();
  auto listed = book_->Attachments(clerk_, *id);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ((*listed)["attachments"].size(), 1u);
  EXPECT_EQ((*listed)["attachments"][0]["sha256"], crypto::Sha256Hex(sheet.bytes));
  auto file = book_->Attachment(clerk_, *id, *stored);
  ASSERT_TRUE(file.has_value()) << file.error().message();
  EXPECT_EQ(file->bytes, sheet.bytes);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'activity' AND action IN "
                  "('attachment.upload', 'attachment.download')"),
            2);
  // Another street does not see the activity, nor its file; the file is not another
  // activity's; a 受理员 alone (no evidence role) may not upload.
  Actor street2 = MakeActor("s2", Role::kHandler, "street-02");
  EXPECT_EQ(book_->Attachment(street2, *id, *stored).error().code(), ErrorCode::kNotFound);
  auto other = CreateFrom(clerk_, Talk());
  EXPECT_EQ(book_->Attachment(clerk_, *other, *stored).error().code(), ErrorCode::kNotFound);
  Actor intake = MakeActor("intake-only", Role::kIntake, "commission");
  EXPECT_EQ(book_->Attach(intake, *id, sheet, "").error().code(), ErrorCode::kPermissionDenied);
  // The casework download route does not serve an activity's file.
  documents::AttachmentStore files(*db_, clock_, cipher_, *service_);
  EXPECT_FALSE(files.Download(clerk_, *stored).has_value());
}

}  // namespace qf::activities::testing
