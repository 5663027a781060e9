// A migrated in-memory store with a small unit tree, a fixed-key FieldCipher, a FakeClock, the
// service, and one actor per role — what the casework tests start from.
//
//   commission (区纪委监委)
//   ├── street-01 (街道监察办公室) ── community-01-a
//   ├── street-02 (街道监察办公室)
//   ├── dept-civil (民政局), dept-agri (农业农村局)
//   police, procuratorate, court, saohei, audit (external organs, roots of their own)
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "casework/casework_service.h"
#include "casework/internal/sql.h"
#include "core/citizen_id.h"
#include "fake_clock.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/test_store.h"

namespace qf::casework::testing {

inline crypto::FieldCipher TestCipher() {
  crypto::FieldCipher::MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
  return crypto::FieldCipher::FromMasterKey(key);
}

// Valid GB 11643 numbers.
inline constexpr const char* kCitizenA = "110105198001011238";
inline constexpr const char* kCitizenB = "11010519491231002X";

// A valid ID number of its own for the n-th test account (business accounts must carry one):
// region 110101, born 1970-01-01 + n / 1000 days, never equal to kCitizenA or kCitizenB.
inline std::string AccountIdNumber(int n) {
  std::string seq = std::to_string(1000 + n % 1000).substr(1);
  std::string day = std::to_string(101 + (n / 1000) % 28).substr(1);
  std::string first17 = "110101197001" + day + seq;
  return first17 + CitizenId::CheckCharacter(first17);
}

class CaseworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = test_support::TestStoreUrl();
    auto db = store::Open(url_);
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    auto version = store::Migrate(*db_);
    ASSERT_TRUE(version.has_value()) << version.error().message();
    service_ = std::make_unique<CaseworkService>(
        *db_, clock_, cipher_, CaseworkOptions{.password_cost = PasswordCost::Minimal()});
    Actor sysadmin = MakeActor("sysadmin", Role::kSystemAdmin, "commission");
    for (auto [code, name, kind, parent] :
         {std::tuple{"street-01", "一街道监察办公室", "street_office", "commission"},
          std::tuple{"community-01-a", "一街道甲社区", "community", "street-01"},
          std::tuple{"street-02", "二街道监察办公室", "street_office", "commission"},
          std::tuple{"dept-civil", "区民政局", "department", "commission"},
          std::tuple{"dept-agri", "区农业农村局", "department", "commission"}}) {
      auto unit = service_->AddUnit(
          sysadmin, {{"code", code}, {"name", name}, {"kind", kind}, {"parent", parent}});
      ASSERT_TRUE(unit.has_value()) << unit.error().message();
    }
  }

  // An actor that exists as a user in the store (so usernames and ids are real).
  Actor MakeActor(const std::string& username, Role role, const std::string& unit) {
    return MakeActor(username, std::vector<Role>{role}, unit);
  }
  Actor MakeActor(const std::string& username, std::vector<Role> roles, const std::string& unit) {
    auto user = service_->AddUserFromCli(username, username, roles, unit, "password-" + username,
                                         AccountIdNumber(next_account_++));
    EXPECT_TRUE(user.has_value()) << (user ? "" : user.error().message());
    return Actor{user ? (*user)["id"].get<int64_t>() : 0, username, roles, unit};
  }

  int64_t Count(const std::string& sql) {
    auto n = internal::QueryInt(*db_, sql);
    EXPECT_TRUE(n.has_value());
    return n && *n ? **n : -1;
  }

  std::string TextOf(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.has_value());
    auto row = (*st)->Step();
    EXPECT_TRUE(row.has_value() && *row);
    return (*st)->Text(0);
  }

  // A registered clue in `unit`, by an intake clerk of the commission.
  int64_t NewClue(const std::string& unit = "street-01", Json subjects = Json::array()) {
    auto clue = service_->CreateClue(intake_, {{"source", "信访"},
                                               {"domain", "民生"},
                                               {"title", "低保冒领"},
                                               {"summary", "群众反映某人死亡后仍领取低保"},
                                               {"amount", 120000},
                                               {"unit", unit},
                                               {"subjects", subjects}});
    EXPECT_TRUE(clue.has_value()) << (clue ? "" : clue.error().message());
    return clue ? (*clue)["id"].get<int64_t>() : 0;
  }

  // A clue approved for 初步核实 (in_disposal).
  int64_t ClueInDisposal(const std::string& unit = "street-01") {
    int64_t id = NewClue(unit);
    EXPECT_TRUE(service_->ProposeDisposal(handler_, id, {{"disposal", "初步核实"}}).has_value());
    EXPECT_TRUE(service_->DecideDisposal(approver_, id, {{"decision", "approve"}}).has_value());
    return id;
  }

  // A filed case from a clue in `unit`.
  int64_t NewCase(const std::string& unit = "street-01", const std::string& domain = "民生") {
    auto clue = service_->CreateClue(
        intake_, {{"source", "人工录入"},
                  {"domain", domain},
                  {"title", "案件线索"},
                  {"summary", "摘要"},
                  {"unit", unit},
                  {"subjects", {{{"name", "赵六"}, {"id_number", kCitizenB}}}}});
    EXPECT_TRUE(clue.has_value()) << (clue ? "" : clue.error().message());
    int64_t id = (*clue)["id"].get<int64_t>();
    EXPECT_TRUE(service_->ProposeDisposal(handler_, id, {{"disposal", "初步核实"}}).has_value());
    EXPECT_TRUE(service_->DecideDisposal(approver_, id, {{"decision", "approve"}}).has_value());
    auto filed = service_->FileCase(approver_, {{"clue_id", id}});
    EXPECT_TRUE(filed.has_value()) << (filed ? "" : filed.error().message());
    return filed ? (*filed)["id"].get<int64_t>() : 0;
  }

  // A person of `community` and a finding about them (rule R01), as the engine would store it.
  // Returns the fingerprint.
  std::string AddFinding(const std::string& fingerprint, const std::string& id_number,
                         const std::string& name, const std::string& community,
                         const std::string& evidence, const std::string& ref = "") {
    EXPECT_TRUE(internal::Exec(*db_,
                               "INSERT INTO persons VALUES (?, ?, '男', '1980-01-01', '110105', ?, "
                               "?, '户主')",
                               id_number, name, community, "H-" + fingerprint)
                    .has_value());
    EXPECT_TRUE(internal::Exec(*db_,
                               "INSERT INTO findings(fingerprint, rule, id_number, program_code, "
                               "period, account_no, ref, severity, amount, evidence, status, "
                               "first_seen_run, last_seen_run) VALUES (?, 'R01', ?, 'MZ01', "
                               "'2025-11', '', ?, '高', 56500, ?, 'new', 1, 1)",
                               fingerprint, id_number, ref, evidence)
                    .has_value());
    return fingerprint;
  }

  int next_account_ = 0;
  std::string url_;  // of db_: SQLite in memory, or a PostgreSQL schema (support/test_store.h)
  FakeClock clock_;
  crypto::FieldCipher cipher_ = TestCipher();
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<CaseworkService> service_;
  // Commission-level business actors, created lazily by the tests that need them.
  Actor intake_{0, "intake", {Role::kIntake}, "commission"};
  Actor handler_{0, "handler", {Role::kHandler}, "commission"};
  Actor approver_{0, "approver", {Role::kApprover}, "commission"};
  Actor supervision_{0, "supervision", {Role::kInternalSupervision}, "commission"};
};

}  // namespace qf::casework::testing
