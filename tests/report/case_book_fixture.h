// A hand-made case book whose true counts are known, built through the casework service with a
// fake clock (units commission → street-01 → community-01-a, street-02), plus findings written
// straight into the engine's tables.
//
// 2024-06-05 (Q2), by unit:
//   clue 1 信访/民生/street-01, 初步核实 → case A (民生, street-01): 赵六 (subject) 移送司法,
//     钱七 党纪处分; recovered 1 234 549.99 元; outbound transfer to police about clue 1
//   clue 2 群众举报/一卡通/community-01-a, 谈话函询
//   clue 3 人工录入/扫黑除恶/street-02, 初步核实 → case B (扫黑除恶, street-02): 赵六 政务处分;
//     losses retrieved 50 000 元
//   clue 4 群众举报/民生/street-02, 予以了结 (concluded: answered)
//   inbound transfer from saohei → clue 5 移送/扫黑除恶/street-02
//   监察建议 to street-01 due 2024-06-20 (never closed); 整改事项 to street-02 due 2024-07-31
// 2024-08-05 (Q3): case A +0.01 元 recovered (the total becomes 1 234 550.00 元 = 123.46 万元);
//   the police answer the transfer; the 整改事项 is closed; clue 6 审计/营商环境/street-01.
// Findings: R01 2024-04 1 000 元 (person in 一街道甲社区 = community-01-a), R05 2024-05
//   2 500.50 元 (person in no unit's community), R01 2024-08 300 元 (community-01-a), and a
//   dismissed R04 2024-05 (never counted).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "casework/casework_service.h"
#include "core/clock.h"
#include "core/citizen_id.h"
#include "report/render.h"
#include "report/statistics.h"
#include "store/database.h"
#include "store/migrations.h"

namespace qf::report::testing {

using casework::Actor;
using casework::Json;
using casework::Role;

// 2024-06-05 (a Wednesday) 10:00 Beijing time, moved by hand.
class FakeClock final : public qf::Clock {
 public:
  int64_t NowSeconds() const override { return now_; }
  void AdvanceDays(int days) { now_ += int64_t{days} * 86400; }

 private:
  int64_t now_ = 1717552800;
};

inline crypto::FieldCipher TestCipher() {
  crypto::FieldCipher::MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
  return crypto::FieldCipher::FromMasterKey(key);
}

class CaseBookTest : public ::testing::Test {
 protected:
  // The store the book is written to; a test that serves it over HTTP needs a file.
  virtual std::string StoreUrl() { return "sqlite::memory:"; }

  void SetUp() override {
    auto db = store::Open(StoreUrl());
    ASSERT_TRUE(db.has_value()) << db.error().message();
    db_ = std::move(*db);
    auto version = store::Migrate(*db_);
    ASSERT_TRUE(version.has_value()) << version.error().message();
    service_ = std::make_unique<casework::CaseworkService>(
        *db_, clock_, cipher_,
        casework::CaseworkOptions{.password_cost = casework::PasswordCost::Minimal()});
    Actor sysadmin = MakeActor("sysadmin", Role::kSystemAdmin, "commission");
    for (auto [code, name, kind, parent] :
         {std::tuple{"street-01", "一街道监察办公室", "street_office", "commission"},
          std::tuple{"community-01-a", "一街道甲社区", "community", "street-01"},
          std::tuple{"street-02", "二街道监察办公室", "street_office", "commission"}}) {
      auto unit = service_->AddUnit(
          sysadmin, {{"code", code}, {"name", name}, {"kind", kind}, {"parent", parent}});
      ASSERT_TRUE(unit.has_value()) << unit.error().message();
    }
    intake_ = MakeActor("intake", Role::kIntake, "commission");
    handler_ = MakeActor("handler", Role::kHandler, "commission");
    approver_ = MakeActor("approver", Role::kApprover, "commission");
    BuildBook();
  }

