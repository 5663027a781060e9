#include "oversight/internal/common.h"

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "core/date.h"
#include "core/result_macros.h"
#include "store/query.h"

namespace qf::oversight::internal {

using casework::Actor;
using casework::UnitTree;

Result<UnitTree> LoadUnits(store::Database& db) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db, "SELECT code, name, kind, parent_code FROM units"));
  UnitTree tree;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    auto kind = casework::ParseUnitKind(st->Text(2));
    tree.Add({.code = st->Text(0),
              .name = st->Text(1),
              .kind = kind.value_or(casework::UnitKind::kExternal),
              .parent_code = st->IsNull(3) ? std::string() : st->Text(3)});
  }
  return tree;
}

std::string UnitName(const UnitTree& tree, std::string_view code) {
  const casework::Unit* unit = tree.Find(code);
  return unit ? unit->name : std::string(code);
}

bool HasBusinessRole(const Actor& actor) {
  for (casework::Role role : actor.roles) {
    if (!casework::IsAdminRole(role)) return true;
  }
  return false;
}

bool IsCommissionStaff(const UnitTree& tree, const Actor& actor) {
  const casework::Unit* unit = tree.Find(actor.unit_code);
  return HasBusinessRole(actor) && unit && unit->kind == casework::UnitKind::kCommission;
}

bool InActorSubtree(const UnitTree& tree, const Actor& actor, std::string_view unit_code) {
  return HasBusinessRole(actor) && tree.Within(unit_code, actor.unit_code);
}

Result<void> Audit(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                   const Actor& actor, std::string action, std::string entity,
                   std::string entity_id, const nlohmann::json& after, bool alone) {
  return audit::RecordAfter(db, clock, cipher.chain_key(), actor.username, std::move(action),
                            std::move(entity), std::move(entity_id), after.dump(), alone);
}

namespace {
std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}
}  // namespace

Result<std::string> RequireDate(std::string_view text, std::string_view field,
                                std::string_view label) {
  auto date = Date::Parse(Trim(text));
  if (!date) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, fmt::format("{}须为日期（如 2026-03-05）", label))
            .WithField(std::string(field)));
  }
  return date->ToString();
}

Result<std::string> RequireText(std::string_view text, std::string_view field,
                                std::string_view label) {
  std::string_view trimmed = Trim(text);
  if (trimmed.empty()) {
    return std::unexpected(Error(ErrorCode::kInvalidArgument, fmt::format("请填写{}", label))
                               .WithField(std::string(field)));
  }
  return std::string(trimmed);
}

}  // namespace qf::oversight::internal
