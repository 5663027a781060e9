// Names, labels, times, timelines and form messages of the casework pages (casework_view.h).
#include "web/internal/casework_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "audit/audit_log.h"
#include "casework/state_machines.h"
#include "core/clock.h"
#include "store/query.h"

namespace qf::web::internal {
namespace {

struct Label {
  std::string_view key, label;
};

constexpr Label kFieldLabels[] = {
    {"source", "来源"},
    {"source_ref", "来源编号"},
    {"domain", "领域"},
    {"campaigns", "专项"},
    {"reason", "理由"},
    {"version", "版本"},
    {"title", "标题"},
    {"summary", "摘要"},
    {"amount", "涉及金额"},
    {"unit", "单位"},
    {"restricted", "受限"},
    {"subjects", "被反映人"},
    {"name", "姓名"},
    {"id_number", "身份证号"},
    {"position", "职务"},
    {"disposal", "处置方式"},
    {"note", "意见"},
    {"decision", "审批意见"},
    {"deadline", "期限"},
    {"request", "核查要求"},
    {"feedback", "反馈内容"},
    {"clue_id", "线索编号"},
    {"case_id", "案件编号"},
    {"linked_case_id", "关联案件编号"},
    {"aspect", "关联类型"},
    {"persons", "涉案人员"},
    {"outcome", "处理结果"},
    {"detail", "具体处理"},
    {"receiving_organ", "接收机关"},
    {"recovered", "追缴金额"},
    {"losses_retrieved", "挽回损失"},
    {"event", "办理事项"},
    {"direction", "方向"},
    {"organ", "对方机关"},
    {"feedback_due", "反馈期限"},
    {"sync_intervention", "同步介入"},
    {"dual_check", "一线双核"},
    {"clue", "线索内容"},
    {"clue.domain", "线索领域"},
    {"clue.campaigns", "线索专项"},
    {"clue.title", "线索标题"},
    {"clue.summary", "线索摘要"},
    {"clue.amount", "涉及金额"},
    {"clue.unit", "承办单位"},
    {"kind", "类别"},
    {"content", "内容"},
    {"due_date", "整改期限"},
    {"evidence", "整改情况"},
    {"attachments", "附件"},
    {"body", "答复内容"},
};

constexpr Label kActionLabels[] = {
    {"clue.create", "登记线索"},
    {"clue.propose_disposal", "提出处置意见"},
    {"clue.approve_disposal", "批准处置意见"},
    {"clue.reject_disposal", "不批准处置意见"},
    {"clue.reopen", "重新启用"},
    {"clue.reopen_dissatisfied", "举报人不满意，重新办理"},
    {"todo.create", "生成待办"},
    {"todo.supervise", "逾期督办"},
    {"clue.file_case", "批准立案"},
    {"clue.restrict", "转干部监督室办理"},
    {"clue.unit", "变更承办单位"},
    {"clue.read_restricted", "查阅（受限线索）"},
    {"clue.reclassify", "重新归类"},
    {"assignment.create", "交办核查"},
    {"assignment.feedback", "提交核查反馈"},
    {"assignment.review", "审核核查反馈"},
    {"case.create", "立案"},
    {"case.add_person", "增加涉案人员"},
    {"case.record_outcome", "登记处理结果"},
    {"case.record_recovery", "登记追缴"},
    {"case.investigate", "开始调查"},
    {"case.submit_review", "提请审理"},
    {"case.close", "审批结案"},
    {"case.send_back", "退回补充调查"},
    {"case.link", "一案三查关联"},
    {"case.restrict", "转干部监督室办理"},
    {"case.read_restricted", "查阅（受限案件）"},
    {"case.reclassify", "重新归类"},
    {"transfer.create", "登记移送"},
    {"transfer.acknowledge", "对方签收"},
    {"transfer.feedback", "反馈核查结果"},
    {"transfer.read_restricted", "查阅（受限移送）"},
    {"rectification.create", "发出"},
    {"rectification.submit_evidence", "报送整改情况"},
    {"rectification.close", "验收销号"},
    {"rectification.return", "退回重改"},
    {"rectification.read_restricted", "查阅（受限整改事项）"},
    {"rectification.reclassify", "重新归类"},
    {"finding.review", "审核比对发现"},
    {"finding.attach", "持续监测：并入新比对发现"},
    {"finding.read_restricted", "查阅（受限比对发现）"},
    {"report.reply", "答复举报人"},
    {"report.follow_up", "举报人补充反映"},
    {"report.rate", "举报人评价答复"},
    {"report.read_contact", "查看举报人联系方式"},
    {"document.issue", "制发文书"},
    {"document.read_restricted", "查阅文书（受限事项）"},
    {"attachment.upload", "上传证据附件"},
    {"attachment.download", "下载证据附件"},
    {"attachment.integrity_failed", "证据附件校验失败"},
    // 三为主一报告 and the People's Congress (oversight/).
    {"stationed_report.schedule", "生成三为主一报告报送计划"},
    {"stationed_report.submit", "报送三为主一报告"},
    {"stationed_report.read", "三为主一报告已阅"},
    {"stationed_report.return", "退回三为主一报告"},
    {"stationed_report.download", "下载三为主一报告附件"},
    {"congress.opinion.create", "登记人大审议意见"},
    {"congress.suggestion.create", "登记代表建议"},
    {"congress.task.create", "分解交办审议意见"},
    {"congress.task.respond", "答复人大交办任务"},
    {"congress.suggestion.rate", "登记代表满意度"},
    // Sunshine approval (阳光审批).
    {"application.submit", "提交审批申请"},
    {"application.declare", "申报人申报"},
    {"application.precheck", "审批前比对"},
    {"application.decide", "审批决定"},
    {"application.acknowledge", "公示异议登记为线索"},
    // Accounts, sessions and keys (三员分立).
    {"user.login", "登录"},
    {"user.logout", "退出"},
    {"user.login_failed", "登录失败"},
    {"user.locked", "账号锁定"},
    {"user.create", "创建账号"},
    {"user.set_roles", "授予角色"},
    {"user.unlock", "解锁账号"},
    {"user.set_disabled", "停用/启用账号"},
    {"user.reset_password", "重置密码"},
    {"user.change_password", "修改本人密码"},
    {"unit.create", "创建单位"},
    {"key.create", "生成密钥文件"},
    // Data, comparison and jobs.
    {"data.import", "导入数据"},
    {"check.run", "运行比对"},
    {"job.start", "启动后台任务"},
    {"finding.outcome", "登记发现处置结果"},
    {"person.read", "查阅一人一档"},
    {"todo.done", "办结待办"},
    {"screen.run", "发放前比对"},
    {"screen.release", "放行暂停发放"},
    {"screen.download", "下载发放前比对结果"},
    {"document_template.seed", "初始化文书模板"},
    {"document_template.edit", "修改文书模板"},
    // Reports and exports.
    {"report.download", "下载工作报告"},
    {"report.export", "导出工作报告"},
    {"findings.export", "导出比对发现"},
    {"clues.export", "导出线索列表"},
    {"cases.export", "导出案件列表"},
    {"transfers.export", "导出移送列表"},
    {"rectifications.export", "导出整改列表"},
    {"stationed_reports.export", "导出三为主一报告列表"},
    {"congress.export", "导出人大审议意见和代表建议列表"},
    {"applications.export", "导出审批申请列表"},
    {"imports.export", "导出导入记录"},
    {"audit.export", "导出审计日志"},
    // The activity ledger (活动台账).
    {"activity.create", "登记活动"},
    {"activity.update", "修改活动"},
    {"activity.import", "导入活动台账"},
    {"activities.export", "导出活动台账"},
};

std::string Find(std::span<const Label> labels, std::string_view key) {
  for (const Label& l : labels) {
    if (l.key == key) return std::string(l.label);
  }
  return "";
}

std::string Text(const Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "";
  return object[key].get<std::string>();
}

// What an entry adds to its step in words: the opinion, disposal, feedback or evidence.
// "“净窗”行动、…" of an audited classification's campaigns; "无" for none.
std::string CampaignNames(const Json& classification) {
  std::string out;
  if (classification.is_object() && classification.contains("campaigns") &&
      classification["campaigns"].is_array()) {
    for (const Json& c : classification["campaigns"]) {
      if (c.is_object()) out += (out.empty() ? "" : "、") + c.value("name", c.value("code", ""));
    }
  }
  return out.empty() ? std::string("无") : out;
}

std::string Detail(const Names& names, const audit::StoredEntry& e) {
  Json after = Json::parse(e.entry.after, nullptr, false);
  const std::string& action = e.entry.action;
  std::vector<std::string> parts;
  if (action == "clue.propose_disposal") {
    if (auto d = Text(after, "disposal"); !d.empty()) parts.push_back("拟" + d);
  } else if (action == "assignment.create") {
    parts.push_back(
        fmt::format("交 {}，期限 {}", names.Unit(Text(after, "unit")), Text(after, "deadline")));
    if (auto r = Text(after, "request"); !r.empty()) parts.push_back(r);
  } else if (action == "assignment.feedback" || action == "transfer.feedback") {
    if (auto f = Text(after, "feedback"); !f.empty()) parts.push_back(f);
  } else if (action == "rectification.submit_evidence") {
    if (auto f = Text(after, "evidence"); !f.empty()) parts.push_back(f);
  } else if (action == "transfer.create") {
    parts.push_back(fmt::format("{}，{}", DirectionLabel(Text(after, "direction")),
                                names.Unit(Text(after, "organ"))));
  } else if (action == "finding.attach") {
    if (auto rule = Text(after, "rule"); !rule.empty()) parts.push_back("规则 " + rule);
  } else if (action == "finding.review") {
    std::string review = Text(after, "review");
    parts.push_back(review == "confirmed"   ? "确认问题"
                    : review == "dismissed" ? "排除"
                                            : "重新待核");
    if (auto r = Text(after, "review_reason"); !r.empty()) parts.push_back(r);
  } else if (action == "case.create" || action == "clue.create") {
    if (auto t = Text(after, "title"); !t.empty()) parts.push_back(t);
  } else if (action.ends_with(".reclassify")) {
    Json before = Json::parse(e.entry.before, nullptr, false);
    parts.push_back(fmt::format("领域 {} → {}", Text(before, "domain"), Text(after, "domain")));
    parts.push_back(fmt::format("专项 {} → {}", CampaignNames(before), CampaignNames(after)));
    if (auto r = Text(after, "reason"); !r.empty()) parts.push_back("理由：" + r);
  } else if (action.starts_with("document.") || action.starts_with("attachment.") ||
             action.starts_with("congress.") || action.starts_with("stationed_report.")) {
    if (auto t = Text(after, "summary"); !t.empty()) parts.push_back(t);
  }
  if (auto note = Text(after, "note"); !note.empty()) parts.push_back("意见：" + note);
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "；") + p;
  return out;
}

}  // namespace

