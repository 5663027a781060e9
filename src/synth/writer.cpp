// Formats the district as the canonical CSV tables of spec/dataset.md (and truth.csv). With
// noise, the same data is written messily but equivalently: GB18030 or BOM files, Chinese headers,
// legacy 15-digit IDs, lower-case x, full-width digits, apostrophes, every amount, date and period
// format, clerical name variants on payments (zero-width characters and ・ among them), a second
// source's record of some deaths and co-owners of some properties. Nothing the noise does
// changes a finding.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "core/citizen_id.h"
#include "core/money.h"
#include "synth/internal/dense_stream.h"
#include "synth/internal/district.h"
#include "synth/internal/names.h"
#include "text/encoding.h"
#include "text/names.h"

namespace qf::synth::internal {
namespace {

struct Column {
  const char* en;
  const char* zh;
};

class TableWriter {
 public:
  TableWriter(const std::filesystem::path& path, std::vector<Column> columns, bool chinese,
              bool gb18030, bool bom, bool noise, Rng rng)
      : path_(path), gb18030_(gb18030), noise_(noise), rng_(rng) {
    file_ = std::fopen(path.c_str(), "wb");
    if (bom && !gb18030) buffer_ += "\xEF\xBB\xBF";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) buffer_ += ',';
      buffer_ += chinese ? columns[i].zh : columns[i].en;
    }
    buffer_ += '\n';
  }
  ~TableWriter() {
    if (file_ != nullptr) std::fclose(file_);
  }
  bool ok() const { return file_ != nullptr && !failed_; }
  int64_t rows() const { return rows_; }
  Rng& rng() { return rng_; }
  bool noise() const { return noise_; }

  void Raw(std::string_view text) {
    if (!first_) buffer_ += ',';
    first_ = false;
    bool plain = true;
    for (char c : text) plain = plain && c != ',' && c != '"' && c != '\n';
    if (plain) {
      buffer_ += text;
      return;
    }
    buffer_ += '"';
    for (char c : text) {
      if (c == '"') buffer_ += '"';
      buffer_ += c;
    }
    buffer_ += '"';
  }
  void EndRow() {
    buffer_ += '\n';
    first_ = true;
    ++rows_;
    if (!gb18030_ && buffer_.size() > (8u << 20)) Flush();
  }

  // Formats with noise.
  void Id(std::string_view id) {
    if (!noise_ || id.size() != 18 || CitizenId::CheckCharacter(id.substr(0, 17)) != id[17] ||
        !rng_.Chance(80)) {
      return Raw(id);
    }
    std::string out(id);
    switch (rng_.Below(6)) {
      case 0:  // 港澳台 and foreigners' numbers never had a 15-digit form
        if (id.substr(6, 2) == "19" && id[0] != '8' && id[0] != '9')
          out = std::string(id.substr(0, 6)) + std::string(id.substr(8, 9));
        break;
      case 1:
        if (out.back() == 'X') out.back() = 'x';
        break;
      case 2: {
        std::string wide;
        for (char c : out) {
          const unsigned code = 0xFF10u + static_cast<unsigned>(c == 'X' ? 0x28 : c - '0');
          wide += static_cast<char>(0xE0 | (code >> 12));
          wide += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          wide += static_cast<char>(0x80 | (code & 0x3F));
        }
        out = wide;
        break;
      }
      case 3:
        out = "'" + out;
        break;
      case 4:
        out = " " + out + " ";
        break;
      default:
        out = "'" + out;
    }
    Raw(out);
  }
  void Day(int32_t days) {
    if (days == kNoDate) return Raw("");
    if (!noise_ || !rng_.Chance(150)) return Raw(IsoDate(days));
    const Date date = Date::FromDays(days);
    switch (rng_.Below(3)) {
      case 0:
        return Raw(fmt::format("{}/{}/{}", date.year(), date.month(), date.day()));
      case 1:
        return Raw(fmt::format("{:04d}{:02d}{:02d}", date.year(), date.month(), date.day()));
      default:
        return Raw(fmt::format("{}年{}月{}日", date.year(), date.month(), date.day()));
    }
  }
  void PeriodCell(int32_t code) {
    const Period p = Period::FromCode(code);
    if (noise_ && p.kind() == PeriodKind::kMonth && rng_.Chance(150)) {
      return Raw(fmt::format("{:04d}{:02d}", p.year(), p.index()));
    }
    if (noise_ && p.kind() == PeriodKind::kQuarter && rng_.Chance(300)) {
      return Raw(fmt::format("{}年第{}季度", p.year(), p.index()));
    }
    std::string& text = periods_[code];
    if (text.empty()) text = p.ToString();
    Raw(text);
  }
  void Amount(int64_t fen) {
    std::string plain = Money::FromFen(fen).ToYuanString();
    if (!noise_ || fen <= 0 || !rng_.Chance(150)) return Raw(plain);
    switch (rng_.Below(4)) {
      case 0: {
        if (fen < 100000) return Raw("¥" + plain);
        std::string whole = plain.substr(0, plain.size() - 3);
        std::string grouped;
        for (size_t i = 0; i < whole.size(); ++i) {
          if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
          grouped += whole[i];
        }
        return Raw(grouped + plain.substr(plain.size() - 3));
      }
      case 1:
        return Raw("¥" + plain);
      case 2:
        return Raw(plain + "元");
      default:
        if (plain.back() == '0') plain.pop_back();
        return Raw(plain);
    }
  }

