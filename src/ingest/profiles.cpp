#include "ingest/profiles.h"

#include <array>
#include <cctype>

namespace qf::ingest {
namespace {

using K = FieldKind;
using SV = std::string_view;

constexpr std::array<SV, 2> kSex = {"男", "女"};
constexpr std::array<SV, 7> kRelationHousehold = {"户主",     "配偶",   "子女", "父母",
                                                  "兄弟姐妹", "孙子女", "其他"};
constexpr std::array<SV, 3> kDeathSource = {"火化", "户籍注销", "死亡医学证明"};
constexpr std::array<SV, 6> kOfficialCategory = {"公务员", "参公",   "事业编",
                                                 "国企",   "村干部", "社区干部"};
constexpr std::array<SV, 4> kKinship = {"配偶", "父母", "子女", "兄弟姐妹"};
constexpr std::array<SV, 3> kCompanyRole = {"法定代表人", "股东", "高管"};
constexpr std::array<SV, 2> kCompanyStatus = {"存续", "注销"};
constexpr std::array<SV, 4> kVehicleType = {"小型汽车", "货车", "摩托车", "农用车"};
constexpr std::array<SV, 4> kUsage = {"住宅", "商业", "工业", "其他"};
constexpr std::array<SV, 8> kDomain = {"民政", "农业", "人社", "教育",
                                       "医疗", "住房", "残联", "其他"};
constexpr std::array<SV, 4> kPayPeriod = {"月", "季", "年", "一次"};
constexpr std::array<SV, 2> kCardStatus = {"正常", "注销"};
constexpr std::array<SV, 2> kDirection = {"收", "支"};
constexpr std::array<SV, 5> kAssetType = {"土地", "房屋", "林地", "水面", "其他"};
constexpr std::array<SV, 3> kProcurement = {"公开招标", "竞争性谈判", "协商"};
constexpr std::array<SV, 2> kProjectStage = {"预拨", "验收后"};

constexpr ColumnProfile kPersons[] = {
    {"id_number", "身份证号", K::kCitizenId},
    {"name", "姓名", K::kName},
    {"sex", "性别", K::kChoice, false, kSex},
    {"birth_date", "出生日期", K::kDate},
    {"region_code", "行政区划代码", K::kRegionCode},
    {"community", "社区", K::kText},
    {"household_id", "户号", K::kText},
    {"relation", "与户主关系", K::kChoice, false, kRelationHousehold},
};
constexpr SV kPersonsKey[] = {"id_number"};

constexpr ColumnProfile kDeaths[] = {
    {"id_number", "身份证号", K::kCitizenId},
    {"name", "姓名", K::kName},
    {"death_date", "死亡日期", K::kDate},
    {"source", "数据来源", K::kChoice, false, kDeathSource},
};
// One row per (id_number, source): 火化, 户籍注销 and 死亡医学证明 record the same death.
constexpr SV kDeathsKey[] = {"id_number", "source"};

constexpr ColumnProfile kOfficials[] = {
    {"id_number", "身份证号", K::kCitizenId},
    {"name", "姓名", K::kName},
    {"unit", "工作单位", K::kText},
    {"position", "职务", K::kText},
    {"category", "类别", K::kChoice, false, kOfficialCategory},
    {"community", "所在社区", K::kText, true},
    {"start_date", "任职开始", K::kDate},
    {"end_date", "任职结束", K::kDate, true},
};
constexpr SV kOfficialsKey[] = {"id_number", "unit", "position", "start_date"};

constexpr ColumnProfile kKinshipColumns[] = {
    {"id_number_a", "身份证号A", K::kCitizenId},
    {"id_number_b", "身份证号B", K::kCitizenId},
    {"relation", "关系", K::kChoice, false, kKinship},
};
constexpr SV kKinshipKey[] = {"id_number_a", "id_number_b"};

constexpr ColumnProfile kCompanies[] = {
    {"credit_code", "统一社会信用代码", K::kCreditCode},
    {"company_name", "企业名称", K::kText},
    {"id_number", "身份证号", K::kCitizenId},
    {"name", "姓名", K::kName},
    {"role", "角色", K::kChoice, false, kCompanyRole},
    {"registered_date", "成立日期", K::kDate},
    {"status", "状态", K::kChoice, false, kCompanyStatus},
};
constexpr SV kCompaniesKey[] = {"credit_code", "id_number", "role"};

constexpr ColumnProfile kVehicles[] = {
    {"id_number", "身份证号", K::kCitizenId},
    {"name", "姓名", K::kName},
    {"plate", "号牌", K::kText},
    {"vehicle_type", "车辆类型", K::kChoice, false, kVehicleType},
    {"registered_date", "登记日期", K::kDate},
};
constexpr SV kVehiclesKey[] = {"plate"};

constexpr ColumnProfile kProperties[] = {
    {"id_number", "身份证号", K::kCitizenId},     {"name", "姓名", K::kName},
    {"certificate_no", "不动产权证号", K::kText}, {"area_m2", "面积", K::kDecimal},
    {"usage", "用途", K::kChoice, false, kUsage}, {"registered_date", "登记日期", K::kDate},
};
constexpr SV kPropertiesKey[] = {"certificate_no", "id_number"};

constexpr ColumnProfile kPrograms[] = {
    {"code", "项目代码", K::kText},
    {"name", "项目名称", K::kText},
    {"department", "主管部门", K::kText},
    {"domain", "领域", K::kChoice, false, kDomain},
    {"means_tested", "是否经济困难审核", K::kYesNo},
    {"period", "发放周期", K::kChoice, false, kPayPeriod},
    {"standard", "标准", K::kMoney, true},
    {"max_amount", "上限", K::kMoney, true},
    {"min_age", "最低年龄", K::kAge, true},
    {"max_age", "最高年龄", K::kAge, true},
    {"exclusive_group", "互斥组", K::kText, true},
};
constexpr SV kProgramsKey[] = {"code"};

constexpr ColumnProfile kEnrolments[] = {
    {"program_code", "项目代码", K::kText},
    {"id_number", "身份证号", K::kCitizenId},
    {"name", "姓名", K::kName},
    {"community", "社区", K::kText},
    {"start_date", "开始日期", K::kDate},
    {"end_date", "结束日期", K::kDate, true},
};
constexpr SV kEnrolmentsKey[] = {"program_code", "id_number", "community", "start_date"};

constexpr ColumnProfile kCards[] = {
    {"account_no", "账号", K::kAccountNo}, {"id_number", "持卡人身份证号", K::kCitizenId},
    {"name", "持卡人姓名", K::kName},      {"bank", "开户行", K::kText},
    {"opened_date", "开户日期", K::kDate}, {"status", "状态", K::kChoice, false, kCardStatus},
};
constexpr SV kCardsKey[] = {"account_no"};

constexpr ColumnProfile kPayments[] = {
    {"payment_id", "流水号", K::kText},
    {"batch_no", "批次号", K::kText},
    {"program_code", "项目代码", K::kText},
    {"id_number", "身份证号", K::kCitizenId},
    {"name", "姓名", K::kName},
    {"account_no", "收款账号", K::kAccountNo},
    {"amount", "金额", K::kMoney},
    {"period", "所属期", K::kPeriod},
    {"paid_date", "发放日期", K::kDate},
};
constexpr SV kPaymentsKey[] = {"payment_id"};

constexpr ColumnProfile kTransactions[] = {
    {"txn_id", "凭证号", K::kText},
    {"community", "社区", K::kText},
    {"date", "日期", K::kDate},
    {"direction", "收支", K::kChoice, false, kDirection},
    {"amount", "金额", K::kMoney},
    {"counterparty", "对方", K::kText},
    {"counterparty_id", "对方证件号", K::kIdOrCredit, true},
    {"purpose", "用途", K::kText},
    {"approved_by", "审批人", K::kText, true},
    // The contract a 收 of rent belongs to (rule R26); absent where the community does not keep it.
    {"contract_id", "合同编号", K::kText, true},
};
constexpr SV kTransactionsKey[] = {"txn_id"};

constexpr ColumnProfile kContracts[] = {
    {"contract_id", "合同编号", K::kText},
    {"community", "社区", K::kText},
    {"asset", "资产名称", K::kText},
    {"asset_type", "类型", K::kChoice, false, kAssetType},
    {"area", "面积", K::kDecimal},
    {"counterparty", "承包方", K::kText},
    {"counterparty_id", "承包方证件号", K::kIdOrCredit, true},
    {"start_date", "开始日期", K::kDate},
    {"end_date", "结束日期", K::kDate},
    {"annual_rent", "年租金", K::kMoney},
    {"procurement", "方式", K::kChoice, false, kProcurement},
};
constexpr SV kContractsKey[] = {"contract_id"};

constexpr ColumnProfile kProjects[] = {
    {"project_id", "项目编号", K::kText},
    {"program", "专项名称", K::kText},
    {"department", "主管部门", K::kText},
    {"credit_code", "统一社会信用代码", K::kCreditCode},
    {"company_name", "企业名称", K::kText},
    {"project_name", "项目名称", K::kText},
    {"investment", "申报总投资", K::kMoney},
    {"approved_amount", "核定补助", K::kMoney},
    {"max_ratio", "补助比例上限", K::kRatio, true},
    {"apply_date", "申报日期", K::kDate},
    {"approved_date", "批准日期", K::kDate},
    {"accepted_date", "验收日期", K::kDate, true},
    {"reviewer_id", "初审人身份证号", K::kCitizenId, true},
    {"approver_id", "审批人身份证号", K::kCitizenId, true},
};
constexpr SV kProjectsKey[] = {"project_id"};

constexpr ColumnProfile kProjectPayments[] = {
    {"payment_id", "拨付流水号", K::kText},
    {"project_id", "项目编号", K::kText},
    {"amount", "金额", K::kMoney},
    {"paid_date", "拨付日期", K::kDate},
    {"stage", "阶段", K::kChoice, false, kProjectStage},
};
constexpr SV kProjectPaymentsKey[] = {"payment_id"};

// Invoice code and number are trimmed and upper-cased only (K::kCode): R21 compares them so.
constexpr ColumnProfile kProjectInvoices[] = {
    {"project_id", "项目编号", K::kText}, {"invoice_code", "发票代码", K::kCode},
    {"invoice_no", "发票号码", K::kCode}, {"seller", "销售方", K::kText},
    {"amount", "金额", K::kMoney},        {"issue_date", "开票日期", K::kDate},
};
constexpr SV kProjectInvoicesKey[] = {"project_id", "invoice_code", "invoice_no"};

constexpr TableProfile kProfiles[] = {
    {"programs", "补贴项目目录", false, kPrograms, kProgramsKey},
    {"persons", "户籍人口", false, kPersons, kPersonsKey},
    {"deaths", "死亡人员", false, kDeaths, kDeathsKey},
    {"officials", "财政供养人员及村社干部", false, kOfficials, kOfficialsKey},
    {"kinship", "亲属关系", false, kKinshipColumns, kKinshipKey},
    {"companies", "市场主体", false, kCompanies, kCompaniesKey},
    {"vehicles", "机动车", false, kVehicles, kVehiclesKey},
    {"properties", "不动产", false, kProperties, kPropertiesKey},
    {"cards", "一卡通账户", true, kCards, kCardsKey},
    {"enrolments", "享受对象名册", true, kEnrolments, kEnrolmentsKey},
    {"payments", "发放明细", true, kPayments, kPaymentsKey},
    {"collective_transactions", "集体资金收支", false, kTransactions, kTransactionsKey},
    {"collective_contracts", "集体资产资源合同", false, kContracts, kContractsKey},
    {"enterprise_projects", "涉企项目资金", false, kProjects, kProjectsKey},
    {"project_payments", "项目资金拨付", false, kProjectPayments, kProjectPaymentsKey},
    {"project_invoices", "项目佐证发票", false, kProjectInvoices, kProjectInvoicesKey},
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::span<const TableProfile> AllProfiles() { return kProfiles; }

const TableProfile* FindProfile(std::string_view table_name) {
  for (const TableProfile& p : kProfiles) {
    if (EqualsIgnoreCase(p.name, table_name) || p.chinese == table_name) return &p;
  }
  return nullptr;
}

}  // namespace qf::ingest
