// Units, permissions, audit entries and loading applications.
#include "approval/internal/records.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "approval/internal/sql.h"
#include "audit/audit_log.h"
#include "core/citizen_id.h"
#include "engine/rule.h"

namespace qf::approval::internal {
namespace {

using casework::Role;

bool InScope(const Units& units, const casework::Actor& actor, const std::string& unit) {
  return units.Within(unit, actor.unit_code);
}

Error Denied(const std::string& why) {
  return Error(ErrorCode::kPermissionDenied, "无权进行此操作：" + why);
}

}  // namespace

const UnitRow* Units::Find(std::string_view code) const {
  auto it = rows.find(code);
  return it == rows.end() ? nullptr : &it->second;
}

bool Units::Within(std::string_view code, std::string_view ancestor) const {
  std::string_view at = code;
  for (int depth = 0; depth < 64 && !at.empty(); ++depth) {
    if (at == ancestor) return true;
    const UnitRow* row = Find(at);
    if (row == nullptr) return false;
    at = row->parent;
  }
  return false;
}

const UnitRow* Units::Named(std::string_view kind, std::string_view text) const {
  for (const auto& [code, row] : rows) {
    if (row.kind == kind && row.name == text) return &row;
  }
  return nullptr;
}

const UnitRow* Units::NameContains(std::string_view kind, std::string_view text) const {
  if (text.empty()) return nullptr;
  for (const auto& [code, row] : rows) {
    if (row.kind == kind && row.name.find(text) != std::string::npos) return &row;
  }
  return nullptr;
}

std::string Units::NameOf(std::string_view code) const {
  const UnitRow* row = Find(code);
  return row == nullptr ? std::string(code) : row->name;
}

Result<Units> LoadUnits(store::Database& db) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, "SELECT code, name, kind, parent_code FROM units"));
  Units units;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    UnitRow u{st->Text(0), st->Text(1), st->Text(2), st->IsNull(3) ? "" : st->Text(3)};
    units.rows.emplace(u.code, u);
  }
  return units;
}

std::string StepUnit(const Units& units, const ApprovalConfig& config, const ChainConfig& chain,
                     StepKind step, const std::string& community_unit,
                     const std::string& program_department) {
  auto known = [&](const std::string& code) { return !code.empty() && units.Find(code); };
  switch (step) {
    case StepKind::kApply:
    case StepKind::kCommunityReview:
    case StepKind::kPublicity:
      return community_unit;
    case StepKind::kStreetReview: {
      const UnitRow* community = units.Find(community_unit);
      if (community != nullptr && community->kind == "community" && known(community->parent)) {
        return community->parent;
      }
      return config.fallback_unit;
    }
    case StepKind::kDepartmentApproval: {
      if (known(chain.department_unit)) return chain.department_unit;
      if (const UnitRow* dept = units.NameContains("department", program_department)) {
        return dept->code;
      }
      return config.fallback_unit;
    }
    case StepKind::kPayment: {
      if (known(config.finance_unit)) return config.finance_unit;
      if (const UnitRow* finance = units.NameContains("department", "财政")) return finance->code;
      return config.fallback_unit;
    }
  }
  return config.fallback_unit;
}

std::string CommunityUnit(const Units& units, const ApprovalConfig& config,
                          const casework::Actor* clerk, const std::string& community) {
  if (clerk != nullptr) {
    const UnitRow* own = units.Find(clerk->unit_code);
    if (own != nullptr && own->kind == "community") return own->code;
  }
  if (const UnitRow* named = units.Named("community", community)) return named->code;
  if (clerk != nullptr && units.Find(clerk->unit_code) != nullptr) return clerk->unit_code;
  return config.fallback_unit;
}

bool TakesPart(const casework::Actor& actor) {
  return actor.Has(Role::kIntake) || actor.Has(Role::kHandler) || actor.Has(Role::kApprover) ||
         actor.Has(Role::kLiaison);
}

