#!/usr/bin/env bash
# Runs every test suite against the build in $1 (default: build). Called by `make test`.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
