// The demo activity ledger: one table of activities, each dated and entered through ActivityBook.
#include "demo/activities.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "activities/activity_book.h"
#include "core/result_macros.h"
#include "store/query.h"

namespace qf::demo {
namespace {

using casework::Actor;
using casework::Role;

// Dates every activity: 10:00 Beijing time on its day.
class DayClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now_; }
  void SetDay(Date day) { now_ = int64_t{day.days()} * 86400 + 2 * 3600; }

 private:
  int64_t now_ = 0;
};

struct Seed {
  int month, day;
  const char* kind;
  const char* title;
  const char* unit;  // "commission", "street-01" ...; "" = the commission
  const char* domain;
  const char* campaigns;  // codes joined by "、"
  int participants, visited;
  int communities;  // how many community units it covered (联合督查, 走访群众)
  const char* places;
  const char* mechanism;
  const char* doc_number;
  const char* summary;
  const char* clue_problem;           // handed on as a clue ("" = none)
  const char* rectification_problem;  // handed on as a 整改事项 ("" = none)
};

// clang-format off
constexpr Seed kSeeds[] = {
  {1, 15, "座谈会", "惠民惠农资金监管工作座谈会", "commission", "一卡通", "ZX-YKT", 32, 0, 0, "区政府第三会议室", "", "", "听取民政、农业农村、财政部门对“一卡通”发放的意见建议", "", ""},
  {2, 22, "座谈会", "“净窗”行动群众代表座谈会", "street-01", "窗口服务", "ZX-JC", 18, 0, 0, "城关街道便民服务中心", "", "", "群众代表反映窗口办事“吃拿卡要”问题", "便民服务中心窗口人员收受办事群众香烟", ""},
  {4, 18, "座谈会", "民生领域专项整治推进座谈会", "street-02", "民生", "ZX-MS-10+1", 26, 0, 0, "东湖街道办事处", "", "", "通报“10+1”民生领域专项整治进展", "", ""},
  {9, 12, "座谈会", "对口支援资金使用情况座谈会", "commission", "对口支援", "ZX-DK", 15, 0, 0, "区发展改革局", "", "", "了解对口支援项目资金拨付和使用", "", ""},
  {3, 8, "监督检查", "低保、特困供养资金发放监督检查", "commission", "民生", "ZX-MS-10+1、ZX-YKT", 6, 0, 0, "区民政局", "", "", "抽查低保、特困供养资金发放台账", "两名已死亡人员仍在领取低保金", ""},
  {5, 20, "监督检查", "便民服务中心窗口作风监督检查", "street-01", "窗口服务", "ZX-JC", 4, 0, 0, "城关街道便民服务中心", "", "", "暗访窗口服务", "", "窗口无人值守、首问负责制未落实"},
  {8, 6, "监督检查", "环保督察反馈问题整改监督检查", "commission", "生态环保", "ZX-HB", 5, 0, 0, "临江工业园区", "", "", "核查环保督察反馈问题整改销号情况", "", "两项整改任务销号材料不实"},
  {10, 15, "监督检查", "违法采砂采石专项整治监督检查", "commission", "违法采砂石", "ZX-CS", 7, 0, 0, "临江河道", "", "", "夜间巡查河道采砂点", "河道非法采砂点疑有公职人员充当保护伞", ""},
  {3, 25, "走访群众", "“一卡通”惠民资金入户走访", "street-01", "一卡通", "ZX-YKT", 6, 186, 3, "", "", "", "逐户核对补贴到账情况", "", ""},
  {6, 14, "走访群众", "民生领域“大走访”", "street-02", "民生", "ZX-MS-10+1", 8, 243, 3, "", "", "", "走访低保户、特困人员和残疾人家庭", "", ""},
  {11, 9, "走访群众", "救助领域回访群众", "commission", "救助领域", "ZX-MS-10+1", 5, 128, 2, "", "", "", "回访临时救助对象", "", ""},
  {4, 26, "联合督查", "“10+1”民生领域专项整治联合督查（第一轮）", "commission", "民生", "ZX-MS-10+1", 12, 0, 4, "", "", "", "会同民政、人社、医保部门联合督查", "", "社区公示栏未按时公示低保名单"},
  {7, 16, "联合督查", "惠民资金“一卡通”联合督查", "commission", "一卡通", "ZX-YKT", 10, 0, 4, "", "", "", "会同财政、审计部门督查补贴发放", "", ""},
  {10, 28, "联合督查", "“10+1”民生领域专项整治联合督查（第二轮）", "commission", "民生", "ZX-MS-10+1", 12, 0, 5, "", "", "", "复查第一轮督查问题整改", "", ""},
  {5, 9, "督导检查", "街道监察办公室规范化建设督导检查", "commission", "自身建设", "", 6, 0, 0, "各街道监察办公室", "", "", "督导检查街道监察办公室台账和办案规范", "", ""},
  {9, 23, "督导检查", "扫黑除恶“打伞破网”督导检查", "commission", "扫黑除恶", "ZX-SHCE", 8, 0, 0, "区公安分局", "", "", "督导涉黑涉恶案件背后腐败和“保护伞”线索办理", "", ""},
  {3, 30, "专题培训", "基层监察干部业务培训班", "commission", "自身建设", "", 126, 0, 0, "区委党校", "", "", "监察法及其实施条例专题培训", "", ""},
  {6, 28, "专题培训", "惠民惠农资金监管专题培训", "commission", "一卡通", "ZX-YKT", 210, 0, 0, "区委党校", "", "", "面向街道、社区干部讲解补贴政策与风险点", "", ""},
  {11, 20, "专题培训", "民生领域警示教育培训", "commission", "民生", "ZX-MS-10+1", 185, 0, 0, "区廉政教育基地", "", "", "以身边案教育身边人", "", ""},
  {2, 28, "制度机制", "惠民惠农补贴资金发放比对核查办法", "commission", "一卡通", "ZX-YKT", 0, 0, 0, "", "建立", "清纪发〔{}〕3号", "建立发放前比对核查机制", "", ""},
  {6, 5, "制度机制", "基层监察工作联系点制度", "commission", "自身建设", "", 0, 0, 0, "", "建立", "清纪发〔{}〕9号", "每个社区设监察联络员", "", ""},
  {9, 1, "制度机制", "窗口服务“好差评”监督办法", "commission", "窗口服务", "ZX-JC", 0, 0, 0, "", "修订", "清纪发〔{}〕15号", "修订窗口服务评价与问责办法", "", ""},
  {12, 10, "制度机制", "对口支援资金监督管理办法", "commission", "对口支援", "ZX-DK", 0, 0, 0, "", "修订", "清纪发〔{}〕21号", "修订资金拨付审批流程", "", ""},
  {7, 8, "以案促改", "低保资金冒领案以案促改专题会", "street-01", "民生", "ZX-MS-10+1", 40, 0, 0, "城关街道办事处", "", "", "剖析案件暴露的审核漏洞", "", "低保动态复核流于形式"},
  {12, 3, "以案促改", "“一卡通”截留案警示教育大会", "commission", "一卡通", "ZX-YKT", 150, 0, 0, "区会议中心", "", "", "通报典型案例，开展警示教育", "", ""},
};
// clang-format on

