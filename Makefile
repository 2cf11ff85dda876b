# Thin wrapper over CMake.  `make run` installs what is missing, builds and
# opens the app on the bundled tour; `make test` builds and runs every test
# (the normal build, then the ASan+UBSan build with gc_check after every
# micro-step).
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps deps-test build run test test-fast asan clean

all: build

deps:
	@scripts/deps.sh

# The test tools (Xvfb, xdotool, rsvg, clang-format...) only for `make test`.
deps-test:
	@scripts/deps.sh --test

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGCVIZ_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/gcviz

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DGCVIZ_WERROR=ON -DGCVIZ_SANITIZE=ON -DGCVIZ_CHECKED=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test: deps-test build asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS) -LE nosan
	@if command -v clang >/dev/null 2>&1; then $(MAKE) --no-print-directory fuzz-smoke; else echo "clang not found: fuzz smoke skipped"; fi

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

# Fuzzing (tests/fuzz): `make fuzz` builds the libFuzzer targets with clang,
# ASan and UBSan in $(FUZZ_BUILD); `make fuzz-smoke` fuzzes each for 30 s
# (part of `make test` when clang is there); `make fuzz-long` fuzzes each for
# FUZZ_SECONDS, one after the other, one job each.  A crash leaves its input
# in $(FUZZ_BUILD)/tests/fuzz_<target>_crash-*: copy it into
# tests/fuzz/corpus/<target>/ so it stays a regression test.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 1800

.PHONY: fuzz fuzz-smoke fuzz-long check-valgrind

fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGCVIZ_GUI=OFF -DGCVIZ_SANITIZE=ON -DGCVIZ_FUZZ=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_scenario fuzz_lang

fuzz-smoke: fuzz
	cd $(FUZZ_BUILD) && ctest --output-on-failure -L fuzz

fuzz-long: fuzz
	@cmake -B $(FUZZ_BUILD) -DGCVIZ_FUZZ_SMOKE_SECONDS=$(FUZZ_SECONDS) >/dev/null
	(cd $(FUZZ_BUILD) && ctest -V -L fuzz); st=$$?; cmake -B $(FUZZ_BUILD) -DGCVIZ_FUZZ_SMOKE_SECONDS=30 >/dev/null; exit $$st

# Valgrind over the normal build: `gcviz trace`, `gcviz run` and `gcviz
# record` of every bundled scenario and `gcviz check` of every broken file,
# no leaks and no invalid accesses (tests/invariants/check_valgrind.sh).
check-valgrind: build
	@tests/invariants/check_valgrind.sh $(BUILD)/gcviz
