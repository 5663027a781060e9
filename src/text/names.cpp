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

// The separators of rules.md after NFKC: · U+00B7, • U+2022, ． and . (both U+002E), ‧ U+2027.
bool IsSeparator(UChar32 c) { return c == 0xB7 || c == 0x2022 || c == 0x2E || c == 0x2027; }

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

std::string PinyinKey(std::string_view normalized_name) {
  // Spaces and the separator are not pronounced; strip them before the cache and the
  // transliterator.
  std::string name;
  name.reserve(normalized_name.size());
  for (std::size_t i = 0; i < normalized_name.size(); ++i) {
    const char c = normalized_name[i];
    if (c == ' ' || c == '\t') continue;
    if (normalized_name.substr(i).starts_with(kMiddleDot)) {
      ++i;
      continue;
    }
    name += c;
  }
  if (AllAscii(name)) {
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return name;
  }

  thread_local StringCache cache;
  if (auto it = cache.find(name); it != cache.end()) return it->second;

  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  PinyinTransliterator().transliterate(text);
  std::string latin;
  text.toUTF8String(latin);
  std::string key;
  key.reserve(latin.size());
  for (char c : latin) {
    // Han-Latin separates syllables by spaces and, before a vowel, by an apostrophe (xi'an).
    if (c == ' ' || c == '\'') continue;
    key += c;
  }
  Remember(cache, name, key);
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