Result<int> Year(store::Database& db, Date fallback_today) {
  QF_ASSIGN_OR_RETURN(auto as_of, store::QueryText(db, "SELECT MAX(as_of) FROM check_runs"));
  if (as_of) {
    if (auto date = Date::Parse(*as_of)) return date->year();
  }
  return fallback_today.year() - 1;
}

Result<std::optional<Actor>> StaffActor(store::Database& db, const char* username, Role role) {
  QF_ASSIGN_OR_RETURN(auto id, store::QueryInt(db, "SELECT user_id FROM users WHERE username = ?",
                                               std::string_view(username)));
  if (!id) return std::optional<Actor>();
  return std::optional<Actor>(Actor{*id, username, {role}, "commission"});
}

// The community units, in code order, to deal out to the 联合督查 and visits.
Result<std::vector<std::string>> Communities(store::Database& db) {
  return store::QueryRows<std::string>(
      db, "SELECT name FROM units WHERE kind = 'community' ORDER BY code",
      [](const store::Statement& s) { return s.Text(0); });
}

std::string Places(const Seed& s, const std::vector<std::string>& communities, size_t& next) {
  if (s.communities == 0 || communities.empty()) return s.places;
  std::string out;
  for (int i = 0; i < s.communities; ++i) {
    if (!out.empty()) out += "、";
    out += communities[next++ % communities.size()];
  }
  return out;
}

