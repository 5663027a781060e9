// Logins as an outsider would try them (issue 12, points 2 and 7): an unknown name costs what a
// known one does and is answered and locked alike; a run of failures locks the (name, client)
// pair, not the account for everyone; every login, logout and failure is an audit entry that
// never holds the password.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "casework/passwords.h"
#include "casework_fixture.h"

namespace qf::casework::testing {
namespace {

class LoginTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    user_ = MakeActor("zhangsan", Role::kHandler, "street-01");
  }
  Result<Json> Attempt(const std::string& name, const std::string& password,
                       const std::string& client) {
    return service_->Login(name, password, client);
  }
  Actor user_;
  const std::string password_ = "password-zhangsan";
};

TEST_F(LoginTest, FailuresFromOneClientDoNotLockTheAccountForOthers) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(Attempt("zhangsan", "guess-guess", "attacker"));
  auto locked = Attempt("zhangsan", password_, "attacker");
  ASSERT_FALSE(locked.has_value());
  EXPECT_NE(locked.error().message().find("锁定"), std::string::npos);
  // The owner, from their own desk, is not locked out by someone else's guesses.
  auto owner = Attempt("zhangsan", password_, "owner-desk");
  EXPECT_TRUE(owner.has_value()) << owner.error().message();
}

TEST_F(LoginTest, UnknownNamesAreAnsweredAndLockedLikeKnownOnes) {
  std::vector<std::string> known, unknown;
  for (int i = 0; i < 6; ++i) {
    auto k = Attempt("zhangsan", "guess-guess", "c1");
    auto u = Attempt("nobody", "guess-guess", "c1");
    ASSERT_FALSE(k.has_value());
    ASSERT_FALSE(u.has_value());
    EXPECT_EQ(k.error().message(), u.error().message()) << "attempt " << i + 1;
    EXPECT_EQ(k.error().code(), u.error().code());
  }
}

TEST_F(LoginTest, DisabledAccountIsToldOnlyToWhoKnowsThePassword) {
  Actor sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
  ASSERT_TRUE(service_->SetUserDisabled(sysadmin, user_.user_id, {{"disabled", true}}));
  auto wrong = Attempt("zhangsan", "guess-guess", "c1");
  auto unknown = Attempt("nobody", "guess-guess", "c2");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().message(), unknown.error().message());
  auto right = Attempt("zhangsan", password_, "c3");
  ASSERT_FALSE(right.has_value());
  EXPECT_NE(right.error().message().find("停用"), std::string::npos);
}

TEST_F(LoginTest, AnUnknownNameCostsAsMuchAsAKnownOne) {
  // Production cost for this account and for the service, so that the hash check dominates.
  auto hash = HashPassword(password_, PasswordCost::Interactive());
  ASSERT_TRUE(hash.has_value());
  ASSERT_TRUE(
      db_->Execute("UPDATE users SET password_hash = '" + *hash + "' WHERE username = 'zhangsan'"));
  CaseworkService service(
      *db_, clock_, cipher_,
      CaseworkOptions{.password_cost = PasswordCost::Interactive(), .max_failed_logins = 100});
  ASSERT_FALSE(service.Login("warm-up", "guess-guess", "c"));  // computes the dummy hash once
  auto time = [&](const std::string& name) {
    auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(service.Login(name, "guess-guess", name));
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  // Interleaved, and the fastest of each: a busy machine slows single attempts, not the floor.
  double known = 1e9, unknown = 1e9;
  for (int i = 0; i < 4; ++i) {
    known = std::min(known, time("zhangsan"));
    unknown = std::min(unknown, time("nobody"));
  }
  EXPECT_GT(unknown, known * 0.5) << "known " << known << " s, unknown " << unknown << " s";
  EXPECT_GT(known, unknown * 0.5) << "known " << known << " s, unknown " << unknown << " s";
}

TEST_F(LoginTest, LoginsLogoutsAndFailuresAreAuditedWithoutThePassword) {
  ASSERT_FALSE(Attempt("nobody", "secret-typed-1", "c1"));
  ASSERT_FALSE(Attempt("zhangsan", "secret-typed-2", "c1"));
  auto session = Attempt("zhangsan", password_, "c1");
  ASSERT_TRUE(session.has_value());
  ASSERT_TRUE(service_->Logout((*session)["token"].get<std::string>()));
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'user.login_failed' AND "
                  "actor = 'nobody'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'user.login_failed' AND "
                  "actor = 'zhangsan'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'user.login' AND "
                  "actor = 'zhangsan'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'user.logout' AND "
                  "actor = 'zhangsan'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE after LIKE '%secret-typed%' OR "
                  "before LIKE '%secret-typed%' OR actor LIKE '%secret-typed%'"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE after LIKE '%" + password_ + "%'"), 0);
}

TEST_F(LoginTest, SecurityAdministratorsUnlockClearsEveryClient) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(Attempt("zhangsan", "guess-guess", "c1"));
  ASSERT_FALSE(Attempt("zhangsan", password_, "c1"));
  Actor security = MakeActor("security", Role::kSecurityAdmin, "commission");
  ASSERT_TRUE(service_->UnlockUser(security, user_.user_id));
  EXPECT_TRUE(Attempt("zhangsan", password_, "c1").has_value());
}

}  // namespace
}  // namespace qf::casework::testing