Names Names::Load(store::Database& db) {
  Names names;
  if (auto st = store::Query(db, "SELECT code, name, kind FROM units ORDER BY code")) {
    while (true) {
      auto row = (*st)->Step();
      if (!row || !*row) break;
      names.units_.push_back({(*st)->Text(0), (*st)->Text(1), (*st)->Text(2)});
      names.unit_names_[(*st)->Text(0)] = (*st)->Text(1);
    }
  }
  if (auto st = store::Query(db, "SELECT username, display_name FROM users")) {
    while (true) {
      auto row = (*st)->Step();
      if (!row || !*row) break;
      names.user_names_[(*st)->Text(0)] = (*st)->Text(1);
    }
  }
  return names;
}

std::string Names::Unit(std::string_view code) const {
  auto it = unit_names_.find(code);
  return it == unit_names_.end() ? std::string(code) : it->second;
}

std::string Names::User(std::string_view username) const {
  if (username == "public") return "码上行动";
  if (username == "system") return "系统";
  if (username == "cli" || username.starts_with("cli:")) return "命令行";
  auto it = user_names_.find(username);
  return it == user_names_.end() || it->second.empty() ? std::string(username) : it->second;
}

Json Names::ExternalUnits(std::string_view selected) const {
  Json out = Json::array();
  for (const UnitInfo& u : units_) {
    if (u.kind != "external") continue;
    out.push_back({{"code", u.code}, {"name", u.name}, {"selected", u.code == selected}});
  }
  return out;
}

