// Screening a batch before payment is exact (issue 17): on the noisy synthetic district with its
// last month held back as the batch, `screen` finds exactly the findings of importing the batch and
// running the comparison that a positive payment of the batch proves — and every finding the batch
// adds is among them — while the ledger is left as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "core/money.h"
#include "core/strings.h"
#include "district_fixture.h"
#include "engine/check.h"
#include "engine/rule.h"
#include "ingest/importer.h"
#include "ingest/profiles.h"
#include "ingest/record_source.h"
#include "screening/screen.h"
#include "store/migrations.h"
#include "support/test_store.h"

namespace qf {
namespace {

namespace fs = std::filesystem;

using Key = std::tuple<std::string, std::string, std::string, std::string, std::string,
                       std::string, int64_t, std::string>;

Key KeyOf(const engine::Finding& f) {
  return {f.rule, f.id_number, f.program_code, f.period, f.account_no, f.ref, f.amount, f.evidence};
}

std::string Quoted(std::string_view field) {
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

fs::path PaymentsFile(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    const ingest::TableProfile* p = ingest::FindProfile(entry.path().stem().string());
    if (p != nullptr && p->name == "payments") return entry.path();
  }
  ADD_FAILURE() << "no payments file in " << dir;
  return {};
}

// Writes the records of the district's payments file whose payment_id is (or is not) in `batch`,
// fields as the district wrote them (its noise included), as UTF-8 CSV.
void SplitPayments(const fs::path& source, const std::set<std::string>& batch,
                   const fs::path& history_file, const fs::path& batch_file) {
  auto records = ingest::OpenRecordSource(source.string());
  ASSERT_TRUE(records) << records.error().message();
  std::ofstream history(history_file), held(batch_file);
  ingest::Record record;
  int id_field = -1;
  while (true) {
    auto more = (*records)->Next(record);
    ASSERT_TRUE(more) << more.error().message();
    if (!*more) break;
    std::string line;
    for (auto f : record.fields) line += (line.empty() ? "" : ",") + Quoted(f);
    line += "\n";
    if (id_field < 0) {  // the header: 流水号 or payment_id
      for (size_t i = 0; i < record.fields.size(); ++i) {
        std::string name(TrimSpaces(record.fields[i]));
        if (name == "payment_id" || name == "流水号") id_field = static_cast<int>(i);
      }
      ASSERT_GE(id_field, 0);
      history << line;
      held << line;
      continue;
    }
    bool in_batch = batch.contains(std::string(TrimSpaces(record.fields[id_field])));
    (in_batch ? held : history) << line;
  }
}

std::unique_ptr<store::Database> ImportFolder(const fs::path& dir, const Date& as_of) {
  auto db = store::Open(test_support::TestStoreUrl());
  EXPECT_TRUE(db);
  if (!db || !store::Migrate(**db)) return nullptr;
  ingest::ImportOptions options;
  options.as_of = as_of;
  auto report = ingest::ImportPaths(**db, {dir.string()}, options);
  EXPECT_TRUE(report && report->AllApplied());
  return std::move(*db);
}

std::vector<const engine::RuleSpec*> ScreeningRuleSpecs() {
  std::vector<const engine::RuleSpec*> rules;
  for (auto id : screening::ScreeningRules()) rules.push_back(engine::FindRule(id));
  return rules;
}

// The ledger as the command line gives it: a fresh load of `db`.
screening::LedgerSnapshot LoadedFrom(store::Database& db) {
  return [&db]() -> Result<std::shared_ptr<const engine::Snapshot>> {
    auto snap = engine::LoadSnapshot(db);
    if (!snap) return std::unexpected(snap.error());
    return std::make_shared<const engine::Snapshot>(std::move(*snap));
  };
}

// The findings over `snap` that a positive payment of the batch proves, and those payments.
std::set<Key> ProvenByBatch(const engine::Snapshot& snap, const std::vector<engine::Finding>& all,
                            const std::set<std::string>& batch_ids, std::set<std::string>& held) {
  std::set<Key> proven;
  for (const auto& f : all) {
    bool by_batch = false;
    for (int32_t r : f.payment_rows) {
      auto u = static_cast<size_t>(r);
      std::string id(snap.payments.payment_id[u]);
      if (snap.payments.amount[u] > 0 && batch_ids.contains(id)) {
        by_batch = true;
        held.insert(id);
      }
    }
    if (by_batch) proven.insert(KeyOf(f));
  }
  return proven;
}

std::set<std::string> HeldRows(const screening::Screening& screened) {
  std::set<std::string> held;
  for (const auto& row : screened.rows) {
    if (row.held) held.insert(row.payment_id);
  }
  return held;
}

int64_t Count(store::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st && *(*st)->Step());
  return st ? (*st)->Int(0) : -1;
}

TEST(ScreeningTest, BatchGivesExactlyTheFindingsItsPaymentsWouldProveOnceImported) {
  const auto& district = testing::GetDistrict(20000, 7, /*noise=*/true);
  auto as_of = Date::Parse(district.summary.as_of);
  ASSERT_TRUE(as_of);
  auto full = testing::ImportDistrict(district.dir);
  ASSERT_NE(full, nullptr);

  // The batch: every payment of the district's last month.
  const std::string month = district.summary.as_of.substr(0, 7);
  std::set<std::string> batch_ids;
  {
    auto st = (*full).Prepare("SELECT payment_id FROM payments WHERE paid_date >= ?");
    ASSERT_TRUE(st);
    (*st)->Bind(1, month + "-01");
    while (*(*st)->Step()) batch_ids.insert((*st)->Text(0));
  }
  ASSERT_GT(batch_ids.size(), 1000u);

  fs::path work = fs::temp_directory_path() / ("qf-screen-" + std::to_string(getpid()));
  fs::remove_all(work);
  fs::create_directories(work / "history");
  for (const auto& entry : fs::directory_iterator(district.dir)) {
    if (entry.path() != PaymentsFile(district.dir) && entry.path().filename() != "truth.csv") {
      fs::copy_file(entry.path(), work / "history" / entry.path().filename());
    }
  }
  SplitPayments(PaymentsFile(district.dir), batch_ids, work / "history" / "payments.csv",
                work / "batch.csv");

  auto ledger = ImportFolder(work / "history", *as_of);
  ASSERT_NE(ledger, nullptr);
  const int64_t stored = Count(*ledger, "SELECT COUNT(*) FROM payments");

  screening::ScreenOptions options;
  auto screened = screening::ScreenBatch(LoadedFrom(*ledger), (work / "batch.csv").string(), options);
  ASSERT_TRUE(screened) << screened.error().message();
  ASSERT_FALSE(screened->Refused()) << screened->batch.file_error;
  EXPECT_EQ(screened->rows.size(), batch_ids.size());
  EXPECT_EQ(Count(*ledger, "SELECT COUNT(*) FROM payments"), stored) << "the ledger changed";

  // The oracle: the comparison over the ledger with the batch imported.
  auto snap = engine::LoadSnapshot(*full);
  ASSERT_TRUE(snap);
  auto after = engine::Evaluate(*snap, ScreeningRuleSpecs(), {}, engine::DefaultAsOf(*snap), 0);
  auto before = engine::Evaluate(*engine::LoadSnapshot(*ledger), ScreeningRuleSpecs(), {},
                                 screened->as_of, 0);
  EXPECT_EQ(after.as_of, screened->as_of);
  std::set<std::string> expected_held;
  std::set<Key> expected = ProvenByBatch(*snap, after.findings, batch_ids, expected_held), got;
  for (const auto& f : screened->findings) got.insert(KeyOf(f));
  EXPECT_EQ(got, expected);

  // Every finding the batch adds (a key the history does not have) is in the screening.
  std::set<std::string> keys_before;
  for (const auto& f : before.findings) keys_before.insert(engine::Fingerprint(f));
  std::set<std::string> rules_seen;
  for (const auto& f : after.findings) {
    if (keys_before.contains(engine::Fingerprint(f))) continue;
    EXPECT_TRUE(got.contains(KeyOf(f))) << f.rule << " " << f.id_number << " " << f.evidence;
    rules_seen.insert(f.rule);
  }
  EXPECT_FALSE(rules_seen.empty()) << "the batch should add findings";
  std::set<std::string> rules_screened;
  for (const auto& f : screened->findings) rules_screened.insert(f.rule);
  EXPECT_GE(rules_screened.size(), 8u) << "the batch should take part in most payment rules";

  std::set<std::string> held;
  for (const auto& row : screened->rows) {
    if (row.held) {
      held.insert(row.payment_id);
      EXPECT_FALSE(row.rules.empty());
      EXPECT_FALSE(row.evidence.empty());
    } else {
      EXPECT_TRUE(row.rules.empty());
    }
  }
  EXPECT_EQ(held, expected_held);
  EXPECT_GT(held.size(), 10u);
  fs::remove_all(work);
}

// A batch of payments already stored, some given to another person, some paid into another
// person's account, some sent twice under a new payment_id: an import replaces the stored ones,
// and screening must find what that import would.
void WriteRewrittenBatch(store::Database& ledger, const fs::path& file,
                         std::set<std::string>& batch_ids) {
  auto st = ledger.Prepare(
      "SELECT payment_id, batch_no, program_code, id_number, name, account_no, amount, period, "
      "paid_date FROM payments ORDER BY payment_id");
  ASSERT_TRUE(st);
  std::vector<std::vector<std::string>> rows;
  while (*(*st)->Step()) {
    std::vector<std::string> row;
    for (int c = 0; c < 9; ++c) row.push_back((*st)->Text(c));
    row[6] = Money::FromFen((*st)->Int(6)).ToYuanString();
    rows.push_back(std::move(row));
  }
  ASSERT_GT(rows.size(), 1000u);
  std::ofstream out(file);
  out << "payment_id,batch_no,program_code,id_number,name,account_no,amount,period,paid_date\n";
  for (size_t i = 0, k = 0; i + 40 < rows.size(); i += 7, ++k) {
    std::vector<std::string> row = rows[i];
    if (k % 4 == 0) {  // given to another person
      row[3] = rows[i + 13][3];
      row[4] = rows[i + 13][4];
    } else if (k % 4 == 1) {  // paid into another person's account
      row[5] = rows[i + 29][5];
    } else if (k % 4 == 2) {  // sent twice
      row[0] += "X";
    }
    batch_ids.insert(row[0]);
    std::string line;
    for (const auto& field : row) line += (line.empty() ? "" : ",") + Quoted(field);
    out << line << "\n";
  }
}

TEST(ScreeningTest, ABatchThatRewritesStoredPaymentsGivesTheFindingsOfImportingIt) {
  const auto& district = testing::GetDistrict(20000, 7, /*noise=*/true);
  auto as_of = Date::Parse(district.summary.as_of);
  ASSERT_TRUE(as_of);
  auto ledger = testing::ImportDistrict(district.dir);
  ASSERT_NE(ledger, nullptr);
  fs::path file = fs::temp_directory_path() / ("qf-rewrite-" + std::to_string(getpid()) + ".csv");
  std::set<std::string> batch_ids;
  WriteRewrittenBatch(*ledger, file, batch_ids);
  const int64_t stored = Count(*ledger, "SELECT COUNT(*) FROM payments");

  screening::ScreenOptions options;
  options.as_of = *as_of;
  auto screened = screening::ScreenBatch(LoadedFrom(*ledger), file.string(), options);
  ASSERT_TRUE(screened) << screened.error().message();
  ASSERT_FALSE(screened->Refused()) << screened->batch.file_error;
  EXPECT_EQ(screened->rows.size(), batch_ids.size());

  // The oracle: the same ledger with the batch imported over it.
  auto oracle = testing::ImportDistrict(district.dir);
  ASSERT_NE(oracle, nullptr);
  ingest::ImportOptions import;
  import.as_of = *as_of;
  auto report = ingest::ImportFileAs(*oracle, "payments", file.string(), import);
  ASSERT_TRUE(report && report->outcome == ingest::TableOutcome::kApplied);
  const int64_t added = Count(*oracle, "SELECT COUNT(*) FROM payments") - stored;
  EXPECT_GT(added, 0) << "some payments are new";
  EXPECT_LT(added, static_cast<int64_t>(batch_ids.size())) << "most replace stored ones";
  auto snap = engine::LoadSnapshot(*oracle);
  ASSERT_TRUE(snap);
  auto after = engine::Evaluate(*snap, ScreeningRuleSpecs(), {}, screened->as_of, 0);
  std::set<std::string> expected_held;
  std::set<Key> expected = ProvenByBatch(*snap, after.findings, batch_ids, expected_held), got;
  for (const auto& f : screened->findings) got.insert(KeyOf(f));
  EXPECT_EQ(got, expected);
  EXPECT_EQ(HeldRows(*screened), expected_held);
  std::set<std::string> rules;
  for (const auto& f : screened->findings) rules.insert(f.rule);
  for (const char* rule : {"R04", "R05", "R13", "R14"}) {
    EXPECT_TRUE(rules.contains(rule)) << rule << " should take part";
  }
  fs::remove(file);
}

TEST(ScreeningTest, ABatchWithARejectedRowIsRefusedAndNamesTheLine) {
  auto db = store::Open(test_support::TestStoreUrl());
  ASSERT_TRUE(db && store::Migrate(**db));
  fs::path file = fs::temp_directory_path() / ("qf-batch-" + std::to_string(getpid()) + ".csv");
  std::ofstream(file) << "payment_id,batch_no,program_code,id_number,name,account_no,amount,"
                         "period,paid_date\n"
                         "P1,B1,DB01,110105194912310029,张三,6222,abc,2024-03,2024-03-05\n";
  auto screened = screening::ScreenBatch(LoadedFrom(**db), file.string(), {});
  ASSERT_TRUE(screened) << screened.error().message();
  EXPECT_TRUE(screened->Refused());
  ASSERT_FALSE(screened->batch.errors.empty());
  EXPECT_EQ(screened->batch.errors[0].line, 2);
  EXPECT_TRUE(screened->rows.empty());
  fs::remove(file);
}

}  // namespace
}  // namespace qf
