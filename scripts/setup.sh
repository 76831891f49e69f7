#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping each piece that is already there.
# Versions come from ../shared/toolchain.md (verified offline on our machines); keep them in step
# with Cargo.toml (wasm-bindgen pin), Trunk.toml ([tools]) and package.json (binaryen, playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "wasm32 target"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "already installed"
else
  rustup target add wasm32-unknown-unknown
fi

step "trunk $TRUNK_VERSION"
if command -v trunk >/dev/null && trunk --version | grep -qF "$TRUNK_VERSION"; then
  echo "already installed"
else
  # Without --version cargo picks 0.22.x, which needs a newer rustc than ours.
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -qF "$WASM_BINDGEN_VERSION"; then
  echo "already installed"
else
  # Its lockfile names a webpki-roots version the registry here lacks: try locked, fall back to unlocked.
  cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "${1:-}" = "--with-browser" ]; then
  step "chromium (Debian) for the browser tests"
  if command -v chromium >/dev/null; then
    echo "already installed"
  else
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
  fi
fi

step "npm packages (wasm-opt from binaryen, playwright-core)"
if [ -f package-lock.json ]; then
  if [ -x node_modules/.bin/wasm-opt ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    echo "already installed"
  else
    npm ci --no-audit --no-fund
  fi
fi

step "crates"
cargo fetch --locked 2>/dev/null || cargo fetch
