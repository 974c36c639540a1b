#!/usr/bin/env bash
# Prints the performance figures: the core natively (cargo bench), then in WebAssembly in headless Chromium
# (training throughput, frame times, first drawn frame on localhost and on a throttled network, a million-step
# soak) and the size of the built files, each budgeted figure beside its budget (README, Performance).
# Measures only: it exits 0 whether or not a budget is met.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
cargo bench --bench core
trunk build --release --skip-version-check
node tests/e2e/bench.mjs
