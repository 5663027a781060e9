// Sealing and opening ID numbers in casework text.
#include "casework/sealed_text.h"

#include "core/id_text.h"

namespace qf::casework {
namespace {

constexpr std::string_view kOpen = "[[";
constexpr std::string_view kClose = "]]";

// The opened form of one sealed token's ciphertext; a token that does not decrypt (typed by a
// user, or sealed under another key) is shown as a full mask, never as its content.
std::string OpenToken(const crypto::FieldCipher& cipher, std::string_view ciphertext, bool full) {
  auto plain = cipher.Decrypt(ciphertext);
  if (!plain) return "******************";
  if (full) return *plain;
  auto id = CitizenId::Parse(*plain);
  return id ? id->Masked() : std::string("******************");
}

}  // namespace

std::string SealIds(const crypto::FieldCipher& cipher, std::string_view text) {
  auto seal = [&](std::string_view plain) {
    return ReplaceIdNumbers(plain, [&](const CitizenId& id) {
      return std::string(kOpen) + cipher.Encrypt(id.value()) + std::string(kClose);
    });
  };
  // Tokens already sealed (text copied from another sealed field) stay as they are: their hex
  // must not be mistaken for an ID number.
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = text.find("[[sm4:", i);
    std::size_t end = start == std::string_view::npos ? start : text.find(kClose, start);
    if (end == std::string_view::npos) break;
    out += seal(text.substr(i, start - i));
    out.append(text.substr(start, end + kClose.size() - start));
    i = end + kClose.size();
  }
  out += seal(text.substr(i));
  return out;
}

std::string OpenIds(const crypto::FieldCipher& cipher, std::string_view stored, bool full) {
  std::string out;
  out.reserve(stored.size());
  std::size_t i = 0;
  while (i < stored.size()) {
    std::size_t start = stored.find("[[sm4:", i);
    if (start == std::string_view::npos) break;
    std::size_t end = stored.find(kClose, start + kOpen.size());
    if (end == std::string_view::npos) break;
    out.append(stored.substr(i, start - i));
    out += OpenToken(cipher, stored.substr(start + kOpen.size(), end - start - kOpen.size()), full);
    i = end + kClose.size();
  }
  out.append(stored.substr(i));
  return full ? out : MaskIds(out);
}

std::string MaskIds(std::string_view text) {
  return ReplaceIdNumbers(text, [](const CitizenId& id) { return id.Masked(); });
}

}  // namespace qf::casework
