// ApprovalService: construction, submission by a clerk or a citizen, the 备案 declaration.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "approval/approval_service.h"
#include "approval/internal/records.h"
#include "approval/internal/sql.h"
#include "approval/precheck.h"
#include "approval/receipt.h"
#include "core/citizen_id.h"
#include "crypto/crypto.h"

namespace qf::approval {
namespace {

using internal::Exec;
using internal::QueryInt;

constexpr size_t kMaxShort = 60;   // characters of a name, a community, a bank
constexpr size_t kMaxLong = 2000;  // characters of a free text

size_t Chars(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

std::unexpected<Error> FieldError(const std::string& field, const std::string& message) {
  return std::unexpected(Error(ErrorCode::kInvalidArgument, message).WithField(field));
}

Result<void> RequireText(const std::string& field, const std::string& label,
                         const std::string& value, size_t max, bool required = true) {
  if (required && value.empty()) return FieldError(field, "请填写" + label);
  if (Chars(value) > max) {
    return FieldError(field, fmt::format("{}不能超过 {} 个字", label, max));
  }
  return {};
}

struct Cleaned {
  ApplicationInput input;
  CitizenId id;
};

Result<Cleaned> Validate(const ApplicationInput& raw) {
  ApplicationInput in = raw;
  for (std::string* s :
       {&in.program_code, &in.community, &in.applicant_name, &in.household_id, &in.account_no,
        &in.bank, &in.declared_assets, &in.reason, &in.declaration}) {
    *s = Trimmed(*s);
  }
  QF_RETURN_IF_ERROR(RequireText("program_code", "补贴项目", in.program_code, 20));
  QF_RETURN_IF_ERROR(RequireText("community", "所在村（社区）", in.community, kMaxShort));
  QF_RETURN_IF_ERROR(RequireText("applicant_name", "申请人姓名", in.applicant_name, 40));
  auto id = CitizenId::Parse(in.id_number);
  if (!id) return FieldError("id_number", "身份证号有误：" + id.error().message());
  QF_RETURN_IF_ERROR(RequireText("household_id", "户号", in.household_id, 40, false));
  if (in.household_size < 1 || in.household_size > 30) {
    return FieldError("household_size", "家庭人口应为 1 到 30 人");
  }
  bool digits = in.account_no.size() >= 10 && in.account_no.size() <= 30;
  for (char c : in.account_no) digits = digits && c >= '0' && c <= '9';
  if (!digits) return FieldError("account_no", "一卡通账号应为 10 到 30 位数字");
  QF_RETURN_IF_ERROR(RequireText("bank", "开户银行", in.bank, kMaxShort));
  if (in.declared_income < 0 || in.declared_income > 100'000'000'00) {
    return FieldError("declared_income", "家庭月收入应为 0 到 1 亿元");
  }
  QF_RETURN_IF_ERROR(RequireText("declared_assets", "家庭财产申报", in.declared_assets, kMaxLong));
  QF_RETURN_IF_ERROR(RequireText("reason", "申请理由", in.reason, kMaxLong));
  QF_RETURN_IF_ERROR(RequireText("declaration", "备案说明", in.declaration, kMaxLong, false));
  if (in.cadre_relative && in.declaration.empty()) {
    return FieldError("declaration", "申请人为村（社区）干部或其近亲属的，须填写备案说明");
  }
  return Cleaned{std::move(in), std::move(*id)};
}

}  // namespace

std::string CommunityKey(std::string_view community) {
  return "c-" + crypto::Sm3Hex(community).substr(0, 10);
}

const StepView* ApplicationView::OpenStep() const {
  if (status != kInProgress || steps.empty() || !steps.back().decision.empty()) return nullptr;
  return &steps.back();
}

int64_t ApplicationView::UnacknowledgedHits() const {
  int64_t n = 0;
  for (const PrecheckHitView& hit : hits) n += hit.acknowledged_at.empty() ? 1 : 0;
  return n;
}

ApprovalService::ApprovalService(store::Database& db, const qf::Clock& clock,
                                 const crypto::FieldCipher& cipher, const ApprovalConfig& config)
    : db_(db), clock_(clock), cipher_(cipher), config_(config) {}

Result<Submitted> ApprovalService::SubmitByClerk(const casework::Actor& actor,
                                                 const ApplicationInput& input) {
  return Submit(&actor, input);
}

Result<Submitted> ApprovalService::SubmitByCitizen(const ApplicationInput& input) {
  return Submit(nullptr, input);
}

Result<Submitted> ApprovalService::Submit(const casework::Actor* clerk,
                                          const ApplicationInput& raw) {
  QF_ASSIGN_OR_RETURN(Cleaned cleaned, Validate(raw));
  const ApplicationInput& in = cleaned.input;
  const std::string& id = cleaned.id.value();
  QF_ASSIGN_OR_RETURN(auto program, internal::LoadProgramInfo(db_, in.program_code));
  if (!program) return FieldError("program_code", "补贴项目 " + in.program_code + " 不存在");
  QF_ASSIGN_OR_RETURN(internal::Units units, internal::LoadUnits(db_));
  std::string community_unit = internal::CommunityUnit(units, config_, clerk, in.community);
  if (clerk != nullptr) {
    QF_RETURN_IF_ERROR(internal::Authorize(units, *clerk, internal::Op::kSubmit, StepKind::kApply,
                                           community_unit));
  }
  Date today = qf::Today(clock_);
  int64_t now = clock_.NowSeconds();
  std::string now_text = qf::IsoUtc(now);
  std::string index = cipher_.Index(id);
  QF_ASSIGN_OR_RETURN(auto open, QueryInt(db_,
                                          "SELECT application_id FROM approval_applications WHERE "
                                          "id_number_index = ? AND program_code = ? AND status = ?",
                                          index, in.program_code, kInProgress));
  if (open) {
    return std::unexpected(Error(ErrorCode::kConflict,
                                 fmt::format("该申请人已有办理中的{}申请（编号 {}），不能重复申请",
                                             program->name, *open))
                               .WithField("id_number"));
  }
  // The ledger's household when it knows the person; the declared one otherwise.
  std::string household = in.household_id;
  if (household.empty()) {
    QF_ASSIGN_OR_RETURN(auto known, internal::QueryText(db_,
                                                        "SELECT household_id FROM persons WHERE "
                                                        "id_number = ?",
                                                        id));
    household = known.value_or("");
  }
  // Run before the transaction: the pre-check only reads, and names cadre relatives (R03) at once.
  PrecheckRequest request{.id_number = id,
                          .name = in.applicant_name,
                          .program_code = in.program_code,
                          .community = in.community,
                          .account_no = in.account_no,
                          .bank = in.bank,
                          .household_id = in.household_id,
                          .as_of = today,
                          .reference = "申请"};
  QF_ASSIGN_OR_RETURN(auto findings, approval::RunPrecheck(db_, request, config_));
  bool cadre_relative = in.cadre_relative;
  for (const engine::Finding& f : findings) cadre_relative = cadre_relative || f.rule == "R03";

  std::string code = NewReceiptCode();
  std::string submitter = clerk != nullptr ? clerk->username : std::string(kChannelCitizen);
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  std::optional<std::string> declared_at, declared_by, declaration;
  if (!in.declaration.empty()) {
    declaration = in.declaration;
    declared_at = now_text;
    declared_by = submitter;
  }
  QF_ASSIGN_OR_RETURN(
      int64_t application_id,
      internal::Insert(
          db_,
          "INSERT INTO approval_applications(program_code, community, community_unit, "
          "applicant_name, id_number_enc, id_number_index, id_masked, household_id, "
          "household_size, account_no, bank, declared_income, declared_assets, reason, channel, "
          "receipt_hash, cadre_relative, declaration, declaration_filed_at, declaration_filed_by, "
          "current_step, status, submitted_by, submitted_on, submitted_at, updated_at) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          in.program_code, in.community, community_unit, in.applicant_name, cipher_.Encrypt(id),
          index, cleaned.id.Masked(), household, in.household_size, in.account_no, in.bank,
          in.declared_income, in.declared_assets, in.reason,
          std::string(clerk != nullptr ? kChannelClerk : kChannelCitizen), ReceiptHash(code),
          cadre_relative, declaration, declared_at, declared_by, StepCode(StepKind::kApply),
          kInProgress, submitter, today.ToString(), now_text, now_text));
  // 申请 is a step like the others, opened and decided by the submission itself.
  QF_RETURN_IF_ERROR(internal::OpenStep(db_, clock_, units, config_, application_id,
                                        StepKind::kApply, community_unit, in.program_code,
                                        program->department));
  QF_RETURN_IF_ERROR(Exec(db_,
                          "UPDATE approval_steps SET decision = 'approved', reasons = ?, "
                          "decided_by = ?, decided_on = ?, decided_at = ?, decided_epoch = ? "
                          "WHERE application_id = ?",
                          std::string(clerk != nullptr ? "社区代办提交" : "群众自助提交"),
                          submitter, today.ToString(), now_text, now, application_id));
  const ChainConfig& chain = config_.ChainFor(in.program_code);
  if (auto next = chain.Next(StepKind::kApply)) {
    QF_RETURN_IF_ERROR(internal::OpenStep(db_, clock_, units, config_, application_id, *next,
                                          community_unit, in.program_code, program->department));
  }
  QF_RETURN_IF_ERROR(internal::StoreHits(db_, application_id, findings, now_text));
  nlohmann::json after = {
      {"program", in.program_code},
      {"community", in.community},
      {"applicant", in.applicant_name},
      {"id", cleaned.id.Masked()},
      {"channel", std::string(clerk != nullptr ? kChannelClerk : kChannelCitizen)},
      {"cadre_relative", cadre_relative},
      {"precheck_hits", findings.size()}};
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_.chain_key(), submitter,
                                     "application.submit", application_id, after.dump()));
  QF_RETURN_IF_ERROR((*tx)->Commit());
  return Submitted{application_id, code};
}

