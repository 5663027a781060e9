#!/usr/bin/env bash
# Installs every Debian package Qingfeng needs to build, test and run. Idempotent: packages
# already present are skipped, and `apt-get update` runs at most once, only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git ca-certificates clang-format
  # libraries (DESIGN.md "Choices")
  libsqlite3-dev libpq-dev libcpp-httplib-dev nlohmann-json3-dev libfmt-dev libspdlog-dev
  libcli11-dev libicu-dev libopencc-dev opencc libqrencode-dev libsodium-dev libssl-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libkainjow-mustache-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # test services and tools: PostgreSQL server, headless browser, Node.js for the browser tests
  postgresql chromium nodejs npm
  # Chinese glyphs for the browser screenshots of pages and the report
  fonts-noto-cjk
  # benchmarks: HTTP load generator for bench/http, /usr/bin/time for peak memory, the sqlite3
  # shell for the import's peer (bench/import/sqlite_floor.sh)
  wrk time sqlite3
  # the partition test and bench/scale (bench/scale/partition.py: standard library only)
  python3
)

missing=()
for p in "${packages[@]}"; do
  # dpkg-query reports "install ok installed" only for a fully installed package.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js and npm may come from elsewhere on a developer machine (nvm, the image); accept them.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do
    [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
