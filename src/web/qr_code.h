// QR codes as SVG (libqrencode), for the printable sheet of 码上行动 codes.
//
//   std::string svg = *QrSvg("https://jw.example.gov.cn/m/p/c-1a2b3c4d5e");
//
// The SVG is one <path> of unit squares with a 4-module quiet zone, scalable to any print size.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::web {

// kInvalidArgument when the text is too long for a QR code.
Result<std::string> QrSvg(std::string_view text);

}  // namespace qf::web