  Actor MakeActor(const std::string& username, Role role, const std::string& unit) {
    // Business accounts carry an ID number: a valid one of their own per account.
    std::string first17 = "11010119700101" + std::to_string(100 + next_account_++);
    auto user = service_->AddUserFromCli(username, username, std::vector<Role>{role}, unit,
                                         "password-" + username,
                                         first17 + CitizenId::CheckCharacter(first17));
    EXPECT_TRUE(user.has_value()) << (user ? "" : user.error().message());
    return Actor{user ? (*user)["id"].get<int64_t>() : 0, username, {role}, unit};
  }

  // Runs `r` (a Result<Json>) and returns its "id", failing the test on an error.
  static int64_t IdOf(const Result<Json>& r) {
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
    return r ? (*r)["id"].get<int64_t>() : 0;
  }

  int64_t Clue(const std::string& source, const std::string& domain, const std::string& unit,
               const std::string& title) {
    return IdOf(service_->CreateClue(
        intake_, {{"source", source},
                  {"domain", domain},
                  {"title", title},
                  {"summary", "摘要"},
                  {"amount", 100000},
                  {"unit", unit},
                  {"subjects", {{{"name", "赵六"}, {"id_number", "11010519491231002X"}}}}}));
  }

  void Dispose(int64_t clue, const std::string& disposal) {
    ASSERT_TRUE(service_->ProposeDisposal(handler_, clue, {{"disposal", disposal}}));
    auto decided = service_->DecideDisposal(approver_, clue, {{"decision", "approve"}});
    ASSERT_TRUE(decided) << decided.error().message();
  }

  // The first person's id of a case.
  int64_t PersonOf(int64_t case_id, std::size_t index) {
    auto c = service_->GetCase(handler_, case_id);
    EXPECT_TRUE(c.has_value());
    return (*c)["persons"][index]["id"].get<int64_t>();
  }

  void Ok(const Result<Json>& r) { ASSERT_TRUE(r.has_value()) << r.error().message(); }

  void BuildBook() {
    Actor police = MakeActor("police1", Role::kLiaison, "police");
    // Q2: 2024-06-05.
    clue1_ = Clue("信访", "民生", "street-01", "低保冒领");
    Dispose(clue1_, "初步核实");
    case_a_ = IdOf(service_->FileCase(approver_, {{"clue_id", clue1_}}));
    Ok(service_->AddCasePerson(handler_, case_a_, {{"name", "钱七"}, {"position", "村会计"}}));
    Ok(service_->TransitionCase(handler_, case_a_, {{"event", "investigate"}}));
    Ok(service_->RecordOutcome(
        handler_, case_a_, PersonOf(case_a_, 0),
        {{"outcome", "移送司法"}, {"detail", "涉嫌贪污"}, {"receiving_organ", "procuratorate"}}));
    Ok(service_->RecordOutcome(handler_, case_a_, PersonOf(case_a_, 1),
                               {{"outcome", "党纪处分"}, {"detail", "留党察看"}}));
    Ok(service_->RecordRecovery(handler_, case_a_, {{"recovered", 123454999}}));
    transfer_out_ = IdOf(service_->CreateTransfer(handler_, {{"direction", "out"},
                                                             {"organ", "police"},
                                                             {"clue_id", clue1_},
                                                             {"summary", "涉嫌诈骗低保资金"},
                                                             {"feedback_due", "2024-07-15"}}));
    Ok(service_->TransitionTransfer(police, transfer_out_, {{"event", "acknowledge"}}));

    clue2_ = Clue("群众举报", "一卡通", "community-01-a", "补贴被截留");
    Dispose(clue2_, "谈话函询");

    clue3_ = Clue("人工录入", "扫黑除恶", "street-02", "村霸把持工程");
    Dispose(clue3_, "初步核实");
    case_b_ = IdOf(service_->FileCase(approver_, {{"clue_id", clue3_}}));
    Ok(service_->TransitionCase(handler_, case_b_, {{"event", "investigate"}}));
    Ok(service_->RecordOutcome(handler_, case_b_, PersonOf(case_b_, 0),
                               {{"outcome", "政务处分"}, {"detail", "记过"}}));
    Ok(service_->RecordRecovery(handler_, case_b_, {{"losses_retrieved", 5000000}}));

    clue4_ = Clue("群众举报", "民生", "street-02", "反映不实");
    Dispose(clue4_, "予以了结");

    Ok(service_->CreateTransfer(
        handler_,
        {{"direction", "in"},
         {"organ", "saohei"},
         {"summary", "扫黑办移送涉黑线索"},
         {"feedback_due", "2024-07-31"},
         {"clue", {{"domain", "扫黑除恶"}, {"title", "涉黑线索"}, {"unit", "street-02"}}}}));

    IdOf(service_->IssueRectification(handler_, {{"kind", "监察建议"},
                                                 {"unit", "street-01"},
                                                 {"content", "健全低保动态管理"},
                                                 {"due_date", "2024-06-20"}}));
    rect2_ = IdOf(service_->IssueRectification(handler_, {{"kind", "整改事项"},
                                                          {"unit", "street-02"},
                                                          {"content", "清退违规资金"},
                                                          {"due_date", "2024-07-31"}}));

    // Q3: 2024-08-05.
    clock_.AdvanceDays(61);
    Ok(service_->RecordRecovery(handler_, case_a_, {{"recovered", 1}}));
    Ok(service_->TransitionTransfer(police, transfer_out_,
                                    {{"event", "feedback"}, {"feedback", "已立案侦查"}}));
    Ok(service_->SubmitEvidence(handler_, rect2_, {{"evidence", "已清退"}}));
    Ok(service_->VerifyRectification(approver_, rect2_, {{"decision", "close"}}));
    clue6_ = Clue("审计", "营商环境", "street-01", "审批吃拿卡要");

    WriteFindings();
  }

