#include "text/encoding.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace qf::text {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Whole-buffer conversions go through the streaming decoder in blocks of this size: ICU takes
// int32 lengths, and a bounded block keeps the output estimate small.
constexpr std::size_t kBlockSize = std::size_t{16} << 20;

enum class Utf8Status { kValid, kTruncated, kInvalid };

struct Utf8Scan {
  Utf8Status status;
  std::size_t position;  // first byte of the invalid or truncated sequence; size() when valid
};

// Strict UTF-8 check per Unicode Table 3-7: the lead byte fixes the length and the allowed range of
// the second byte, which excludes overlong forms, surrogates and code points above U+10FFFF.
Utf8Scan ScanUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs dominate CSV files (digits, commas); check 8 bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return {Utf8Status::kInvalid, i};
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= n) return {Utf8Status::kTruncated, i};
      const unsigned char b = p[i + k];
      const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
      if (!ok) return {Utf8Status::kInvalid, i};
    }
    i += length;
  }
  return {Utf8Status::kValid, n};
}

std::string Hex(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) {
    if (i > 0) out += ' ';
    out += fmt::format("{:02X}", static_cast<unsigned char>(bytes[i]));
  }
  return out;
}

Error Utf8Error(std::uint64_t offset, std::string_view bytes) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("不是有效的 UTF-8 编码：第 {} 字节处的字节 {} 无法解码；"
                           "请确认文件编码（UTF-8 或 GB18030）后重新导出",
                           offset + 1, Hex(bytes)));
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Opens `name` with the STOP callbacks, so that an invalid or unmappable sequence is an error
// instead of a silent substitution.
Result<ConverterPtr> OpenStrict(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(name, &status));
  if (U_FAILURE(status)) {
    return Fail(ErrorCode::kInternal,
                fmt::format("无法打开 ICU 字符集转换器 {}：{}", name, u_errorName(status)));
  }
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ucnv_setFromUCallBack(cnv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) {
    return Fail(ErrorCode::kInternal,
                fmt::format("无法设置 ICU 转换器 {}：{}", name, u_errorName(status)));
  }
  return cnv;
}

}  // namespace

Encoding DetectEncoding(std::string_view sample) {
  if (sample.starts_with(kUtf8Bom)) return Encoding::kUtf8Bom;
  const Utf8Scan scan = ScanUtf8(sample);
  return scan.status == Utf8Status::kInvalid ? Encoding::kGb18030 : Encoding::kUtf8;
}

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf8Bom:
      return "UTF-8 (BOM)";
    case Encoding::kGb18030:
      return "GB18030";
  }
  return "?";
}

bool IsValidUtf8(std::string_view bytes) { return ScanUtf8(bytes).status == Utf8Status::kValid; }

// ---------------------------------------------------------------------------------------------
// Gb18030Decoder

struct Gb18030Decoder::State {
  ConverterPtr gb;
  ConverterPtr utf8;
  // ucnv_convertEx's pivot must survive between calls for streaming conversion.
  std::array<UChar, 4096> pivot{};
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  bool failed = false;
  std::string open_error;  // set when the converters could not be opened
};

Gb18030Decoder::Gb18030Decoder() : state_(std::make_unique<State>()) {
  auto gb = OpenStrict("gb18030");
  auto utf8 = OpenStrict("UTF-8");
  if (!gb || !utf8) {
    state_->failed = true;
    state_->open_error = !gb ? gb.error().message() : utf8.error().message();
    return;
  }
  state_->gb = std::move(*gb);
  state_->utf8 = std::move(*utf8);
}

Gb18030Decoder::~Gb18030Decoder() = default;
Gb18030Decoder::Gb18030Decoder(Gb18030Decoder&&) noexcept = default;
Gb18030Decoder& Gb18030Decoder::operator=(Gb18030Decoder&&) noexcept = default;

Result<void> Gb18030Decoder::Feed(std::string_view bytes, std::string& out) {
  // Bounded blocks keep ICU's int32 lengths safe whatever the caller's chunk size.
  while (bytes.size() > kBlockSize) {
    if (auto r = Convert(bytes.substr(0, kBlockSize), false, out); !r) return r;
    bytes.remove_prefix(kBlockSize);
  }
  return Convert(bytes, false, out);
}

