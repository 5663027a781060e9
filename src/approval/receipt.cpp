// Receipt codes: generation, hashing, checks.
#include "approval/receipt.h"

#include "crypto/crypto.h"

namespace qf::approval {

std::string NewReceiptCode() {
  std::string code;
  while (code.size() < 16) {
    // Rejection sampling: 250 = 25 × 10, so every digit is equally likely.
    for (unsigned char byte : crypto::RandomBytes(32)) {
      if (byte < 250 && code.size() < 16) code.push_back(static_cast<char>('0' + byte % 10));
    }
  }
  return code;
}

std::string ReceiptHash(std::string_view code) {
  return crypto::Sm3Hex(std::string("qingfeng-approval-receipt:") + std::string(code));
}

bool IsReceiptCode(std::string_view code) {
  if (code.size() != 16) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string DigitsOf(std::string_view typed) {
  std::string digits;
  for (char c : typed) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

}  // namespace qf::approval