activities::ActivityFields FieldsOf(const Seed& s, int year, const std::string& places,
                                    bool unit_known) {
  return {{"kind", s.kind},
          {"held_on", fmt::format("{}-{:02d}-{:02d}", year, s.month, s.day)},
          {"title", s.title},
          {"unit", unit_known ? s.unit : "commission"},
          {"domain", s.domain},
          {"campaigns", s.campaigns},
          {"participants", s.participants ? std::to_string(s.participants) : ""},
          {"visited", s.visited ? std::to_string(s.visited) : ""},
          {"places", places},
          {"mechanism", s.mechanism},
          {"doc_number", fmt::format(fmt::runtime(s.doc_number), year)},
          {"summary", s.summary},
          {"clue_problems", s.clue_problem},
          {"rectification_problems", s.rectification_problem}};
}

}  // namespace

Result<DemoActivitiesResult> SeedDemoActivities(store::Database& db,
                                                const crypto::FieldCipher& cipher,
                                                const DemoActivitiesOptions& options) {
  DemoActivitiesResult result;
  QF_ASSIGN_OR_RETURN(auto any, store::QueryInt(db, "SELECT 1 FROM activities LIMIT 1"));
  if (any) return DemoActivitiesResult{.skipped = "库中已有活动台账"};
  QF_ASSIGN_OR_RETURN(auto intake, StaffActor(db, "sunli", Role::kIntake));
  QF_ASSIGN_OR_RETURN(auto handler, StaffActor(db, "zhoutao", Role::kHandler));
  if (!intake || !handler) return DemoActivitiesResult{.skipped = "库中没有演示案件的工作人员"};
  QF_ASSIGN_OR_RETURN(result.year, Year(db, options.fallback_today));
  QF_ASSIGN_OR_RETURN(auto communities, Communities(db));
  QF_ASSIGN_OR_RETURN(casework::UnitTree tree, casework::LoadUnitTree(db));
  DayClock clock;
  casework::CaseworkService service(db, clock, cipher, options.casework);
  activities::ActivityBook book(db, clock, cipher, service);
  // In date order, so that the ledger's audit entries read as the year went.
  std::vector<Seed> seeds(std::begin(kSeeds), std::end(kSeeds));
  std::stable_sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) {
    return std::pair(a.month, a.day) < std::pair(b.month, b.day);
  });
  size_t next = 0;
  for (const Seed& s : seeds) {
    std::string places = Places(s, communities, next);
    auto input = activities::ParseActivity(
        FieldsOf(s, result.year, places, tree.Find(s.unit) != nullptr), tree);
    if (!input) return std::unexpected(input.error().WithContext(s.title));
    clock.SetDay(input->held_on);
    // A clue is registered by the 受理员, a 整改事项 issued by the 承办人.
    const Actor& by = *s.rectification_problem ? *handler : *intake;
    QF_RETURN_IF_ERROR(book.Create(by, *input));
    ++result.activities;
    result.problems += static_cast<int>(input->problems.size());
  }
  result.seeded = true;
  return result;
}

}  // namespace qf::demo