Result<void> ApprovalService::FileDeclaration(const casework::Actor& actor, int64_t application_id,
                                              const std::string& declaration) {
  std::string text = Trimmed(declaration);
  QF_RETURN_IF_ERROR(RequireText("declaration", "备案说明", text, kMaxLong));
  QF_ASSIGN_OR_RETURN(internal::Units units, internal::LoadUnits(db_));
  std::string today = qf::Today(clock_).ToString();
  QF_ASSIGN_OR_RETURN(auto app, internal::LoadApplication(db_, config_, application_id, today));
  if (!app) return Fail(ErrorCode::kNotFound, fmt::format("申请 {} 不存在", application_id));
  QF_RETURN_IF_ERROR(internal::Authorize(units, actor, internal::Op::kDeclare, StepKind::kApply,
                                         app->community_unit));
  if (app->status != kInProgress) {
    return Fail(ErrorCode::kConflict, "申请已办结，不能再备案");
  }
  std::string now = qf::IsoUtc(clock_.NowSeconds());
  auto tx = db_.Begin();
  if (!tx) return std::unexpected(tx.error());
  QF_RETURN_IF_ERROR(Exec(db_,
                          "UPDATE approval_applications SET cadre_relative = 1, declaration = ?, "
                          "declaration_filed_at = ?, declaration_filed_by = ?, updated_at = ? "
                          "WHERE application_id = ?",
                          text, now, actor.username, now, application_id));
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_.chain_key(), actor.username,
                                     "application.declare", application_id,
                                     nlohmann::json{{"declaration", text}}.dump()));
  return (*tx)->Commit();
}

}  // namespace qf::approval
