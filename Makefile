# Qingfeng: the two commands a newcomer needs are `make run` and `make test`; each installs what it
# needs first (scripts/install-deps.sh), so each works alone on a fresh Debian 12 machine.
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: deps build web-assets run test test-asan bench format format-check clean screenshots

deps:
	bash scripts/install-deps.sh

build:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

# ECharts and htmx from npm, copied into web/static/vendor (the pages work without them, minus charts).
web-assets:
	cd web && npm ci --no-audit --no-fund && npm run vendor

# Generates a demo district, imports it, runs the comparison and serves http://127.0.0.1:8080.
run: deps build web-assets
	./$(BUILD_DIR)/qingfeng demo

# Builds and runs every test (unit, scenario, integration).
test: deps build
	bash scripts/run-tests.sh $(BUILD_DIR)

test-asan: deps
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DQF_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)
	bash scripts/run-tests.sh $(ASAN_DIR)

# The screenshots of docs/web.md: a demo server, each main page as the role that works it, saved
# to docs/screenshots/ (Debian's Chromium through tests/e2e's playwright-core; no browser download).
screenshots: build web-assets
	cd tests/e2e && npm ci --no-audit --no-fund >/dev/null
	QINGFENG_BIN=$(abspath $(BUILD_DIR))/qingfeng node scripts/screenshots.mjs

bench: deps build
	bash bench/run.sh $(BUILD_DIR)

format:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format -i

format-check:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
