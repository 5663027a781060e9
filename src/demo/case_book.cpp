// The demo case book: units, staff and a year of clues, cases, transfers and rectification, all
// through the CaseworkService so that every step is checked and audit-logged as in real use.
#include "demo/case_book.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/citizen_id.h"
#include "demo/book_clock.h"
#include "store/query.h"

namespace qf::demo {
namespace {

using casework::Actor;
using casework::CaseworkService;
using casework::Json;
using casework::Role;
using store::Query;
using store::QueryInt;

struct Staff {
  const char* username;
  const char* display_name;
  Role role;
  const char* unit;
  const char* id_first17;  // business accounts carry an ID number (a made-up, valid one)
};

// The commission's staff who did the work (passwords are generated and not kept: nobody logs in
// as them; the demo's own accounts are created by `serve --demo-accounts`).
constexpr Staff kStaff[] = {
    {"sunli", "受理员 孙丽", Role::kIntake, "commission", "11010119800301101"},
    {"zhoutao", "承办人 周涛", Role::kHandler, "commission", "11010119790402112"},
    {"wugang", "审核领导 吴刚", Role::kApprover, "commission", "11010119700503131"},
    {"zhengyan", "干部监督室 郑艳", Role::kInternalSupervision, "commission", "11010119820604142"},
    {"fengjun", "干部监督室 冯军", Role::kInternalSupervision, "commission", "11010119750705151"},
    {"hanbing", "公安分局联络员 韩冰", Role::kLiaison, "police", "11010119840806162"},
};

constexpr const char* kStreetNames[] = {"城关街道", "东湖街道", "西溪街道",
                                        "南苑街道", "北塘镇",   "临江镇"};

// A valid (checksummed) ID number for a person of the seeded book.
std::string SeedId(std::string_view first17) {
  return std::string(first17) + CitizenId::CheckCharacter(first17);
}

class Seeder {
 public:
  Seeder(store::Database& db, const crypto::FieldCipher& cipher, const DemoCaseBookOptions& options)
      : db_(db), service_(db, clock_, cipher, options.casework), options_(options) {}

  Result<DemoCaseBookResult> Run() {
    QF_ASSIGN_OR_RETURN(bool fresh, IsFresh());
    if (!fresh) return result_;
    QF_ASSIGN_OR_RETURN(year_, DemoBookYear(db_, options_.fallback_today));
    result_.year = year_;
    result_.seeded = true;
    clock_.SetDay(*Date::FromYmd(year_, 1, 6));
    QF_RETURN_IF_ERROR(AddUnits());
    QF_RETURN_IF_ERROR(AddStaff());
    QF_RETURN_IF_ERROR(FindingClues());
    CitizenReports();
    PetitionsAuditDeputies();
    OtherChannels();
    GangTransfer();
    OwnStaff();
    Rectification();
    QF_RETURN_IF_ERROR(RunTimeline());
    return result_;
  }

 private:
  Result<bool> IsFresh() {
    for (const char* table : {"clues", "cases", "transfers", "rectifications"}) {
      QF_ASSIGN_OR_RETURN(auto any, QueryInt(db_, fmt::format("SELECT 1 FROM {} LIMIT 1", table)));
      if (any) return false;
    }
    return true;
  }

  // ---- Units and staff -----------------------------------------------------------------------

  Result<bool> UnitExists(const std::string& code) {
    QF_ASSIGN_OR_RETURN(auto any, QueryInt(db_, "SELECT 1 FROM units WHERE code = ?", code));
    return any.has_value();
  }

  Result<void> AddUnit(const std::string& code, const std::string& name, const char* kind,
                       const char* parent) {
    QF_ASSIGN_OR_RETURN(bool exists, UnitExists(code));
    if (exists) return {};
    auto added = service_.AddUnit(
        admin_, {{"code", code}, {"name", name}, {"kind", kind}, {"parent", parent}});
    if (!added) return std::unexpected(added.error());
    ++result_.units;
    return {};
  }

