// The casework fixture's units plus two stationed groups (stationed-1 supervising dept-housing),
// the oversight books over the same store, and the staff who use them.
//
//   commission ── street-01 ── community-01-a, street-02, dept-civil, dept-agri,
//                 stationed-1 ── dept-housing, stationed-2
#pragma once

#include <memory>

#include "casework/casework_fixture.h"
#include "oversight/congress.h"
#include "oversight/stationed_reports.h"

namespace qf::oversight::testing {

using casework::Actor;
using casework::Role;

class OversightTest : public casework::testing::CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    if (HasFatalFailure()) return;
    Actor sysadmin = MakeActor("sysadmin2", Role::kSystemAdmin, "commission");
    for (auto [code, name, kind, parent] :
         {std::tuple{"stationed-1", "派驻第一纪检监察组", "stationed_group", "commission"},
          std::tuple{"stationed-2", "派驻第二纪检监察组", "stationed_group", "commission"},
          std::tuple{"dept-housing", "区住建局", "department", "stationed-1"}}) {
      auto unit = service_->AddUnit(
          sysadmin, {{"code", code}, {"name", name}, {"kind", kind}, {"parent", parent}});
      ASSERT_TRUE(unit.has_value()) << unit.error().message();
    }
    reports_ = std::make_unique<StationedReportBook>(*db_, clock_, cipher_);
    congress_ = std::make_unique<CongressBook>(*db_, clock_, cipher_);
    clerk_ = MakeActor("clerk", Role::kIntake, "commission");
    leader_ = MakeActor("leader", Role::kApprover, "commission");
    group1_ = MakeActor("group1", Role::kHandler, "stationed-1");
    group2_ = MakeActor("group2", Role::kHandler, "stationed-2");
    street1_ = MakeActor("street1", Role::kLiaison, "street-01");
    street2_ = MakeActor("street2", Role::kLiaison, "street-02");
  }

  // The id of `unit`'s report for `period`.
  int64_t ReportOf(const std::string& unit, const std::string& period) {
    return Count("SELECT report_id FROM stationed_reports WHERE unit_code = '" + unit +
                 "' AND period = '" + period + "'");
  }

  int64_t AuditCount(const std::string& action) {
    return Count("SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
  }

  std::unique_ptr<StationedReportBook> reports_;
  std::unique_ptr<CongressBook> congress_;
  Actor clerk_, leader_, group1_, group2_, street1_, street2_;
};

}  // namespace qf::oversight::testing
