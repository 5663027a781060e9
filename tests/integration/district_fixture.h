// A synthetic district generated once per test binary, in a temporary folder, and helpers to
// import it into a fresh in-memory store. Generating 20,000 persons takes about a second.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/database.h"
#include "synth/synth.h"

namespace qf::testing {

struct District {
  std::filesystem::path dir;
  synth::SynthSummary summary;
};

// The district for (persons, seed, noise, density), generated on first use and kept for the
// process.
const District& GetDistrict(int64_t persons, uint64_t seed, bool noise,
                            synth::Density density = synth::Density::kDefault);

// A migrated in-memory store with every table of `dir` imported; fails the test on error. `url`
// names another store (empty: the suite's backend, support/test_store.h).
std::unique_ptr<store::Database> ImportDistrict(const std::filesystem::path& dir,
                                                std::string url = "");

// Reads a CSV with a header row into one map per row (UTF-8, RFC 4180 quoting).
std::vector<std::map<std::string, std::string>> ReadCsv(const std::filesystem::path& file);

}  // namespace qf::testing
