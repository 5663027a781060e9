#!/usr/bin/env bash
# Runs the end-to-end suite against the binary in build dir $1 (default: build): installs the
# pinned npm packages (playwright-core here; ECharts and htmx for web/static/vendor), then node's
# test runner. The tests start and stop `qingfeng serve` themselves.
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
install() { if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi; }
(cd "$root/web" && install >/dev/null && node scripts/vendor.mjs >/dev/null)
cd "$root/tests/e2e"
install >/dev/null
QINGFENG_BIN="$build_dir/qingfeng" QF_SCREENSHOTS="$root/build/screenshots" \
  node --test --test-concurrency=1 ./*.test.mjs
