# trustaudit — build, test, bench, fuzz, header.
#
# `make test` builds the library once (debug profile, shared by cargo test, the C tests and both
# bindings) and runs every suite. `make deps` installs what the suites need and is idempotent.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
PREFIX ?= /usr/local
PROFILE ?= debug
TARGET_DIR := $(CURDIR)/target
LIB_DIR := $(TARGET_DIR)/$(PROFILE)
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 3
export CARGO_TERM_COLOR ?= never

.PHONY: all build release run deps test test-rust test-header test-symbols test-c test-go \
        test-python test-fuzz fuzz-build bench bench-c bench-go bench-python fuzz header symbols install clean

all: build

## build: the library (rlib, cdylib, staticlib) and the command, debug profile
build:
	$(CARGO) build --all-targets --locked

release:
	$(CARGO) build --release --locked

## run: audit this machine's trust stores against Mozilla's (no network needed)
run: release
	@# Exit 1 means findings (shown above), not a failed run; 3 (could not run) still fails.
	$(TARGET_DIR)/release/trustaudit || [ $$? -eq 1 ]

## deps: everything the test suites need (apt, pip, cargo tools at pinned versions)
deps:
	bash .ci/deps

## test: every suite — Rust, header drift, symbols, C (valgrind + ASan), Go, Python, fuzz replay
test: deps build test-rust test-header test-symbols test-c test-go test-python test-fuzz
	@echo "make test: all suites passed"

test-rust:
	$(CARGO) fmt --all --check && cd fuzz && $(CARGO) fmt --check
	$(CARGO) test --locked --all-features -- --include-ignored 2>&1 | tee $(TARGET_DIR)/test-rust.log
	$(CARGO) clippy --locked --all-targets --all-features -- -D warnings
	RUSTDOCFLAGS=-Dwarnings $(CARGO) doc --locked --no-deps --lib

## header: regenerate include/trustaudit.h from src/ffi (cbindgen 0.29.4, pinned in .ci/deps)
CBINDGEN ?= cbindgen
header:
	@$(CBINDGEN) --version | grep -q '0.29.4' || { echo "header: cbindgen 0.29.4 required (make deps)" >&2; exit 1; }
	$(CBINDGEN) --quiet --config cbindgen.toml --output include/trustaudit.h src/ffi/mod.rs

## symbols: regenerate include/trustaudit.symbols from the built shared library
symbols:
	nm -D --defined-only $(LIB_DIR)/libtrustaudit.so | awk '$$2 == "T" { print $$3 }' | LC_ALL=C sort > include/trustaudit.symbols

test-header: header
	@git diff --exit-code -- include/trustaudit.h || { echo "include/trustaudit.h is out of date: run 'make header' and commit it" >&2; exit 1; }