 private:
  void Flush() {
    if (file_ != nullptr && !buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      failed_ = true;
    }
    buffer_.clear();
  }

  // ISO text of a date, memoised: the same few thousand dates recur millions of times.
  const std::string& IsoDate(int32_t days) {
    const size_t slot = static_cast<size_t>(days - kFirstDay);
    if (days < kFirstDay || slot >= kDays) {
      scratch_ = Date::FromDays(days).ToString();
      return scratch_;
    }
    if (dates_.empty()) dates_.resize(kDays);
    if (dates_[slot].empty()) dates_[slot] = Date::FromDays(days).ToString();
    return dates_[slot];
  }
  static constexpr int32_t kFirstDay = -25567;  // 1900-01-01
  static constexpr size_t kDays = 200 * 366;
  std::vector<std::string> dates_;
  std::string scratch_;
  std::unordered_map<int32_t, std::string> periods_;

  std::filesystem::path path_;
  bool gb18030_, noise_;
  Rng rng_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool first_ = true;
  bool failed_ = false;
  int64_t rows_ = 0;

 public:
  Result<int64_t> Close() {
    if (gb18030_) {
      auto converted = text::Utf8ToGb18030(buffer_);
      if (!converted) return std::unexpected(converted.error());
      buffer_ = std::move(*converted);
    }
    Flush();
    if (file_ == nullptr || failed_ || std::fclose(file_) != 0) {
      file_ = nullptr;
      return Fail(ErrorCode::kIo, fmt::format("无法写入文件 {}", path_.string()));
    }
    file_ = nullptr;
    return rows_;
  }
};

const char* RelationText(Relation r) {
  static const char* names[] = {"户主", "配偶", "子女", "父母", "兄弟姐妹", "孙子女", "其他"};
  return names[static_cast<int>(r)];
}

std::string Area(int64_t centi) { return fmt::format("{}.{:02d}", centi / 100, centi % 100); }

std::string CycleText(Cycle c) {
  switch (c) {
    case Cycle::kMonthly:
      return "月";
    case Cycle::kQuarterly:
      return "季";
    case Cycle::kYearly:
      return "年";
    default:
      return "一次";
  }
}

}  // namespace

