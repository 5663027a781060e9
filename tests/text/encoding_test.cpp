#include "text/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace qf::text {
namespace {

// 张三 in GB18030 (GBK range): D5C5 C8FD.
constexpr std::string_view kZhangSanGb = "\xD5\xC5\xC8\xFD";
constexpr std::string_view kZhangSanUtf8 = "张三";
const std::string kSample =
    "身份证号,姓名,金额\n110101199003071234,阿依古丽·买买提,1200.50\n€ 𠀀 é ü 﨑 ㈱\n";

TEST(EncodingTest, DetectsUtf8WithBom) {
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF身份证号,姓名"), Encoding::kUtf8Bom);
}

TEST(EncodingTest, DetectsPlainUtf8AndAscii) {
  EXPECT_EQ(DetectEncoding(kSample), Encoding::kUtf8);
  EXPECT_EQ(DetectEncoding("id,name\n1,a\n"), Encoding::kUtf8);
  EXPECT_EQ(DetectEncoding(""), Encoding::kUtf8);
}

TEST(EncodingTest, SampleCutInsideACharacterStillCountsAsUtf8) {
  const std::string text = "姓名,张三";
  // "三" is E4 B8 89: cut after one and after two of its bytes.
  EXPECT_EQ(DetectEncoding(std::string_view(text).substr(0, text.size() - 1)), Encoding::kUtf8);
  EXPECT_EQ(DetectEncoding(std::string_view(text).substr(0, text.size() - 2)), Encoding::kUtf8);
  // A four-byte character cut after three bytes.
  EXPECT_EQ(DetectEncoding("ab\xF0\xA0\x80"), Encoding::kUtf8);
}

TEST(EncodingTest, DetectsGb18030) {
  EXPECT_EQ(DetectEncoding(kZhangSanGb), Encoding::kGb18030);
  auto gb = Utf8ToGb18030(kSample);
  ASSERT_TRUE(gb.has_value()) << gb.error().message();
  EXPECT_EQ(DetectEncoding(*gb), Encoding::kGb18030);
}

TEST(EncodingTest, TruncationThatIsNotAValidPrefixIsNotUtf8) {
  // ED A0 would start a surrogate, E0 80 an overlong form: invalid even when cut at the end.
  EXPECT_EQ(DetectEncoding("ab\xED\xA0"), Encoding::kGb18030);
  EXPECT_EQ(DetectEncoding("ab\xE0\x80"), Encoding::kGb18030);
}

TEST(EncodingTest, EncodingNames) {
  EXPECT_EQ(EncodingName(Encoding::kUtf8), "UTF-8");
  EXPECT_EQ(EncodingName(Encoding::kUtf8Bom), "UTF-8 (BOM)");
  EXPECT_EQ(EncodingName(Encoding::kGb18030), "GB18030");
}

TEST(Utf8ValidationTest, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8(kSample));
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8ValidationTest, RejectsOverlongSurrogatesAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong three-byte
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong four-byte
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\x80"));              // stray continuation byte
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xE4\xB8"));  // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xE4\x41\x89"));      // continuation byte missing
}

TEST(Gb18030Test, ConvertsKnownBytes) {
  auto utf8 = Gb18030ToUtf8(kZhangSanGb);
  ASSERT_TRUE(utf8.has_value()) << utf8.error().message();
  EXPECT_EQ(*utf8, kZhangSanUtf8);
  auto gb = Utf8ToGb18030(kZhangSanUtf8);
  ASSERT_TRUE(gb.has_value());
  EXPECT_EQ(*gb, kZhangSanGb);
}

TEST(Gb18030Test, RoundTripsChineseTextIncludingFourByteCharacters) {
  auto gb = Utf8ToGb18030(kSample);
  ASSERT_TRUE(gb.has_value()) << gb.error().message();
  EXPECT_NE(*gb, kSample);
  auto back = Gb18030ToUtf8(*gb);
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(*back, kSample);
}

TEST(Gb18030Test, EmptyInputConvertsToEmptyOutput) {
  auto utf8 = Gb18030ToUtf8("");
  ASSERT_TRUE(utf8.has_value());
  EXPECT_EQ(*utf8, "");
  auto gb = Utf8ToGb18030("");
  ASSERT_TRUE(gb.has_value());
  EXPECT_EQ(*gb, "");
}

TEST(Gb18030Test, RoundTripsLargeText) {
  std::string big;
  while (big.size() < (std::size_t{3} << 20)) big += kSample;
  auto gb = Utf8ToGb18030(big);
  ASSERT_TRUE(gb.has_value());
  auto back = Gb18030ToUtf8(*gb);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, big);
}

TEST(Gb18030Test, RejectsInvalidBytesWithOffset) {
  // 0x81 must be followed by 0x30..0x39 or 0x40..0xFE; 0x20 is neither.
  auto r = Gb18030ToUtf8("ab\xD5\xC5\x81\x20xyz");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message().find("GB18030"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("第 5 字节"), std::string::npos) << r.error().message();
  EXPECT_FALSE(Gb18030ToUtf8("\xFF").has_value());
}

