// The figure definitions: one block per figure family, each saying what it counts and why a record
// belongs to the period and the unit.
#include "report/statistics.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "approval/steps.h"
#include "casework/casework_service.h"
#include "engine/rule.h"
#include "report/internal/case_book.h"
#include "report/internal/figure_builder.h"
#include "report/internal/figure_families.h"
#include "report/wan_yuan.h"

namespace qf::report {
namespace {

using internal::Builder;
using internal::CaseBook;
using internal::Day;
using internal::FindingSection;
using internal::Shown;

using internal::kAccountabilityOutcomes;
using internal::kJudicial;

void AddClueFigures(Builder& b, const CaseBook& book) {
  b.Add("clues.received", "受理问题线索", "件", "统计期间内登记受理的问题线索（按受理日期）");
  for (std::string_view source : casework::ClueSources()) {
    b.Add(fmt::format("clues.source.{}", source), fmt::format("线索来源：{}", source), "件",
          fmt::format("统计期间内受理、来源为「{}」的问题线索", source));
  }
  for (std::string_view domain : casework::ClueDomains()) {
    b.Add(fmt::format("clues.domain.{}", domain), fmt::format("线索领域：{}", domain), "件",
          fmt::format("统计期间内受理、领域为「{}」的问题线索", domain));
  }
  b.Add("reports.received", "受理群众举报", "件",
        "统计期间内受理、来源为「群众举报」的问题线索（含码上行动渠道）");
  b.Add("reports.answered", "群众举报已办结", "件",
        "统计期间内受理的群众举报中，截至出表时已了结或已立案、可向举报人反馈结果的件数");
  for (const auto& clue : book.clues) {
    if (!b.InPeriod(clue.created) || !b.InUnit(clue.unit)) continue;
    RecordRef ref{"clue",
                  std::to_string(clue.id),
                  Day(clue.created),
                  clue.unit,
                  Shown(clue.restricted, clue.title),
                  0};
    b.Count("clues.received", ref);
    b.Count(fmt::format("clues.source.{}", clue.source), ref);
    b.Count(fmt::format("clues.domain.{}", clue.domain), ref);
    if (clue.source == "群众举报") {
      b.Count("reports.received", ref);
      if (clue.status == "concluded" || clue.status == "case_filed") {
        b.Count("reports.answered", ref);
      }
    }
  }
}

void AddDisposalFigures(Builder& b, const CaseBook& book) {
  b.Add("disposals.total", "处置问题线索", "件",
        "统计期间内经审核领导批准的线索处置意见（按批准日期；同一线索先后批准两种处置方式的各计一次"
        "）");
  for (std::string_view type : casework::Disposals()) {
    b.Add(fmt::format("disposals.{}", type), fmt::format("处置方式：{}", type), "件",
          fmt::format("统计期间内批准的「{}」处置意见", type));
  }
  std::map<int64_t, const internal::ClueRow*> clues;
  for (const auto& clue : book.clues) clues[clue.id] = &clue;
  for (const auto& e : book.events) {
    if (e.action != "clue.approve_disposal" || !b.InPeriod(e.date)) continue;
    auto it = clues.find(e.entity_id);
    if (it == clues.end() || !b.InUnit(it->second->unit)) continue;
    const internal::ClueRow& clue = *it->second;
    RecordRef ref{"clue",
                  std::to_string(clue.id),
                  Day(e.date),
                  clue.unit,
                  fmt::format("{}：{}", e.disposal, Shown(clue.restricted, clue.title)),
                  0};
    b.Count("disposals.total", ref);
    b.Count(fmt::format("disposals.{}", e.disposal), ref);
  }
}

// 立案, 移送司法, 追责问责 and the money, in total and per domain.
void AddCaseFigures(Builder& b, const CaseBook& book) {
  auto add_family = [&](const std::string& id, const std::string& name, const std::string& measure,
                        const std::string& definition, FigureKind kind = FigureKind::kCount) {
    b.Add(id, name, measure, definition, kind);
    for (std::string_view domain : casework::ClueDomains()) {
      b.Add(fmt::format("{}.domain.{}", id, domain), fmt::format("{}（{}）", name, domain), measure,
            fmt::format("{}，限「{}」领域的案件", definition, domain), kind);
    }
  };
  auto count = [&](const std::string& id, const internal::CaseRow& c, const RecordRef& ref) {
    b.Count(id, ref);
    b.Count(fmt::format("{}.domain.{}", id, c.domain), ref);
  };
  add_family("cases.filed", "立案查处", "件", "统计期间内立案的案件（按立案日期）");
  add_family("cases.filed_persons", "立案查处涉案人员", "人",
             "统计期间内立案的案件所列涉案人员（按人计，一人涉多案的分别计）");
  add_family("judicial.persons", "移送司法机关", "人",
             "统计期间内登记处理结果为「移送司法」的涉案人员（按登记日期，不论立案于何时）");
  add_family("accountability.persons", "追责问责", "人",
             "统计期间内登记处理结果为党纪处分、政务处分或组织处理的涉案人员（按登记日期）");
  b.Add("accountability.cases", "追责问责", "件",
        "统计期间内有人员被追责问责（党纪处分、政务处分或组织处理）的案件数，一案多人计一件");
  add_family("money.recovered", "追缴违纪违法所得", "万元",
             fmt::format("统计期间内登记的追缴金额之和（按登记日期，取自审计日志的每次登记）；{}",
                         kWanYuanRule),
             FigureKind::kMoney);
  add_family("money.losses_retrieved", "挽回经济损失", "万元",
             fmt::format("统计期间内登记的挽回损失金额之和（按登记日期）；{}", kWanYuanRule),
             FigureKind::kMoney);

  for (const auto& [id, c] : book.cases) {
    if (!b.InPeriod(c.filed) || !b.InUnit(c.unit)) continue;
    count("cases.filed", c,
          {"case", std::to_string(id), Day(c.filed), c.unit, Shown(c.restricted, c.title), 0});
  }
  std::set<int64_t> accountable_cases;
  for (const auto& p : book.persons) {
    auto it = book.cases.find(p.case_id);
    if (it == book.cases.end() || !b.InUnit(it->second.unit)) continue;
    const internal::CaseRow& c = it->second;
    if (b.InPeriod(c.filed)) count("cases.filed_persons", c, FiledPerson(p, c));
    if (!b.InPeriod(p.outcome_date)) continue;
    RecordRef ref = PersonOutcome(p, c);
    if (p.outcome == kJudicial) count("judicial.persons", c, ref);
    for (std::string_view outcome : kAccountabilityOutcomes) {
      if (p.outcome != outcome) continue;
      count("accountability.persons", c, ref);
      if (accountable_cases.insert(c.id).second) {
        b.Count("accountability.cases", {"case", std::to_string(c.id), Day(p.outcome_date), c.unit,
                                         Shown(c.restricted, c.title), 0});
      }
    }
  }
  for (const auto& e : book.events) {
    if (e.action != "case.record_recovery" || !b.InPeriod(e.date)) continue;
    auto it = book.cases.find(e.entity_id);
    if (it == book.cases.end() || !b.InUnit(it->second.unit)) continue;
    const internal::CaseRow& c = it->second;
    std::string title = Shown(c.restricted, c.title);
    if (e.recovered_delta != 0) {
      count("money.recovered", c,
            {"case", std::to_string(c.id), Day(e.date), c.unit,
             fmt::format("{}：追缴 {} 元", title, Money::FromFen(e.recovered_delta).ToYuanString()),
             e.recovered_delta});
    }
    if (e.losses_retrieved_delta != 0) {
      count("money.losses_retrieved", c,
            {"case", std::to_string(c.id), Day(e.date), c.unit,
             fmt::format("{}：挽回损失 {} 元", title,
                         Money::FromFen(e.losses_retrieved_delta).ToYuanString()),
             e.losses_retrieved_delta});
    }
  }
}

void AddRectificationFigures(Builder& b, const CaseBook& book, Date as_of) {
  b.Add("rectification.found", "发现问题整改事项", "项",
        "统计期间内下发的监察建议和整改事项（按下发日期）");
  b.Add("rectification.recommendations", "制发监察建议", "份",
        "统计期间内下发、类型为「监察建议」的事项");
  b.Add("rectification.completed", "整改完成", "项",
        "统计期间内经审核领导验收销号的整改事项（按销号日期，不论下发于何时）");
  b.Add("rectification.overdue", "逾期未整改", "项",
        "截至统计截止日（统计期间末日与出表日中较早者），已过整改期限仍未销号的事项");
  for (const auto& r : book.rectifications) {
    if (!b.InUnit(r.unit)) continue;
    std::string text = Shown(r.restricted, r.content);
    if (b.InPeriod(r.created)) {
      RecordRef ref{"rectification",
                    std::to_string(r.id),
                    Day(r.created),
                    r.unit,
                    fmt::format("{}：{}", r.kind, text),
                    0};
      b.Count("rectification.found", ref);
      if (r.kind == "监察建议") b.Count("rectification.recommendations", ref);
    }
    if (b.InPeriod(r.closed)) {
      b.Count("rectification.completed", {"rectification", std::to_string(r.id), Day(r.closed),
                                          r.unit, fmt::format("{}：{}", r.kind, text), 0});
    }
    bool open_at_as_of = !r.closed || *r.closed > as_of;
    if (r.created && *r.created <= as_of && r.due && *r.due < as_of && open_at_as_of) {
      b.Count("rectification.overdue",
              {"rectification", std::to_string(r.id), Day(r.due), r.unit,
               fmt::format("{}：{}（期限 {}）", r.kind, text, Day(r.due)), 0});
    }
  }
}

void AddTransferFigures(Builder& b, const CaseBook& book) {
  b.Add("transfers.sent", "向政法机关移送问题线索", "件",
        "统计期间内向公安、检察、法院、扫黑办等机关移送的线索（按移送日期）");
  b.Add("transfers.received", "接收政法机关移送问题线索", "件",
        "统计期间内接收外部机关移送的线索（按接收日期）");
  b.Add("transfers.fed_back", "移送线索办理反馈", "件",
        "统计期间内完成的移送线索反馈：对方就我方移送线索的反馈，及我方就接收线索的反馈（按反馈日期"
        "）");
  std::map<int64_t, const internal::TransferRow*> by_id;
  for (const auto& t : book.transfers) {
    by_id[t.id] = &t;
    if (!b.InPeriod(t.created) || !b.InUnit(t.unit)) continue;
    RecordRef ref{"transfer",
                  std::to_string(t.id),
                  Day(t.created),
                  t.unit,
                  fmt::format("{}（{}）", t.summary, t.organ),
                  0};
    b.Count(t.direction == "out" ? "transfers.sent" : "transfers.received", ref);
  }
  for (const auto& e : book.events) {
    if (e.action != "transfer.feedback" || !b.InPeriod(e.date)) continue;
    auto it = by_id.find(e.entity_id);
    if (it == by_id.end() || !b.InUnit(it->second->unit)) continue;
    const internal::TransferRow& t = *it->second;
    b.Count("transfers.fed_back", {"transfer", std::to_string(t.id), Day(e.date), t.unit,
                                   fmt::format("{}（{}，{}）", t.summary, t.organ,
                                               t.direction == "out" ? "对方已反馈" : "我方已反馈"),
                                   0});
  }
}

void AddFindingFigures(Builder& b, const CaseBook& book) {
  b.Add("findings.total", "大数据比对发现问题", "条",
        "比对规则发现、未被认定为误报的问题，按所属期起始日（无所属期的按首次发现的比对日）"
        "落入统计期间计；单位按享受对象所在社区对应的单位或线索承办单位");
  b.Add("findings.amount", "比对发现问题涉及金额", "万元",
        fmt::format("上述问题涉及资金之和；{}", kWanYuanRule), FigureKind::kMoney);
  for (const engine::RuleSpec* rule : engine::RuleCatalogue()) {
    b.Add(fmt::format("findings.rule.{}", rule->id), fmt::format("{} {}", rule->id, rule->name),
          "条", fmt::format("规则 {}（{}）发现的问题", rule->id, rule->name));
    b.Add(fmt::format("findings.rule_amount.{}", rule->id),
          fmt::format("{} {} 涉及金额", rule->id, rule->name), "万元",
          fmt::format("规则 {} 发现问题涉及资金之和", rule->id), FigureKind::kMoney);
  }
  b.Add("findings.domain.一卡通", "惠民惠农补贴“一卡通”比对发现问题", "条",
        "规则 R01–R16（补贴发放明细与户籍、死亡、财政供养人员、市场主体、车辆、不动产等数据比对）"
        "发现的问题，口径同“大数据比对发现问题”");
  b.Add("findings.domain_amount.一卡通", "惠民惠农补贴“一卡通”比对发现问题涉及金额", "万元",
        "规则 R01–R16 发现问题涉及资金之和", FigureKind::kMoney);
  b.Add("findings.domain.营商环境", "涉企项目资金比对发现问题", "条",
        "规则 R21–R25（发票重复使用、超额拨付、未验收先拨付、主体异常、政商交往违规）发现的问题，"
        "口径同“大数据比对发现问题”");
  b.Add("findings.domain_amount.营商环境", "涉企项目资金比对发现问题涉及金额", "万元",
        "规则 R21–R25 发现问题涉及资金之和", FigureKind::kMoney);
  b.Add("findings.domain.三资", "农村集体“三资”比对发现问题", "条",
        "规则 R17–R20、R26（拆分支付、合同输送、低价发包、未经公开程序、应收未收）发现的问题，"
        "口径同“大数据比对发现问题”");
  b.Add("findings.domain_amount.三资", "农村集体“三资”比对发现问题涉及金额", "万元",
        "规则 R17–R20、R26 发现问题涉及资金之和", FigureKind::kMoney);
  for (const auto& f : book.findings) {
    if (!b.InPeriod(f.placed)) continue;
    bool in_unit = b.InUnit("") || (!f.community_unit.empty() && b.InUnit(f.community_unit)) ||
                   (!f.clue_unit.empty() && b.InUnit(f.clue_unit));
    if (!in_unit) continue;
    std::string unit = !f.community_unit.empty() ? f.community_unit : f.clue_unit;
    RecordRef ref{"finding",
                  f.fingerprint,
                  Day(f.placed),
                  unit,
                  fmt::format("{} {} {}", f.rule, f.id_number, f.period),
                  f.amount};
    b.Count("findings.total", ref);
    b.Count("findings.amount", ref);
    b.Count(fmt::format("findings.rule.{}", f.rule), ref);
    b.Count(fmt::format("findings.rule_amount.{}", f.rule), ref);
    if (std::string_view section = FindingSection(f.rule); !section.empty()) {
      b.Count(fmt::format("findings.domain.{}", section), ref);
      b.Count(fmt::format("findings.domain_amount.{}", section), ref);
    }
  }
}

// What became of the findings (issue 17 point 4): money stopped before payment (止付) and
// recovered (追回) per rule, and the decisions a rule's confirmation rate is made of.
void AddFindingOutcomeFigures(Builder& b, const CaseBook& book) {
  auto in_unit = [&](const std::string& community_unit, const std::string& clue_unit) {
    return b.InUnit("") || (!community_unit.empty() && b.InUnit(community_unit)) ||
           (!clue_unit.empty() && b.InUnit(clue_unit));
  };
  b.Add("findings.stopped", "比对发现止付资金", "万元",
        fmt::format("登记为“止付”（发放前拦下）的金额之和，按登记日落入统计期间计；其后被排除的"
                    "比对发现不计；单位口径同“大数据比对发现问题”；{}",
                    kWanYuanRule),
        FigureKind::kMoney);
  b.Add("findings.recovered", "比对发现追回资金", "万元",
        fmt::format("登记为“追回”（已发放后收回）的金额之和，按登记日落入统计期间计；其后被排除"
                    "的比对发现不计；单位口径同“大数据比对发现问题”；{}",
                    kWanYuanRule),
        FigureKind::kMoney);
  b.Add("findings.decided", "已核定比对发现", "条",
        "审核结论为确认或排除、且结论作出之日落入统计期间的比对发现（按当前结论计）");
  b.Add("findings.confirmed", "核实确认的比对发现", "条",
        "上述已核定比对发现中结论为确认（含止付、追回、移送）的；确认率 = 确认 ÷ 已核定");
  for (const engine::RuleSpec* rule : engine::RuleCatalogue()) {
    b.Add(fmt::format("findings.rule_stopped.{}", rule->id),
          fmt::format("{} {} 止付资金", rule->id, rule->name), "万元",
          fmt::format("规则 {} 的比对发现登记止付的金额之和", rule->id), FigureKind::kMoney);
    b.Add(fmt::format("findings.rule_recovered.{}", rule->id),
          fmt::format("{} {} 追回资金", rule->id, rule->name), "万元",
          fmt::format("规则 {} 的比对发现登记追回的金额之和", rule->id), FigureKind::kMoney);
    b.Add(fmt::format("findings.rule_decided.{}", rule->id),
          fmt::format("{} {} 已核定", rule->id, rule->name), "条",
          fmt::format("规则 {} 的比对发现中本期作出确认或排除结论的", rule->id));
    b.Add(fmt::format("findings.rule_confirmed.{}", rule->id),
          fmt::format("{} {} 确认", rule->id, rule->name), "条",
          fmt::format("规则 {} 的比对发现中本期确认的", rule->id));
  }
  for (const auto& m : book.finding_money) {
    if (!b.InPeriod(m.recorded) || !in_unit(m.community_unit, m.clue_unit)) continue;
    RecordRef ref{
        "finding",
        m.fingerprint,
        Day(m.recorded),
        !m.community_unit.empty() ? m.community_unit : m.clue_unit,
        fmt::format("{} {} {} 元", m.rule, m.outcome, Money::FromFen(m.amount).ToYuanString()),
        m.amount};
    const char* family = m.outcome == "止付" ? "stopped" : "recovered";
    b.Count(fmt::format("findings.{}", family), ref);
    b.Count(fmt::format("findings.rule_{}.{}", family, m.rule), ref);
  }
  for (const auto& d : book.finding_decisions) {
    if (!b.InPeriod(d.decided) || !in_unit(d.community_unit, d.clue_unit)) continue;
    bool confirmed = d.review == "confirmed";
    RecordRef ref{"finding",
                  d.fingerprint,
                  Day(d.decided),
                  !d.community_unit.empty() ? d.community_unit : d.clue_unit,
                  fmt::format("{} {}", d.rule, confirmed ? "确认" : "排除"),
                  0};
    b.Count("findings.decided", ref);
    b.Count(fmt::format("findings.rule_decided.{}", d.rule), ref);
    if (confirmed) {
      b.Count("findings.confirmed", ref);
      b.Count(fmt::format("findings.rule_confirmed.{}", d.rule), ref);
    }
  }
}

// The unit codes of the report's subtree ("" = every unit: no filter).
std::vector<std::string> SubtreeUnits(const Builder& b, const CaseBook& book,
                                      std::string_view unit) {
  std::vector<std::string> codes;
  if (unit.empty()) return codes;
  for (const auto& [code, row] : book.units) {
    if (b.InUnit(code)) codes.push_back(code);
  }
  return codes;
}

// Sunshine approval: the counts of approval::ComputeApprovalStatistics as figures, each with the
// applications behind it. An application belongs to the period by its submission date and to the
// unit subtree when one of its steps lies at a unit of the subtree.
void AddApprovalFigures(Builder& b, const approval::ApprovalStatistics& a) {
  b.Add("approval.submitted", "受理审批申请", "件",
        "统计期间内提交（按提交日期）的阳光审批申请，含群众自助申请；单位按任一审批环节的责任单位");
  b.Add("approval.in_progress", "审批中", "件", "上述申请中截至出表时仍在审批的");
  b.Add("approval.completed", "审批通过并发放", "件", "上述申请中已完成财政发放、办结的");
  b.Add("approval.rejected", "审批未通过", "件", "上述申请中在某一环节被驳回、审批终止的");
  b.Add("approval.overdue", "逾期未办审批环节", "项",
        "上述申请中截至统计截止日仍未办理且已过办理期限的环节（公示期满未结束公示的也计入）");
  for (approval::StepKind step : approval::kAllSteps) {
    if (step == approval::StepKind::kApply) continue;
    std::string code(approval::StepCode(step)), name(approval::StepName(step));
    b.Add(fmt::format("approval.step.{}", code), fmt::format("在办：{}", name), "件",
          fmt::format("上述申请中截至出表时停留在「{}」环节的", name));
  }
  for (std::string_view category : approval::RejectionCategories()) {
    b.Add(fmt::format("approval.rejection.{}", category), fmt::format("未通过原因：{}", category),
          "件", fmt::format("上述申请中以「{}」为由未通过的", category));
  }
  std::map<int64_t, const approval::CountedApplication*> by_id;
  for (const approval::CountedApplication& app : a.applications) {
    by_id[app.application_id] = &app;
    std::string where = app.status == approval::kInProgress
                            ? std::string(approval::StepName(app.current_step))
                            : std::string(approval::StatusName(app.status));
    RecordRef ref{"application",
                  std::to_string(app.application_id),
                  app.submitted_on,
                  app.community_unit,
                  fmt::format("审批申请 {}：{} {}（{}）", app.application_id, app.program_code,
                              app.community, where),
                  0};
    b.Count("approval.submitted", ref);
    if (app.status == approval::kInProgress) {
      b.Count("approval.in_progress", ref);
      b.Count(fmt::format("approval.step.{}", approval::StepCode(app.current_step)), ref);
    } else if (app.status == approval::kCompleted) {
      b.Count("approval.completed", ref);
    } else if (app.status == approval::kRejected) {
      b.Count("approval.rejected", ref);
      b.Count(fmt::format("approval.rejection.{}", app.rejection_category), ref);
    }
  }
  for (const approval::OverdueStep& o : a.overdue) {
    auto it = by_id.find(o.application_id);
    b.Count("approval.overdue",
            {"application", std::to_string(o.application_id), o.deadline,
             it == by_id.end() ? std::string() : it->second->community_unit,
             fmt::format("审批申请 {}：{}（{}，期限 {}，已逾期 {} 天）", o.application_id,
                         approval::StepName(o.step), o.unit_name, o.deadline, o.days_over),
             0});
  }
}

}  // namespace

std::string Figure::Display() const {
  return kind == FigureKind::kMoney ? FormatWanYuan(money()) : std::to_string(value);
}

const Figure* Statistics::Find(std::string_view id) const {
  for (const Figure& f : figures) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const Figure& Statistics::Get(std::string_view id) const {
  static const Figure kZero;
  const Figure* f = Find(id);
  return f != nullptr ? *f : kZero;
}

std::vector<std::string_view> ReportDomains() {
  return {"扫黑除恶", "一卡通", "营商环境", "民生", "自身建设"};
}

std::string ConfirmationRate(const Statistics& stats, std::string_view rule) {
  int64_t decided = stats
                        .Get(rule.empty() ? std::string("findings.decided")
                                          : fmt::format("findings.rule_decided.{}", rule))
                        .value;
  int64_t confirmed = stats
                          .Get(rule.empty() ? std::string("findings.confirmed")
                                            : fmt::format("findings.rule_confirmed.{}", rule))
                          .value;
  if (decided == 0) return "—";
  // Per mille, rounded half up, in integers: 2 of 3 → 666.67‰ → "66.7%".
  int64_t permille = (confirmed * 2000 + decided) / (decided * 2);
  return fmt::format("{}.{}%", permille / 10, permille % 10);
}

Result<ReportPeriod> DefaultReportPeriod(store::Database& db, Date today) {
  int year = 0;
  for (std::string_view sql :
       {"SELECT MAX(filed_at) FROM cases", "SELECT MAX(as_of) FROM check_runs"}) {
    auto st = db.Prepare(sql);
    if (!st) return std::unexpected(st.error());
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row || (*st)->IsNull(0)) continue;
    // A UTC timestamp counts on its Beijing date; an as-of date is a plain date.
    if (auto day = internal::BeijingDate((*st)->Text(0))) year = std::max(year, day->year());
  }
  if (year == 0 || year > today.year()) year = today.year();
  return ParseReportPeriod(std::to_string(year));
}

Result<Statistics> ComputeStatistics(store::Database& db, const ReportPeriod& period,
                                     std::string_view unit_code, Date today,
                                     const StatisticSources& sources) {
  auto book = internal::LoadCaseBook(db);
  if (!book) return std::unexpected(book.error());
  Statistics stats;
  stats.period = period;
  stats.unit_code = std::string(unit_code);
  stats.unit_name = "全区";
  if (!unit_code.empty()) {
    auto it = book->units.find(unit_code);
    if (it == book->units.end()) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("单位 '{}' 不存在：请用单位代码（units 表的 code），如 commission",
                              unit_code));
    }
    stats.unit_name = it->second.name;
  }
  stats.as_of = std::min(period.last, today);
  Builder b(*book, period, stats.unit_code);
  AddClueFigures(b, *book);
  AddDisposalFigures(b, *book);
  AddCaseFigures(b, *book);
  AddRectificationFigures(b, *book, stats.as_of);
  AddTransferFigures(b, *book);
  AddFindingFigures(b, *book);
  AddFindingOutcomeFigures(b, *book);
  auto approval = approval::ComputeApprovalStatistics(db, period.first, period.last, stats.as_of,
                                                      SubtreeUnits(b, *book, stats.unit_code));
  if (!approval) return std::unexpected(approval.error());
  stats.approval = std::move(*approval);
  AddApprovalFigures(b, stats.approval);
  internal::AddSectionFigures(b, *book);
  internal::AddCampaignFigures(b, *book);
  internal::AddRestrictedFigures(b, *book);
  internal::AddSanziFigures(b, *book, stats.sanzi_units);
  internal::AddOutsideFigures(b);
  stats.figures = b.Take();
  SourceQuery query{db, period, stats.as_of, stats.unit_code,
                    SubtreeUnits(b, *book, stats.unit_code)};
  auto applied = internal::ApplySources(sources, query, stats);
  if (!applied) return std::unexpected(applied.error());
  return stats;
}

}  // namespace qf::report
