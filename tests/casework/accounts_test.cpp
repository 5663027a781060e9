// Accounts and sessions: lock-out after 5 failures for 15 minutes, idle expiry at 30 minutes
// (fake clock), separation of the three administrators, role grants.
#include <gtest/gtest.h>

#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class AccountsTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    user_ = MakeActor("zhangsan", Role::kHandler, "street-01");
  }
  Actor user_;
  const std::string password_ = "password-zhangsan";
};

TEST_F(AccountsTest, LoginReturnsATokenThatAuthenticates) {
  auto session = service_->Login("zhangsan", password_);
  ASSERT_TRUE(session.has_value()) << session.error().message();
  auto actor = service_->Authenticate((*session)["token"].get<std::string>());
  ASSERT_TRUE(actor.has_value());
  EXPECT_EQ(actor->username, "zhangsan");
  EXPECT_EQ(actor->unit_code, "street-01");
  EXPECT_TRUE(actor->Has(Role::kHandler));
  // Only the token's hash is stored.
  EXPECT_EQ(Count("SELECT count(*) FROM sessions WHERE token_hash = '" +
                  (*session)["token"].get<std::string>() + "'"),
            0);
}

TEST_F(AccountsTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  for (int i = 0; i < 4; ++i) {
    auto failed = service_->Login("zhangsan", "wrong-password");
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().code(), ErrorCode::kUnauthenticated);
  }
  auto fifth = service_->Login("zhangsan", "wrong-password");
  ASSERT_FALSE(fifth.has_value());
  EXPECT_NE(fifth.error().message().find("锁定"), std::string::npos) << fifth.error().message();
  // The right password is refused while locked.
  clock_.Advance(14 * 60);
  auto locked = service_->Login("zhangsan", password_);
  ASSERT_FALSE(locked.has_value());
  EXPECT_NE(locked.error().message().find("锁定"), std::string::npos);
  // After 15 minutes it works again.
  clock_.Advance(61);
  EXPECT_TRUE(service_->Login("zhangsan", password_).has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'user.locked'"), 1);
}

TEST_F(AccountsTest, ASuccessResetsTheFailureCount) {
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(service_->Login("zhangsan", "nope-nope").has_value());
  ASSERT_TRUE(service_->Login("zhangsan", password_).has_value());
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(service_->Login("zhangsan", "nope-nope").has_value());
  EXPECT_TRUE(service_->Login("zhangsan", password_).has_value());
}

TEST_F(AccountsTest, SecurityAdministratorCanUnlock) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(service_->Login("zhangsan", "nope-nope").has_value());
  Actor security = MakeActor("security", Role::kSecurityAdmin, "commission");
  Actor sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  EXPECT_EQ(service_->UnlockUser(sysadmin, user_.user_id).error().code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->UnlockUser(security, user_.user_id).has_value());
  EXPECT_TRUE(service_->Login("zhangsan", password_).has_value());
}

TEST_F(AccountsTest, UnknownUserIsRefusedLikeAWrongPassword) {
  auto unknown = service_->Login("nobody", password_);
  auto wrong = service_->Login("zhangsan", "wrong-password");
  ASSERT_FALSE(unknown.has_value());
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(unknown.error().message(), wrong.error().message());
}

TEST_F(AccountsTest, SessionExpiresAfterThirtyIdleMinutes) {
  auto session = service_->Login("zhangsan", password_);
  ASSERT_TRUE(session.has_value());
  std::string token = (*session)["token"];
  // Activity every 29 minutes keeps it alive well past 30 minutes in total.
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(29 * 60);
    ASSERT_TRUE(service_->Authenticate(token).has_value()) << i;
  }
  clock_.Advance(30 * 60 + 1);
  auto expired = service_->Authenticate(token);
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code(), ErrorCode::kUnauthenticated);
  // And stays expired: the session row is gone.
  clock_.Advance(-3600);
  EXPECT_FALSE(service_->Authenticate(token).has_value());
}

TEST_F(AccountsTest, LogoutEndsTheSession) {
  auto session = service_->Login("zhangsan", password_);
  ASSERT_TRUE(session.has_value());
  std::string token = (*session)["token"];
  ASSERT_TRUE(service_->Logout(token).has_value());
  EXPECT_FALSE(service_->Authenticate(token).has_value());
  EXPECT_FALSE(service_->Authenticate("garbage").has_value());
}

