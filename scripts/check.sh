#!/usr/bin/env bash
# The quick inner-loop check, natively only (a couple of minutes warm): formatting, clippy and the native
# test suite. `bash scripts/test.sh` runs these too, and then the fuzz run, the browser tests and the site.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh check

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

section "formatting"
cargo fmt --all -- --check

section "lints (clippy, natively)"
cargo clippy --workspace --all-targets -- -D warnings

section "native tests"
cargo test --workspace --all-targets
