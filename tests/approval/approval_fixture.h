// A migrated store (SQLite in memory, or PostgreSQL under qf_test_on_postgresql) with a unit tree,
// a small ledger, a FakeClock and the approval service — what the approval tests start from.
//
//   commission ── street-01 (一街道监察办公室) ── community-xf (幸福社区)
//              ├─ street-02 (二街道监察办公室)
//              ├─ dept-civil (区民政局), dept-finance (区财政局)
//
// Ledger: programs MZ01 低保 and MZ02 特困 (exclusive group 低保特困, 民政局), MZ03 高龄补贴
// (80+); the applicant's household H1 (applicant + spouse who owns a car).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "approval/approval_service.h"
#include "approval/config.h"
#include "casework/fake_clock.h"
#include "crypto/crypto.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace qf::approval::testing {

// A valid GB 11643 number from its first 17 digits.
inline std::string WithCheckDigit(const std::string& first17) {
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kWeights[i];
  return first17 + kCheck[sum % 11];
}

inline crypto::FieldCipher TestCipher() {
  crypto::FieldCipher::MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 5 + 3);
  return crypto::FieldCipher::FromMasterKey(key);
}

class ApprovalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(test_support::TestStoreUrl());
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    auto version = store::Migrate(*db_);
    ASSERT_TRUE(version.has_value()) << version.error().message();
    Run("INSERT INTO units(code, name, kind, parent_code) VALUES "
        "('street-01', '一街道监察办公室', 'street_office', 'commission'), "
        "('community-xf', '幸福社区', 'community', 'street-01'), "
        "('street-02', '二街道监察办公室', 'street_office', 'commission'), "
        "('dept-civil', '区民政局', 'department', 'commission'), "
        "('dept-finance', '区财政局', 'department', 'commission')");
    Run("INSERT INTO programs(code, name, department, domain, means_tested, period, standard, "
        "max_amount, min_age, max_age, exclusive_group) VALUES "
        "('MZ01', '城乡最低生活保障', '民政局', '民生', 1, '月', 80000, NULL, NULL, NULL, "
        "'低保特困'), "
        "('MZ02', '特困人员救助供养', '民政局', '民生', 1, '月', 120000, NULL, NULL, NULL, "
        "'低保特困'), "
        "('MZ03', '高龄津贴', '民政局', '民生', 0, '月', 10000, NULL, 80, NULL, NULL)");
    AddPerson(kApplicant, "李建国", "1980-01-01", "H1", "户主");
    AddPerson(kSpouse, "王秀英", "1982-03-04", "H1", "配偶");
    Run("INSERT INTO vehicles(plate, id_number, name, vehicle_type, registered_date) VALUES "
        "('京A12345', '" +
        kSpouse + "', '王秀英', '小型汽车', '2020-05-01')");
    service_ = std::make_unique<ApprovalService>(*db_, clock_, cipher_, config_);
  }

  void Run(const std::string& sql) {
    auto ok = db_->Execute(sql);
    ASSERT_TRUE(ok.has_value()) << ok.error().message() << "\n" << sql;
  }

  void AddPerson(const std::string& id, const std::string& name, const std::string& birth,
                 const std::string& household, const std::string& relation) {
    Run("INSERT INTO persons(id_number, name, sex, birth_date, region_code, community, "
        "household_id, relation) VALUES ('" +
        id + "', '" + name + "', '男', '" + birth + "', '110105', '幸福社区', '" + household +
        "', '" + relation + "')");
  }

  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.has_value());
    auto row = (*st)->Step();
    EXPECT_TRUE(row.has_value() && *row);
    return (*st)->Int(0);
  }

  ApplicationInput Input(const std::string& id, const std::string& name,
                         const std::string& program = "MZ01") {
    ApplicationInput in;
    in.program_code = program;
    in.community = "幸福社区";
    in.applicant_name = name;
    in.id_number = id;
    in.household_size = 2;
    in.account_no = "6228480000" + id.substr(6, 8) + "01";
    in.bank = "农业银行";
    in.declared_income = 60000;
    in.declared_assets = "住房一套";
    in.reason = "家庭成员患病，收入低于低保标准";
    return in;
  }

  static casework::Actor Actor(const std::string& name, casework::Role role,
                               const std::string& unit) {
    return casework::Actor{0, name, {role}, unit};
  }

  const std::string kApplicant = WithCheckDigit("11010519800101123");
  const std::string kSpouse = WithCheckDigit("11010519820304234");
  casework::testing::FakeClock clock_;
  crypto::FieldCipher cipher_ = TestCipher();
  ApprovalConfig config_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ApprovalService> service_;
  // Who works the chain of 幸福社区.
  casework::Actor clerk_ = Actor("clerk", casework::Role::kIntake, "community-xf");
  casework::Actor reviewer_ = Actor("reviewer", casework::Role::kHandler, "community-xf");
  casework::Actor street_ = Actor("street", casework::Role::kHandler, "street-01");
  casework::Actor approver_ = Actor("approver", casework::Role::kApprover, "dept-civil");
  casework::Actor finance_ = Actor("finance", casework::Role::kLiaison, "dept-finance");
};

}  // namespace qf::approval::testing
