// SealIds / OpenIds (casework/sealed_text.h) with the service environment's cipher.
#pragma once

#include "casework/internal/records.h"
#include "casework/sealed_text.h"

namespace qf::casework::internal {

inline std::string SealIds(const Env& env, std::string_view text) {
  return casework::SealIds(env.cipher, text);
}
inline std::string OpenIds(const Env& env, std::string_view stored, bool full) {
  return casework::OpenIds(env.cipher, stored, full);
}
using casework::MaskIds;

}  // namespace qf::casework::internal
