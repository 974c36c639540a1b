#!/usr/bin/env bash
# Prints the performance figures: the core natively (cargo bench), then in WebAssembly in headless Chromium
# (training throughput, frame times, first frame, a million-step soak) and the size of the built files.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
cargo bench --bench core
trunk build --release --skip-version-check
node tests/e2e/bench.mjs