TEST(Gb18030Test, RejectsCharacterCutAtTheEnd) {
  auto r = Gb18030ToUtf8("ab\xD5");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message().find("字符中间结束"), std::string::npos) << r.error().message();
}

TEST(Gb18030Test, Utf8ToGbRejectsInvalidUtf8) {
  auto r = Utf8ToGb18030("ab\xED\xA0\x80");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message().find("UTF-8"), std::string::npos);
}

TEST(Gb18030DecoderTest, CarriesCharactersAcrossChunkBoundaries) {
  auto gb = Utf8ToGb18030(kSample);
  ASSERT_TRUE(gb.has_value());
  // Every chunk size from 1 byte up cuts the two- and four-byte characters in every position.
  for (std::size_t chunk = 1; chunk <= 7; ++chunk) {
    Gb18030Decoder decoder;
    std::string out;
    for (std::size_t i = 0; i < gb->size(); i += chunk) {
      auto r = decoder.Feed(std::string_view(*gb).substr(i, chunk), out);
      ASSERT_TRUE(r.has_value()) << r.error().message();
    }
    ASSERT_TRUE(decoder.Finish(out).has_value());
    EXPECT_EQ(out, kSample) << "chunk size " << chunk;
    EXPECT_EQ(decoder.bytes_fed(), gb->size());
  }
}

TEST(Gb18030DecoderTest, ReportsStreamOffsetOfInvalidBytes) {
  Gb18030Decoder decoder;
  std::string out;
  ASSERT_TRUE(decoder.Feed("abcd", out).has_value());
  auto r = decoder.Feed("e\xFF", out);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message().find("第 6 字节"), std::string::npos) << r.error().message();
  EXPECT_FALSE(decoder.Feed("more", out).has_value());  // stays failed
}

TEST(Gb18030DecoderTest, FinishFailsInsideACharacter) {
  Gb18030Decoder decoder;
  std::string out;
  ASSERT_TRUE(decoder.Feed("a\xD5", out).has_value());
  EXPECT_EQ(out, "a");
  EXPECT_FALSE(decoder.Finish(out).has_value());
}

std::string DecodeInChunks(Encoding encoding, std::string_view bytes, std::size_t chunk,
                           std::string* error) {
  StreamDecoder decoder(encoding);
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    if (auto r = decoder.Feed(bytes.substr(i, chunk), out); !r) {
      *error = r.error().message();
      return out;
    }
  }
  if (auto r = decoder.Finish(out); !r) *error = r.error().message();
  return out;
}

TEST(StreamDecoderTest, DecodesEachEncodingInAnyChunking) {
  auto gb = Utf8ToGb18030(kSample);
  ASSERT_TRUE(gb.has_value());
  const std::string with_bom = "\xEF\xBB\xBF" + kSample;
  for (std::size_t chunk = 1; chunk <= 5; ++chunk) {
    std::string error;
    EXPECT_EQ(DecodeInChunks(Encoding::kUtf8, kSample, chunk, &error), kSample);
    EXPECT_EQ(DecodeInChunks(Encoding::kUtf8Bom, with_bom, chunk, &error), kSample);
    EXPECT_EQ(DecodeInChunks(Encoding::kGb18030, *gb, chunk, &error), kSample);
    EXPECT_EQ(error, "") << "chunk size " << chunk;
  }
}

TEST(StreamDecoderTest, StripsGb18030ByteOrderMark) {
  std::string error;
  const std::string bytes = std::string("\x84\x31\x95\x33") + std::string(kZhangSanGb);
  EXPECT_EQ(DecodeInChunks(Encoding::kGb18030, bytes, 3, &error), kZhangSanUtf8);
  EXPECT_EQ(error, "");
}

TEST(StreamDecoderTest, RejectsInvalidUtf8WithStreamOffset) {
  std::string error;
  DecodeInChunks(Encoding::kUtf8, "张三,\xC0\xAF", 2, &error);
  EXPECT_NE(error.find("第 8 字节"), std::string::npos) << error;
  error.clear();
  DecodeInChunks(Encoding::kUtf8Bom,
                 "\xEF\xBB\xBF"
                 "ab\xE4\xB8",
                 2, &error);
  EXPECT_NE(error.find("字符中间结束"), std::string::npos) << error;
}

TEST(StreamDecoderTest, ShortInputThatLooksLikeABomPrefix) {
  std::string error;
  EXPECT_EQ(DecodeInChunks(Encoding::kUtf8, "a", 1, &error), "a");
  EXPECT_EQ(error, "");
  DecodeInChunks(Encoding::kUtf8, "\xEF\xBB", 1, &error);
  EXPECT_NE(error, "");
}

}  // namespace
}  // namespace qf::text
