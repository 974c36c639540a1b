#!/usr/bin/env bash
# Installs what the project needs, only what is missing: quick when everything is there.
#   source scripts/setup.sh build   — wasm target, wasm-bindgen-cli (the version in Cargo.lock), Trunk, wasm-opt
#   source scripts/setup.sh test    — the same, plus Debian's chromium and chromium-driver
#   source scripts/setup.sh check   — only rustfmt and clippy, for scripts/check.sh (no wasm tools, no browser)
# Sourced so that PATH (cargo's bin, node_modules/.bin) carries over to the caller.

setup_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
setup_mode="${1:-build}"
export PATH="$HOME/.cargo/bin:$setup_root/node_modules/.bin:$PATH"

setup_say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

setup_main() {
  cd "$setup_root" || return 1
  command -v cargo >/dev/null || { setup_say "cargo is missing: install Rust with rustup first (https://rustup.rs)."; return 1; }

  if [ "$setup_mode" = check ]; then
    # The quick native check (scripts/check.sh) needs cargo, rustfmt and clippy, and nothing for the browser.
    if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
      setup_say "adding rustfmt and clippy"
      rustup component add rustfmt clippy || return 1
    fi
    return 0
  fi

  command -v npm >/dev/null || { setup_say "npm is missing: install Node.js 20 or newer first."; return 1; }

  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    setup_say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || return 1
  fi

  # wasm-bindgen-cli must be exactly the wasm-bindgen that Cargo.lock resolved, or the page will not load.
  [ -f Cargo.lock ] || cargo generate-lockfile || return 1
  local bindgen
  bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ -z "$bindgen" ]; then setup_say "Cargo.lock names no wasm-bindgen"; return 1; fi
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen"; then
    setup_say "installing wasm-bindgen-cli $bindgen (about 3 minutes, once)"
    # Not --locked: its lock file pins a crate this registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$bindgen" --force || return 1
  fi

  if ! trunk --version 2>/dev/null | grep -qx "trunk 0.21.14"; then
    setup_say "installing Trunk 0.21.14 (about 12 minutes, once; 0.22 needs a newer Rust)"
    cargo install --locked trunk@0.21.14 --no-default-features --features rustls --force || return 1
  fi

  # wasm-opt 132 from npm (Debian's binaryen 108 produces a page that fails to start); playwright-core drives
  # the system Chromium in the end-to-end test; esbuild minifies the release build's JavaScript (scripts/minify.mjs).
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    setup_say "installing wasm-opt, esbuild, playwright-core and axe-core from npm"
    npm ci --no-audit --no-fund --loglevel=error || return 1
  fi

  if [ "$setup_mode" = test ]; then
    # The test command checks formatting and lints; rustup's minimal profile leaves both out.
    if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
      setup_say "adding rustfmt and clippy"
      rustup component add rustfmt clippy || return 1
    fi
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
      setup_say "installing Debian's chromium and chromium-driver"
      local sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null || return 1
    fi
  fi
}

setup_main || { setup_say "setup failed (see above)"; return 1 2>/dev/null || exit 1; }