# Removing a symbol breaks every program linked against it; adding one needs the list updated.
test-symbols:
	@nm -D --defined-only $(LIB_DIR)/libtrustaudit.so | awk '$$2 == "T" { print $$3 }' | LC_ALL=C sort > $(TARGET_DIR)/trustaudit.symbols.built
	@removed=$$(LC_ALL=C comm -23 include/trustaudit.symbols $(TARGET_DIR)/trustaudit.symbols.built); \
	added=$$(LC_ALL=C comm -13 include/trustaudit.symbols $(TARGET_DIR)/trustaudit.symbols.built); \
	if [ -n "$$removed" ]; then echo "symbols removed (an ABI break: bump TRUSTAUDIT_ABI_VERSION or restore them):" $$removed >&2; fi; \
	if [ -n "$$added" ]; then echo "symbols not in include/trustaudit.symbols (run 'make symbols' and commit):" $$added >&2; fi; \
	[ -z "$$removed$$added" ] && echo "symbol list: $$(wc -l < include/trustaudit.symbols) exported symbols match include/trustaudit.symbols"
	@soname=$$(readelf -d $(LIB_DIR)/libtrustaudit.so | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p'); \
	[ "$$soname" = "libtrustaudit.so.$(ABI_VERSION)" ] || { echo "SONAME '$$soname' does not match TRUSTAUDIT_ABI_VERSION $(ABI_VERSION)" >&2; exit 1; }; \
	echo "SONAME $$soname matches TRUSTAUDIT_ABI_VERSION"

C_TEST_DIR := $(TARGET_DIR)/c-tests
test-c:
	rm -rf $(C_TEST_DIR)/prefix
	$(MAKE) --no-print-directory install PREFIX=$(C_TEST_DIR)/prefix INSTALL_PROFILE=$(PROFILE)
	LIB_DIR=$(LIB_DIR) OUT=$(C_TEST_DIR) CC=$(CC) PREFIX_DIR=$(C_TEST_DIR)/prefix bash tests/c/run.sh

## install: PREFIX=… [INSTALL_PROFILE=release|debug] — shared + static library, header, trustaudit.pc
INSTALL_PROFILE ?= release
INSTALL_LIB_DIR = $(TARGET_DIR)/$(INSTALL_PROFILE)
ABI_VERSION = $(shell sed -n 's/^\#define TRUSTAUDIT_ABI_VERSION \([0-9]*\)/\1/p' include/trustaudit.h)
VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
install:
	@if [ "$(INSTALL_PROFILE)" = release ]; then $(CARGO) build --release --locked --lib; fi
	@test -f $(INSTALL_LIB_DIR)/libtrustaudit.so || { echo "install: $(INSTALL_LIB_DIR)/libtrustaudit.so is missing: build it first" >&2; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 include/trustaudit.h $(DESTDIR)$(PREFIX)/include/trustaudit.h
	install -m 644 $(INSTALL_LIB_DIR)/libtrustaudit.a $(DESTDIR)$(PREFIX)/lib/libtrustaudit.a
	install -m 755 $(INSTALL_LIB_DIR)/libtrustaudit.so $(DESTDIR)$(PREFIX)/lib/libtrustaudit.so.$(ABI_VERSION)
	ln -sf libtrustaudit.so.$(ABI_VERSION) $(DESTDIR)$(PREFIX)/lib/libtrustaudit.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$${prefix}/lib|' -e 's|@INCLUDEDIR@|$${prefix}/include|' \
	  -e 's|@VERSION@|$(VERSION)|' trustaudit.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/trustaudit.pc

# The Go binding links the static library `make build` left in $(LIB_DIR) (bindings/go/link_*.go).
GO ?= go
GO_TAGS := $(if $(filter release,$(PROFILE)),-tags trustaudit_release,)
test-go:
	cd bindings/go && test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting" >&2; exit 1; }
	cd bindings/go && $(GO) vet $(GO_TAGS) ./...
	cd bindings/go && $(GO) test $(GO_TAGS) -race -count=1 ./...

# The Python binding loads $(LIB_DIR)/libtrustaudit.so through TRUSTAUDIT_LIBRARY (no rebuild);
# a focused subset runs once more under valgrind (tools/valgrind_boundary.py says what counts).
PYTHON ?= python3
PY_ENV := TRUSTAUDIT_LIBRARY=$(LIB_DIR)/libtrustaudit.so
PY_VALGRIND_TESTS ?= tests/test_bad_input.py tests/test_cert.py tests/test_store.py tests/test_verify.py
test-python:
	cd bindings/python && $(PYTHON) -m ruff check . && $(PYTHON) -m ruff format --check .
	cd bindings/python && $(PYTHON) -m mypy
	cd bindings/python && $(PY_ENV) $(PYTHON) -m pytest -q
	cd bindings/python && $(PY_ENV) PYTHONPATH=. $(PYTHON) tools/valgrind_boundary.py -- \
	  $$($(PYTHON) -c 'import sys; print(sys.executable)') -m pytest -q -p no:cacheprovider \
	  -k "not 64_mib" $(PY_VALGRIND_TESTS)

# Corpus replay runs inside `cargo test` (tests/fuzz_corpus_replay.rs). Here: build every target
# once with ASan (nightly flags through RUSTC_BOOTSTRAP, as cargo-fuzz 0.13 needs on stable) and
# run each for a few seconds on a scratch copy of its corpus, so the harness cannot rot.
FUZZ_TARGETS = $(basename $(notdir $(wildcard fuzz/fuzz_targets/*.rs)))
FUZZ_WORK := $(TARGET_DIR)/fuzz-work
fuzz-build:
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build -O

test-fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  rm -rf $(FUZZ_WORK)/$$t && mkdir -p $(FUZZ_WORK)/$$t && \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O $$t $(FUZZ_WORK)/$$t corpus/$$t -- \
	    -dict=dictionary.dict -max_total_time=$(FUZZ_SMOKE_SECONDS) -rss_limit_mb=2048 \
	    -print_final_stats=1 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|panicked' | sed "s/^/$$t: /") \
	  || { echo "fuzz smoke failed for $$t" >&2; exit 1; }; \
	done

## fuzz: each target for FUZZ_SECONDS (default 60) with ASan; new inputs go to target/fuzz-work
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_WORK)/$$t && \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O $$t $(FUZZ_WORK)/$$t corpus/$$t -- \
	    -dict=dictionary.dict -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -print_final_stats=1) || exit 1; \
	done

## bench-go, bench-python: each binding against its own runtime's TLS stack (release library)
bench-go:
	$(CARGO) build --release --locked --lib
	cd bindings/go && $(GO) test -tags trustaudit_release -run '^$$' -bench . -benchtime 2s -count 1 ./...

bench-python:
	$(CARGO) build --release --locked --lib
	cd bindings/python && TRUSTAUDIT_LIBRARY=$(TARGET_DIR)/release/libtrustaudit.so $(PYTHON) tools/bench.py

## bench-c: per-call overhead of the C ABI (name check, verify) against the same Rust calls
bench-c:
	CC=$(CC) CARGO=$(CARGO) bash benches/c/run.sh

## bench: criterion benchmarks plus cross-runtime comparisons, printing ratios
bench: bench-go bench-python bench-c
bench:
	$(CARGO) bench --locked
	for peer in benches/peers/*.sh; do bash "$$peer"; done

clean:
	$(CARGO) clean

## refresh-ct-log-list: replace the embedded CT log list with LOG_LIST=path (a v3 log_list.json)
refresh-ct-log-list:
	@test -n "$${LOG_LIST:-}" || { echo "usage: make refresh-ct-log-list LOG_LIST=path/to/log_list.json" >&2; exit 2; }
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["operators"], "no operators"; print("log list", d.get("version"), d.get("log_list_timestamp"))' "$(LOG_LIST)"
	cp "$(LOG_LIST)" data/ct/log_list.json
	sha256sum data/ct/log_list.json
	$(CARGO) test --lib ct:: && $(CARGO) test --test ct_sct_verification
