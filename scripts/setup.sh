#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping each piece that is already there.
# Versions come from ../shared/toolchain.md (verified offline on our machines); keep them in step
# with Cargo.toml (wasm-bindgen pin), Trunk.toml ([tools]) and package.json (binaryen, playwright-core).
#   scripts/setup.sh                 build tools only
#   scripts/setup.sh --with-browser  also Debian's Chromium, for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '== %s: ' "$*"; }

step "wasm32 target"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "present"
else
  rustup target add wasm32-unknown-unknown
fi

step "rustfmt and clippy"
if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
  echo "present"
else
  rustup component add rustfmt clippy
fi

step "trunk $TRUNK_VERSION"
if command -v trunk >/dev/null && trunk --version | grep -qF "$TRUNK_VERSION"; then
  echo "present"
else
  echo "installing (about 11 minutes on 2 cores)"
  # Without --version cargo picks 0.22.x, which needs a newer rustc than ours.
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -qF "$WASM_BINDGEN_VERSION"; then
  echo "present"
else
  echo "installing (about 4 minutes)"
  # Its lockfile names a webpki-roots version the registry here lacks: try locked, fall back.
  cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "${1:-}" = "--with-browser" ]; then
  step "chromium (Debian)"
  if command -v chromium >/dev/null; then
    echo "present"
  else
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
  fi
fi

step "npm packages (wasm-opt from binaryen, playwright-core, papaparse)"
if [ -x node_modules/.bin/wasm-opt ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "present"
else
  npm ci --no-audit --no-fund
fi

step "crates"
cargo fetch --locked >/dev/null && echo "fetched"