Json Names::InternalUnits(std::string_view selected) const {
  Json out = Json::array();
  for (const UnitInfo& u : units_) {
    if (u.kind == "external") continue;
    out.push_back({{"code", u.code}, {"name", u.name}, {"selected", u.code == selected}});
  }
  return out;
}

std::string ShownTime(std::string_view iso_utc) {
  if (iso_utc.size() < 17 || iso_utc[10] != 'T') return std::string(iso_utc);
  return BeijingMinute(iso_utc);
}

std::string StateLabel(std::string_view kind, std::string_view code) {
  using namespace casework;
  if (kind == "clue") {
    if (auto s = ParseClueState(code)) return std::string(StateName(*s));
  } else if (kind == "case") {
    if (auto s = ParseCaseState(code)) return std::string(StateName(*s));
  } else if (kind == "transfer") {
    if (auto s = ParseTransferState(code)) return std::string(StateName(*s));
  } else if (kind == "rectification") {
    if (auto s = ParseRectificationState(code)) return std::string(StateName(*s));
  } else if (kind == "assignment") {
    if (auto s = ParseAssignmentState(code)) return std::string(StateName(*s));
  }
  return std::string(code);
}

std::string DirectionLabel(std::string_view direction) {
  if (direction == "out") return "移出（移送政法机关）";
  if (direction == "in") return "移入（政法机关移来）";
  return std::string(direction);
}

