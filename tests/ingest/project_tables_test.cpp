// Import of the enterprise project fund tables (enterprise_projects, project_payments,
// project_invoices) and the optional contract_id of collective_transactions (issue 16):
// both header languages, GB18030 and XLSX, every max_ratio form, row errors and idempotence.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>

#include "ingest/importer.h"
#include "test_util.h"
#include "text/encoding.h"

namespace qf::ingest {
namespace {

using testing::Id;
using testing::MigratedMemoryDb;
using testing::QueryInt;
using testing::QueryText;
using testing::TempDir;

constexpr const char* kCredit = "91110105MA00000012";

std::string ProjectsHeaderZh() {
  return "项目编号,专项名称,主管部门,统一社会信用代码,企业名称,项目名称,申报总投资,核定补助,"
         "补助比例上限,申报日期,批准日期,验收日期,初审人身份证号,审批人身份证号,备注\n";
}

std::string ProjectRowZh(const std::string& id, const std::string& ratio) {
  return id + ",技术改造专项,区经信局," + kCredit +
         ",某某科技有限公司,智能产线改造,\"¥1,000,000.00\"," + "300000元," + ratio +
         ",2024年1月5日,2024/2/1,," + Id("11010519491231002") + ",,无\n";
}

class ProjectTablesTest : public ::testing::Test {
 protected:
  TableReport ImportOne(const std::string& path) {
    auto report = ImportPaths(*db_, {path}, {});
    EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message());
    if (!report || report->tables.size() != 1) return {};
    return report->tables[0];
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_ = MigratedMemoryDb();
};

TEST_F(ProjectTablesTest, ImportsGb18030ChineseHeadersAndEveryRatioForm) {
  auto gb = text::Utf8ToGb18030(ProjectsHeaderZh() + ProjectRowZh("XM01", "30%") +
                                ProjectRowZh("XM02", "0.25") + ProjectRowZh("XM03", "") +
                                ProjectRowZh("XM04", "12.5％") + ProjectRowZh("XM05", "1"));
  ASSERT_TRUE(gb.has_value());
  dir_.Write("涉企项目资金.csv", *gb);
  TableReport t = ImportOne(dir_.File("涉企项目资金.csv"));
  ASSERT_EQ(t.outcome, TableOutcome::kApplied) << t.file_error;
  EXPECT_EQ(t.encoding, "GB18030");
  EXPECT_EQ(QueryText(*db_, "SELECT max_ratio FROM enterprise_projects WHERE project_id='XM01'"),
            "0.3");
  EXPECT_EQ(QueryText(*db_, "SELECT max_ratio FROM enterprise_projects WHERE project_id='XM02'"),
            "0.25");
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM enterprise_projects WHERE max_ratio IS NULL"), 1);
  EXPECT_EQ(QueryText(*db_, "SELECT max_ratio FROM enterprise_projects WHERE project_id='XM04'"),
            "0.125");
  EXPECT_EQ(QueryText(*db_, "SELECT max_ratio FROM enterprise_projects WHERE project_id='XM05'"),
            "1");
  EXPECT_EQ(QueryInt(*db_, "SELECT investment FROM enterprise_projects WHERE project_id='XM01'"),
            100000000);
  EXPECT_EQ(QueryText(*db_, "SELECT apply_date FROM enterprise_projects WHERE project_id='XM01'"),
            "2024-01-05");
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM enterprise_projects WHERE accepted_date IS NULL"),
            5);
}

TEST_F(ProjectTablesTest, BadRatioIsARowErrorWithFileLineAndColumnAndNothingIsApplied) {
  dir_.Write("enterprise_projects.csv",
             ProjectsHeaderZh() + ProjectRowZh("XM01", "30%") + ProjectRowZh("XM02", "130%") +
                 ProjectRowZh("XM03", "三成") + ProjectRowZh("XM04", "0.3.1"));
  TableReport t = ImportOne(dir_.File("enterprise_projects.csv"));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 3u);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].column, "补助比例上限");
  EXPECT_EQ(t.errors[0].value, "130%");
  EXPECT_NE(t.errors[0].file.find("enterprise_projects.csv"), std::string::npos);
  EXPECT_EQ(t.errors[1].line, 4);
  EXPECT_EQ(t.errors[2].line, 5);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM enterprise_projects"), 0);
}

TEST_F(ProjectTablesTest, InvalidCreditCodeOrReviewerIdIsRefused) {
  std::string bad_credit = ProjectRowZh("XM01", "");
  bad_credit.replace(bad_credit.find(kCredit), 18, "91110105MA00000013");
  std::string bad_id = ProjectRowZh("XM02", "");
  bad_id.replace(bad_id.find(Id("11010519491231002")), 18, "110105194912310020");
  dir_.Write("enterprise_projects.csv", ProjectsHeaderZh() + bad_credit + bad_id);
  TableReport t = ImportOne(dir_.File("enterprise_projects.csv"));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].column, "统一社会信用代码");
  EXPECT_EQ(t.errors[1].column, "初审人身份证号");
}

