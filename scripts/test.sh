#!/usr/bin/env bash
# Sets up and runs the whole test suite: native core tests, alert rules, the release build,
# nginx/demo server tests, then end-to-end tests in headless Chromium against real nginx
# and real Prometheus.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
LOG_TAG=test

scripts/setup.sh

log "core and build tools: cargo test"
cargo test --workspace --exclude incident-runbook

log "alert rules: promtool"
promtool check rules deploy/alerts.yml
promtool test rules deploy/alerts_test.yml

log "release build"
scripts/build.sh

log "nginx and demo servers"
node --test tests/nginx.test.mjs tests/demo.test.mjs

log "end to end in Chromium"
cd tests
mkdir -p "$RUN_DIR"
results="$RUN_DIR/e2e-results.json"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results" npx playwright test -c playwright.config.mjs --reporter=list,json
# One plain closing line for CI: "N passed, N failed".
node -e '
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
console.log(`e2e: ${s.expected + s.flaky} passed, ${s.unexpected} failed, ${s.skipped} skipped`);
' "$results"
