// The key file as the audit log sees it: opening it creates it when missing, and that creation is
// the store's `key.create` audit entry — whichever program (a command, `serve`) makes it first.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::audit {

// Opens the key file at `path`, creating it (0600) when missing; a creation is recorded as
// key.create by `actor`, committed before returning. `db` must be migrated. `*created` (when
// given) says whether the file was made now.
Result<crypto::FieldCipher> OpenKeyFile(store::Database& db, const Clock& clock,
                                        const std::string& path, const std::string& actor,
                                        bool* created = nullptr);

}  // namespace qf::audit
