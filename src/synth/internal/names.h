// Chinese names for the synthetic district: surnames with realistic frequencies (a few compound
// surnames), given names by sex, Uyghur-style names with the separator `·`, and the clerical
// variants a payment file may carry (spaces, traditional characters, homophones, other dots).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "synth/internal/rng.h"

namespace qf::synth::internal {

std::string RandomSurname(Rng& rng);
std::string RandomGivenName(Rng& rng, bool male);
// "阿依古丽·买买提": own name, the separator, the father's own name.
std::string RandomMinorityOwnName(Rng& rng, bool male);

// A clerical variant of `name` that name equality (spec/rules.md) treats as the same name:
// spaces or zero-width characters, traditional characters, a homophone in the given name, or
// another separator dot (・ and ･ included).
// Returns `name` unchanged when no variant applies. The caller verifies with qf::text.
std::string ClericalVariant(Rng& rng, std::string_view name);

// Unique community names: "<word>村" for villages, "<word>社区" otherwise.
std::vector<std::string> CommunityWords(Rng& rng, size_t count);
std::vector<std::string> StreetNames();

// Splits UTF-8 text into code points (each as its own string).
std::vector<std::string> SplitUtf8(std::string_view text);

}  // namespace qf::synth::internal
