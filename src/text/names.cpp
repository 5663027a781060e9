#include "text/names.h"

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <opencc/SimpleConverter.hpp>
#include <unordered_map>

#include "core/strings.h"
#include "text/encoding.h"

namespace qf::text {
namespace {

constexpr std::string_view kMiddleDot = "\xC2\xB7";  // U+00B7, the one separator we keep

// OpenCC looks a bare config name up in its own data directory; the absolute paths come first so
// that a stray t2s.json in the working directory is never picked.
constexpr const char* kOpenccConfigs[] = {
    "/usr/share/opencc/t2s.json",
    "/usr/local/share/opencc/t2s.json",
    "t2s.json",
};

// Han-Latin gives toned pinyin with spaces ("zhāng sān"). ü is a different vowel from u
// (吕 lǚ ≠ 卢 lú), so it becomes "v" as in pinyin keyboards before Latin-ASCII strips the tones.
constexpr char16_t kPinyinRules[] =
    u":: Han-Latin; [ǖǘǚǜü] > v; [ǕǗǙǛÜ] > V; :: Latin-ASCII; :: Lower;";

// Per-thread caches: the engine compares the same few hundred thousand names over and over, and a
// normalisation (OpenCC) costs microseconds while a lookup costs tens of nanoseconds. Each cache is
// dropped whole when full, which bounds memory without bookkeeping.
constexpr std::size_t kCacheLimit = 1 << 16;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringCache = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

void Remember(StringCache& cache, std::string_view key, const std::string& value) {
  if (cache.size() >= kCacheLimit) cache.clear();
  cache.emplace(std::string(key), value);
}

bool AllAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

[[noreturn]] void DieForMissingData(const std::string& message) {
  std::fprintf(stderr, "清风：%s\n", message.c_str());
  std::abort();
}

// The shared t2s converter, built once; `error` says why it is missing.
struct T2s {
  std::unique_ptr<opencc::SimpleConverter> converter;
  std::string error;
};

const T2s& T2sConverter() {
  static const T2s t2s = [] {
    T2s result;
    std::string reasons;
    for (const char* config : kOpenccConfigs) {
      const bool absolute = config[0] == '/';
      std::error_code ec;
      if (absolute && !std::filesystem::exists(config, ec)) continue;
      try {
        result.converter = std::make_unique<opencc::SimpleConverter>(config);
        return result;
      } catch (const std::exception& e) {
        reasons += fmt::format("{}：{}；", config, e.what());
      } catch (...) {
        reasons += fmt::format("{}：未知错误；", config);
      }
    }
    result.error = fmt::format(
        "无法加载 OpenCC 繁简转换配置 t2s.json（{}）。请安装 Debian 软件包 opencc", reasons);
    return result;
  }();
  return t2s;
}

std::string TraditionalToSimplified(const std::string& text) {
  const T2s& t2s = T2sConverter();
  if (!t2s.converter) DieForMissingData(t2s.error);
  try {
    return t2s.converter->Convert(text);
  } catch (const std::exception& e) {
    // Our input is valid UTF-8 after NFKC, so this is a bug in the data or library.
    DieForMissingData(fmt::format("OpenCC 繁简转换失败：{}", e.what()));
  }
}

Result<std::unique_ptr<icu::Transliterator>> CreatePinyinTransliterator() {
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      "QingfengPinyin", icu::UnicodeString(kPinyinRules), UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || t == nullptr) {
    return Fail(
        ErrorCode::kInternal,
        fmt::format("无法创建 ICU 拼音转写器 Han-Latin（{}）。请确认 ICU 数据完整（libicu）",
                    u_errorName(status)));
  }
  return t;
}

// Transliterators are not thread-safe and costly to build: one per thread, built on first use.
icu::Transliterator& PinyinTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    auto t = CreatePinyinTransliterator();
    if (!t) DieForMissingData(t.error().message());
    return std::move(*t);
  }();
  return *transliterator;
}

// Characters removed from a name: all of Unicode's White_Space (U+3000 included; NFKC has already
// turned most of them into U+0020) and the invisible zero-width characters that copy-paste leaves.
bool IsRemoved(UChar32 c) {
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
         c == 0xFEFF;
}

