// 一人一档 (issue 17 point 5): one person's file from the store — household, kin, registries,
// ledger, findings, clues and cases — scoped by unit, restricted for commission staff, masked by
// role, and audited on every opening.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

// A spouse in the household, a child outside it (kinship), and a parent recorded from the
// other side of the kinship table.
constexpr const char* kSpouse = "110105198203040029";
constexpr const char* kChild = "110105200505050011";
constexpr const char* kParent = "110105195001010012";

class PersonFileTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    for (const char* id : {kSpouse, kChild, kParent}) {
      ASSERT_TRUE(CitizenId::Parse(id).has_value()) << id;
    }
    fp_ = AddFinding("00000000000000000000000000000003", kCitizenA, "张三", "一街道甲社区",
                     std::string("张三（") + kCitizenA + "）死亡后仍领取低保");
    Sql("UPDATE persons SET household_id = 'H1' WHERE id_number = '" + std::string(kCitizenA) +
        "'");
    Sql("INSERT INTO persons VALUES ('" + std::string(kSpouse) +
        "', '王芳', '女', '1982-03-04', '110105', '一街道甲社区', 'H1', '配偶')");
    Sql("INSERT INTO kinship VALUES ('" + std::string(kCitizenA) + "', '" + kChild +
        "', '子女'), ('" + kParent + "', '" + kCitizenA + "', '子女')");
    Sql("INSERT INTO deaths VALUES ('" + std::string(kCitizenA) +
        "', '张三', '2024-01-15', '民政殡葬')");
    Sql("INSERT INTO vehicles VALUES ('浙A12345', '" + std::string(kCitizenA) +
        "', '张三', '小型轿车', '2020-05-01')");
    Sql("INSERT INTO programs VALUES ('MZ01', '城乡居民最低生活保障金', '区民政局', '民政', 1, "
        "'月', NULL, 124500, NULL, NULL, NULL)");
    Sql("INSERT INTO enrolments VALUES ('MZ01', '" + std::string(kCitizenA) +
        "', '张三', '一街道甲社区', '2023-01-01', NULL)");
    Sql("INSERT INTO cards VALUES ('6222000000001234', '" + std::string(kCitizenA) +
        "', '张三', '农商银行', '2019-01-01', '正常')");
    for (int month = 1; month <= 3; ++month) {
      Sql("INSERT INTO payments VALUES ('P" + std::to_string(month) + "', 'B1', 'MZ01', '" +
          kCitizenA + "', '张三', '6222000000001234', 56500, '2024-0" + std::to_string(month) +
          "', '2024-0" + std::to_string(month) + "-10')");
    }
    handler_ = MakeActor("handler", Role::kHandler, "commission");
    intake_ = MakeActor("intake", Role::kIntake, "commission");
  }
  void Sql(const std::string& sql) { ASSERT_TRUE(db_->Execute(sql).has_value()) << sql; }
  int64_t Reads() { return Count("SELECT count(*) FROM audit_log WHERE action = 'person.read'"); }
  std::string fp_;
};

TEST_F(PersonFileTest, TheFileGathersEveryRecordOfThePerson) {
  int64_t clue = NewClue("street-01", {{{"name", "张三"}, {"id_number", kCitizenA}}});
  auto file = service_->GetPersonFile(handler_, kCitizenA);
  ASSERT_TRUE(file.has_value()) << file.error().message();
  const Json& f = *file;
  EXPECT_EQ(f["person"]["name"], "张三");
  EXPECT_EQ(f["unit"], "community-01-a");
  ASSERT_EQ(f["household"].size(), 1u);
  EXPECT_EQ(f["household"][0]["name"], "王芳");
  EXPECT_EQ(f["household"][0]["relation"], "配偶");
  ASSERT_EQ(f["kin"].size(), 2u);
  // The child as written; the parent seen from this person's side (the table says this person
  // is the other's 子女, so the other is this person's 父母).
  for (const Json& k : f["kin"]) {
    if (k["id_number"] == kChild) {
      EXPECT_EQ(k["relation"], "子女");
    } else {
      EXPECT_EQ(k["id_number"], kParent);
      EXPECT_EQ(k["relation"], "父母");
    }
  }
  ASSERT_EQ(f["deaths"].size(), 1u);
  EXPECT_EQ(f["deaths"][0]["death_date"], "2024-01-15");
  ASSERT_EQ(f["vehicles"].size(), 1u);
  EXPECT_TRUE(f["officials"].empty());
  ASSERT_EQ(f["enrolments"].size(), 1u);
  EXPECT_EQ(f["enrolments"][0]["program"], "城乡居民最低生活保障金");
  EXPECT_EQ(f["payments"]["count"], 3);
  EXPECT_EQ(f["payments"]["total"], 3 * 56500);
  EXPECT_EQ(f["payments"]["rows"][0]["paid_date"], "2024-03-10");  // newest first
  ASSERT_EQ(f["findings"].size(), 1u);
  EXPECT_EQ(f["findings"][0]["fingerprint"], fp_);
  ASSERT_EQ(f["clues"].size(), 1u);
  EXPECT_EQ(f["clues"][0]["id"], clue);
  // A 承办人 sees ID numbers and card numbers in full.
  EXPECT_EQ(f["id_number"], kCitizenA);
  EXPECT_EQ(f["cards"][0]["account_no"], "6222000000001234");
}

