// What the approval service files share: the unit tree and how a step finds its unit, the
// permission checks, and loading an application's stored row.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "approval/approval_service.h"
#include "approval/config.h"
#include "approval/steps.h"
#include "casework/roles.h"
#include "core/clock.h"
#include "core/result.h"
#include "engine/finding.h"
#include "store/database.h"

namespace qf::approval::internal {

struct UnitRow {
  std::string code, name, kind, parent;  // kind: casework UnitKindCode ("community" ...)
};

class Units {
 public:
  const UnitRow* Find(std::string_view code) const;
  // True when `code` is `ancestor` or lies below it.
  bool Within(std::string_view code, std::string_view ancestor) const;
  // The first unit of `kind` whose name equals / contains `text`; nullptr when none.
  const UnitRow* Named(std::string_view kind, std::string_view text) const;
  const UnitRow* NameContains(std::string_view kind, std::string_view text) const;
  std::string NameOf(std::string_view code) const;

  std::map<std::string, UnitRow, std::less<>> rows;
};

Result<Units> LoadUnits(store::Database& db);

// The unit that answers for `step` of an application of `program_department`'s program whose
// community is reviewed by `community_unit`:
//   申请, 初审, 公示   the community unit
//   街道审核          its parent street office, else the community unit's parent, else fallback
//   部门审批          the chain's department_unit, else a department unit whose name contains
//                    the program's department (民政局 ⊂ 区民政局), else fallback
//   财政发放          [units] finance, else a department unit named with 财政, else fallback
std::string StepUnit(const Units& units, const ApprovalConfig& config, const ChainConfig& chain,
                     StepKind step, const std::string& community_unit,
                     const std::string& program_department);

// The community unit of an application: the clerk's own unit when it is a community; else the
// community unit named like the ledger's community; else the clerk's unit; else fallback.
std::string CommunityUnit(const Units& units, const ApprovalConfig& config,
                          const casework::Actor* clerk, const std::string& community);

enum class Op { kSubmit, kDeclare, kDecide, kPrecheck, kRead };

// Ok or kPermissionDenied (in Chinese) for `op` on a step at `unit` (kDecide: of kind `step`).
Result<void> Authorize(const Units& units, const casework::Actor& actor, Op op, StepKind step,
                       const std::string& unit);

// May the actor read the application at all: the community or some opened step in its reach.
bool CanRead(const Units& units, const casework::Actor& actor, const ApplicationView& app);

// The business roles that take part in approval at all.
bool TakesPart(const casework::Actor& actor);

// Appends an audit entry (entity "application") inside the caller's transaction.
Result<void> Audit(store::Database& db, const qf::Clock& clock, const crypto::ChainKey& key,
                   const std::string& actor, const std::string& action, int64_t application_id,
                   const std::string& after);

// The stored application with its steps, hits and objections (views carry the masked ID);
// nullopt when absent. `today` decides which open steps are overdue.
Result<std::optional<ApplicationView>> LoadApplication(store::Database& db,
                                                       const ApprovalConfig& config,
                                                       int64_t application_id,
                                                       const std::string& today);

// The plain ID number of an application (decrypted).
Result<std::string> ApplicantId(store::Database& db, const crypto::FieldCipher& cipher,
                                int64_t application_id);

// The program's name and department; nullopt when the program is not in the programs table.
struct ProgramInfo {
  std::string name, department;
};
Result<std::optional<ProgramInfo>> LoadProgramInfo(store::Database& db, const std::string& code);

// Opens `step` for an application: its unit and deadline, started now.
Result<void> OpenStep(store::Database& db, const qf::Clock& clock, const Units& units,
                      const ApprovalConfig& config, int64_t application_id, StepKind step,
                      const std::string& community_unit, const std::string& program_code,
                      const std::string& program_department);

// Replaces the application's pre-check hits by `findings`: a fingerprint found again keeps its
// row (and acknowledgement) with the new evidence; one no longer found is deleted. Sets
// precheck_at. Call inside the caller's transaction.
Result<void> StoreHits(store::Database& db, int64_t application_id,
                       const std::vector<engine::Finding>& findings, const std::string& now);

}  // namespace qf::approval::internal
