// ID numbers inside casework free text (summaries built from findings, feedback, evidence,
// outcomes …) are stored sealed: each valid ID number is replaced by "[[sm4:…]]", its FieldCipher
// ciphertext, so the database never holds one in clear. Reading opens the text for the reader:
// the full number for the roles that see full IDs (承办人, 干部监督室), the staff mask
// (110105********1238) for everyone else — the same rule as the subjects' id_number fields.
//
//   std::string stored = SealIds(cipher, "张三（110105198001011238）");  // "张三（[[sm4:…]]）"
//   OpenIds(cipher, stored, /*full=*/false) == "张三（110105********1238）"
//
// Text stored before sealing existed may hold IDs in clear: OpenIds masks those too when `full`
// is false, so every reader sees one rule. Layers above casework that read casework tables
// directly (the report) open the text with OpenIds before showing it.
#pragma once

#include <string>
#include <string_view>

#include "crypto/crypto.h"

namespace qf::casework {

std::string SealIds(const crypto::FieldCipher& cipher, std::string_view text);
std::string OpenIds(const crypto::FieldCipher& cipher, std::string_view stored, bool full);
// `text` with every ID number masked: for audit entries of text that is not stored elsewhere.
std::string MaskIds(std::string_view text);

}  // namespace qf::casework
