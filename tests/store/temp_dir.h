// The store tests' temporary directory: the shared one of tests/support.
#pragma once

#include "support/temp_dir.h"

namespace qf::store::testing {
using TempDir = qf::test_support::TempDir;
}  // namespace qf::store::testing