  void Sql(const std::string& sql) {
    auto r = db_->Execute(sql);
    ASSERT_TRUE(r.has_value()) << r.error().message();
  }

  void WriteFindings() {
    Sql("INSERT INTO persons VALUES ('110105198001011238', '张三', '男', '1980-01-01', '110105', "
        "'一街道甲社区', 'H1', '户主'), ('11010519491231002X', '李四', '女', '1949-12-31', "
        "'110105', '某某村', 'H2', '户主')");
    Sql("INSERT INTO check_runs VALUES (1, '2024-08-01T00:00:00Z', '2024-07-31', 'all', 4, 4, 0)");
    Sql("INSERT INTO findings(fingerprint, rule, id_number, program_code, period, account_no, ref, "
        "severity, amount, evidence, status, first_seen_run, last_seen_run, review) VALUES "
        "('f1', 'R01', '110105198001011238', 'P1', '2024-04', '', '', '高', 100000, 'e', 'new', 1, "
        "1, 'open'), "
        "('f2', 'R05', '11010519491231002X', '', '2024-05', 'A1', '', '高', 250050, 'e', 'new', 1, "
        "1, 'open'), "
        "('f3', 'R01', '110105198001011238', 'P1', '2024-08', '', '', '高', 30000, 'e', 'new', 1, "
        "1, "
        "'open'), "
        "('f4', 'R04', '110105198001011238', 'P1', '2024-05', '', '', '中', 99999900, 'e', 'new', "
        "1, 1, 'dismissed')");
  }

  Statistics Compute(const std::string& period, const std::string& unit = "") {
    auto p = ParseReportPeriod(period);
    EXPECT_TRUE(p.has_value());
    auto stats = ComputeStatistics(*db_, *p, unit, qf::Today(clock_));
    EXPECT_TRUE(stats.has_value()) << (stats ? "" : stats.error().message());
    return stats ? *stats : Statistics{};
  }

  FakeClock clock_;
  crypto::FieldCipher cipher_ = TestCipher();
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<casework::CaseworkService> service_;
  Actor intake_, handler_, approver_;
  int next_account_ = 0;
  int64_t clue1_ = 0, clue2_ = 0, clue3_ = 0, clue4_ = 0, clue6_ = 0;
  int64_t case_a_ = 0, case_b_ = 0, transfer_out_ = 0, rect2_ = 0;
};

}  // namespace qf::report::testing
