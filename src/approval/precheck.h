// The pre-check (审批前比对): the engine's own rules, run over the applicant as if the application
// were already approved, so that the approver sees what the comparison would find after payment
// — before paying.
//
// How, without re-writing any rule: the rows of the ledger that concern the applicant (their
// household, kin, the officials among them, their assets, enrolments, cards and payments, and
// every payment into the declared card account) are copied into a private in-memory SQLite store,
// together with the hypothetical rows approval would create — the enrolment, the card when the
// account is new, and one payment of the program's standard for the first period after `as_of`
// (plus, for the applicant's other open enrolments in the same exclusive group, a payment for
// that same period, since they would keep being paid). engine::LoadSnapshot and engine::Evaluate
// then run the configured rules unchanged, and the findings that concern this applicant and this
// program (or, for R05, the declared account) are kept.
//
//   PrecheckRequest request{.id_number = "110105198001011238", .name = "张三",
//                           .program_code = "MZ01", .community = "幸福社区",
//                           .account_no = "6228480000000001", .bank = "农业银行",
//                           .as_of = *Date::Parse("2024-06-01")};
//   auto findings = RunPrecheck(ledger_db, request, config);   // Result<vector<Finding>>
#pragma once

#include <string>
#include <vector>

#include "approval/config.h"
#include "core/date.h"
#include "core/result.h"
#include "engine/finding.h"
#include "store/database.h"

namespace qf::approval {

struct PrecheckRequest {
  std::string id_number{};  // normalised 18 characters
  std::string name{};
  std::string program_code{};
  std::string community{};  // as enrolments.community spells it
  std::string account_no{};
  std::string bank{};
  std::string household_id{};  // declared; used when the applicant is not in persons
  Date as_of;
  std::string reference = "预审";  // the hypothetical payment's id: "<reference>-拟发放"
};

// The findings (engine::Finding with fingerprint set, sorted by rule) of the configured rules
// about the applicant. Reads `ledger` only. Fails when the store fails.
Result<std::vector<engine::Finding>> RunPrecheck(store::Database& ledger,
                                                 const PrecheckRequest& request,
                                                 const ApprovalConfig& config);

}  // namespace qf::approval