TEST_F(ProjectTablesTest, InvoiceNumbersAreTrimmedAndUpperCasedSoARepeatIsADuplicateKey) {
  const std::string header = "project_id,invoice_code,invoice_no,seller,amount,issue_date\n";
  dir_.Write("project_invoices.csv", header + "XM01, ab01 ,no7,某材料公司,8000.00,2024-02-01\n" +
                                         "XM02,ab01,no7,某材料公司,8000.00,20240201\n");
  TableReport t = ImportOne(dir_.File("project_invoices.csv"));
  ASSERT_EQ(t.outcome, TableOutcome::kApplied);
  EXPECT_EQ(QueryInt(*db_,
                     "SELECT COUNT(*) FROM project_invoices WHERE invoice_code='AB01' AND "
                     "invoice_no='NO7'"),
            2);
  dir_.Write("project_invoices.csv", header + "XM01, ab01 ,no7,某材料公司,8000.00,2024-02-01\n" +
                                         "XM01,AB01,NO7,某材料公司,8000.00,2024-02-01\n");
  t = ImportOne(dir_.File("project_invoices.csv"));
  EXPECT_EQ(t.outcome, TableOutcome::kRefused);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].line, 3);
}

TEST_F(ProjectTablesTest, ProjectPaymentsAreIdempotentAndStageIsAChoice) {
  const std::string header = "拨付流水号,项目编号,金额,拨付日期,阶段\n";
  const std::string rows =
      "BF01,XM01,\"60,000.00\",2024-02-10,预拨\n"
      "BF02,XM01,-10000.00,2024-02-20,预拨\n"
      "BF03,XM01,40000.00元,2024年5月10日,验收后\n";
  dir_.Write("project_payments.csv", header + rows);
  TableReport first = ImportOne(dir_.File("project_payments.csv"));
  ASSERT_EQ(first.outcome, TableOutcome::kApplied);
  EXPECT_EQ(first.rows_changed, 3);
  TableReport second = ImportOne(dir_.File("project_payments.csv"));
  EXPECT_EQ(second.outcome, TableOutcome::kApplied);
  EXPECT_EQ(second.rows_changed, 0);
  EXPECT_EQ(QueryInt(*db_, "SELECT SUM(amount) FROM project_payments"), 9000000);
  dir_.Write("project_payments.csv", header + "BF04,XM01,1.00,2024-02-10,尾款\n");
  TableReport bad = ImportOne(dir_.File("project_payments.csv"));
  EXPECT_EQ(bad.outcome, TableOutcome::kRefused);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].column, "阶段");
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM project_payments"), 3);
}

TEST_F(ProjectTablesTest, TransactionsKeepTheOptionalContractId) {
  const std::string base =
      "txn_id,community,date,direction,amount,counterparty,counterparty_id,"
      "purpose,approved_by";
  dir_.Write("collective_transactions.csv",
             base +
                 ",合同编号\nT1,东风社区,2024-01-05,收,10000.00,甲,,租金,,HT01\n"
                 "T2,东风社区,2024-01-06,支,500.00,乙,,维修,,\n");
  ASSERT_EQ(ImportOne(dir_.File("collective_transactions.csv")).outcome, TableOutcome::kApplied);
  EXPECT_EQ(QueryText(*db_, "SELECT contract_id FROM collective_transactions WHERE txn_id='T1'"),
            "HT01");
  EXPECT_EQ(
      QueryInt(*db_, "SELECT COUNT(*) FROM collective_transactions WHERE contract_id IS NULL"), 1);
  // A delivery without the column is still accepted: the column is optional.
  dir_.Write("collective_transactions.csv",
             base + "\nT3,西湖社区,2024-01-05,收,10000.00,丙,,租金,\n");
  ASSERT_EQ(ImportOne(dir_.File("collective_transactions.csv")).outcome, TableOutcome::kApplied);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM collective_transactions"), 3);
}

TEST_F(ProjectTablesTest, XlsxNumberCellsGiveExactRatioAndAmounts) {
  std::string path = dir_.File("enterprise_projects.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  const char* header[] = {"project_id",   "program",      "department",   "credit_code",
                          "company_name", "project_name", "investment",   "approved_amount",
                          "max_ratio",    "apply_date",   "approved_date"};
  for (int c = 0; c < 11; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  const char* text[] = {"XM01", "技术改造专项", "区经信局", kCredit, "某某科技有限公司", "产线"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 1, c, text[c], nullptr);
  worksheet_write_number(ws, 1, 6, 333333.33, nullptr);
  worksheet_write_number(ws, 1, 7, 100000, nullptr);
  worksheet_write_number(ws, 1, 8, 0.1 + 0.2, nullptr);
  worksheet_write_number(ws, 1, 9, 20240105, nullptr);
  worksheet_write_string(ws, 1, 10, "2024-02-01", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  TableReport t = ImportOne(path);
  ASSERT_EQ(t.outcome, TableOutcome::kApplied)
      << (t.errors.empty() ? t.file_error : DescribeRowError(t.errors[0]));
  EXPECT_EQ(QueryText(*db_, "SELECT max_ratio FROM enterprise_projects"), "0.3");
  EXPECT_EQ(QueryInt(*db_, "SELECT investment FROM enterprise_projects"), 33333333);
  EXPECT_EQ(QueryText(*db_, "SELECT apply_date FROM enterprise_projects"), "2024-01-05");
}

}  // namespace
}  // namespace qf::ingest
