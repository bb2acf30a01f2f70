# Tongxin 同心 — the two commands (see README.md):
#   make run    build the release site and serve it on http://127.0.0.1:3000 (demo city seeded)
#   make test   lint gates, unit, integration and end-to-end tests (Playwright + Debian's Chromium)
SHELL := /bin/bash
export PATH := $(CURDIR)/target/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# cargo-leptos sets LEPTOS_OUTPUT_NAME, which Leptos reads at compile time: every cargo
# command here sees the same value, so none of them rebuilds the Leptos crates of another.
export LEPTOS_OUTPUT_NAME := tongxin

.PHONY: run test build tools charts e2e-tools lint unit api e2e clean-data
.DEFAULT_GOAL := run

run: build
	./target/release/tongxin serve

test: e2e-tools lint build unit api e2e

## Build the release server, the wasm bundle and the hashed assets into target/.
build: tools charts
	cargo leptos build --release

## The chart runtime: trimmed ECharts bundled by esbuild into public/js (see .ci/build-charts).
charts:
	@bash .ci/build-charts

## Formatting, lints for the server and for the browser's wasm, and the import rules of
## ARCHITECTURE.md. Warnings are errors.
lint: tools
	cargo fmt --all -- --check
	cargo clippy --release --workspace --all-targets -- -D warnings
	cargo clippy --release -p app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings
	python3 .ci/check-imports

## Rust unit and integration tests (release profile: reuses the release build's deps).
unit: tools
	cargo test --release --workspace

## The open-data API against its OpenAPI document (schemathesis, all checks).
api: e2e-tools
	bash .ci/api-conformance

## End-to-end tests at a phone viewport against the release server.
e2e: e2e-tools
	cd end2end && npx playwright test

tools:
	@bash .ci/install-tools

e2e-tools:
	@bash .ci/install-tools --e2e

## Remove the local database (the demo city is seeded again on the next start).
clean-data:
	rm -rf data
