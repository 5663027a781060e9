// The report's slices: each section of the taxonomy (a domain and the domains grouped under it)
// and each special campaign (专项) counted family by family; the restricted clues (涉纪检监察干部);
// and the 三资 figures by community and street.
#include <fmt/format.h>

#include <functional>
#include <set>

#include "report/internal/figure_families.h"
#include "report/wan_yuan.h"
#include "taxonomy/taxonomy.h"

namespace qf::report {

std::vector<std::string_view> SliceFamilies() {
  return {"problems",
          "cases",
          "persons",
          "judicial",
          "recovered",
          "rectifications",
          "accountability_cases",
          "accountability_persons"};
}

namespace internal {
namespace {

// A slice of the records: which clues, cases, rectification items and (for sections) comparison
// findings it holds.
struct Slice {
  std::string prefix;  // "section.民生", "campaign.ZX-JC"
  std::string title;   // "民生领域系统治理", "“净窗”行动"
  std::string scope;  // "领域属于「民生领域系统治理」（民生、一卡通…）的", for the definitions
  std::function<bool(const ClueRow&)> clue;
  std::function<bool(const CaseRow&)> kase;
  std::function<bool(const RectificationRow&)> rectification;
  std::function<bool(const FindingRow&)> finding;  // empty: findings do not count
};

// The section a domain's records count in: its group, else itself; "" for an unknown domain.
std::string SectionOf(std::string_view domain) {
  const taxonomy::Domain* d = taxonomy::Active().FindDomain(domain);
  if (d == nullptr) return "";
  return d->group.empty() ? d->name : d->group;
}

void DefineSlice(Builder& b, const Slice& s) {
  auto id = [&](std::string_view family) { return fmt::format("{}.{}", s.prefix, family); };
  std::string problems = fmt::format("统计期间内受理（按受理日期）、{}问题线索", s.scope);
  if (s.finding) {
    problems +=
        "，加上本部分未移交为线索的大数据比对发现（按所属期，口径同“大数据比对发现问题”）；"
        "已移交为线索的比对发现只作为该线索计一次";
  }
  b.Add(id("problems"), fmt::format("{}：发现问题", s.title), "个", problems);
  b.Add(id("cases"), fmt::format("{}：立案", s.title), "件",
        fmt::format("统计期间内立案（按立案日期）、{}案件", s.scope));
  b.Add(id("persons"), fmt::format("{}：立案人数", s.title), "人",
        fmt::format("上述案件所列涉案人员（按人计）"));
  b.Add(id("judicial"), fmt::format("{}：移送司法", s.title), "人",
        fmt::format("{}案件中，统计期间内登记处理结果为「移送司法」的涉案人员（按登记日期）",
                    s.scope));
  b.Add(
      id("recovered"), fmt::format("{}：追缴违纪违法所得", s.title), "万元",
      fmt::format("{}案件在统计期间内登记的追缴金额之和（按登记日期）；{}", s.scope, kWanYuanRule),
      FigureKind::kMoney);
  b.Add(id("rectifications"), fmt::format("{}：督促整改", s.title), "个",
        fmt::format("统计期间内下发（按下发日期）、{}监察建议和整改事项", s.scope));
  b.Add(id("accountability_cases"), fmt::format("{}：追责问责", s.title), "件",
        fmt::format("{}案件中，统计期间内有人员受党纪处分、政务处分或组织处理的案件，一案多人计"
                    "一件",
                    s.scope));
  b.Add(id("accountability_persons"), fmt::format("{}：追责问责人数", s.title), "人",
        fmt::format("{}案件中，统计期间内登记处理结果为党纪处分、政务处分或组织处理的涉案人员"
                    "（按登记日期）",
                    s.scope));
}

void CountClues(Builder& b, const CaseBook& book, const Slice& s) {
  for (const ClueRow& clue : book.clues) {
    if (!b.InPeriod(clue.created) || !b.InUnit(clue.unit) || !s.clue(clue)) continue;
    b.Count(s.prefix + ".problems", {"clue", std::to_string(clue.id), Day(clue.created), clue.unit,
                                     Shown(clue.restricted, clue.title), 0});
  }
  if (!s.finding) return;
  for (const FindingRow& f : book.findings) {
    if (f.promoted || !b.InPeriod(f.placed) || !s.finding(f)) continue;
    if (!b.FindingInUnit(f.community_unit, f.clue_unit)) continue;
    b.Count(s.prefix + ".problems", {"finding", f.fingerprint, Day(f.placed), f.community_unit,
                                     fmt::format("{} {} {}", f.rule, f.id_number, f.period), 0});
  }
}

void CountCases(Builder& b, const CaseBook& book, const Slice& s) {
  for (const auto& [id, c] : book.cases) {
    if (!b.InPeriod(c.filed) || !b.InUnit(c.unit) || !s.kase(c)) continue;
    b.Count(s.prefix + ".cases",
            {"case", std::to_string(id), Day(c.filed), c.unit, Shown(c.restricted, c.title), 0});
  }
  std::set<int64_t> accountable;
  for (const PersonRow& p : book.persons) {
    auto it = book.cases.find(p.case_id);
    if (it == book.cases.end() || !b.InUnit(it->second.unit) || !s.kase(it->second)) continue;
    const CaseRow& c = it->second;
    if (b.InPeriod(c.filed)) b.Count(s.prefix + ".persons", FiledPerson(p, c));
    if (!b.InPeriod(p.outcome_date)) continue;
    RecordRef ref = PersonOutcome(p, c);
    if (p.outcome == kJudicial) b.Count(s.prefix + ".judicial", ref);
    if (!IsAccountability(p.outcome)) continue;
    b.Count(s.prefix + ".accountability_persons", ref);
    if (accountable.insert(c.id).second) {
      b.Count(s.prefix + ".accountability_cases",
              {"case", std::to_string(c.id), Day(p.outcome_date), c.unit,
               Shown(c.restricted, c.title), 0});
    }
  }
  for (const AuditEvent& e : book.events) {
    if (e.action != "case.record_recovery" || e.recovered_delta == 0 || !b.InPeriod(e.date)) {
      continue;
    }
    auto it = book.cases.find(e.entity_id);
    if (it == book.cases.end() || !b.InUnit(it->second.unit) || !s.kase(it->second)) continue;
    const CaseRow& c = it->second;
    b.Count(s.prefix + ".recovered", {"case", std::to_string(c.id), Day(e.date), c.unit,
                                      fmt::format("{}：追缴 {} 元", Shown(c.restricted, c.title),
                                                  Money::FromFen(e.recovered_delta).ToYuanString()),
                                      e.recovered_delta});
  }
}

void CountRectifications(Builder& b, const CaseBook& book, const Slice& s) {
  for (const RectificationRow& r : book.rectifications) {
    if (!b.InPeriod(r.created) || !b.InUnit(r.unit) || !s.rectification(r)) continue;
    b.Count(s.prefix + ".rectifications",
            {"rectification", std::to_string(r.id), Day(r.created), r.unit,
             fmt::format("{}：{}", r.kind, Shown(r.restricted, r.content)), 0});
  }
}

void AddSlice(Builder& b, const CaseBook& book, const Slice& s) {
  DefineSlice(b, s);
  CountClues(b, book, s);
  CountCases(b, book, s);
  CountRectifications(b, book, s);
}

std::string Joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) out += fmt::format("{}{}", out.empty() ? "" : "、", n);
  return out;
}

}  // namespace

