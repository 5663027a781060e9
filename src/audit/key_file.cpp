#include "audit/key_file.h"

#include "audit/audit_log.h"
#include "core/result_macros.h"

namespace qf::audit {

Result<crypto::FieldCipher> OpenKeyFile(store::Database& db, const Clock& clock,
                                        const std::string& path, const std::string& actor,
                                        bool* created) {
  QF_ASSIGN_OR_RETURN(bool made, crypto::EnsureKeyFile(path));
  if (created != nullptr) *created = made;
  QF_ASSIGN_OR_RETURN(crypto::FieldCipher cipher, crypto::FieldCipher::FromKeyFile(path));
  if (made) {
    QF_RETURN_IF_ERROR(
        Recorder(clock, cipher.chain_key())
            .AppendAlone(
                db,
                {.actor = actor, .action = "key.create", .entity = "key_file", .entity_id = path}));
  }
  return cipher;
}

}  // namespace qf::audit