Result<void> Authorize(const Units& units, const casework::Actor& actor, Op op, StepKind step,
                       const std::string& unit) {
  const bool scope = InScope(units, actor, unit);
  const std::string where = units.NameOf(unit);
  switch (op) {
    case Op::kSubmit:
    case Op::kDeclare:
      if ((actor.Has(Role::kIntake) || actor.Has(Role::kHandler)) && scope) return {};
      return std::unexpected(Denied("须由" + where + "或其上级单位的受理员、承办人办理"));
    case Op::kPrecheck:
      if (actor.Has(Role::kApprover) && scope) return {};
      return std::unexpected(Denied("审批前比对须由" + where + "或其上级单位的审核领导进行"));
    case Op::kRead:
      if ((actor.Has(Role::kIntake) || actor.Has(Role::kHandler) || actor.Has(Role::kApprover)) &&
          scope) {
        return {};
      }
      if (actor.Has(Role::kLiaison) && actor.unit_code == unit) return {};
      return std::unexpected(Denied("不在本单位的办理范围内"));
    case Op::kDecide:
      break;
  }
  const bool handler_or_leader = actor.Has(Role::kHandler) || actor.Has(Role::kApprover);
  switch (step) {
    case StepKind::kApply:
      return std::unexpected(Denied("申请环节在提交时即已完成"));
    case StepKind::kCommunityReview:
    case StepKind::kPublicity:
    case StepKind::kStreetReview:
      if (handler_or_leader && scope) return {};
      return std::unexpected(Denied(std::string(StepName(step)) + "须由" + where +
                                    "或其上级单位的承办人、审核领导办理"));
    case StepKind::kDepartmentApproval:
      if (actor.Has(Role::kApprover) && scope) return {};
      return std::unexpected(Denied("部门审批须由" + where + "或其上级单位的审核领导作出"));
    case StepKind::kPayment:
      if ((handler_or_leader && scope) || (actor.Has(Role::kLiaison) && actor.unit_code == unit)) {
        return {};
      }
      return std::unexpected(
          Denied("财政发放须由" + where + "的部门联络员或其上级单位的承办人、审核领导办理"));
  }
  return std::unexpected(Denied("未知环节"));
}

bool CanRead(const Units& units, const casework::Actor& actor, const ApplicationView& app) {
  if (!TakesPart(actor)) return false;
  if (Authorize(units, actor, Op::kRead, StepKind::kApply, app.community_unit)) return true;
  for (const StepView& step : app.steps) {
    if (Authorize(units, actor, Op::kRead, step.step, step.unit_code)) return true;
  }
  return false;
}

Result<void> Audit(store::Database& db, const qf::Clock& clock, const crypto::ChainKey& key,
                   const std::string& actor, const std::string& action, int64_t application_id,
                   const std::string& after) {
  return audit::RecordAfter(db, clock, key, actor, action, "application",
                            std::to_string(application_id), after, /*alone=*/false);
}

Result<std::optional<ProgramInfo>> LoadProgramInfo(store::Database& db, const std::string& code) {
  QF_ASSIGN_OR_RETURN(auto st,
                      Query(db, "SELECT name, department FROM programs WHERE code = ?", code));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<ProgramInfo>();
  return std::optional<ProgramInfo>(ProgramInfo{st->Text(0), st->Text(1)});
}

Result<void> OpenStep(store::Database& db, const qf::Clock& clock, const Units& units,
                      const ApprovalConfig& config, int64_t application_id, StepKind step,
                      const std::string& community_unit, const std::string& program_code,
                      const std::string& program_department) {
  const ChainConfig& chain = config.ChainFor(program_code);
  std::string unit = StepUnit(units, config, chain, step, community_unit, program_department);
  int64_t now = clock.NowSeconds();
  Date today = qf::Today(clock);
  QF_ASSIGN_OR_RETURN(auto seq, QueryInt(db,
                                         "SELECT COUNT(*) FROM approval_steps WHERE "
                                         "application_id = ?",
                                         application_id));
  QF_RETURN_IF_ERROR(Exec(db,
                          "INSERT INTO approval_steps(application_id, seq, step, unit_code, "
                          "unit_name, started_on, started_at, started_epoch, deadline) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          application_id, seq.value_or(0) + 1, StepCode(step), unit,
                          units.NameOf(unit), today.ToString(), qf::IsoUtc(now), now,
                          today.AddDays(chain.DeadlineDays(step)).ToString()));
  QF_RETURN_IF_ERROR(Exec(db,
                          "UPDATE approval_applications SET current_step = ?, updated_at = ? WHERE "
                          "application_id = ?",
                          StepCode(step), qf::IsoUtc(now), application_id));
  return {};
}