Result<std::map<std::string, int64_t>> WriteDistrict(const District& d, bool noise,
                                                     const std::filesystem::path& dir) {
  std::map<std::string, int64_t> rows;
  Rng table_rng(d.seed, 6);
  const std::vector<std::string> gb_candidates = {"deaths",
                                                  "officials",
                                                  "kinship",
                                                  "companies",
                                                  "vehicles",
                                                  "properties",
                                                  "programs",
                                                  "enrolments",
                                                  "collective_transactions",
                                                  "collective_contracts",
                                                  "enterprise_projects",
                                                  "project_invoices"};
  int stream = 100;
  auto open = [&](const std::string& table, std::vector<Column> columns) {
    bool chinese = noise && (table == "officials" || table_rng.Chance(350));
    bool gb = noise && (table == "deaths" || (std::find(gb_candidates.begin(), gb_candidates.end(),
                                                        table) != gb_candidates.end() &&
                                              table_rng.Chance(300)));
    bool bom = noise && !gb && table_rng.Chance(200);
    if (d.progress) d.progress(fmt::format("写出 {}.csv", table), 0, 0);
    return std::make_unique<TableWriter>(dir / (table + ".csv"), std::move(columns), chinese, gb,
                                         bom, noise, Rng(d.seed, static_cast<uint64_t>(++stream)));
  };
  auto close = [&](const std::string& table, TableWriter& w) -> Result<void> {
    auto n = w.Close();
    if (!n) return std::unexpected(n.error());
    rows[table] = *n;
    return {};
  };
  const auto& persons = d.persons;
  auto pid = [&](int32_t p) -> const std::string& { return persons[static_cast<size_t>(p)].id; };
  auto pname = [&](int32_t p) -> const std::string& {
    return persons[static_cast<size_t>(p)].name;
  };
  auto community = [&](int32_t c) -> const std::string& {
    return d.communities[static_cast<size_t>(c)].name;
  };
#define QF_CLOSE(table, w) \
  if (auto r = close(table, *w); !r) return std::unexpected(r.error())

  {
    auto w = open("persons", {{"id_number", "身份证号"},
                              {"name", "姓名"},
                              {"sex", "性别"},
                              {"birth_date", "出生日期"},
                              {"region_code", "行政区划代码"},
                              {"community", "社区"},
                              {"household_id", "户号"},
                              {"relation", "与户主关系"}});
    for (size_t i = 0; i < persons.size(); ++i) {
      const Person& p = persons[i];
      if (d.progress && i % 200000 == 0)
        d.progress("写出 persons.csv", static_cast<int64_t>(i),
                   static_cast<int64_t>(persons.size()));
      w->Id(p.id);
      w->Raw(p.name);
      w->Raw(p.male ? "男" : "女");
      w->Day(p.birth);
      w->Raw("330110");
      w->Raw(community(p.community));
      w->Raw(d.households[static_cast<size_t>(p.household)].id);
      w->Raw(RelationText(p.relation));
      w->EndRow();
    }
    QF_CLOSE("persons", w);
  }
  {
    auto w = open("deaths", {{"id_number", "身份证号"},
                             {"name", "姓名"},
                             {"death_date", "死亡日期"},
                             {"source", "数据来源"}});
    static const char* sources[] = {"火化", "户籍注销", "死亡医学证明"};
    for (size_t i = 0; i < persons.size(); ++i) {
      if (persons[i].death == kNoDate) continue;
      w->Id(persons[i].id);
      w->Raw(persons[i].name);
      w->Day(persons[i].death);
      w->Raw(sources[i % 3]);
      w->EndRow();
      // Noise: a second department's record of the same death, dated a little later (the
      // cancellation follows the cremation). The earliest date counts, so nothing changes.
      if (noise && i % 4 == 0) {
        w->Id(persons[i].id);
        w->Raw(persons[i].name);
        w->Day(persons[i].death + 1 + static_cast<int32_t>(i % 9));
        w->Raw(sources[(i + 1) % 3]);
        w->EndRow();
      }
    }
    QF_CLOSE("deaths", w);
  }
  {
    auto w = open("officials", {{"id_number", "身份证号"},
                                {"name", "姓名"},
                                {"unit", "工作单位"},
                                {"position", "职务"},
                                {"category", "类别"},
                                {"community", "所在社区"},
                                {"start_date", "任职开始"},
                                {"end_date", "任职结束"}});
    for (const Official& o : d.officials) {
      w->Id(o.person >= 0 ? pid(o.person) : d.externals[static_cast<size_t>(o.external)].id);
      w->Raw(o.person >= 0 ? pname(o.person) : d.externals[static_cast<size_t>(o.external)].name);
      w->Raw(o.unit);
      w->Raw(o.position);
      w->Raw(o.category);
      w->Raw(o.community >= 0 ? community(o.community) : "");
      w->Day(o.start);
      w->Day(o.end);
      w->EndRow();
    }
    QF_CLOSE("officials", w);
  }
  {
    auto w =
        open("kinship",
             {{"id_number_a", "身份证号A"}, {"id_number_b", "身份证号B"}, {"relation", "关系"}});
    for (const Kinship& k : d.kinship) {
      w->Id(pid(k.a));
      w->Id(pid(k.b));
      w->Raw(k.relation);
      w->EndRow();
    }
    QF_CLOSE("kinship", w);
  }
  {
    auto w = open("companies", {{"credit_code", "统一社会信用代码"},
                                {"company_name", "企业名称"},
                                {"id_number", "身份证号"},
                                {"name", "姓名"},
                                {"role", "角色"},
                                {"registered_date", "成立日期"},
                                {"status", "状态"}});
    for (const CompanyRole& r : d.company_roles) {
      const Company& c = d.companies[static_cast<size_t>(r.company)];
      w->Raw(c.credit_code);
      w->Raw(c.name);
      w->Id(pid(r.person));
      w->Raw(pname(r.person));
      w->Raw(r.role);
      w->Day(c.registered);
      w->Raw(c.active ? "存续" : "注销");
      w->EndRow();
    }
    QF_CLOSE("companies", w);
  }
  {
    std::vector<Column> columns = {{"id_number", "身份证号"},
                                   {"name", "姓名"},
                                   {"plate", "号牌"},
                                   {"vehicle_type", "车辆类型"},
                                   {"registered_date", "登记日期"}};
    if (noise) columns.push_back({"remark", "备注"});  // an unknown column: ignored by the importer
    auto w = open("vehicles", columns);
    for (const Vehicle& v : d.vehicles) {
      w->Id(pid(v.person));
      w->Raw(pname(v.person));
      w->Raw(v.plate);
      w->Raw(v.type);
      w->Day(v.registered);
      if (noise) w->Raw(w->rng().Chance(100) ? "年检正常" : "");
      w->EndRow();
    }
    QF_CLOSE("vehicles", w);
  }
  {
    auto w = open("properties", {{"id_number", "身份证号"},
                                 {"name", "姓名"},
                                 {"certificate_no", "不动产权证号"},
                                 {"area_m2", "面积"},
                                 {"usage", "用途"},
                                 {"registered_date", "登记日期"}});
    auto row = [&](int32_t person, const Property& p) {
      w->Id(pid(person));
      w->Raw(pname(person));
      w->Raw(p.certificate);
      w->Raw(Area(p.area_dm2));
      w->Raw(p.usage);
      w->Day(p.registered);
      w->EndRow();
    };
    for (size_t i = 0; i < d.properties.size(); ++i) {
      const Property& p = d.properties[i];
      row(p.person, p);
      // Noise: a home co-owned with another household member is listed under both; it is still
      // one certificate, so one home for R09 (the boundary review).
      const Household& h =
          d.households[static_cast<size_t>(persons[static_cast<size_t>(p.person)].household)];
      if (noise && i % 3 == 0 && h.size > 1) {
        row(p.person == h.first ? h.first + 1 : h.first, p);
      }
    }
    QF_CLOSE("properties", w);
  }
  {
    auto w = open("programs", {{"code", "项目代码"},
                               {"name", "项目名称"},
                               {"department", "主管部门"},
                               {"domain", "领域"},
                               {"means_tested", "是否经济困难审核"},
                               {"period", "发放周期"},
                               {"standard", "标准"},
                               {"max_amount", "上限"},
                               {"min_age", "最低年龄"},
                               {"max_age", "最高年龄"},
                               {"exclusive_group", "互斥组"}});
    for (const Program& p : d.programs) {
      w->Raw(p.code);
      w->Raw(p.name);
      w->Raw(p.department);
      w->Raw(p.domain);
      w->Raw(p.means_tested ? "是" : "否");
      w->Raw(CycleText(p.cycle));
      if (p.standard > 0)
        w->Amount(p.standard);
      else
        w->Raw("");
      if (p.max_amount > 0)
        w->Amount(p.max_amount);
      else
        w->Raw("");
      w->Raw(p.min_age >= 0 ? std::to_string(p.min_age) : "");
      w->Raw(p.max_age >= 0 ? std::to_string(p.max_age) : "");
      w->Raw(p.group);
      w->EndRow();
    }
    QF_CLOSE("programs", w);
  }
  auto ledger_id = [&](int32_t person, int32_t external) -> const std::string& {
    return person >= 0 ? pid(person) : d.externals[static_cast<size_t>(external)].id;
  };
  auto ledger_name = [&](int32_t person, int32_t external) -> const std::string& {
    return person >= 0 ? pname(person) : d.externals[static_cast<size_t>(external)].name;
  };
  {
    auto w = open("enrolments", {{"program_code", "项目代码"},
                                 {"id_number", "身份证号"},
                                 {"name", "姓名"},
                                 {"community", "社区"},
                                 {"start_date", "开始日期"},
                                 {"end_date", "结束日期"}});
    for (const Enrolment& e : d.enrolments) {
      w->Raw(d.programs[static_cast<size_t>(e.program)].code);
      w->Id(ledger_id(e.person, e.external));
      w->Raw(ledger_name(e.person, e.external));
      w->Raw(community(e.community));
      w->Day(e.start);
      w->Day(e.end);
      w->EndRow();
    }
    QF_CLOSE("enrolments", w);
  }
  {
    auto w = open("cards", {{"account_no", "账号"},
                            {"id_number", "持卡人身份证号"},
                            {"name", "持卡人姓名"},
                            {"bank", "开户行"},
                            {"opened_date", "开户日期"},
                            {"status", "状态"}});
    for (const Card& c : d.cards) {
      w->Raw(c.account);
      w->Id(ledger_id(c.person, c.external));
      w->Raw(ledger_name(c.person, c.external));
      w->Raw(c.bank);
      w->Day(c.opened);
      w->Raw(c.active ? "正常" : "注销");
      w->EndRow();
    }
    QF_CLOSE("cards", w);
  }
  {
    std::vector<int32_t> order;
    order.reserve(d.payments.size());
    for (size_t i = 0; i < d.payments.size(); ++i) {
      if (d.payments[i].batch_kind != 255) order.push_back(static_cast<int32_t>(i));
    }
    std::stable_sort(order.begin(), order.end(), [&](int32_t x, int32_t y) {
      const Payment& a = d.payments[static_cast<size_t>(x)];
      const Payment& b = d.payments[static_cast<size_t>(y)];
      return std::tie(a.paid, a.program, a.period, a.person) <
             std::tie(b.paid, b.program, b.period, b.person);
    });
    // Clerical variants of a few recipients' names (checked to stay the same name).
    std::unordered_map<int32_t, std::string> variants;
    auto variant = [&](int32_t person) -> const std::string* {
      uint64_t h = d.seed ^ (static_cast<uint64_t>(person) * 0x9E3779B97F4A7C15ULL);
      // Minority names are few; one in five gets a variant so that every separator (・ and ･
      // included) shows up in a district of 20,000.
      const bool minority = pname(person).find("·") != std::string::npos;
      if (SplitMix64(h) % 1000 >= (minority ? 200u : 20u)) return nullptr;
      auto it = variants.find(person);
      if (it == variants.end()) {
        Rng rng(d.seed ^ static_cast<uint64_t>(person), 7);
        std::string v = ClericalVariant(rng, pname(person));
        if (v == pname(person) || !text::SameName(v, pname(person))) v.clear();
        it = variants.emplace(person, std::move(v)).first;
      }
      return it->second.empty() ? nullptr : &it->second;
    };
    auto w = open("payments", {{"payment_id", "流水号"},
                               {"batch_no", "批次号"},
                               {"program_code", "项目代码"},
                               {"id_number", "身份证号"},
                               {"name", "姓名"},
                               {"account_no", "收款账号"},
                               {"amount", "金额"},
                               {"period", "所属期"},
                               {"paid_date", "发放日期"}});
    int64_t serial = 0;
    const int64_t total = static_cast<int64_t>(order.size()) + DensePaymentCount(d);
    std::map<std::tuple<int, int32_t, int>, std::string> batch_text;
    auto row = [&](const Payment& p) {
      if (d.progress && serial % 1000000 == 0) d.progress("写出 payments.csv", serial, total);
      const Program& prog = d.programs[static_cast<size_t>(p.program)];
      const Period period = Period::FromCode(p.period);
      char id_text[32];
      const auto id_end = fmt::format_to_n(id_text, sizeof id_text, "ZF{}{:09d}", kYear, ++serial);
      w->Raw(std::string_view(id_text, id_end.out));
      std::string& batch = batch_text[{p.program, p.period, p.batch_kind}];
      if (batch.empty()) {
        batch = fmt::format("{}-{}{}", prog.code, period.ToString(),
                            p.batch_kind == 0   ? "-01"
                            : p.batch_kind == 1 ? "-BF"
                                                : "-CZ");
      }
      w->Raw(batch);
      w->Raw(prog.code);
      w->Id(ledger_id(p.person, p.external));
      if (p.name_text >= 0) {
        w->Raw(d.texts[static_cast<size_t>(p.name_text)]);
      } else if (const std::string* v = noise && p.person >= 0 ? variant(p.person) : nullptr;
                 v != nullptr && w->rng().Chance(600)) {
        w->Raw(*v);
      } else {
        w->Raw(ledger_name(p.person, p.external));
      }
      w->Raw(p.card >= 0 ? d.cards[static_cast<size_t>(p.card)].account
                         : d.absent_accounts[static_cast<size_t>(p.absent_account)]);
      w->Amount(p.amount);
      w->PeriodCell(p.period);
      w->Day(p.paid);
      w->EndRow();
    };
    // The dense layer's payments join the date order after the regular ones of their batch.
    DenseStream dense(d);
    for (int32_t index : order) {
      const Payment& p = d.payments[static_cast<size_t>(index)];
      dense.WriteBefore(std::tie(p.paid, p.program, p.period), row);
      row(p);
    }
    dense.WriteBefore(std::make_tuple(INT32_MAX, int16_t{0}, int32_t{0}), row);
    QF_CLOSE("payments", w);
  }
  {
    std::vector<const Transaction*> txns;
    for (const Transaction& t : d.transactions) txns.push_back(&t);
    std::stable_sort(txns.begin(), txns.end(), [](const Transaction* a, const Transaction* b) {
      return std::tie(a->community, a->date) < std::tie(b->community, b->date);
    });
    auto w = open("collective_transactions", {{"txn_id", "凭证号"},
                                              {"community", "社区"},
                                              {"date", "日期"},
                                              {"direction", "收支"},
                                              {"amount", "金额"},
                                              {"counterparty", "对方"},
                                              {"counterparty_id", "对方证件号"},
                                              {"purpose", "用途"},
                                              {"approved_by", "审批人"},
                                              {"contract_id", "合同编号"}});
    int serial = 0;
    int32_t last_community = -1;
    for (const Transaction* t : txns) {
      if (t->community != last_community) serial = 0;
      last_community = t->community;
      w->Raw(fmt::format("PZ{}-{:03d}-{:04d}", kYear, t->community, ++serial));
      w->Raw(community(t->community));
      w->Day(t->date);
      w->Raw(t->income ? "收" : "支");
      w->Amount(t->amount);
      w->Raw(t->counterparty);
      if (t->counterparty_id.size() == 18 && t->counterparty_id.substr(0, 2) != "91")
        w->Id(t->counterparty_id);
      else
        w->Raw(t->counterparty_id);
      w->Raw(t->purpose);
      w->Raw(t->approved_by);
      w->Raw(t->contract_id);
      w->EndRow();
    }
    QF_CLOSE("collective_transactions", w);
  }
  {
    auto w = open("collective_contracts", {{"contract_id", "合同编号"},
                                           {"community", "社区"},
                                           {"asset", "资产名称"},
                                           {"asset_type", "类型"},
                                           {"area", "面积"},
                                           {"counterparty", "承包方"},
                                           {"counterparty_id", "承包方证件号"},
                                           {"start_date", "开始日期"},
                                           {"end_date", "结束日期"},
                                           {"annual_rent", "年租金"},
                                           {"procurement", "方式"}});
    std::vector<const Contract*> contracts;
    for (const Contract& c : d.contracts) contracts.push_back(&c);
    std::sort(contracts.begin(), contracts.end(),
              [](const Contract* a, const Contract* b) { return a->id < b->id; });
    for (const Contract* c : contracts) {
      w->Raw(c->id);
      w->Raw(community(c->community));
      w->Raw(c->asset);
      w->Raw(c->asset_type);
      w->Raw(Area(c->area_centi));
      w->Raw(c->counterparty);
      if (c->counterparty_id.size() == 18 && c->counterparty_id.substr(0, 2) != "91")
        w->Id(c->counterparty_id);
      else
        w->Raw(c->counterparty_id);
      w->Day(c->start);
      w->Day(c->end);
      w->Amount(c->annual_rent);
      w->Raw(c->procurement);
      w->EndRow();
    }
    QF_CLOSE("collective_contracts", w);
  }
  {
    auto w = open("enterprise_projects", {{"project_id", "项目编号"},
                                          {"program", "专项名称"},
                                          {"department", "主管部门"},
                                          {"credit_code", "统一社会信用代码"},
                                          {"company_name", "企业名称"},
                                          {"project_name", "项目名称"},
                                          {"investment", "申报总投资"},
                                          {"approved_amount", "核定补助"},
                                          {"max_ratio", "补助比例上限"},
                                          {"apply_date", "申报日期"},
                                          {"approved_date", "批准日期"},
                                          {"accepted_date", "验收日期"},
                                          {"reviewer_id", "初审人身份证号"},
                                          {"approver_id", "审批人身份证号"}});
    std::vector<const Project*> projects;
    for (const Project& p : d.projects) projects.push_back(&p);
    std::sort(projects.begin(), projects.end(),
              [](const Project* a, const Project* b) { return a->id < b->id; });
    for (const Project* p : projects) {
      const Company& c = d.companies[static_cast<size_t>(p->company)];
      w->Raw(p->id);
      w->Raw(p->program);
      w->Raw(p->department);
      w->Raw(c.credit_code);
      w->Raw(c.name);
      w->Raw(p->name);
      w->Amount(p->investment);
      w->Amount(p->approved);
      w->Raw(p->ratio);
      w->Day(p->applied);
      w->Day(p->approved_date);
      if (p->accepted == kNoDate)
        w->Raw("");
      else
        w->Day(p->accepted);
      w->Id(pid(p->reviewer));
      w->Id(pid(p->approver));
      w->EndRow();
    }
    QF_CLOSE("enterprise_projects", w);
  }
  {
    auto w = open("project_payments", {{"payment_id", "拨付流水号"},
                                       {"project_id", "项目编号"},
                                       {"amount", "金额"},
                                       {"paid_date", "拨付日期"},
                                       {"stage", "阶段"}});
    std::vector<const ProjectPayment*> payments;
    for (const ProjectPayment& p : d.project_payments) payments.push_back(&p);
    std::stable_sort(
        payments.begin(), payments.end(),
        [](const ProjectPayment* a, const ProjectPayment* b) { return a->paid < b->paid; });
    int serial = 0;
    for (const ProjectPayment* p : payments) {
      w->Raw(fmt::format("BF{:06d}", ++serial));
      w->Raw(d.projects[static_cast<size_t>(p->project)].id);
      w->Amount(p->amount);
      w->Day(p->paid);
      w->Raw(p->after_acceptance ? "验收后" : "预拨");
      w->EndRow();
    }
    QF_CLOSE("project_payments", w);
  }
  {
    auto w = open("project_invoices", {{"project_id", "项目编号"},
                                       {"invoice_code", "发票代码"},
                                       {"invoice_no", "发票号码"},
                                       {"seller", "销售方"},
                                       {"amount", "金额"},
                                       {"issue_date", "开票日期"}});
    for (const ProjectInvoice& v : d.project_invoices) {
      w->Raw(d.projects[static_cast<size_t>(v.project)].id);
      // Noise: a code typed with spaces around it; R21 compares trimmed codes.
      if (w->noise() && w->rng().Chance(100))
        w->Raw(" " + v.code + " ");
      else
        w->Raw(v.code);
      w->Raw(v.number);
      w->Raw(v.seller);
      w->Amount(v.amount);
      w->Day(v.issued);
      w->EndRow();
    }
    QF_CLOSE("project_invoices", w);
  }
  {
    std::vector<TruthRow> truth = d.truth;
    std::sort(truth.begin(), truth.end());
    truth.erase(std::unique(truth.begin(), truth.end()), truth.end());
    TableWriter w(dir / "truth.csv",
                  {{"rule", ""},
                   {"id_number", ""},
                   {"program_code", ""},
                   {"period", ""},
                   {"account_no", ""},
                   {"ref", ""}},
                  false, false, false, false, Rng(d.seed, 99));
    for (const TruthRow& t : truth) {
      w.Raw(t.rule);
      w.Raw(t.id_number);
      w.Raw(t.program_code);
      w.Raw(t.period);
      w.Raw(t.account_no);
      w.Raw(t.ref);
      w.EndRow();
    }
    auto n = w.Close();
    if (!n) return std::unexpected(n.error());
    rows["truth"] = *n;
  }
#undef QF_CLOSE
  return rows;
}

}  // namespace qf::synth::internal
