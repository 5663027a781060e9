// The demo's stationed groups, their 三为主一报告, and the People's Congress's opinions and
// suggestions, seeded through oversight's books in date order.
#include "demo/oversight_book.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/citizen_id.h"
#include "core/result_macros.h"
#include "demo/book_clock.h"
#include "oversight/congress.h"
#include "oversight/report_schedule.h"
#include "oversight/stationed_reports.h"
#include "store/query.h"

namespace qf::demo {
namespace {

using casework::Actor;
using casework::Role;
using oversight::NewCongressItem;

struct DemoUnit {
  const char* code;
  const char* name;
  const char* kind;
  const char* parent;
};

// Three groups under the commission, each supervising two departments.
constexpr DemoUnit kUnits[] = {
    {"stationed-1", "区纪委监委派驻第一纪检监察组", "stationed_group", "commission"},
    {"stationed-2", "区纪委监委派驻第二纪检监察组", "stationed_group", "commission"},
    {"stationed-3", "区纪委监委派驻第三纪检监察组", "stationed_group", "commission"},
    {"dept-civil", "区民政局", "department", "stationed-1"},
    {"dept-hrss", "区人力资源和社会保障局", "department", "stationed-1"},
    {"dept-housing", "区住房和城乡建设局", "department", "stationed-2"},
    {"dept-health", "区卫生健康局", "department", "stationed-2"},
    {"dept-market", "区市场监督管理局", "department", "stationed-3"},
    {"dept-education", "区教育局", "department", "stationed-3"},
};

struct DemoStaff {
  const char* username;
  const char* display_name;
  Role role;
  const char* unit;
  const char* id_first17;
};

constexpr DemoStaff kStaff[] = {
    {"liuyang", "派驻第一组 刘洋", Role::kHandler, "stationed-1", "11010119830212201"},
    {"chenhao", "派驻第二组 陈浩", Role::kHandler, "stationed-2", "11010119810315211"},
    {"yangfan", "派驻第三组 杨帆", Role::kHandler, "stationed-3", "11010119860418222"},
    {"mazhen", "区民政局联络员 马震", Role::kLiaison, "dept-civil", "11010119790521231"},
    {"luoping", "区卫健局联络员 罗平", Role::kLiaison, "dept-health", "11010119880624242"},
    {"tianyu", "区住建局联络员 田宇", Role::kLiaison, "dept-housing", "11010119840727251"},
    {"hehong", "区市场监管局联络员 何红", Role::kLiaison, "dept-market", "11010119870830262"},
    {"jiangli", "城关街道 江丽", Role::kHandler, "street-01", "11010119850902271"},
    {"songkai", "东湖街道 宋凯", Role::kHandler, "street-02", "11010119821005281"},
};

class Seeder {
 public:
  Seeder(store::Database& db, const crypto::FieldCipher& cipher,
         const DemoOversightOptions& options)
      : db_(db),
        service_(db, clock_, cipher, options.casework),
        reports_(db, clock_, cipher),
        congress_(db, clock_, cipher),
        today_(options.fallback_today) {}

  Result<DemoOversightResult> Run() {
    QF_ASSIGN_OR_RETURN(auto any, store::QueryInt(db_,
                                                  "SELECT 1 FROM stationed_reports UNION ALL "
                                                  "SELECT 1 FROM congress_items LIMIT 1"));
    if (any) return result_;
    QF_ASSIGN_OR_RETURN(year_, DemoBookYear(db_, today_));
    result_.year = year_;
    clock_.SetDay(*Date::FromYmd(year_, 1, 6));
    QF_RETURN_IF_ERROR(AddUnits());
    QF_RETURN_IF_ERROR(AddStaff());
    Reports();
    Opinions();
    Suggestions();
    QF_RETURN_IF_ERROR(RunTimeline());
    result_.seeded = true;
    return result_;
  }

