#!/usr/bin/env bash
# Builds the page and serves it on http://127.0.0.1:8080 (rebuilding when a file changes).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
exec trunk serve --release --skip-version-check "$@"
