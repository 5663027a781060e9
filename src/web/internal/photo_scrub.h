// Removes what a photo says about its sender beyond its pixels: a phone's JPEG carries EXIF (GPS
// position, time, camera serial) and XMP in APPn segments and may carry COM comments; a PNG may
// carry tEXt/zTXt/iTXt text and eXIf chunks. A citizen's report keeps only the image.
//
//   auto clean = ScrubPhoto("jpeg", bytes);   // Result<std::string>: the same image, no metadata
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace qf::web::internal {

// JPEG: keeps SOI, the table and frame segments, APP0 "JFIF" and APP14 "Adobe" (colour
// transform, no personal data) and the scan data up to EOI; drops every other APPn segment,
// COM, and anything after EOI. PNG: keeps the critical chunks and the colour ones (tRNS, gAMA,
// cHRM, sRGB, iCCP, sBIT, pHYs, bKGD) up to IEND; drops the rest (text, eXIf, tIME, private
// chunks). kInvalidArgument for a file that does not parse.
Result<std::string> ScrubPhoto(std::string_view kind, std::string_view bytes);

}  // namespace qf::web::internal
