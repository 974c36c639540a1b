#!/usr/bin/env bash
# Runs every test: the native core suite, a million-input fuzz of every parser, the in-browser wasm tests in
# headless Chromium, a release build of the site, and the end-to-end tests that click through the built page
# and save screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

section "formatting"
cargo fmt --all -- --check

section "lints (clippy, natively and for the browser build)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

section "native tests (core, views, command line, doc examples)"
cargo test --all-targets
cargo test --doc

section "fuzzing every parser: a million generated inputs each (release build)"
FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture

section "in-browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown --test web

section "release build of the site"
trunk build --release --skip-version-check

section "end-to-end test (serves dist/, clicks through the page in Chromium)"
node --test --test-reporter=spec tests/e2e/*.test.mjs
