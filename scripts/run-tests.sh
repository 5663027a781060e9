#!/usr/bin/env bash
# Runs every test suite against the build in $1 (default: build). Called by `make test`.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
# End-to-end: the web UI in headless Chromium against the freshly built binary (QF_SKIP_E2E=1 skips).
if [ "${QF_SKIP_E2E:-0}" != 1 ]; then
  bash tests/e2e/run.sh "$build_dir"
fi