TEST_F(PersonFileTest, CasesNameThePersonByTheKeyedIndexOfTheEncryptedId) {
  int64_t case_id = NewCase("street-01");  // names 赵六 with kCitizenB
  Sql("INSERT INTO persons VALUES ('" + std::string(kCitizenB) +
      "', '赵六', '男', '1949-12-31', '110105', '一街道甲社区', 'H9', '户主')");
  auto file = service_->GetPersonFile(handler_, kCitizenB);
  ASSERT_TRUE(file.has_value()) << file.error().message();
  ASSERT_EQ((*file)["cases"].size(), 1u);
  EXPECT_EQ((*file)["cases"][0]["id"], case_id);
  // The clue the case came from names the same person.
  EXPECT_EQ((*file)["clues"].size(), 1u);
}

TEST_F(PersonFileTest, RolesThatMaySeeOnlyMaskedIdsGetThemMasked) {
  auto file = service_->GetPersonFile(intake_, kCitizenA);
  ASSERT_TRUE(file.has_value()) << file.error().message();
  std::string text = file->dump();
  for (const char* id : {kCitizenA, kSpouse, kChild, kParent}) {
    EXPECT_EQ(text.find(id), std::string::npos) << id << " in " << text;
  }
  EXPECT_EQ((*file)["id_number"], CitizenId::Parse(kCitizenA)->Masked());
  EXPECT_EQ((*file)["cards"][0]["account_no"], "****1234");
  EXPECT_EQ(text.find("6222000000001234"), std::string::npos);
}

TEST_F(PersonFileTest, EveryOpeningIsAuditedWithoutTheIdNumber) {
  ASSERT_TRUE(service_->GetPersonFile(handler_, kCitizenA));
  ASSERT_TRUE(service_->GetPersonFile(intake_, kCitizenA));
  EXPECT_EQ(Reads(), 2);
  EXPECT_EQ(TextOf("SELECT entity_id FROM audit_log WHERE action = 'person.read' ORDER BY seq"),
            cipher_.Index(kCitizenA));
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity_id LIKE '%" +
                  std::string(kCitizenA) + "%' OR after LIKE '%" + kCitizenA + "%'"),
            0);
  auto verified = audit::Verify(*db_, cipher_.chain_key(), {});
  ASSERT_TRUE(verified.has_value());
  EXPECT_TRUE(verified->ok) << verified->problem;
}

TEST_F(PersonFileTest, OutsideTheUnitOrUnknownIsNotFoundAndNotAudited) {
  Actor other_street = MakeActor("street2", Role::kHandler, "street-02");
  Actor liaison = MakeActor("liaison", Role::kLiaison, "commission");
  for (const Actor& actor : {other_street, liaison}) {
    auto file = service_->GetPersonFile(actor, kCitizenA);
    ASSERT_FALSE(file.has_value()) << actor.username;
    EXPECT_EQ(file.error().code(), ErrorCode::kNotFound) << actor.username;
  }
  auto unknown = service_->GetPersonFile(handler_, "110105199001011232");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  auto invalid = service_->GetPersonFile(handler_, "110105198001011239");
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Reads(), 0);
  Actor own_street = MakeActor("street1", Role::kIntake, "street-01");
  EXPECT_TRUE(service_->GetPersonFile(own_street, kCitizenA).has_value());
}

TEST_F(PersonFileTest, CommissionStaffAreOnlyForInternalSupervision) {
  Sql("INSERT INTO officials VALUES ('" + std::string(kSpouse) +
      "', '王芳', '区纪委监委', '科员', '公务员', NULL, '2020-01-01', NULL)");
  auto hidden = service_->GetPersonFile(handler_, kSpouse);
  ASSERT_FALSE(hidden.has_value());
  EXPECT_EQ(hidden.error().code(), ErrorCode::kNotFound);
  Actor supervision = MakeActor("supervision", Role::kInternalSupervision, "commission");
  auto file = service_->GetPersonFile(supervision, kSpouse);
  ASSERT_TRUE(file.has_value()) << file.error().message();
  EXPECT_TRUE((*file)["restricted"].get<bool>());
  ASSERT_EQ((*file)["officials"].size(), 1u);
  EXPECT_EQ(Reads(), 1);
}

TEST_F(PersonFileTest, TheKeyOfAFileOpensOnlyWithTheKeyFileThatMadeIt) {
  std::string key = PersonFileKey(cipher_, kCitizenA);
  EXPECT_EQ(key.find(kCitizenA), std::string::npos);
  auto opened = OpenPersonFileKey(cipher_, key);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, kCitizenA);
  std::string tampered = key;
  tampered[tampered.size() - 1] = tampered.back() == '0' ? '1' : '0';
  for (const std::string& bad : {tampered, std::string("abc"), std::string("XYZ"), std::string()}) {
    auto r = OpenPersonFileKey(cipher_, bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  }
  // Clue subjects carry the key of their person.
  int64_t clue = NewClue("street-01", {{{"name", "张三"}, {"id_number", kCitizenA}}});
  auto read = service_->GetClue(handler_, clue);
  ASSERT_TRUE(read.has_value());
  auto subject_key = (*read)["subjects"][0]["person_key"];
  ASSERT_TRUE(subject_key.is_string());
  EXPECT_EQ(*OpenPersonFileKey(cipher_, subject_key.get<std::string>()), kCitizenA);
}

}  // namespace
}  // namespace qf::casework::testing