std::string FieldLabel(std::string_view field) {
  if (auto label = Find(kFieldLabels, field); !label.empty()) return label;
  // "subjects[0].id_number" → the label of its last part.
  auto dot = field.find_last_of('.');
  std::string_view last = dot == std::string_view::npos ? field : field.substr(dot + 1);
  if (auto bracket = last.find('['); bracket != std::string_view::npos) {
    last = last.substr(0, bracket);
  }
  if (auto label = Find(kFieldLabels, last); !label.empty()) return label;
  return "填写内容";
}

std::string FormMessage(const Error& error) {
  std::string message = error.message();
  const std::string& field = error.field();
  std::string prefix = fmt::format("字段 {}：", field);
  if (!field.empty() && message.starts_with(prefix)) {
    return FieldLabel(field) + "：" + message.substr(prefix.size());
  }
  if (message.starts_with("字段 ")) {
    // A message naming a field the error does not carry: drop the field name.
    if (auto colon = message.find("："); colon != std::string::npos) {
      return message.substr(colon + std::string_view("：").size());
    }
  }
  return message;
}

std::string ActionLabel(std::string_view action) {
  std::string label = Find(kActionLabels, action);
  return label.empty() ? std::string(action) : label;
}

bool HasActionLabel(std::string_view action) { return !Find(kActionLabels, action).empty(); }

Result<Json> Timeline(store::Database& db, const Names& names,
                      const std::vector<std::pair<std::string, std::string>>& entities) {
  std::vector<audit::StoredEntry> entries;
  for (const auto& [entity, id] : entities) {
    QF_ASSIGN_OR_RETURN(auto some, audit::ListFor(db, entity, id));
    for (auto& e : some) entries.push_back(std::move(e));
  }
  std::sort(entries.begin(), entries.end(),
            [](const audit::StoredEntry& a, const audit::StoredEntry& b) { return a.seq < b.seq; });
  Json out = Json::array();
  for (const audit::StoredEntry& e : entries) {
    std::string label = Find(kActionLabels, e.entry.action);
    out.push_back({{"at", ShownTime(e.at)},
                   {"who", names.User(e.entry.actor)},
                   {"what", label.empty() ? std::string("办理") : label},
                   {"detail", Detail(names, e)}});
  }
  return out;
}

Json SelectOptions(const std::vector<std::string>& values, const std::vector<std::string>& labels,
                   std::string_view selected) {
  Json out = Json::array();
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.push_back({{"value", values[i]},
                   {"label", i < labels.size() ? labels[i] : values[i]},
                   {"selected", values[i] == selected}});
  }
  return out;
}

}  // namespace qf::web::internal
