// Stage 6: enterprise project funds (涉企项目资金) — projects of the district's 经信/发改/科技/商务
// bureaus, their payments and supporting invoices — with planted R21–R25 problems. Background
// projects are clean with margin except for deliberate near misses on every boundary: payments
// equal to the approval, an approval equal to investment × max_ratio, a 验收后 payment on the
// acceptance day, an applicant registered exactly shell_company_days before applying, an
// invoice number reused under another invoice code. Applicants' people stay outside the broad
// relatives of the project's reviewer and approver.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "synth/internal/codes.h"
#include "synth/internal/district.h"

namespace qf::synth::internal {
namespace {

constexpr int32_t kShellDays = 180;  // config/rules.toml shell_company_days

struct ProgramKind {
  const char* program;
  const char* department;
  const char* subject;
};
constexpr ProgramKind kPrograms[] = {
    {"工业企业技术改造专项", "余杭区经济和信息化局", "智能化生产线改造"},
    {"数字化转型专项", "余杭区经济和信息化局", "工业互联网平台建设"},
    {"科技型企业研发补助", "余杭区科学技术局", "新产品研发"},
    {"外贸发展专项", "余杭区商务局", "境外展会参展"},
    {"重大产业项目扶持", "余杭区发展和改革局", "新建厂房及设备购置"}};
constexpr const char* kTrades[] = {"智能装备", "新材料",   "电子科技",
                                   "生物医药", "精密机械", "纺织科技"};
constexpr const char* kSellers[] = {"杭州精工设备有限公司", "浙江华东机电有限公司",
                                    "杭州云栖软件有限公司", "宁波恒力自动化有限公司",
                                    "上海申达仪器有限公司", "杭州国际会展服务有限公司"};

class Projects {
 public:
  explicit Projects(District& d) : d_(d), rng_(d.seed, 6), as_of_(d.AsOf()) {}

  void Run() {
    Pools();
    if (handlers_.size() < 2 || pool_.empty()) return;
    const int background = static_cast<int>(std::max<int64_t>(24, d_.target_persons / 400));
    for (int i = 0; i < background; ++i) Background(i % 9 == 4);
    const int plants = std::max(3, d_.PlantCount() / 3);
    for (int k = 0; k < plants; ++k) {
      PlantSharedInvoice();
      PlantOverpaid(k);
      PlantEarlyPayment(k);
      PlantShellCompany(k);
      PlantRelatedOfficial(k);
    }
    NumberProjects();
  }

 private:
  Person& P(int32_t i) { return d_.persons[static_cast<size_t>(i)]; }
  bool Untouched(int32_t p) {
    const Household& h = d_.households[static_cast<size_t>(P(p).household)];
    return !P(p).used && !h.used && !h.poor;
  }

  // Reviewers and approvers: serving 公务员 in persons; company people: adults outside every
  // means-tested household and every plant (a 股东 or 法定代表人 would disqualify a household).
  void Pools() {
    kin_ = KinshipAdjacency(d_);
    for (const Official& o : d_.officials) {
      if (o.person >= 0 && !o.IsCadre() && o.end == kNoDate &&
          std::string_view(o.category) == "公务员" && Untouched(o.person)) {
        handlers_.push_back(o.person);
      }
    }
    for (size_t i = 0; i < d_.persons.size(); ++i) {
      const auto p = static_cast<int32_t>(i);
      const int age = AgeOn(P(p).birth, Ymd(kYear, 1, 1));
      if (age >= 28 && age <= 65 && P(p).death == kNoDate && !P(p).no_means && Untouched(p)) {
        pool_.push_back(p);
      }
    }
  }

  // A person unrelated (broad reading) to both handlers of project `pr`.
  int32_t Outsider(const Project& pr) {
    std::set<int32_t> near;
    for (int32_t h : {pr.reviewer, pr.approver}) {
      for (int32_t r : BroadRelatives(d_, kin_, h)) near.insert(r);
    }
    while (true) {
      const int32_t p = rng_.Pick(pool_);
      if (near.count(p) == 0) return p;
    }
  }

  int32_t NewCompany(int32_t registered, bool active) {
    Company c;
    c.credit_code = MakeCreditCode("330110", ++d_.company_counter);
    c.name = fmt::format("杭州{}{}有限公司", kWords[rng_.Below(std::size(kWords))],
                         kTrades[rng_.Below(std::size(kTrades))]);
    c.registered = registered;
    c.active = active;
    d_.companies.push_back(std::move(c));
    return static_cast<int32_t>(d_.companies.size()) - 1;
  }
  void AddRole(int32_t company, int32_t person, const char* role) {
    d_.company_roles.push_back({company, person, role});
  }

