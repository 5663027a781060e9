// QrSvg over libqrencode.
#include "web/qr_code.h"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>
#include <string>

namespace qf::web {

Result<std::string> QrSvg(std::string_view text) {
  std::string input(text);
  // Medium error correction: survives a smudged or partly torn printout.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return Fail(ErrorCode::kInvalidArgument, "二维码内容过长，无法生成");
  const int width = code->width;
  const int quiet = 4;
  const int size = width + 2 * quiet;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if (code->data[y * width + x] & 1) {
        path += fmt::format("M{},{}h1v1h-1z", x + quiet, y + quiet);
      }
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" "
      "shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"{0}\" height=\"{0}\" "
      "fill=\"#fff\"/><path d=\"{1}\" fill=\"#000\"/></svg>",
      size, path);
}

}  // namespace qf::web