void AddSectionFigures(Builder& b, const CaseBook& book) {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  for (std::string_view section : t.Sections()) {
    std::string name(section);
    const taxonomy::Domain* d = t.FindDomain(section);
    auto in = [name](std::string_view domain) { return SectionOf(domain) == name; };
    Slice s{fmt::format("section.{}", name),
            d != nullptr ? d->title : name,
            fmt::format("领域属于“{}”（{}）的", d != nullptr ? d->title : name,
                        Joined(t.DomainsOfSection(section))),
            [in](const ClueRow& c) { return in(c.domain); },
            [in](const CaseRow& c) { return in(c.domain); },
            [in](const RectificationRow& r) { return in(r.domain); },
            [in](const FindingRow& f) { return in(FindingSection(f.rule)); }};
    AddSlice(b, book, s);
  }
}

void AddCampaignFigures(Builder& b, const CaseBook& book) {
  for (const taxonomy::Campaign& campaign : taxonomy::Active().campaigns) {
    std::string code = campaign.code;
    const CaseBook* bk = &book;
    Slice s{
        fmt::format("campaign.{}", code),
        campaign.name,
        fmt::format("标注“{}”（{}）专项的", campaign.name, code),
        [bk, code](const ClueRow& c) { return bk->Tagged("clue", c.id, code); },
        // A case counts when it is tagged, or when the clue it was filed from is.
        [bk, code](const CaseRow& c) {
          return bk->Tagged("case", c.id, code) ||
                 (c.clue_id != 0 && bk->Tagged("clue", c.clue_id, code));
        },
        [bk, code](const RectificationRow& r) { return bk->Tagged("rectification", r.id, code); },
        {}};
    AddSlice(b, book, s);
  }
}

void AddRestrictedFigures(Builder& b, const CaseBook& book) {
  b.Add("clues.restricted", "涉纪检监察干部问题线索", "件",
        "统计期间内受理（按受理日期）、标记为受限事项（反映纪检监察干部，限定知悉范围）的问题线索，"
        "不论领域");
  b.Add("cases.restricted", "涉纪检监察干部立案", "件",
        "统计期间内立案（按立案日期）、标记为受限事项的案件");
  b.Add("cases.restricted_persons", "涉纪检监察干部立案人数", "人", "上述案件所列涉案人员");
  for (const ClueRow& clue : book.clues) {
    if (!clue.restricted || !b.InPeriod(clue.created) || !b.InUnit(clue.unit)) continue;
    b.Count("clues.restricted", {"clue", std::to_string(clue.id), Day(clue.created), clue.unit,
                                 Shown(true, clue.title), 0});
  }
  for (const auto& [id, c] : book.cases) {
    if (!c.restricted || !b.InPeriod(c.filed) || !b.InUnit(c.unit)) continue;
    b.Count("cases.restricted",
            {"case", std::to_string(id), Day(c.filed), c.unit, Shown(true, c.title), 0});
  }
  for (const PersonRow& p : book.persons) {
    auto it = book.cases.find(p.case_id);
    if (it == book.cases.end() || !it->second.restricted) continue;
    const CaseRow& c = it->second;
    if (!b.InPeriod(c.filed) || !b.InUnit(c.unit)) continue;
    b.Count("cases.restricted_persons", {"case_person", std::to_string(p.id), Day(c.filed), c.unit,
                                         fmt::format("（受限案件人员）（案件 {}）", c.id), 0});
  }
}

}  // namespace internal
}  // namespace qf::report
