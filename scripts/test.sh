#!/usr/bin/env bash
# Sets everything up and runs every check and test: formatting, lints, the native tests of the
# core, the release build, and the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser
. scripts/env.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --locked -- -D warnings
echo "== native tests"
cargo test --workspace --locked
echo "== release build"
trunk build --release
echo "== browser tests"
node --test --test-concurrency=1 tests/e2e/
