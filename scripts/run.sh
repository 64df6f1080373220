#!/usr/bin/env bash
# Sets up, builds the release app and serves it on http://127.0.0.1:${PORT:-8080} behind nginx
# (deploy/nginx.conf), with demo upstreams: a real Prometheus with backfilled
# instantly_errors_total samples (SHAPE: rate-limit | auth | vendor | recovered | calm),
# a demo health endpoint and a demo vendor status page. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node demo/serve.mjs --dist dist --port "${PORT:-8080}" --shape "${SHAPE:-rate-limit}"
