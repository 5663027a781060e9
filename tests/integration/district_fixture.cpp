#include "district_fixture.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "ingest/importer.h"
#include "store/migrations.h"
#include "support/test_store.h"

namespace qf::testing {

const District& GetDistrict(int64_t persons, uint64_t seed, bool noise) {
  static std::map<std::tuple<int64_t, uint64_t, bool>, District> districts;
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
  auto report = ingest::ImportPaths(**db, {dir.string()}, ingest::ImportOptions{});
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
