// The public self-check gives the same answer from the resident snapshot as from the store
// (web/internal/self_check.h): on the noisy synthetic district, for every person of the persons
// registry under their own name, a name written differently, a wrong name, and for the names
// only the enrolments hold.
#include "web/internal/self_check.h"

#include <gtest/gtest.h>

#include <set>

#include "district_fixture.h"
#include "engine/snapshot.h"
#include "store/query.h"

namespace qf {
namespace {

using web::internal::SelfCheck;
using web::internal::SelfCheckFromSnapshot;
using web::internal::SelfCheckResult;

class SelfCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& district = testing::GetDistrict(20000, 5, /*noise=*/true);
    db_ = testing::ImportDistrict(district.dir);
    auto loaded = engine::LoadSnapshot(*db_);
    ASSERT_TRUE(loaded) << loaded.error().message();
    snapshot_ = std::make_unique<engine::Snapshot>(std::move(*loaded));
    auto as_of = store::QueryText(*db_, "SELECT MAX(paid_date) FROM payments");
    ASSERT_TRUE(as_of && *as_of);
    as_of_ = **as_of;
  }

  // The store's answer; when the snapshot answers too, the same one. Returns whether it did.
  bool ExpectSameAnswer(const std::string& id, const std::string& name,
                        SelfCheckResult* from_store = nullptr) {
    auto stored = SelfCheck(*db_, id, name, as_of_);
    EXPECT_TRUE(stored) << stored.error().message();
    if (!stored) return false;
    if (from_store != nullptr) *from_store = *stored;
    auto resident = SelfCheckFromSnapshot(*snapshot_, id, name, as_of_);
    if (!resident) return false;
    EXPECT_EQ(*resident, *stored) << id << " " << name;
    return true;
  }

  std::unique_ptr<store::Database> db_;
  std::unique_ptr<engine::Snapshot> snapshot_;
  std::string as_of_;
};

TEST_F(SelfCheckTest, TheSnapshotAnswersEveryRegisteredNameAsTheStoreDoes) {
  auto persons = store::Query(*db_, "SELECT id_number, name FROM persons ORDER BY id_number");
  ASSERT_TRUE(persons);
  int asked = 0, answered = 0, with_payments = 0;
  while ((*persons)->Step().value_or(false)) {
    const std::string id = (*persons)->Text(0), name = (*persons)->Text(1);
    if (++asked % 3 != 0) continue;  // a third of the district keeps the test short
    SelfCheckResult stored;
    ASSERT_TRUE(ExpectSameAnswer(id, name, &stored)) << id << " " << name;
    EXPECT_TRUE(stored.matched);
    ++answered;
    if (!stored.payments.empty()) ++with_payments;
    // The same name with spaces around and inside still matches, and a wrong one never does.
    ExpectSameAnswer(id, " " + name + " ");
    EXPECT_FALSE(SelfCheckFromSnapshot(*snapshot_, id, "错误姓名", as_of_));
    auto wrong = SelfCheck(*db_, id, "错误姓名", as_of_);
    ASSERT_TRUE(wrong);
    EXPECT_FALSE(wrong->matched);
    EXPECT_TRUE(wrong->payments.empty() && wrong->enrolments.empty() && wrong->name.empty());
  }
  EXPECT_GT(answered, 5000);
  EXPECT_GT(with_payments, 500);
}

TEST_F(SelfCheckTest, NamesOnlyTheEnrolmentsHoldAreLeftToTheStore) {
  auto names = store::Query(*db_,
                            "SELECT DISTINCT e.id_number, e.name FROM enrolments e LEFT JOIN "
                            "persons p ON p.id_number = e.id_number WHERE p.name IS NULL OR "
                            "p.name <> e.name ORDER BY 1, 2");
  ASSERT_TRUE(names);
  int cases = 0;
  while ((*names)->Step().value_or(false)) {
    const std::string id = (*names)->Text(0), name = (*names)->Text(1);
    SelfCheckResult stored;
    ExpectSameAnswer(id, name, &stored);
    EXPECT_TRUE(stored.matched) << id << " " << name;
    ++cases;
  }
  // The noisy district writes some enrolment names differently from the registry.
  EXPECT_GT(cases, 0);
}

}  // namespace
}  // namespace qf