// The separators of rules.md after NFKC: · U+00B7, • U+2022, ． and . (both U+002E), ‧ U+2027,
// and the katakana middle dots ・ U+30FB and ･ U+FF65 (NFKC turns the second into the first) that
// Japanese input methods type for the same separator (the boundary review).
bool IsSeparator(UChar32 c) {
  return c == 0xB7 || c == 0x2022 || c == 0x2E || c == 0x2027 || c == 0x30FB || c == 0xFF65;
}

}  // namespace

std::string Nfkc(std::string_view utf8) {
  if (AllAscii(utf8)) return std::string(utf8);  // ASCII is its own NFKC
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  assert(U_SUCCESS(status));
  std::string out;
  if (!IsValidUtf8(utf8)) {
    // fromUTF8 replaces each ill-formed sequence by U+FFFD, as the contract says.
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    nfkc->normalize(text, status).toUTF8String(out);
    return out;
  }
  const icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (nfkc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(utf8);
  status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out);
  nfkc->normalizeUTF8(0, piece, sink, nullptr, status);
  assert(U_SUCCESS(status));
  return out;
}

namespace {

std::string NormalizeUncached(std::string_view utf8) {
  const std::string nfkc = Nfkc(utf8);
  std::string out;
  out.reserve(nfkc.size());
  bool ascii = true;
  const auto* s = reinterpret_cast<const uint8_t*>(nfkc.data());
  const auto length = static_cast<int32_t>(nfkc.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (IsRemoved(c)) continue;
    if (IsSeparator(c)) {
      out += kMiddleDot;
      ascii = false;
      continue;
    }
    if (c >= 0x80) ascii = false;
    // Latin letters compare case-insensitively (rules.md, the boundary review).
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      continue;
    }
    out.append(nfkc, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
  if (ascii) return out;  // OpenCC maps only Han characters
  return TraditionalToSimplified(out);
}

}  // namespace

std::string NormalizeName(std::string_view utf8) {
  thread_local StringCache cache;
  if (auto it = cache.find(utf8); it != cache.end()) return it->second;
  std::string normalized = NormalizeUncached(utf8);
  Remember(cache, utf8, normalized);
  return normalized;
}

namespace {

// The toneless syllable of one character: Han-Latin's reading of the character alone, so that
// every character gives exactly one syllable and no reading depends on its neighbours.
std::string Syllable(std::string_view character) {
  if (character.size() == 1) {
    char c = character[0];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return std::string(1, c);
  }
  thread_local StringCache cache;
  if (auto it = cache.find(character); it != cache.end()) return it->second;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(character.data(), static_cast<int32_t>(character.size())));
  PinyinTransliterator().transliterate(text);
  std::string latin;
  text.toUTF8String(latin);
  std::string syllable;
  for (char c : latin) {
    if (c != ' ' && c != '\'') syllable += c;
  }
  Remember(cache, character, syllable);
  return syllable;
}

}  // namespace

std::string PinyinKey(std::string_view normalized_name) {
  thread_local StringCache cache;
  if (auto it = cache.find(normalized_name); it != cache.end()) return it->second;
  // One syllable per character, joined by a space: compared syllable by syllable, 吉安 "ji an"
  // differs from 建 "jian", and names of different lengths never share a key. Spaces and the
  // separator are not pronounced and give no syllable.
  std::string key;
  const auto* s = reinterpret_cast<const uint8_t*>(normalized_name.data());
  const auto length = static_cast<int32_t>(normalized_name.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c == ' ' || c == '\t' || c == 0xB7) continue;
    if (!key.empty()) key += ' ';
    key += Syllable(normalized_name.substr(static_cast<std::size_t>(start),
                                           static_cast<std::size_t>(i - start)));
  }
  Remember(cache, normalized_name, key);
  return key;
}

Result<void> CheckNameData() {
  if (const T2s& t2s = T2sConverter(); !t2s.converter) {
    return Fail(ErrorCode::kNotFound, t2s.error);
  }
  if (auto t = CreatePinyinTransliterator(); !t) return std::unexpected(t.error());
  return {};
}

NameMatch CompareNames(std::string_view a, std::string_view b) {
  if (TrimSpaces(a) == TrimSpaces(b)) return NameMatch::kEqual;
  const std::string na = NormalizeName(a);
  const std::string nb = NormalizeName(b);
  if (na == nb) return NameMatch::kEqual;
  return PinyinKey(na) == PinyinKey(nb) ? NameMatch::kPinyinVariant : NameMatch::kDifferent;
}

}  // namespace qf::text
