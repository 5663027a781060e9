// Name normalisation and equality exactly as spec/rules.md defines it ("Name equality"):
// Unicode NFKC, trimming, removing every space (zero-width characters U+200B–U+200D, U+2060 and
// U+FEFF count as spaces), mapping the separators · • ． . ‧ ・ ･ to ·, Latin letters to lower
// case, and traditional → simplified characters (OpenCC t2s). Names that still differ but have
// the same toneless pinyin, syllable by syllable, are a clerical variant, not a mismatch.
//
//   NormalizeName(" 張 三 ") == "张三"
//   CompareNames("张三", "張三") == NameMatch::kEqual
//   CompareNames("张三", "章三") == NameMatch::kPinyinVariant
//   CompareNames("张三", "李四") == NameMatch::kDifferent
//
// Thread safety: every function here may be called from many threads at once. OpenCC's converter
// is shared (its Convert is const and documented thread-safe upstream); ICU transliterators are not
// thread-safe, so each thread builds its own on first use (about 100 ms once per thread).
//
// Data files: OpenCC's t2s.json (Debian package `opencc`, /usr/share/opencc). When it cannot be
// loaded, NormalizeName stops the program with a message; call CheckNameData() at start-up to
// report the problem as an Error instead.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::text {

// Unicode NFKC of UTF-8 text (ICU). Invalid UTF-8 sequences become U+FFFD.
std::string Nfkc(std::string_view utf8);

// The normalised form used for equality.
std::string NormalizeName(std::string_view utf8);

// Toneless pinyin of a normalised name, one syllable per character separated by a space:
// "张三" → "zhang san", "吉安" → "ji an" (not "jian", which is 建: spec/rules.md compares syllable
// by syllable, so names with different numbers of characters never share a key). The separator ·
// is not pronounced and is dropped ("阿依古丽·买买提" and "阿依古丽买买提" share a key); a Latin
// letter is its own lower-cased unit; other characters without a reading are kept as they are.
std::string PinyinKey(std::string_view normalized_name);

// Loads OpenCC's t2s configuration and ICU's Han-Latin transliterator once; fails with a Chinese
// message naming what is missing. Cheap after the first call.
Result<void> CheckNameData();

enum class NameMatch { kEqual, kPinyinVariant, kDifferent };
// kEqual when the normalised names are equal, kPinyinVariant when they differ but share PinyinKey,
// kDifferent otherwise. Names that are byte-equal after trimming take a fast path without ICU.
NameMatch CompareNames(std::string_view a, std::string_view b);

// True for kEqual and kPinyinVariant: the names denote the same person's name.
inline bool SameName(std::string_view a, std::string_view b) {
  return CompareNames(a, b) != NameMatch::kDifferent;
}

}  // namespace qf::text
