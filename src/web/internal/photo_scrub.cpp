// ScrubPhoto: JPEG segments and PNG chunks that are not the image are dropped.
#include "web/internal/photo_scrub.h"

#include <array>
#include <cstdint>

namespace qf::web::internal {
namespace {

Error Broken() { return Error(ErrorCode::kInvalidArgument, "照片文件已损坏，无法读取"); }

uint8_t Byte(std::string_view b, size_t i) { return static_cast<uint8_t>(b[i]); }

// A marker without a length field: TEM, RSTn, SOI, EOI.
bool Standalone(uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9); }

bool KeepJpegSegment(uint8_t marker, std::string_view payload) {
  if (marker == 0xFE) return false;  // COM
  if (marker == 0xE0) return payload.starts_with(std::string_view("JFIF\0", 5));
  if (marker == 0xEE) return payload.starts_with("Adobe");
  return marker < 0xE0 || marker > 0xEF;  // other APPn: EXIF, XMP, ICC, maker data
}

Result<std::string> ScrubJpeg(std::string_view b) {
  if (b.size() < 4 || Byte(b, 0) != 0xFF || Byte(b, 1) != 0xD8) return std::unexpected(Broken());
  std::string out(b.substr(0, 2));
  size_t i = 2;
  while (i + 1 < b.size()) {
    if (Byte(b, i) != 0xFF) return std::unexpected(Broken());
    uint8_t marker = Byte(b, i + 1);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (Standalone(marker)) {
      if (marker == 0xD9) return out.append("\xFF\xD9", 2);
      out.append(b.substr(i, 2));
      i += 2;
      continue;
    }
    if (i + 4 > b.size()) return std::unexpected(Broken());
    size_t length = (size_t{Byte(b, i + 2)} << 8) | Byte(b, i + 3);
    if (length < 2 || i + 2 + length > b.size()) return std::unexpected(Broken());
    std::string_view payload = b.substr(i + 4, length - 2);
    if (marker == 0xDA) {
      // Start of scan: entropy-coded data follows; a 0xFF in it is stuffed (FF00) or a restart
      // marker, so the first FFD9 is the end of the image. Later scans of a progressive JPEG
      // and their tables are copied with it.
      size_t end = b.find("\xFF\xD9", i + 2 + length);
      if (end == std::string_view::npos) return std::unexpected(Broken());
      return out.append(b.substr(i, end + 2 - i));
    }
    if (KeepJpegSegment(marker, payload)) out.append(b.substr(i, 2 + length));
    i += 2 + length;
  }
  return std::unexpected(Broken());
}

bool KeepPngChunk(std::string_view type) {
  static constexpr std::array<std::string_view, 12> kKept = {"IHDR", "PLTE", "IDAT", "IEND",
                                                             "tRNS", "gAMA", "cHRM", "sRGB",
                                                             "iCCP", "sBIT", "pHYs", "bKGD"};
  for (std::string_view kept : kKept) {
    if (type == kept) return true;
  }
  return false;
}

Result<std::string> ScrubPng(std::string_view b) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (!b.starts_with(kSignature)) return std::unexpected(Broken());
  std::string out(kSignature);
  size_t i = kSignature.size();
  while (i + 12 <= b.size()) {
    size_t length = (size_t{Byte(b, i)} << 24) | (size_t{Byte(b, i + 1)} << 16) |
                    (size_t{Byte(b, i + 2)} << 8) | Byte(b, i + 3);
    if (length > b.size() || i + 12 + length > b.size()) return std::unexpected(Broken());
    std::string_view type = b.substr(i + 4, 4);
    if (KeepPngChunk(type)) out.append(b.substr(i, 12 + length));
    if (type == "IEND") return out;
    i += 12 + length;
  }
  return std::unexpected(Broken());
}

}  // namespace

Result<std::string> ScrubPhoto(std::string_view kind, std::string_view bytes) {
  if (kind == "jpeg") return ScrubJpeg(bytes);
  if (kind == "png") return ScrubPng(bytes);
  return std::unexpected(Error(ErrorCode::kInvalidArgument, "照片只能是 JPEG 或 PNG 图片。"));
}

}  // namespace qf::web::internal