  // A clean project: registered company, two unrelated handlers, approval within the cap,
  // payments summing to the approval, accepted unless still running.
  int32_t NewProject(int32_t applied, int32_t registered_before = 0) {
    Project pr;
    const ProgramKind& kind = kPrograms[rng_.Below(std::size(kPrograms))];
    pr.program = kind.program;
    pr.department = kind.department;
    pr.name = fmt::format("年产{}万件{}项目", rng_.Range(5, 80), kind.subject);
    pr.applied = applied;
    pr.approved_date = applied + static_cast<int32_t>(rng_.Range(20, 60));
    pr.reviewer = rng_.Pick(handlers_);
    const auto near = BroadRelatives(d_, kin_, pr.reviewer);
    do {
      pr.approver = rng_.Pick(handlers_);
    } while (std::find(near.begin(), near.end(), pr.approver) != near.end());
    pr.investment = rng_.Range(50, 3000) * 1'000'000;  // 50万 … 3000万元, whole 10,000 yuan
    if (rng_.Chance(700)) {
      static const char* kRatios[] = {"0.3", "30%", "0.2", "20%", "0.25", "15%"};
      pr.ratio = kRatios[rng_.Below(std::size(kRatios))];
      const int64_t percent = RatioPercent(pr.ratio);
      pr.approved = pr.investment * percent / 100 * rng_.Range(60, 95) / 100 / 10000 * 10000;
    } else {
      pr.approved = pr.investment * rng_.Range(5, 20) / 100 / 10000 * 10000;
    }
    const int32_t registered = registered_before > 0
                                   ? applied - registered_before
                                   : applied - static_cast<int32_t>(rng_.Range(400, 5000));
    pr.company = NewCompany(registered, true);
    d_.projects.push_back(pr);
    const auto index = static_cast<int32_t>(d_.projects.size()) - 1;
    const int32_t rep = Outsider(pr);
    AddRole(pr.company, rep, "法定代表人");
    if (rng_.Chance(500)) AddRole(pr.company, Outsider(pr), "股东");
    Invoices(index);
    Payments(index);
    return index;
  }

  static int64_t RatioPercent(std::string_view ratio) {
    if (ratio.ends_with('%')) return std::stoll(std::string(ratio.substr(0, ratio.size() - 1)));
    return std::llround(std::stod(std::string(ratio)) * 100);
  }

  void Invoices(int32_t project) {
    const Project& pr = d_.projects[static_cast<size_t>(project)];
    const int count = static_cast<int>(rng_.Range(2, 4));
    for (int i = 0; i < count; ++i) {
      ProjectInvoice v;
      v.project = project;
      v.code = fmt::format("0330{:08d}", rng_.Range(1, 99'999'999));
      v.number = fmt::format("{:08d}", ++invoice_serial_);
      v.seller = kSellers[rng_.Below(std::size(kSellers))];
      v.amount = pr.investment / count;
      v.issued = pr.applied - static_cast<int32_t>(rng_.Range(10, 200));
      d_.project_invoices.push_back(std::move(v));
    }
  }

  // 预拨 a share after approval; the rest 验收后 after the acceptance, when it has happened.
  void Payments(int32_t project) {
    Project& pr = d_.projects[static_cast<size_t>(project)];
    const int64_t advance = pr.approved * rng_.Range(2, 5) / 10 / 100 * 100;
    const int32_t advance_day = pr.approved_date + static_cast<int32_t>(rng_.Range(10, 30));
    if (advance_day > as_of_) return;
    d_.project_payments.push_back({project, advance, advance_day, false});
    const int32_t accepted = advance_day + static_cast<int32_t>(rng_.Range(90, 400));
    if (accepted + 30 > as_of_) return;  // still running: not accepted yet
    pr.accepted = accepted;
    const int32_t final_day = accepted + static_cast<int32_t>(rng_.Range(0, 25));
    d_.project_payments.push_back({project, pr.approved - advance, final_day, true});
  }

  int32_t Applied() {
    return static_cast<int32_t>(rng_.Range(Ymd(kYear - 3, 1, 10), Ymd(kYear, 6, 30)));
  }

  // Near misses, one kind per background project in turn.
  void Background(bool near_miss) {
    const int32_t index = NewProject(Applied(), near_miss ? kShellDays : 0);
    if (!near_miss) return;
    Project& pr = d_.projects[static_cast<size_t>(index)];
    pr.ratio = "30%";  // approval exactly investment × max_ratio
    pr.approved = pr.investment * 3 / 10;
    for (ProjectPayment& p : d_.project_payments) {
      if (p.project != index) continue;
      if (!p.after_acceptance) p.amount = pr.approved * 3 / 10;
      if (p.after_acceptance) {
        p.amount = pr.approved - pr.approved * 3 / 10;
        p.paid = pr.accepted;  // on the acceptance day: not before it
      }
    }
    // Paid twice by mistake and reversed: the signed sum is still the approval.
    ProjectPayment twice = d_.project_payments.back();
    if (twice.project == index) {
      d_.project_payments.push_back(twice);
      twice.amount = -twice.amount;
      twice.paid += 3;
      d_.project_payments.push_back(twice);
    }
    // The same invoice number under another invoice code is another invoice.
    ProjectInvoice copy;
    for (const ProjectInvoice& v : d_.project_invoices) {
      if (v.project != index) copy = v;
    }
    copy.project = index;
    copy.code = fmt::format("0330{:08d}", rng_.Range(1, 99'999'999));
    d_.project_invoices.push_back(copy);
  }