Result<std::string> ApplicantId(store::Database& db, const crypto::FieldCipher& cipher,
                                int64_t application_id) {
  QF_ASSIGN_OR_RETURN(auto enc, QueryText(db,
                                          "SELECT id_number_enc FROM approval_applications WHERE "
                                          "application_id = ?",
                                          application_id));
  if (!enc) return Fail(ErrorCode::kNotFound, fmt::format("申请 {} 不存在", application_id));
  return cipher.Decrypt(*enc);
}

Result<std::optional<ApplicationView>> LoadApplication(store::Database& db,
                                                       const ApprovalConfig& config,
                                                       int64_t application_id,
                                                       const std::string& today) {
  QF_ASSIGN_OR_RETURN(
      auto st,
      Query(
          db,
          "SELECT a.program_code, COALESCE(p.name, a.program_code), a.community, "
          "a.community_unit, a.applicant_name, a.id_masked, a.household_id, a.account_no, a.bank, "
          "a.household_size, a.declared_income, a.declared_assets, a.reason, a.channel, "
          "a.cadre_relative, COALESCE(a.declaration, ''), COALESCE(a.declaration_filed_at, ''), "
          "COALESCE(a.declaration_filed_by, ''), a.current_step, a.status, "
          "COALESCE(a.rejection_category, ''), COALESCE(a.rejection_reason, ''), "
          "COALESCE(a.precheck_at, ''), a.submitted_by, a.submitted_on "
          "FROM approval_applications a LEFT JOIN programs p ON p.code = a.program_code "
          "WHERE a.application_id = ?",
          application_id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return std::optional<ApplicationView>();
  ApplicationView v;
  v.application_id = application_id;
  v.program_code = st->Text(0);
  v.program_name = st->Text(1);
  v.community = st->Text(2);
  v.community_unit = st->Text(3);
  v.applicant_name = st->Text(4);
  v.id_masked = st->Text(5);
  v.household_id = st->Text(6);
  v.account_no = st->Text(7);
  v.bank = st->Text(8);
  v.household_size = st->Int(9);
  v.declared_income = st->Int(10);
  v.declared_assets = st->Text(11);
  v.reason = st->Text(12);
  v.channel = st->Text(13);
  v.cadre_relative = st->Int(14) != 0;
  v.declaration = st->Text(15);
  v.declaration_filed_at = st->Text(16);
  v.declaration_filed_by = st->Text(17);
  v.current_step = ParseStep(st->Text(18)).value_or(StepKind::kApply);
  v.status = st->Text(19);
  v.rejection_category = st->Text(20);
  v.rejection_reason = st->Text(21);
  v.precheck_at = st->Text(22);
  v.submitted_by = st->Text(23);
  v.submitted_on = st->Text(24);
  v.chain = config.ChainFor(v.program_code).steps;

  QF_ASSIGN_OR_RETURN(
      auto steps,
      Query(db,
            "SELECT step_id, step, unit_code, unit_name, started_on, started_at, deadline, "
            "COALESCE(decision, ''), COALESCE(reason_category, ''), COALESCE(reasons, ''), "
            "COALESCE(deliberation, ''), COALESCE(decided_by, ''), COALESCE(decided_on, ''), "
            "COALESCE(decided_at, '') FROM approval_steps WHERE application_id = ? ORDER BY seq",
            application_id));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, steps->Step());
    if (!row) break;
    StepView s;
    s.step_id = steps->Int(0);
    s.step = ParseStep(steps->Text(1)).value_or(StepKind::kApply);
    s.unit_code = steps->Text(2);
    s.unit_name = steps->Text(3);
    s.started_on = steps->Text(4);
    s.started_at = steps->Text(5);
    s.deadline = steps->Text(6);
    s.decision = steps->Text(7);
    s.reason_category = steps->Text(8);
    s.reasons = steps->Text(9);
    s.deliberation = steps->Text(10);
    s.decided_by = steps->Text(11);
    s.decided_on = steps->Text(12);
    s.decided_at = steps->Text(13);
    // 公示 "overdue" means the period is over and nobody has closed it yet.
    s.overdue = s.decision.empty() && today > s.deadline;
    v.steps.push_back(std::move(s));
  }

  QF_ASSIGN_OR_RETURN(
      auto hits,
      Query(db,
            "SELECT hit_id, fingerprint, rule, rule_name, severity, evidence, found_at, "
            "COALESCE(acknowledged_by, ''), COALESCE(acknowledged_at, ''), COALESCE(note, '') "
            "FROM approval_precheck_hits WHERE application_id = ? ORDER BY rule, hit_id",
            application_id));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, hits->Step());
    if (!row) break;
    v.hits.push_back({hits->Int(0), hits->Text(1), hits->Text(2), hits->Text(3), hits->Text(4),
                      hits->Text(5), hits->Text(6), hits->Text(7), hits->Text(8), hits->Text(9)});
  }

  QF_ASSIGN_OR_RETURN(
      auto objections,
      Query(db,
            "SELECT objection_id, content, created_on, anonymous, COALESCE(clue_id, 0) FROM "
            "approval_objections WHERE application_id = ? ORDER BY objection_id",
            application_id));
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, objections->Step());
    if (!row) break;
    v.objections.push_back({objections->Int(0), objections->Text(1), objections->Text(2),
                            objections->Int(3) != 0, objections->Int(4)});
  }
  return std::optional<ApplicationView>(std::move(v));
}

