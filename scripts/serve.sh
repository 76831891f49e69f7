#!/usr/bin/env bash
# Sets everything up, builds the release page and serves it on http://127.0.0.1:8080/
# (PORT=… to change). Open it and press "Try with sample data".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
trunk build --release
PORT="${PORT:-8080}"
echo "Serving dist/ at http://127.0.0.1:$PORT/ (Ctrl+C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