Result<std::string> Gb18030Decoder::Feed(std::string_view bytes) {
  std::string out;
  if (auto r = Feed(bytes, out); !r) return std::unexpected(r.error());
  return out;
}

Result<void> Gb18030Decoder::Finish(std::string& out) { return Convert({}, true, out); }

Result<void> Gb18030Decoder::Convert(std::string_view bytes, bool flush, std::string& out) {
  State& s = *state_;
  if (s.failed) {
    return Fail(s.open_error.empty() ? ErrorCode::kInvalidArgument : ErrorCode::kInternal,
                s.open_error.empty() ? "GB18030 解码器已因前面的错误停止" : s.open_error);
  }
  // ICU rejects a null source pointer even for an empty range (Finish passes no bytes).
  const char* source = bytes.empty() ? "" : bytes.data();
  const char* const source_begin = source;
  const char* const source_limit = source + bytes.size();
  // A GB18030 character of 1, 2 or 4 bytes becomes at most 1, 3 or 4 UTF-8 bytes.
  std::size_t used = out.size();
  out.resize(used + bytes.size() + bytes.size() / 2 + 64);
  for (;;) {
    char* target = out.data() + used;
    char* const target_begin = target;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_convertEx(s.utf8.get(), s.gb.get(), &target, out.data() + out.size(), &source,
                   source_limit, s.pivot.data(), &s.pivot_source, &s.pivot_target,
                   s.pivot.data() + s.pivot.size(), false, flush, &status);
    used += static_cast<std::size_t>(target - target_begin);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      out.resize(out.size() + out.size() / 2 + 64);
      continue;
    }
    out.resize(used);
    if (U_SUCCESS(status)) break;

    s.failed = true;
    char invalid[32];
    std::int8_t invalid_length = sizeof(invalid);
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(s.gb.get(), invalid, &invalid_length, &ignored);
    if (U_FAILURE(ignored)) invalid_length = 0;
    const std::uint64_t consumed = bytes_fed_ + static_cast<std::uint64_t>(source - source_begin);
    const std::uint64_t offset = consumed - std::min<std::uint64_t>(consumed, invalid_length);
    const std::string hex =
        Hex(std::string_view(invalid, static_cast<std::size_t>(invalid_length)));
    bytes_fed_ += bytes.size();
    if (status != U_TRUNCATED_CHAR_FOUND && status != U_ILLEGAL_CHAR_FOUND &&
        status != U_INVALID_CHAR_FOUND) {
      return Fail(ErrorCode::kInternal, fmt::format("GB18030 解码失败（ICU {}），第 {} 字节附近",
                                                    u_errorName(status), offset + 1));
    }
    if (status == U_TRUNCATED_CHAR_FOUND) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("GB18030 编码的内容在一个字符中间结束（第 {} 字节起的 {}），"
                              "文件可能不完整",
                              offset + 1, hex));
    }
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("不是有效的 GB18030 编码：第 {} 字节处的字节 {} 无法解码；"
                            "请确认文件编码（UTF-8 或 GB18030）后重新导出",
                            offset + 1, hex));
  }
  bytes_fed_ += bytes.size();
  return {};
}

// ---------------------------------------------------------------------------------------------
// StreamDecoder

StreamDecoder::StreamDecoder(Encoding encoding) : encoding_(encoding) {}

Result<void> StreamDecoder::Feed(std::string_view bytes, std::string& out) {
  if (encoding_ == Encoding::kGb18030) {
    const std::size_t before = out.size();
    auto r = gb_.Feed(bytes, out);
    // A GB18030 file may start with the GB18030 form of the byte-order mark (84 31 95 33).
    if (r && at_start_ && out.size() > before) {
      if (std::string_view(out).substr(before).starts_with(kUtf8Bom)) {
        out.erase(before, kUtf8Bom.size());
      }
      at_start_ = false;
    }
    return r;
  }
  return FeedUtf8(bytes, out);
}