 private:
  Result<void> AddUnits() {
    for (const DemoUnit& u : kUnits) {
      QF_ASSIGN_OR_RETURN(auto exists, store::QueryInt(db_, "SELECT 1 FROM units WHERE code = ?",
                                                       std::string_view(u.code)));
      if (exists) continue;
      auto added = service_.AddUnit(
          admin_, {{"code", u.code}, {"name", u.name}, {"kind", u.kind}, {"parent", u.parent}});
      if (!added) return std::unexpected(added.error());
      ++result_.units;
    }
    return {};
  }

  Result<Actor> ActorOf(std::string_view username) {
    QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                              "SELECT user_id, roles, unit_code FROM users "
                                              "WHERE username = ?",
                                              username));
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("演示账户 {} 不存在：请先生成演示案件", username));
    }
    return Actor{st->Int(0), std::string(username),
                 casework::ParseRoleList(st->Text(1)).value_or(std::vector<Role>{}), st->Text(2)};
  }

  Result<void> AddStaff() {
    for (const DemoStaff& s : kStaff) {
      QF_ASSIGN_OR_RETURN(auto id,
                          store::QueryInt(db_, "SELECT user_id FROM users WHERE username = ?",
                                          std::string_view(s.username)));
      if (id) continue;
      std::string number = std::string(s.id_first17) + CitizenId::CheckCharacter(s.id_first17);
      auto made = service_.AddUserFromCli(s.username, s.display_name, {s.role}, s.unit, "",
                                          std::move(number));
      if (!made) return std::unexpected(made.error());
    }
    for (std::string_view name : {"sunli", "wugang"}) {
      QF_ASSIGN_OR_RETURN(actors_[std::string(name)], ActorOf(name));
    }
    for (const DemoStaff& s : kStaff) {
      QF_ASSIGN_OR_RETURN(actors_[s.username], ActorOf(s.username));
    }
    return {};
  }
  const Actor& A(const std::string& name) const { return actors_.at(name); }

  // ---- The timeline: steps run in date order; none dated after today is taken. --------------

  using Step = std::function<Result<void>()>;
  void At(Date day, Step step) {
    if (day < today_) timeline_.push_back({day, std::move(step)});
  }
  void At(int month, int day, Step step) { At(*Date::FromYmd(year_, month, day), std::move(step)); }
  Result<void> RunTimeline() {
    std::stable_sort(timeline_.begin(), timeline_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [day, step] : timeline_) {
      clock_.SetDay(day);
      QF_RETURN_IF_ERROR(step());
    }
    return {};
  }

  Result<int64_t> ReportId(const std::string& unit, const std::string& period) {
    QF_ASSIGN_OR_RETURN(auto id, store::QueryInt(db_,
                                                 "SELECT report_id FROM stationed_reports WHERE "
                                                 "unit_code = ? AND period = ?",
                                                 unit, period));
    if (!id) return Fail(ErrorCode::kNotFound, fmt::format("{} {} 未排入计划", unit, period));
    return *id;
  }

  // 三为主一报告: each group submits three days before the due day and the commission reads it
  // two days later — except group 2's second quarter (five days late), group 1's third quarter
  // (returned for more, submitted again) and group 3's third quarter (never submitted: 逾期未报).
  void Reports() {
    At(1, 8, [this]() -> Result<void> {
      QF_ASSIGN_OR_RETURN(result_.reports, reports_.Schedule(A("sunli"), year_));
      return {};
    });
    const char* groups[][2] = {
        {"stationed-1", "liuyang"}, {"stationed-2", "chenhao"}, {"stationed-3", "yangfan"}};
    for (const auto& [unit, staff] : groups) {
      for (const oversight::ReportDue& due : oversight::ReportsDue(year_)) {
        const std::string u = unit, who = staff, period = due.period;
        const bool q3 = period.ends_with("-Q3");
        if (u == "stationed-3" && q3) continue;
        const int offset = (u == "stationed-2" && period.ends_with("-Q2")) ? 5 : -3;
        const Date submitted = due.due.AddDays(offset);
        const std::string text = fmt::format(
            "{}：本期围绕监督检查、审查调查、日常监督开展工作，列席驻在部门党组会议，开展谈话提醒，"
            "对民生资金发放情况进行抽查，发现问题均已督促整改。",
            oversight::ReportPeriodName(period));
        At(submitted, [this, u, who, period, text]() -> Result<void> {
          QF_ASSIGN_OR_RETURN(int64_t id, ReportId(u, period));
          return reports_.Submit(A(who), id, text, std::nullopt);
        });
        const bool returned = u == "stationed-1" && q3;
        At(submitted.AddDays(2), [this, u, period, returned]() -> Result<void> {
          QF_ASSIGN_OR_RETURN(int64_t id, ReportId(u, period));
          return reports_.Review(A("wugang"), id, !returned,
                                 returned ? "未报告驻在部门整改落实情况，请补充后重报" : "");
        });
        if (!returned) continue;
        At(submitted.AddDays(6), [this, u, who, period, text]() -> Result<void> {
          QF_ASSIGN_OR_RETURN(int64_t id, ReportId(u, period));
          return reports_.Submit(A(who), id, text + "已补充驻在部门整改落实情况。", std::nullopt);
        });
      }
    }
  }

  struct Task {
    const char* unit;
    int due_month, due_day;
    const char* content;
    const char* answerer;
    int done_month, done_day;  // 0: answered 办理中 only
    const char* response;
  };

  void Opinion(int month, int day, NewCongressItem item, std::vector<Task> tasks) {
    item.kind = std::string(oversight::kOpinion);
    item.received_on = Date::FromYmd(year_, month, day)->ToString();
    auto key = std::make_shared<int64_t>(0);
    At(month, day, [this, item, key]() -> Result<void> {
      QF_ASSIGN_OR_RETURN(*key, congress_.Create(A("sunli"), item));
      ++result_.opinions;
      return {};
    });
    const Date received = *Date::FromYmd(year_, month, day);
    for (const Task& t : tasks) {
      auto task = std::make_shared<int64_t>(0);
      At(received.AddDays(2), [this, t, key, task]() -> Result<void> {
        QF_ASSIGN_OR_RETURN(
            *task,
            congress_.AddTask(A("sunli"), *key,
                              {.unit_code = t.unit,
                               .due_on = Date::FromYmd(year_, t.due_month, t.due_day)->ToString(),
                               .content = t.content}));
        return {};
      });
      const bool done = t.done_month != 0;
      const Date answered =
          done ? *Date::FromYmd(year_, t.done_month, t.done_day) : received.AddDays(20);
      At(answered, [this, t, task, done]() -> Result<void> {
        return congress_.Respond(A(t.answerer), *task,
                                 {.response = t.response, .done = done, .completed_on = ""});
      });
    }
  }

  void Opinions() {
    Opinion(
        3, 20,
        {.kind = "",
         .received_on = "",
         .source = "区人大常委会第二十三次会议",
         .doc_no = fmt::format("区人常审〔{}〕5号", year_),
         .title = "关于全区民生领域不正之风和腐败问题专项整治工作情况报告的审议意见",
         .body = "一、加强低保、救助资金发放的监督，防止优亲厚友；二、强化派驻监督，压实驻在部门"
                 "主体责任；三、健全群众诉求闭环办理机制。"},
        {{"street-01", 6, 30, "开展低保对象入户复核，清理不符合条件的保障对象", "jiangli", 6, 18,
          "已完成辖区低保对象入户复核 312 户，清退不符合条件对象 9 户。"},
         {"dept-civil", 6, 30, "建立民政资金发放与殡葬、户籍数据比对机制", "mazhen", 6, 25,
          "已与公安、殡葬管理所建立按月数据比对，停发死亡人员待遇 14 人。"},
         {"stationed-1", 6, 30, "对驻在部门民生资金监管情况开展专项监督检查", "liuyang", 0, 0,
          "已完成区民政局专项检查，区人社局检查正在进行。"}});
    Opinion(8, 15,
            {.kind = "",
             .received_on = "",
             .source = "区人大常委会第二十六次会议",
             .doc_no = fmt::format("区人常审〔{}〕9号", year_),
             .title = "关于优化营商环境监督工作情况的审议意见",
             .body = "一、整治窗口单位吃拿卡要、推诿扯皮；二、规范涉企检查，减少重复检查。"},
            {{"dept-market", 11, 30, "清理规范涉企检查事项，公开检查清单", "hehong", 11, 10,
              "已公布涉企检查事项清单 36 项，合并重复检查 11 项。"},
             {"street-02", 12, 20, "开展窗口服务作风明察暗访", "songkai", 12, 5,
              "开展明察暗访 6 次，通报问题 4 个，均已整改。"}});
  }

  void Suggestion(int month, int day, const char* deputy, int number, const char* title,
                  const char* unit, int due_month, const char* answerer, int done_month,
                  const char* response, const char* satisfaction) {
    NewCongressItem item{
        .kind = std::string(oversight::kSuggestion),
        .received_on = Date::FromYmd(year_, month, day)->ToString(),
        .source = deputy,
        .doc_no = fmt::format("第{}{:03d}号", year_, number),
        .title = title,
        .body = fmt::format("{}。建议有关部门加强监督，定期向代表通报办理情况。", title),
        .unit_code = unit,
        .due_on = Date::FromYmd(year_, due_month, 28)->ToString()};
    auto key = std::make_shared<int64_t>(0);
    At(month, day, [this, item, key]() -> Result<void> {
      QF_ASSIGN_OR_RETURN(*key, congress_.Create(A("sunli"), item));
      ++result_.suggestions;
      return {};
    });
    const bool done = done_month != 0;
    const std::string text = response;
    const std::string who = answerer;
    At(done ? done_month : month + 1, 12, [this, key, who, text, done]() -> Result<void> {
      QF_ASSIGN_OR_RETURN(oversight::CongressItem it, congress_.Get(A("sunli"), *key));
      return congress_.Respond(A(who), it.tasks.at(0).id,
                               {.response = text, .done = done, .completed_on = ""});
    });
    if (!done) return;
    const std::string rating = satisfaction;
    At(done_month, 20,
       [this, key, rating]() -> Result<void> { return congress_.Rate(A("sunli"), *key, rating); });
  }

  void Suggestions() {
    Suggestion(2, 26, "王建华", 12, "关于加强农村集体“三资”监管的建议", "street-01", 6, "jiangli",
               5, "已对辖区 12 个社区集体资产开展清查，建立三资台账并按季度公开。", "满意");
    Suggestion(3, 5, "李秀英", 37, "关于规范医保基金使用的建议", "dept-health", 7, "luoping", 7,
               "已开展定点医疗机构专项检查，追回违规使用医保基金 23.6 万元。", "基本满意");
    Suggestion(9, 10, "张国栋", 58, "关于整治工程招投标领域突出问题的建议", "dept-housing", 12,
               "tianyu", 0, "已梳理近三年政府投资项目 48 个，正在逐项核查招投标程序。", "");
  }

  store::Database& db_;
  BookClock clock_;
  casework::CaseworkService service_;
  oversight::StationedReportBook reports_;
  oversight::CongressBook congress_;
  Date today_;
  int year_ = 0;
  DemoOversightResult result_;
  std::map<std::string, Actor> actors_;
  std::vector<std::pair<Date, Step>> timeline_;
  Actor admin_{0, "demo", {Role::kSystemAdmin}, "commission"};
};

}  // namespace

Result<DemoOversightResult> SeedDemoOversight(store::Database& db,
                                              const crypto::FieldCipher& cipher,
                                              const DemoOversightOptions& options) {
  return Seeder(db, cipher, options).Run();
}

}  // namespace qf::demo