  // Truth keys refer to projects by index until NumberProjects() names them.
  void Truth(const char* rule, int32_t project, const std::string& id_number = "") {
    pending_.push_back({rule, project, id_number});
  }

  void PlantSharedInvoice() {  // R21
    const int32_t a = NewProject(Applied());
    const int32_t b = NewProject(Applied());
    ProjectInvoice shared;
    for (const ProjectInvoice& v : d_.project_invoices) {
      if (v.project == a) shared = v;
    }
    shared.project = b;
    d_.project_invoices.push_back(shared);
    d_.truth.push_back({"R21", "", "", "", "", shared.code + "-" + shared.number});
  }

  void PlantOverpaid(int k) {  // R22: paid beyond the approval, or approved beyond the cap
    const int32_t index =
        NewProject(Ymd(kYear - 2, 3, 1) + static_cast<int32_t>(rng_.Range(0, 200)));
    Project& pr = d_.projects[static_cast<size_t>(index)];
    if (k % 2 == 0) {
      const int32_t last = pr.accepted != kNoDate ? pr.accepted : pr.approved_date + 15;
      d_.project_payments.push_back(
          {index, rng_.Range(1, 500) * 10000, std::min(as_of_, last + 40), pr.accepted != kNoDate});
    } else {
      pr.ratio = k % 4 == 1 ? "0.2" : "20%";
      pr.approved = pr.investment / 5 + rng_.Range(1, 200000);
      // Payments still within the approval: recompute them for the new approval.
      std::erase_if(d_.project_payments,
                    [&](const ProjectPayment& p) { return p.project == index; });
      Payments(index);
    }
    Truth("R22", index);
  }

  void PlantEarlyPayment(int k) {  // R23: 验收后 money before the acceptance, or with none
    const int32_t index =
        NewProject(Ymd(kYear - 2, 3, 1) + static_cast<int32_t>(rng_.Range(0, 200)));
    Project& pr = d_.projects[static_cast<size_t>(index)];
    for (ProjectPayment& p : d_.project_payments) {
      if (p.project != index || !p.after_acceptance) continue;
      if (k % 2 == 0) {
        p.paid = pr.accepted - static_cast<int32_t>(rng_.Range(1, 40));
      } else {
        pr.accepted = kNoDate;
      }
    }
    Truth("R23", index);
  }

  void PlantShellCompany(int k) {  // R24: absent, closed, or too young when applying
    const int32_t applied = Applied();
    const int variant = k % 3;
    const int32_t index =
        NewProject(applied, variant == 2 ? static_cast<int32_t>(rng_.Range(1, kShellDays - 1)) : 0);
    Company& c = d_.companies[static_cast<size_t>(d_.projects[static_cast<size_t>(index)].company)];
    if (variant == 0) {
      std::erase_if(d_.company_roles, [&](const CompanyRole& r) {
        return r.company == d_.projects[static_cast<size_t>(index)].company;
      });
    } else if (variant == 1) {
      c.active = false;
    }
    Truth("R24", index);
  }

  void PlantRelatedOfficial(int k) {  // R25: the handler, their household, or their kin
    const int32_t index = NewProject(Applied());
    const Project& pr = d_.projects[static_cast<size_t>(index)];
    const int variant = k % 3;
    const int32_t official = variant == 1 ? pr.approver : pr.reviewer;
    int32_t who = official;
    const Household& h = d_.households[static_cast<size_t>(P(official).household)];
    if (variant == 1 && h.size > 1) {
      who = h.first == official ? h.first + 1 : h.first;
    } else if (variant == 2 && !kin_[static_cast<size_t>(official)].empty()) {
      who = kin_[static_cast<size_t>(official)].front();
    }
    // 高管 is no disqualifying asset (R09), so a relative's household keeps its aid unaffected.
    AddRole(pr.company, who, "高管");
    Truth("R25", index, P(official).id);
  }

  // Project numbers in shuffled order, so planted projects are not recognisable by number.
  void NumberProjects() {
    std::vector<size_t> order(d_.projects.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    rng_.Shuffle(order);
    for (size_t i = 0; i < d_.projects.size(); ++i) {
      const int year = Date::FromDays(d_.projects[i].applied).year();
      d_.projects[i].id = fmt::format("YH{}-{:04d}", year, order[i] + 1);
    }
    for (const auto& t : pending_) {
      d_.truth.push_back(
          {t.rule, t.id_number, "", "", "", d_.projects[static_cast<size_t>(t.project)].id});
    }
  }

  struct Pending {
    const char* rule;
    int32_t project;
    std::string id_number;
  };
  static constexpr const char* kWords[] = {"恒达", "锦程", "瑞丰", "卓越",
                                           "鑫泰", "华宏", "永盛", "嘉禾"};

  District& d_;
  Rng rng_;
  int32_t as_of_;
  std::vector<std::vector<int32_t>> kin_;
  std::vector<int32_t> handlers_, pool_;
  std::vector<Pending> pending_;
  int64_t invoice_serial_ = 0;
};

}  // namespace

void BuildProjects(District& d) {
  Projects projects(d);
  projects.Run();
}

}  // namespace qf::synth::internal