namespace {

// The staff form of every 18-character ID number in a text (110105********002X): the engine's
// evidence names people by ID, and approval tables keep no plain ID number.
std::string MaskIds(std::string_view text) {
  std::string out(text);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0;
  while (i + 18 <= out.size()) {
    bool match = i == 0 || !digit(out[i - 1]);
    for (size_t k = 0; match && k < 17; ++k) match = digit(out[i + k]);
    if (match) match = digit(out[i + 17]) || out[i + 17] == 'X' || out[i + 17] == 'x';
    if (match && i + 18 < out.size()) match = !digit(out[i + 18]);
    if (match) {
      for (size_t k = 6; k < 14; ++k) out[i + k] = '*';
      i += 18;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace

Result<void> StoreHits(store::Database& db, int64_t application_id,
                       const std::vector<engine::Finding>& findings, const std::string& now) {
  std::set<std::string> found;
  for (const engine::Finding& f : findings) {
    found.insert(f.fingerprint);
    const engine::RuleSpec* rule = engine::FindRule(f.rule);
    std::string rule_name = rule == nullptr ? f.rule : std::string(rule->name);
    std::string severity(engine::SeverityText(f.severity));
    std::string evidence = MaskIds(f.evidence);
    QF_ASSIGN_OR_RETURN(auto existing, QueryInt(db,
                                                "SELECT hit_id FROM approval_precheck_hits WHERE "
                                                "application_id = ? AND fingerprint = ?",
                                                application_id, f.fingerprint));
    if (existing) {
      QF_RETURN_IF_ERROR(Exec(db,
                              "UPDATE approval_precheck_hits SET evidence = ?, found_at = ? WHERE "
                              "hit_id = ?",
                              evidence, now, *existing));
    } else {
      QF_RETURN_IF_ERROR(
          Exec(db,
               "INSERT INTO approval_precheck_hits(application_id, fingerprint, rule, "
               "rule_name, severity, evidence, found_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               application_id, f.fingerprint, f.rule, rule_name, severity, evidence, now));
    }
  }
  QF_ASSIGN_OR_RETURN(auto stored, Query(db,
                                         "SELECT hit_id, fingerprint FROM approval_precheck_hits "
                                         "WHERE application_id = ?",
                                         application_id));
  std::vector<int64_t> gone;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, stored->Step());
    if (!row) break;
    if (!found.contains(stored->Text(1))) gone.push_back(stored->Int(0));
  }
  for (int64_t hit : gone) {
    QF_RETURN_IF_ERROR(Exec(db, "DELETE FROM approval_precheck_hits WHERE hit_id = ?", hit));
  }
  return Exec(db, "UPDATE approval_applications SET precheck_at = ? WHERE application_id = ?", now,
              application_id);
}

}  // namespace qf::approval::internal
