#!/usr/bin/env bash
# Builds the static site into dist/ for any static host (GitHub Pages, a file share, …).
# Asset URLs are relative, so dist/ works at a domain root or under a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
trunk build --release
ls -l dist
