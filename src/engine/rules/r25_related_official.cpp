// R25 政商交往违规: the project's reviewer_id or approver_id is, or is a relative of (household or
// one kinship hop), a 法定代表人/股东/高管 of the applicant company — by ID number, rows of the
// same credit code. One finding per (official, project); an official who both reviewed and approved
// gets one finding naming both roles. amount = approved_amount.
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

struct Tie {
  const CompanyRow* row = nullptr;
  std::string path;  // how the official is related to the company's person
};

// The closest tie of `official` to the company's people: self, then household, then kinship.
Tie FindTie(const Snapshot& s, int32_t official, const std::vector<const CompanyRow*>& rows) {
  for (const CompanyRow* c : rows) {
    if (c->person == official) return {c, "本人"};
  }
  for (const CompanyRow* c : rows) {
    if (c->person != official && SameHousehold(s, official, c->person)) {
      return {c, "同一户籍家庭成员（户籍人口同户）"};
    }
  }
  for (const CompanyRow* c : rows) {
    if (!Contains(s.Kin(official), c->person)) continue;
    // kinship says what B is to A; name the pair as delivered, whichever way round.
    if (auto it = s.kin_relation.find({official, c->person}); it != s.kin_relation.end()) {
      return {c, "亲属（亲属关系登记为其" + it->second + "）"};
    }
    if (auto it = s.kin_relation.find({c->person, official}); it != s.kin_relation.end()) {
      return {c, "亲属（亲属关系登记：该官员是其" + it->second + "）"};
    }
    return {c, "亲属（亲属关系登记）"};
  }
  return {};
}

void Check(const Snapshot& s, const ProjectRow& p, const std::string& id, std::string_view role,
           const std::vector<const CompanyRow*>& rows, std::vector<Finding>& out) {
  int32_t official = s.ids.Find(id);
  if (official == kNone) return;
  Tie tie = FindTie(s, official, rows);
  if (tie.row == nullptr) return;
  Finding f = MakeFinding(kR25);
  f.id_number = id;
  f.ref = p.project_id;
  f.amount = p.approved_amount;
  std::string holder = tie.path == "本人"
                           ? std::string("本人即")
                           : "其" + tie.path + " " + NameAndId(s, tie.row->person) + " 为";
  f.evidence = ProjectLabel(p) + "的" + std::string(role) + " " + NameAndId(s, official) + "，" +
               holder + "申报企业“" + tie.row->company_name + "”的" + tie.row->role +
               "；核定补助 " + Yuan(p.approved_amount);
  out.push_back(std::move(f));
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  CompanyIndex companies(s);
  for (const ProjectRow& p : s.projects) {
    if (p.reviewer_id.empty() && p.approver_id.empty()) continue;
    auto rows = companies.Rows(p.credit_code);
    if (rows.empty()) continue;
    if (p.reviewer_id == p.approver_id) {
      Check(s, p, p.reviewer_id, "初审人兼审批人", rows, out);
      continue;
    }
    if (!p.reviewer_id.empty()) Check(s, p, p.reviewer_id, "初审人", rows, out);
    if (!p.approver_id.empty()) Check(s, p, p.approver_id, "审批人", rows, out);
  }
}

}  // namespace

extern const RuleSpec kR25 = {"R25",
                              "政商交往违规",
                              Severity::kHigh,
                              Bit(Table::kEnterpriseProjects) | Bit(Table::kCompanies),
                              0,
                              "id_number, ref",
                              Run};

}  // namespace qf::engine::internal
