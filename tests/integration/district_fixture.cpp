#include "district_fixture.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "core/date.h"
#include "ingest/importer.h"
#include "store/migrations.h"
#include "support/test_store.h"

namespace qf::testing {

namespace {

std::map<std::tuple<int64_t, uint64_t, bool>, District>& Districts() {
  static std::map<std::tuple<int64_t, uint64_t, bool>, District> districts;
  return districts;
}

// The as-of date of a generated district (its latest paid_date), else empty.
std::optional<Date> AsOfOf(const std::filesystem::path& dir) {
  for (const auto& [key, district] : Districts()) {
    if (district.dir == dir && !district.summary.as_of.empty()) {
      auto date = Date::Parse(district.summary.as_of);
      if (date) return *date;
    }
  }
  return std::nullopt;
}

}  // namespace

const District& GetDistrict(int64_t persons, uint64_t seed, bool noise) {
  auto& districts = Districts();
  auto key = std::make_tuple(persons, seed, noise);
  if (auto it = districts.find(key); it != districts.end()) return it->second;
  District district;
  district.dir = std::filesystem::temp_directory_path() /
                 ("qf-district-" + std::to_string(getpid()) + "-" + std::to_string(persons) + "-" +
                  std::to_string(seed) + (noise ? "-noise" : ""));
  synth::SynthOptions options;
  options.persons = persons;
  options.seed = seed;
  options.noise = noise;
  options.out_dir = district.dir;
  auto summary = synth::Generate(options);
  EXPECT_TRUE(summary) << (summary ? "" : summary.error().message());
  if (summary) district.summary = *summary;
  return districts.emplace(key, std::move(district)).first->second;
}

std::unique_ptr<store::Database> ImportDistrict(const std::filesystem::path& dir,
                                                std::string url) {
  auto db = store::Open(url.empty() ? test_support::TestStoreUrl() : url);
  EXPECT_TRUE(db);
  if (!db) return nullptr;
  auto migrated = store::Migrate(**db);
  EXPECT_TRUE(migrated) << (migrated ? "" : migrated.error().message());
  // The district is dated (its payments end on 2025-12-15): it is judged as of that day, not
  // as of the machine's clock, and must pass every plausibility check on it.
  ingest::ImportOptions options;
  options.as_of = AsOfOf(dir);
  EXPECT_TRUE(options.as_of.has_value()) << dir;
  auto report = ingest::ImportPaths(**db, {dir.string()}, options);
  EXPECT_TRUE(report) << (report ? "" : report.error().message());
  if (report) {
    for (const auto& table : report->tables) {
      EXPECT_EQ(table.outcome, ingest::TableOutcome::kApplied)
          << ingest::SummaryLine(table) << " " << table.file_error
          << (table.errors.empty() ? "" : ingest::DescribeRowError(table.errors.front()));
    }
  }
  return std::move(*db);
}

std::vector<std::map<std::string, std::string>> ReadCsv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);

  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      fields.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(fields));
      fields.clear();
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !fields.empty()) {
    fields.push_back(std::move(field));
    records.push_back(std::move(fields));
  }
  std::vector<std::map<std::string, std::string>> rows;
  if (records.empty()) return rows;
  const auto& header = records.front();
  for (size_t r = 1; r < records.size(); ++r) {
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < header.size() && c < records[r].size(); ++c) {
      row[header[c]] = records[r][c];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace qf::testing