TEST_F(AccountsTest, SystemAdministratorCreatesAccountsWithoutRoles) {
  Actor sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  auto with_roles = service_->CreateUser(sysadmin, {{"username", "lisi"},
                                                    {"display_name", "李四"},
                                                    {"unit", "street-01"},
                                                    {"roles", {"handler"}}});
  ASSERT_FALSE(with_roles.has_value());
  EXPECT_EQ(with_roles.error().field(), "roles");
  auto user = service_->CreateUser(sysadmin, {{"username", "lisi"},
                                              {"display_name", "李四"},
                                              {"unit", "street-01"},
                                              {"id_number", AccountIdNumber(900)}});
  ASSERT_TRUE(user.has_value()) << user.error().message();
  EXPECT_TRUE((*user)["roles"].empty());
  EXPECT_EQ((*user)["password"].get<std::string>().size(), 16u);  // generated, shown once
  auto duplicate = service_->CreateUser(sysadmin, {{"username", "lisi"},
                                                   {"display_name", "李四"},
                                                   {"unit", "street-01"},
                                                   {"id_number", AccountIdNumber(901)}});
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kConflict);
  auto bad_unit = service_->CreateUser(sysadmin, {{"username", "wangwu"},
                                                  {"display_name", "王五"},
                                                  {"unit", "nowhere"},
                                                  {"id_number", AccountIdNumber(902)}});
  ASSERT_FALSE(bad_unit.has_value());
  EXPECT_EQ(bad_unit.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(bad_unit.error().field(), "unit");
  EXPECT_EQ(
      service_
          ->CreateUser(handler_, {{"username", "x"}, {"display_name", "x"}, {"unit", "commission"}})
          .error()
          .code(),
      ErrorCode::kPermissionDenied);
}

TEST_F(AccountsTest, SecurityAdministratorGrantsRolesButNotAdminPlusBusiness) {
  Actor security = MakeActor("security", Role::kSecurityAdmin, "commission");
  Actor sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  auto sys_grant = service_->SetUserRoles(sysadmin, user_.user_id, {{"roles", {"approver"}}});
  ASSERT_FALSE(sys_grant.has_value());
  EXPECT_EQ(sys_grant.error().code(), ErrorCode::kPermissionDenied);
  auto mixed =
      service_->SetUserRoles(security, user_.user_id, {{"roles", {"handler", "audit_admin"}}});
  ASSERT_FALSE(mixed.has_value());
  EXPECT_EQ(mixed.error().field(), "roles");
  auto self = service_->SetUserRoles(security, security.user_id, {{"roles", {"handler"}}});
  ASSERT_FALSE(self.has_value());
  EXPECT_EQ(self.error().code(), ErrorCode::kPermissionDenied);
  auto unknown = service_->SetUserRoles(security, user_.user_id, {{"roles", {"boss"}}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field(), "roles[0]");
  auto granted =
      service_->SetUserRoles(security, user_.user_id, {{"roles", {"承办人", "approver"}}});
  ASSERT_TRUE(granted.has_value()) << granted.error().message();
  EXPECT_EQ((*granted)["roles"], Json({"handler", "approver"}));
}

TEST_F(AccountsTest, RoleChangeEndsTheUsersSessions) {
  Actor security = MakeActor("security", Role::kSecurityAdmin, "commission");
  auto session = service_->Login("zhangsan", password_);
  ASSERT_TRUE(session.has_value());
  ASSERT_TRUE(service_->SetUserRoles(security, user_.user_id, {{"roles", {"approver"}}}));
  EXPECT_FALSE(service_->Authenticate((*session)["token"].get<std::string>()).has_value());
}

TEST_F(AccountsTest, DisabledAccountCannotLogIn) {
  Actor sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  ASSERT_TRUE(service_->SetUserDisabled(sysadmin, user_.user_id, {{"disabled", true}}));
  auto login = service_->Login("zhangsan", password_);
  ASSERT_FALSE(login.has_value());
  EXPECT_NE(login.error().message().find("停用"), std::string::npos);
}

TEST_F(AccountsTest, CliRefusesMixedAdministratorRoles) {
  auto mixed = service_->AddUserFromCli("x1", "", {Role::kSystemAdmin, Role::kAuditAdmin},
                                        "commission", "", std::nullopt);
  ASSERT_FALSE(mixed.has_value());
  EXPECT_EQ(mixed.error().code(), ErrorCode::kInvalidArgument);
  auto ok = service_->AddUserFromCli("x2", "", {Role::kAuditAdmin}, "commission", "",
                                     std::string(kCitizenA));
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
  EXPECT_EQ((*ok)["password"].get<std::string>().size(), 16u);
  // The user's ID number is stored encrypted, never plain.
  EXPECT_EQ(Count(std::string("SELECT count(*) FROM users WHERE id_number_enc LIKE '%") +
                  kCitizenA + "%'"),
            0);
  // Every account carries one (the fixture's accounts included); none is stored plain.
  EXPECT_EQ(Count("SELECT count(*) FROM users WHERE id_number_enc LIKE 'sm4:%'"),
            Count("SELECT count(*) FROM users"));
}

}  // namespace
}  // namespace qf::casework::testing
