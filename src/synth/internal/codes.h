// Identifiers of the synthetic district: GB 11643 ID numbers, GB 32100 credit codes, bank
// accounts, number plates and property certificate numbers. All valid by construction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "synth/internal/rng.h"

namespace qf::synth::internal {

// region (6 digits) + birth date + 3-digit sequence (odd = male) + GB 11643 check character.
std::string MakeCitizenId(std::string_view region, int32_t birth_days, int sequence);
// The same number with a wrong (never '0') check character: fails GB 11643 (R11 plants).
std::string BreakCheckCharacter(std::string_view id);
// The 15-digit legacy form of an 18-digit ID of someone born 1900–1999.
std::string LegacyFifteen(std::string_view id18);

// "91" + region + 9-character organisation code (GB 11714 check) + GB 32100 check character.
std::string MakeCreditCode(std::string_view region, int64_t serial);

// "浙A" + five characters, unique per serial.
std::string MakePlate(int64_t serial);
// "浙(2019)杭州市余杭区不动产权第0012345号"
std::string MakeCertificate(int year, int64_t serial);
// Bank card number: the bank's six-digit prefix and thirteen digits unique per serial.
std::string MakeAccount(std::string_view bank, int64_t serial, Rng& rng);

}  // namespace qf::synth::internal
