// Thresholds: the tunable numbers of the rule catalogue (spec/rules.md), read from
// config/rules.toml. A missing file means the defaults below; a malformed file is an error.
//
//   auto t = qf::engine::LoadThresholds("config/rules.toml");
//   if (!t) { print(t.error().message()); exit(1); }
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/result.h"

namespace qf::engine {

struct Thresholds {
  int32_t card_max_outsiders = 1;              // R05: an account may serve this many outsiders
  int32_t grace_days = 30;                     // R12
  int32_t split_window_days = 30;              // R17
  int64_t approval_threshold = 5'000'000;      // R17, fen (50,000 元)
  int64_t low_rent_ratio_bp = 5000;            // R19, ratio in 1/10000 (0.5)
  int64_t open_tender_threshold = 10'000'000;  // R20, fen (100,000 元)
  int32_t shell_company_days = 180;            // R24
};

// Reads the [thresholds] table of a TOML file; money keys are in yuan (元). Missing keys keep
// their defaults; a missing file gives all defaults.
Result<Thresholds> LoadThresholds(const std::filesystem::path& file);

}  // namespace qf::engine
