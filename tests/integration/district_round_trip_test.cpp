// Round trip of the synthetic district: synth (with and without --noise) → import → every table's
// row count and a sample of values equal what was generated; a second import changes nothing.
#include <gtest/gtest.h>

#include "core/citizen_id.h"
#include "core/date.h"
#include "core/money.h"
#include "district_fixture.h"
#include "ingest/importer.h"

namespace qf {
namespace {

int64_t CountRows(store::Database& db, const std::string& table) {
  auto st = db.Prepare("SELECT COUNT(*) FROM " + table);
  EXPECT_TRUE(st);
  auto row = (*st)->Step();
  EXPECT_TRUE(row && *row);
  return (*st)->Int(0);
}

void ExpectRoundTrip(bool noise) {
  // The clean district is the reference for values: --noise only changes how they are written.
  const auto& clean = testing::GetDistrict(20000, 7, /*noise=*/false);
  const auto& district = testing::GetDistrict(20000, 7, noise);
  auto db = testing::ImportDistrict(district.dir);
  ASSERT_NE(db, nullptr);

  for (const auto& [table, rows] : district.summary.rows_per_table) {
    if (table == "truth") continue;
    EXPECT_EQ(CountRows(*db, table), rows) << table;
  }

  // A sample of persons: every 997th row of the clean file, compared field by field.
  auto persons = testing::ReadCsv(clean.dir / "persons.csv");
  ASSERT_FALSE(persons.empty());
  auto st = (*db).Prepare(
      "SELECT name, sex, birth_date, region_code, community, household_id, relation FROM persons "
      "WHERE id_number = ?");
  ASSERT_TRUE(st);
  for (size_t i = 0; i < persons.size(); i += 997) {
    const auto& p = persons[i];
    (*st)->Reset();
    (*st)->Bind(1, p.at("id_number"));
    auto row = (*st)->Step();
    ASSERT_TRUE(row && *row) << p.at("id_number");
    EXPECT_EQ((*st)->Text(1), p.at("sex"));
    EXPECT_EQ((*st)->Text(2), p.at("birth_date"));
    EXPECT_EQ((*st)->Text(3), p.at("region_code"));
    EXPECT_EQ((*st)->Text(4), p.at("community"));
    EXPECT_EQ((*st)->Text(5), p.at("household_id"));
    EXPECT_EQ((*st)->Text(6), p.at("relation"));
  }

  // A sample of payments: amounts in fen and canonical periods, whatever format --noise wrote.
  auto payments = testing::ReadCsv(clean.dir / "payments.csv");
  auto pay = (*db).Prepare("SELECT id_number, amount, period, paid_date FROM payments WHERE payment_id = ?");
  ASSERT_TRUE(pay);
  for (size_t i = 0; i < payments.size(); i += 1009) {
    const auto& p = payments[i];
    (*pay)->Reset();
    (*pay)->Bind(1, p.at("payment_id"));
    auto row = (*pay)->Step();
    ASSERT_TRUE(row && *row) << p.at("payment_id");
    EXPECT_EQ((*pay)->Text(0), CitizenId::Normalize(p.at("id_number")));
    EXPECT_EQ(Money::FromFen((*pay)->Int(1)).ToYuanString(), p.at("amount"));
    EXPECT_EQ((*pay)->Text(2), p.at("period"));
    EXPECT_EQ((*pay)->Text(3), p.at("paid_date"));
  }

  // A second import of the same folder changes nothing.
  ingest::ImportOptions options;
  options.as_of = Date::Parse(district.summary.as_of).value();  // the district's own date
  auto again = ingest::ImportPaths(*db, {district.dir.string()}, options);
  ASSERT_TRUE(again) << again.error().message();
  for (const auto& table : again->tables) {
    EXPECT_EQ(table.outcome, ingest::TableOutcome::kApplied) << table.file;
    EXPECT_EQ(table.rows_changed, 0) << ingest::SummaryLine(table);
  }
}

TEST(DistrictRoundTripTest, CleanDistrictImportsExactly) { ExpectRoundTrip(/*noise=*/false); }

TEST(DistrictRoundTripTest, NoisyDistrictImportsToTheSameValues) { ExpectRoundTrip(/*noise=*/true); }

}  // namespace
}  // namespace qf