Result<void> StreamDecoder::FeedUtf8(std::string_view bytes, std::string& out) {
  std::string first;  // only the stream's first bytes are ever copied, to look for the BOM
  if (at_start_) {
    first = std::move(carry_);
    carry_.clear();
    first.append(bytes);
    // The BOM itself may be cut by the chunk boundary; wait for three bytes.
    if (first.size() < kUtf8Bom.size() && kUtf8Bom.starts_with(first)) {
      carry_ = std::move(first);
      return {};
    }
    at_start_ = false;
    bytes = first;
    if (bytes.starts_with(kUtf8Bom)) {
      bytes.remove_prefix(kUtf8Bom.size());
      offset_ += kUtf8Bom.size();
    }
  }
  // Complete the sequence cut at the end of the previous chunk with at most three bytes of this
  // one.
  while (!carry_.empty() && !bytes.empty()) {
    carry_ += bytes.front();
    bytes.remove_prefix(1);
    const Utf8Scan scan = ScanUtf8(carry_);
    if (scan.status == Utf8Status::kInvalid) return std::unexpected(Utf8Error(offset_, carry_));
    if (scan.status == Utf8Status::kValid) {
      out += carry_;
      offset_ += carry_.size();
      carry_.clear();
    }
  }
  const Utf8Scan scan = ScanUtf8(bytes);
  if (scan.status == Utf8Status::kInvalid) {
    return std::unexpected(Utf8Error(offset_ + scan.position, bytes.substr(scan.position, 4)));
  }
  out.append(bytes.substr(0, scan.position));
  offset_ += scan.position;
  carry_.append(bytes.substr(scan.position));
  return {};
}

Result<void> StreamDecoder::Finish(std::string& out) {
  if (encoding_ == Encoding::kGb18030) return gb_.Finish(out);
  if (at_start_) {
    // Fewer than three bytes in all: a prefix of the BOM is ordinary (invalid or short) data.
    at_start_ = false;
    std::string rest = std::move(carry_);
    carry_.clear();
    if (auto r = FeedUtf8(rest, out); !r) return r;
  }
  if (!carry_.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("UTF-8 编码的内容在一个字符中间结束（第 {} 字节起的 {}），"
                            "文件可能不完整",
                            offset_ + 1, Hex(carry_)));
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Whole-buffer conversions

Result<std::string> Gb18030ToUtf8(std::string_view bytes) {
  Gb18030Decoder decoder;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  if (auto r = decoder.Feed(bytes, out); !r) return std::unexpected(r.error());
  if (auto r = decoder.Finish(out); !r) return std::unexpected(r.error());
  return out;
}

Result<std::string> Utf8ToGb18030(std::string_view utf8) {
  // Validate first: the error then names the exact offset, and ICU only sees well-formed input.
  if (const Utf8Scan scan = ScanUtf8(utf8); scan.status != Utf8Status::kValid) {
    return std::unexpected(Utf8Error(scan.position, utf8.substr(scan.position, 4)));
  }
  if (utf8.empty()) return std::string();
  auto gb = OpenStrict("gb18030");
  if (!gb) return std::unexpected(gb.error());
  auto from = OpenStrict("UTF-8");
  if (!from) return std::unexpected(from.error());

  std::string out;
  std::array<UChar, 4096> pivot{};
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  std::size_t used = 0;
  std::size_t offset = 0;
  for (;;) {
    // Split on a character boundary so each block is complete UTF-8.
    std::size_t end = std::min(utf8.size(), offset + kBlockSize);
    while (end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    const bool last = end == utf8.size();
    const char* source = utf8.data() + offset;
    const char* const source_limit = utf8.data() + end;
    // A UTF-8 character of 1..4 bytes becomes at most 2x as many GB18030 bytes (2 → 4).
    out.resize(used + 2 * (end - offset) + 64);
    for (;;) {
      char* target = out.data() + used;
      char* const target_begin = target;
      UErrorCode status = U_ZERO_ERROR;
      ucnv_convertEx(gb->get(), from->get(), &target, out.data() + out.size(), &source,
                     source_limit, pivot.data(), &pivot_source, &pivot_target,
                     pivot.data() + pivot.size(), false, last, &status);
      used += static_cast<std::size_t>(target - target_begin);
      if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(out.size() + out.size() / 2 + 64);
        continue;
      }
      if (U_FAILURE(status)) {
        return Fail(ErrorCode::kInternal,
                    fmt::format("UTF-8 转 GB18030 失败：{}", u_errorName(status)));
      }
      break;
    }
    offset = end;
    if (last) break;
  }
  out.resize(used);
  return out;
}

}  // namespace qf::text
