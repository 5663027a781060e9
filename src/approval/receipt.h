// Receipt codes of applications: 16 random digits shown to the applicant once, kept only as a
// hash, the way the public report receipts of the 码上行动 pages are (src/web/internal/
// public_store.cpp). Guessing one is hopeless (10^16) and the web layer rate-limits look-ups.
//
//   std::string code = NewReceiptCode();          // "4821093375610284"
//   std::string stored = ReceiptHash(code);       // SM3 hex, what approval_applications keeps
#pragma once

#include <string>
#include <string_view>

namespace qf::approval {

// 16 uniformly random decimal digits from the operating system's random source.
std::string NewReceiptCode();
// SM3 hex of the code under an approval-specific prefix (a report receipt never matches).
std::string ReceiptHash(std::string_view code);
// True when `code` is exactly 16 ASCII digits.
bool IsReceiptCode(std::string_view code);
// Keeps the digits of what a person typed ("4821 0933 7561 0284" → "4821093375610284").
std::string DigitsOf(std::string_view typed);

}  // namespace qf::approval
