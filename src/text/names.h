// Name normalisation and equality exactly as spec/rules.md defines it ("Name equality"):
// Unicode NFKC, trimming, removing every space, mapping the separators · • ． . ‧ to ·, and
// traditional → simplified characters (OpenCC t2s). Names that still differ but have the same
// toneless pinyin are a clerical variant, not a mismatch.
//
//   NormalizeName(" 張 三 ") == "张三"
//   CompareNames("张三", "張三") == NameMatch::kEqual
//   CompareNames("张三", "章三") == NameMatch::kPinyinVariant
//   CompareNames("张三", "李四") == NameMatch::kDifferent
//
// Thread safety: every function here may be called from many threads at once.
#pragma once

#include <string>
#include <string_view>

namespace qf::text {

// Unicode NFKC of UTF-8 text (ICU). Invalid UTF-8 sequences become U+FFFD.
std::string Nfkc(std::string_view utf8);

// The normalised form used for equality.
std::string NormalizeName(std::string_view utf8);

// Toneless pinyin of a normalised name, syllables separated by nothing: "张三" → "zhangsan".
// Characters without a reading are kept as they are.
std::string PinyinKey(std::string_view normalized_name);

enum class NameMatch { kEqual, kPinyinVariant, kDifferent };
NameMatch CompareNames(std::string_view a, std::string_view b);

// True for kEqual and kPinyinVariant: the names denote the same person's name.
inline bool SameName(std::string_view a, std::string_view b) {
  return CompareNames(a, b) != NameMatch::kDifferent;
}

}  // namespace qf::text