  // Street offices and one unit per community of `persons` (named exactly as there, which is how
  // a finding finds its unit), the communities dealt out to the streets in name order.
  Result<void> AddUnits() {
    QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                       "SELECT DISTINCT community FROM persons WHERE community "
                                       "<> '' ORDER BY community"));
    std::vector<std::string> communities;
    for (;;) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      communities.push_back(st->Text(0));
    }
    const std::size_t streets =
        std::clamp<std::size_t>(communities.size() / 6, 2, std::size(kStreetNames));
    for (std::size_t s = 0; s < streets; ++s) {
      QF_RETURN_IF_ERROR(AddUnit(fmt::format("street-{:02d}", s + 1),
                                 fmt::format("{}监察办公室", kStreetNames[s]), "street_office",
                                 "commission"));
    }
    for (std::size_t i = 0; i < communities.size(); ++i) {
      std::string code = fmt::format("community-{:03d}", i + 1);
      QF_RETURN_IF_ERROR(AddUnit(code, communities[i], "community",
                                 fmt::format("street-{:02d}", i % streets + 1).c_str()));
      community_units_.emplace_back(communities[i], code);
    }
    return {};
  }

  Result<void> AddStaff() {
    for (const Staff& s : kStaff) {
      QF_ASSIGN_OR_RETURN(auto id, QueryInt(db_, "SELECT user_id FROM users WHERE username = ?",
                                            std::string_view(s.username)));
      if (!id) {
        auto made = service_.AddUserFromCli(s.username, s.display_name, {s.role}, s.unit, "",
                                            SeedId(s.id_first17));
        if (!made) return std::unexpected(made.error());
        id = (*made)["id"].get<int64_t>();
      }
      actors_.push_back(Actor{*id, s.username, {s.role}, s.unit});
    }
    return {};
  }
  const Actor& intake() const { return actors_[0]; }
  const Actor& handler() const { return actors_[1]; }
  const Actor& approver() const { return actors_[2]; }
  const Actor& supervision_a() const { return actors_[3]; }
  const Actor& supervision_b() const { return actors_[4]; }
  const Actor& police() const { return actors_[5]; }

  // The unit of a community name, else a street office (a clue always has a handling unit).
  std::string UnitOf(const std::string& community, int fallback_street) const {
    for (const auto& [name, code] : community_units_) {
      if (name == community) return code;
    }
    return fmt::format("street-{:02d}", fallback_street);
  }
  std::string CommunityUnit(std::size_t index) const {
    if (community_units_.empty()) return "street-01";
    return community_units_[index % community_units_.size()].second;
  }

  // ---- Steps ---------------------------------------------------------------------------------
  // Each storyline schedules its steps on the timeline; Run executes the whole timeline in date
  // order (a storyline's own steps keep their order), so the audit log reads chronologically.

  using Step = std::function<Result<void>()>;
  void At(int month, int day, Step step) {
    timeline_.push_back({*Date::FromYmd(year_, month, day), std::move(step)});
  }
  Result<void> RunTimeline() {
    std::stable_sort(timeline_.begin(), timeline_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [day, step] : timeline_) {
      clock_.SetDay(day);
      QF_RETURN_IF_ERROR(step());
    }
    return {};
  }

  static Result<int64_t> IdOf(const Result<Json>& r) {
    if (!r) return std::unexpected(r.error());
    return (*r)["id"].get<int64_t>();
  }
  static Result<void> Done(const Result<Json>& r) {
    if (!r) return std::unexpected(r.error());
    return {};
  }

  // Registers a clue and keeps its id under `key`.
  void Clue(int month, int day, std::string key, const Actor& by, Json body) {
    At(month, day, [this, key = std::move(key), &by, body = std::move(body)]() -> Result<void> {
      QF_ASSIGN_OR_RETURN(ids_[key], IdOf(service_.CreateClue(by, body)));
      ++result_.clues;
      return {};
    });
  }

  void Dispose(int month, int day, std::string key, const char* disposal, const char* note) {
    Dispose(month, day, std::move(key), disposal, note, handler(), approver());
  }
  void Dispose(int month, int day, std::string key, const char* disposal, const char* note,
               const Actor& proposer, const Actor& decider) {
    At(month, day, [=, this, &proposer, &decider]() -> Result<void> {
      int64_t clue = ids_.at(key);
      QF_RETURN_IF_ERROR(
          Done(service_.ProposeDisposal(proposer, clue, {{"disposal", disposal}, {"note", note}})));
      return Done(service_.DecideDisposal(decider, clue, {{"decision", "approve"}}));
    });
  }

  // Files case `key` on clue `key` (disposed 初步核实), adds `extra` persons and starts the
  // investigation.
  void FileCase(int month, int day, std::string key, Json extra, const Actor& filer,
                const Actor& worker) {
    At(month, day, [=, this, &filer, &worker]() -> Result<void> {
      QF_ASSIGN_OR_RETURN(int64_t id, IdOf(service_.FileCase(filer, {{"clue_id", ids_.at(key)}})));
      ids_["case." + key] = id;
      ++result_.cases;
      for (const Json& person : extra) {
        QF_RETURN_IF_ERROR(Done(service_.AddCasePerson(worker, id, person)));
      }
      return Done(service_.TransitionCase(worker, id, {{"event", "investigate"}}));
    });
  }
  void FileCase(int month, int day, std::string key, Json extra) {
    FileCase(month, day, std::move(key), std::move(extra), approver(), handler());
  }

  // Records the outcome of the case's person at `index` (the clue's subjects first, then those
  // added when filing).
  void Outcome(int month, int day, std::string key, std::size_t index, const char* outcome,
               const char* detail, const Actor& by) {
    At(month, day, [=, this, &by]() -> Result<void> {
      int64_t case_id = ids_.at("case." + key);
      auto c = service_.GetCase(by, case_id);
      if (!c) return std::unexpected(c.error());
      const Json& persons = (*c)["persons"];
      if (index >= persons.size()) {
        return Fail(ErrorCode::kInternal,
                    fmt::format("演示案件 {} 没有第 {} 名人员", case_id, index + 1));
      }
      int64_t person = persons[index]["id"].get<int64_t>();
      Json body = {{"outcome", outcome}, {"detail", detail}};
      if (std::string_view(outcome) == "移送司法") body["receiving_organ"] = "procuratorate";
      return Done(service_.RecordOutcome(by, case_id, person, body));
    });
  }
  void Outcome(int month, int day, std::string key, std::size_t index, const char* outcome,
               const char* detail) {
    Outcome(month, day, std::move(key), index, outcome, detail, handler());
  }

  void Recovery(int month, int day, std::string key, int64_t recovered_fen, int64_t losses_fen) {
    At(month, day, [=, this]() -> Result<void> {
      return Done(service_.RecordRecovery(
          handler(), ids_.at("case." + key),
          {{"recovered", recovered_fen}, {"losses_retrieved", losses_fen}}));
    });
  }

  // Records what became of a finding (CaseworkService::RecordFindingOutcome) as the handler, on
  // the version it has by then; kWholeAmount stands for the finding's own amount.
  static constexpr int64_t kWholeAmount = -1;
  void FindingOutcome(int month, int day, std::string fingerprint, const char* outcome,
                      int64_t amount, const char* note) {
    At(month, day, [=, this]() -> Result<void> {
      auto finding = service_.GetFinding(handler(), fingerprint);
      // A finding that names commission staff is 干部监督室's, not this handler's: left alone.
      if (!finding && finding.error().code() == ErrorCode::kNotFound) return {};
      if (!finding) return std::unexpected(finding.error());
      int64_t fen = amount;
      if (fen == kWholeAmount) {
        QF_ASSIGN_OR_RETURN(auto whole, QueryInt(db_,
                                                 "SELECT amount FROM findings WHERE "
                                                 "fingerprint = ?",
                                                 fingerprint));
        fen = whole.value_or(0);
      }
      Json body = {{"outcome", outcome}, {"note", note}, {"version", (*finding)["version"]}};
      if (fen > 0) body["amount"] = fen;
      QF_RETURN_IF_ERROR(Done(service_.RecordFindingOutcome(handler(), fingerprint, body)));
      ++result_.finding_outcomes;
      return {};
    });
  }

  void Close(int month, int day, std::string key) {
    At(month, day, [=, this]() -> Result<void> {
      int64_t case_id = ids_.at("case." + key);
      QF_RETURN_IF_ERROR(
          Done(service_.TransitionCase(handler(), case_id, {{"event", "submit_review"}})));
      return Done(service_.TransitionCase(approver(), case_id, {{"event", "close"}}));
    });
  }

  // The largest findings become clues (one each), the largest of each community first so that
  // the book spreads over the district: the comparison's share of the book. Dispositions cover
  // the four types; two lead to cases.
  Result<void> FindingClues() {
    constexpr std::size_t kPicks = 6;
    QF_ASSIGN_OR_RETURN(auto st, Query(db_,
                                       "SELECT f.fingerprint, COALESCE(p.community, ''), "
                                       "COALESCE(p.name, '') FROM findings f LEFT JOIN persons p "
                                       "ON p.id_number = f.id_number WHERE f.review <> "
                                       "'dismissed' AND f.id_number <> '' ORDER BY f.amount DESC, "
                                       "f.fingerprint LIMIT 500"));
    std::vector<std::array<std::string, 3>> candidates, picks;
    for (;;) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      candidates.push_back({st->Text(0), st->Text(1), st->Text(2)});
    }
    std::set<std::string> communities;
    std::vector<bool> taken(candidates.size(), false);
    for (std::size_t i = 0; i < candidates.size() && picks.size() < kPicks; ++i) {
      if (!communities.insert(candidates[i][1]).second) continue;
      picks.push_back(candidates[i]);
      taken[i] = true;
    }
    for (std::size_t i = 0; i < candidates.size() && picks.size() < kPicks; ++i) {
      if (!taken[i]) picks.push_back(candidates[i]);
    }
    static constexpr const char* kDisposals[] = {"初步核实", "初步核实", "谈话函询",
                                                 "暂存待查", "予以了结", "初步核实"};
    for (std::size_t i = 0; i < picks.size(); ++i) {
      const auto& [fingerprint, community, name] = picks[i];
      std::string key = fmt::format("finding{}", i);
      std::string title = name.empty() ? std::string("比对发现补贴发放异常")
                                       : fmt::format("{}名下补贴发放异常", name);
      std::string unit = UnitOf(community, static_cast<int>(i % 2) + 1);
      int day = 3 + static_cast<int>(i) * 3;
      At(2, day, [this, key, fingerprint, title, unit]() -> Result<void> {
        QF_ASSIGN_OR_RETURN(ids_[key], IdOf(service_.PromoteFindings(
                                           intake(), {{"fingerprints", Json::array({fingerprint})},
                                                      {"title", title},
                                                      {"unit", unit},
                                                      {"campaigns", {"ZX-YKT"}}})));
        ++result_.clues;
        return {};
      });
      Dispose(2, day + 7, key, kDisposals[i], "经初步审查提出处置意见");
    }
    // What became of the findings (处理结果): the next payments stopped and the money paid
    // recovered on the two that became cases, one sent on to the police, one found allowed after
    // all, and two false matches of the queue dismissed — so each rule's confirmation rate is a
    // real rate rather than 100%.
    if (picks.size() >= 5) {
      FindingOutcome(2, 16, picks[0][0], "止付", kWholeAmount,
                     "停发其后各月补贴，资金留存财政专户");
      FindingOutcome(5, 9, picks[0][0], "追回", kWholeAmount, "已追回冒领资金并退回财政专户");
      FindingOutcome(7, 3, picks[1][0], "追回", kWholeAmount, "涉案人员退赔到位");
      FindingOutcome(4, 2, picks[2][0], "移送", 0, "区公安分局");
      FindingOutcome(3, 1, picks[4][0], "排除", 0, "经核实为政策允许的情形，予以了结");
    }
    int dismissed = 0;
    for (std::size_t i = 0; i < candidates.size() && dismissed < 2; ++i) {
      if (taken[i] || std::find(picks.begin(), picks.end(), candidates[i]) != picks.end()) continue;
      FindingOutcome(2, 25 + dismissed, candidates[i][0], "排除", 0,
                     "经核实，死亡登记信息有误，已由民政部门更正");
      ++dismissed;
    }
    if (picks.size() >= 2) {
      // A village accountant who signed off payments to the dead: 政务处分, money recovered.
      FileCase(3, 12, "finding0",
               {{{"name", "钱国平"},
                 {"id_number", SeedId("33011019720314061")},
                 {"position", "村报账员"}}});
      Outcome(5, 8, "finding0", 1, "政务处分", "政务记过");
      Recovery(5, 8, "finding0", 1860000, 0);
      Recovery(6, 18, "finding0", 655050, 0);
      Close(6, 28, "finding0");
      // A community director who kept the cards of the enrolled: 移送司法, losses retrieved.
      FileCase(3, 20, "finding1",
               {{{"name", "孙德明"},
                 {"id_number", SeedId("33011019650822003")},
                 {"position", "社区居委会主任"}}});
      Outcome(7, 2, "finding1", 1, "移送司法", "涉嫌贪污罪，移送区人民检察院审查起诉");
      Recovery(7, 2, "finding1", 0, 4213600);
    }
    return {};
  }

  // Citizen reports through 码上行动: one answered by conclusion, one by a 三资 case, one by a
  // talk, one still waiting for a disposal.
  void CitizenReports() {
    Clue(3, 4, "report.allowance", intake(),
         {{"source", "群众举报"},
          {"domain", "一卡通"},
          {"title", "反映高龄津贴少发"},
          {"campaigns", {"ZX-YKT"}},
          {"summary", "举报人反映其父高龄津贴连续两月少发。"},
          {"amount", 30000},
          {"unit", CommunityUnit(2)}});
    Dispose(3, 15, "report.allowance", "予以了结", "经核查系发放批次调整所致，已向举报人说明");

    Clue(4, 9, "report.fishpond", intake(),
         {{"source", "群众举报"},
          {"domain", "三资"},
          {"title", "村集体鱼塘低价发包"},
          {"summary", "举报村集体鱼塘以明显低于市场价发包给村干部亲属。"},
          {"amount", 2400000},
          {"unit", CommunityUnit(3)},
          {"subjects",
           {{{"name", "周建军"},
             {"id_number", SeedId("33011019700101051")},
             {"position", "村党支部书记"}}}}});
    Dispose(4, 22, "report.fishpond", "初步核实", "问题线索具体，可查性强");
    FileCase(5, 13, "report.fishpond", Json::array());
    Outcome(8, 26, "report.fishpond", 0, "党纪处分", "党内严重警告");
    Recovery(8, 26, "report.fishpond", 0, 960000);

    Clue(5, 6, "report.review", intake(),
         {{"source", "群众举报"},
          {"domain", "民生"},
          {"title", "低保评议走过场"},
          {"campaigns", {"ZX-MS-10+1"}},
          {"summary", "反映社区低保民主评议未公开召开。"},
          {"unit", CommunityUnit(4)}});
    Dispose(5, 19, "report.review", "谈话函询", "对社区书记开展谈话提醒");

    Clue(9, 10, "report.disability", intake(),
         {{"source", "群众举报"},
          {"domain", "民生"},
          {"title", "残疾人两项补贴迟发"},
          {"campaigns", {"ZX-MS-10+1", "ZX-YKT"}},
          {"summary", "反映残疾人护理补贴迟发三个月。"},
          {"unit", CommunityUnit(5)}});
  }

  // A petition with a case of two persons, a petition answered by a talk, an audit finding on the
  // business environment with a case, and a deputy's letter held for later.
  void PetitionsAuditDeputies() {
    Clue(3, 7, "petition.elderly", intake(),
         {{"source", "信访"},
          {"domain", "民生"},
          {"title", "养老服务补贴虚报冒领"},
          {"campaigns", {"ZX-MS-10+1"}},
          {"summary", "信访反映某养老服务中心虚报服务人次套取补贴。"},
          {"amount", 3560000},
          {"unit", "street-01"},
          {"subjects",
           {{{"name", "吴晓红"},
             {"id_number", SeedId("33011019780505042")},
             {"position", "街道民政办主任"}}}}});
    Dispose(3, 21, "petition.elderly", "初步核实", "问题线索具体");
    FileCase(4, 16, "petition.elderly",
             {{{"name", "郑立新"},
               {"id_number", SeedId("33011019830611037")},
               {"position", "养老服务中心负责人"}}});
    Outcome(7, 24, "petition.elderly", 0, "党纪处分", "党内警告");
    Outcome(7, 24, "petition.elderly", 1, "组织处理", "诫勉");
    Recovery(7, 24, "petition.elderly", 3568200, 0);
    Close(8, 6, "petition.elderly");

    Clue(4, 2, "petition.window", intake(),
         {{"source", "信访"},
          {"domain", "营商环境"},
          {"title", "窗口办事推诿"},
          {"summary", "企业反映政务服务窗口多次要求补充非必要材料。"},
          {"unit", "street-02"}});
    Dispose(4, 12, "petition.window", "谈话函询", "函询窗口负责人");
    // Read again once the 净窗 campaign started: a service window's conduct, not the business
    // environment at large (重新归类, audited).
    At(4, 14, [this]() -> Result<void> {
      return Done(
          service_.ReclassifyClue(handler(), ids_.at("petition.window"),
                                  {{"domain", "窗口服务"},
                                   {"campaigns", {"ZX-JC"}},
                                   {"reason", "反映的是政务服务窗口作风问题，列入“净窗”行动"}}));
    });

    Clue(6, 3, "audit.subsidy", intake(),
         {{"source", "审计"},
          {"domain", "营商环境"},
          {"title", "惠企补助资金违规拨付"},
          {"summary", "区审计局移交：惠企补助向不符合条件企业拨付。"},
          {"amount", 5000000},
          {"unit", "street-02"},
          {"subjects",
           {{{"name", "冯志强"},
             {"id_number", SeedId("33011019760918021")},
             {"position", "街道经济发展办科员"}}}}});
    Dispose(6, 14, "audit.subsidy", "初步核实", "审计移交问题");
    FileCase(7, 8, "audit.subsidy", Json::array());
    Outcome(10, 15, "audit.subsidy", 0, "政务处分", "政务警告");
    Recovery(10, 15, "audit.subsidy", 2150000, 0);

    Clue(8, 5, "deputy.water", intake(),
         {{"source", "人大代表转交"},
          {"domain", "民生"},
          {"title", "农村饮水工程验收把关不严"},
          {"campaigns", {"ZX-MS-10+1"}},
          {"summary", "人大代表转交群众反映：饮水工程验收后即漏水。"},
          {"unit", "street-01"}});
    Dispose(8, 19, "deputy.water", "暂存待查", "待工程质量鉴定结论");
  }

  // The channels of config/taxonomy.toml beyond reports and petitions: a 12345 hotline call about
  // a service window (净窗), a 巡察 lead on a tender, a 监督检查 on medical insurance and a 舆情
  // item on school meals.
  void OtherChannels() {
    Clue(5, 12, "hotline.window", intake(),
         {{"source", "12345热线"},
          {"domain", "窗口服务"},
          {"title", "不动产登记窗口吃拿卡要"},
          {"campaigns", {"ZX-JC"}},
          {"summary", "12345热线转来：办事群众反映窗口工作人员暗示“加急费”。"},
          {"unit", "street-02"}});
    Dispose(5, 26, "hotline.window", "谈话函询", "函询窗口负责人并要求说明情况");

    Clue(6, 17, "inspection.tender", intake(),
         {{"source", "巡察"},
          {"domain", "工程招投标"},
          {"title", "社区道路工程围标串标"},
          {"summary", "区委巡察移交：社区道路硬化工程三家投标单位实际控制人相同。"},
          {"amount", 1860000},
          {"unit", "street-01"}});
    Dispose(7, 2, "inspection.tender", "初步核实", "巡察移交，线索具体");

    Clue(7, 20, "check.insurance", intake(),
         {{"source", "监督检查"},
          {"domain", "卫健医保"},
          {"title", "卫生室虚记诊疗套取医保基金"},
          {"campaigns", {"ZX-MS-10+1"}},
          {"summary", "监督检查发现村卫生室诊疗记录与药品进销存不符。"},
          {"amount", 426000},
          {"unit", CommunityUnit(6)}});
    Dispose(8, 3, "check.insurance", "初步核实", "监督检查发现，需调取医保结算数据");

    Clue(9, 14, "opinion.meals", intake(),
         {{"source", "舆情"},
          {"domain", "食品药品"},
          {"title", "学校食堂食材以次充好"},
          {"campaigns", {"ZX-MS-10+1"}},
          {"summary", "网络舆情反映某小学食堂使用过期食材。"},
          {"unit", "street-02"}});
    Dispose(9, 28, "opinion.meals", "予以了结", "经市场监管部门抽检，食材合格，已回应舆情");
  }

  // 扫黑除恶: a clue from the 扫黑办, a case against a protective umbrella and a village bully,
  // the bully's crime sent to the police, both transfers answered.
  void GangTransfer() {
    At(4, 7, [this]() -> Result<void> {
      auto inbound = service_.CreateTransfer(
          handler(), {{"direction", "in"},
                      {"organ", "saohei"},
                      {"summary", "区扫黑办移送：村霸强揽工程背后的“保护伞”问题"},
                      {"feedback_due", fmt::format("{}-10-31", year_)},
                      {"clue",
                       {{"domain", "扫黑除恶"},
                        {"title", "村霸强揽工程及其“保护伞”"},
                        {"campaigns", {"ZX-SHCE"}},
                        {"amount", 8800000},
                        {"unit", "street-02"},
                        {"subjects",
                         {{{"name", "陈永福"},
                           {"id_number", SeedId("33011019690227015")},
                           {"position", "镇城建办副主任"}}}}}}});
      QF_ASSIGN_OR_RETURN(ids_["transfer.in"], IdOf(inbound));
      ids_["gang"] = (*inbound)["clue_id"].get<int64_t>();
      ++result_.clues;
      return {};
    });
    Dispose(4, 18, "gang", "初步核实", "扫黑办移送，从严从快");
    FileCase(5, 6, "gang",
             {{{"name", "刘大海"},
               {"id_number", SeedId("33011019800716059")},
               {"position", "村委会委员"}}});
    At(5, 9, [this]() -> Result<void> {
      QF_ASSIGN_OR_RETURN(ids_["transfer.out"],
                          IdOf(service_.CreateTransfer(
                              handler(), {{"direction", "out"},
                                          {"organ", "police"},
                                          {"case_id", ids_.at("case.gang")},
                                          {"summary", "刘大海涉嫌强迫交易罪，移送公安机关"},
                                          {"feedback_due", fmt::format("{}-08-31", year_)}})));
      return {};
    });
    At(5, 12, [this]() -> Result<void> {
      return Done(service_.TransitionTransfer(police(), ids_.at("transfer.out"),
                                              {{"event", "acknowledge"}}));
    });
    At(8, 11, [this]() -> Result<void> {
      return Done(service_.TransitionTransfer(
          police(), ids_.at("transfer.out"),
          {{"event", "feedback"}, {"feedback", "已立案侦查，依法刑事拘留"}}));
    });
    Outcome(9, 16, "gang", 0, "移送司法", "涉嫌受贿罪，移送区人民检察院审查起诉");
    Outcome(9, 16, "gang", 1, "党纪处分", "开除党籍");
    Recovery(9, 16, "gang", 6380000, 1200000);
    At(9, 25, [this]() -> Result<void> {
      return Done(service_.TransitionTransfer(
          handler(), ids_.at("transfer.in"),
          {{"event", "feedback"}, {"feedback", "已立案审查调查，1人移送司法、1人开除党籍"}}));
    });
  }

  // 自身建设: a restricted clue about a commission cadre, handled only by 干部监督室.
  void OwnStaff() {
    Clue(6, 20, "own", supervision_a(),
         {{"source", "信访"},
          {"domain", "自身建设"},
          {"title", "反映街道监察办干部违规接受宴请"},
          {"summary", "信访反映某街道监察办干部接受被监督单位宴请。"},
          {"unit", "commission"},
          {"restricted", true},
          {"subjects",
           {{{"name", "褚文涛"},
             {"id_number", SeedId("33011019880302011")},
             {"position", "街道监察办公室干部"}}}}});
    Dispose(7, 1, "own", "初步核实", "刀刃向内，严查不贷", supervision_a(), supervision_b());
    FileCase(7, 22, "own", Json::array(), supervision_b(), supervision_a());
    Outcome(9, 30, "own", 0, "党纪处分", "党内警告", supervision_a());
  }

  // 监察建议 and 整改事项: two closed, one overdue, one still within its deadline at year end.
  void Rectification() {
    struct Item {
      const char* kind;
      std::string unit;
      const char* content;
      const char* domain;
      std::vector<std::string> campaigns;
      int issue_month, issue_day, due_month, due_day;
      int close_month;  // 0: not closed
    };
    const Item items[] = {
        {"监察建议",
         "street-01",
         "健全养老服务补贴核查机制，按月比对服务记录与补贴发放",
         "民生",
         {"ZX-MS-10+1"},
         8,
         10,
         10,
         31,
         10},
        {"整改事项",
         CommunityUnit(0),
         "清退违规领取的补贴资金，追回已故人员名下发放款",
         "一卡通",
         {"ZX-YKT"},
         5,
         25,
         8,
         31,
         8},
        {"监察建议",
         "street-02",
         "规范惠企补助审批，建立拨付前公示制度",
         "营商环境",
         {},
         10,
         20,
         12,
         31,
         0},
        {"整改事项",
         CommunityUnit(1),
         "补开低保民主评议会并张榜公示",
         "民生",
         {"ZX-MS-10+1"},
         6,
         5,
         7,
         31,
         0},
    };
    for (const Item& item : items) {
      std::string key = fmt::format("rect.{}.{}", item.issue_month, item.issue_day);
      At(item.issue_month, item.issue_day, [this, item, key]() -> Result<void> {
        QF_ASSIGN_OR_RETURN(
            ids_[key], IdOf(service_.IssueRectification(
                           handler(), {{"kind", item.kind},
                                       {"unit", item.unit},
                                       {"content", item.content},
                                       {"domain", item.domain},
                                       {"campaigns", item.campaigns},
                                       {"due_date", fmt::format("{}-{:02d}-{:02d}", year_,
                                                                item.due_month, item.due_day)}})));
        return {};
      });
      if (item.close_month == 0) continue;
      At(item.close_month, 10, [this, key]() -> Result<void> {
        return Done(service_.SubmitEvidence(handler(), ids_.at(key),
                                            {{"evidence", "已完成整改，附整改报告"}}));
      });
      At(item.close_month, 20, [this, key]() -> Result<void> {
        return Done(service_.VerifyRectification(
            approver(), ids_.at(key), {{"decision", "close"}, {"note", "经现场核验，整改到位"}}));
      });
    }
  }

  store::Database& db_;
  BookClock clock_;
  CaseworkService service_;
  const DemoCaseBookOptions& options_;
  DemoCaseBookResult result_;
  int year_ = 0;
  Actor admin_{0, "demo", {Role::kSystemAdmin}, "commission"};
  std::vector<Actor> actors_;                                         // kStaff's order
  std::vector<std::pair<std::string, std::string>> community_units_;  // name, code
  std::vector<std::pair<Date, Step>> timeline_;
  std::map<std::string, int64_t> ids_;  // clue keys, "case.<clue key>", "transfer.in" ...
};

}  // namespace

Result<int> DemoBookYear(store::Database& db, Date fallback_today) {
  QF_ASSIGN_OR_RETURN(auto st, Query(db, "SELECT MAX(as_of) FROM check_runs"));
  QF_ASSIGN_OR_RETURN(bool row, st->Step());
  if (row && !st->IsNull(0)) {
    if (auto as_of = Date::Parse(st->Text(0))) return as_of->year();
  }
  return fallback_today.year() - 1;
}

Result<DemoCaseBookResult> SeedDemoCaseBook(store::Database& db, const crypto::FieldCipher& cipher,
                                            const DemoCaseBookOptions& options) {
  Seeder seeder(db, cipher, options);
  return seeder.Run();
}

}  // namespace qf::demo
