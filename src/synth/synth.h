// The synthetic district (qingfeng synth): a realistic district in the canonical format of
// spec/dataset.md with planted problems for every rule R01–R20 of spec/rules.md and their ground
// truth (truth.csv). The clean background triggers no rule; each planted problem is listed in
// truth.csv keyed exactly as the engine's findings export. docs/synth.md lists every plant.
//
//   qf::synth::SynthOptions options;
//   options.persons = 20000;
//   options.seed = 7;
//   options.noise = true;           // GB18030 files, Chinese headers, legacy IDs, amount formats …
//   options.out_dir = "var/synth";
//   auto summary = qf::synth::Generate(options);
//   if (!summary) { /* summary.error().message() says what failed */ }
//
// Deterministic: the same options give byte-identical files on every machine (own PRNG, no
// std::random_device or standard distributions). Not thread-safe per call; independent calls may
// run concurrently.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::synth {

// Called between stages and during long writes; `stage` is Chinese user-facing text.
using ProgressFn = std::function<void(std::string_view stage, int64_t done, int64_t total)>;

// How many payments the clean ledger makes. kDefault: about 4 per person and year, the districts
// every test and benchmark has used. kReal: a real district's density, about 10 per person and
// year (the rural pension in three parts for most residents over 60, farmland subsidies per rural
// household, several monthly programs per poor household) — an extra layer drawn from its own
// random stream: the kDefault tables and truth stay byte-for-byte what they are without it, plus
// the layer's enrolments, cards and payments (streamed while writing) and three programs.
enum class Density { kDefault, kReal };

struct SynthOptions {
  int64_t persons = 20000;  // residents in persons.csv (at least 500)
  uint64_t seed = 1;
  bool noise = false;  // messy but equivalent formatting; never changes the truth
  Density density = Density::kDefault;
  std::filesystem::path out_dir;
  ProgressFn progress;  // optional
};

struct SynthSummary {
  int64_t persons = 0;
  int64_t households = 0;
  int64_t communities = 0;
  std::map<std::string, int64_t> rows_per_table;  // table name (file stem) → data rows
  std::map<std::string, int64_t> truth_per_rule;  // "R01" → planted findings
  int64_t truth_rows = 0;
  double payments_per_person_year = 0;  // payments.csv rows / persons (the ledger is one year)
  std::string as_of;                    // the latest paid_date, ISO
};

// Writes every table of spec/dataset.md as <table>.csv plus truth.csv into out_dir (created if
// missing; existing files of the same names are overwritten).
Result<SynthSummary> Generate(const SynthOptions& options);

}  // namespace qf::synth
