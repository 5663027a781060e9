// Encoding detection and conversion to UTF-8. Department files arrive as UTF-8 (with or without a
// byte-order mark) or GB18030; we detect which, never ask.
//
// Whole buffers:
//   Encoding e = DetectEncoding(first_256_kb);
//   Result<std::string> utf8 = Gb18030ToUtf8(bytes);   // fails on bytes that are not GB18030
//
// Streams (a file read in chunks; a character may be cut at a chunk's end):
//   StreamDecoder decoder(DetectEncoding(first_chunk));
//   std::string utf8;
//   while (read chunk) { if (auto r = decoder.Feed(chunk, utf8); !r) return r.error(); }
//   if (auto r = decoder.Finish(utf8); !r) return r.error();   // the file ended inside a character
//
// Errors carry a Chinese message naming the byte offset (1-based, from the start of the stream) and
// the offending bytes in hex; the caller adds the file name with Error::WithContext.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::text {

enum class Encoding { kUtf8, kUtf8Bom, kGb18030 };

// Decides from a sample (the first few hundred KB of a file): a UTF-8 BOM → kUtf8Bom; bytes that
// are valid UTF-8 → kUtf8 (a sample cut inside a multi-byte sequence still counts as valid);
// otherwise kGb18030.
Encoding DetectEncoding(std::string_view sample);
std::string_view EncodingName(Encoding e);  // "UTF-8", "UTF-8 (BOM)", "GB18030"

// True when `bytes` is entirely valid UTF-8 (strict: overlong forms, surrogates U+D800..U+DFFF,
// code points above U+10FFFF and truncated sequences are all invalid).
bool IsValidUtf8(std::string_view bytes);

// Converts GB18030 bytes to UTF-8 (ICU). Fails on byte sequences that are not GB18030, including a
// character cut at the end; never substitutes.
Result<std::string> Gb18030ToUtf8(std::string_view bytes);
// UTF-8 to GB18030 (used to write test files and --noise synthetic files). Fails on invalid UTF-8.
Result<std::string> Utf8ToGb18030(std::string_view utf8);

// Streaming GB18030 → UTF-8. Bytes of a character cut at a chunk's end are kept and completed by
// the next Feed. One decoder per stream; not thread-safe (use one per thread). Movable, not
// copyable.
class Gb18030Decoder {
 public:
  Gb18030Decoder();
  ~Gb18030Decoder();
  Gb18030Decoder(Gb18030Decoder&&) noexcept;
  Gb18030Decoder& operator=(Gb18030Decoder&&) noexcept;
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  // Appends the UTF-8 of `bytes` to `out`. After an error the decoder stays failed.
  Result<void> Feed(std::string_view bytes, std::string& out);
  Result<std::string> Feed(std::string_view bytes);
  // Ends the stream: fails when it ended inside a character.
  Result<void> Finish(std::string& out);

  // Bytes fed so far.
  std::uint64_t bytes_fed() const { return bytes_fed_; }

 private:
  struct State;
  Result<void> Convert(std::string_view bytes, bool flush, std::string& out);

  std::unique_ptr<State> state_;
  std::uint64_t bytes_fed_ = 0;
};

// Streaming decoder for any Encoding: strips a UTF-8 BOM, validates UTF-8 (carrying a sequence cut
// at a chunk's end into the next chunk), converts GB18030. Output is always valid UTF-8.
// Not thread-safe; one per stream.
class StreamDecoder {
 public:
  explicit StreamDecoder(Encoding encoding);

  Result<void> Feed(std::string_view bytes, std::string& out);
  Result<void> Finish(std::string& out);
  Encoding encoding() const { return encoding_; }

 private:
  Result<void> FeedUtf8(std::string_view bytes, std::string& out);

  Encoding encoding_;
  Gb18030Decoder gb_;         // used for kGb18030 only
  std::string carry_;         // UTF-8: the incomplete sequence at the end of the last chunk
  bool at_start_ = true;      // UTF-8 (BOM): the BOM has not been seen yet
  std::uint64_t offset_ = 0;  // UTF-8: stream offset of carry_'s first byte (or of the next chunk)
};

}  // namespace qf::text
