#!/usr/bin/env bash
# Sets up and runs the whole test suite: native core tests, alert rules, the release build,
# nginx/demo server tests, then end-to-end tests in headless Chromium against real nginx
# and real Prometheus.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
LOG_TAG=test

# The cheap checks first, so a formatting slip or a lint fails CI in seconds.
log "format: cargo fmt --check"
cargo fmt --all --check

log "lints: clippy on every crate, natively (the shell included)"
cargo clippy --workspace --all-targets -- -D warnings

scripts/setup.sh

log "format: leptosfmt --check (the markup inside view!)"
leptosfmt --check --quiet src

(
    load_wasm_env
    if [[ "$WASM_ROUTE" == rustup ]]; then
        log "lints: clippy on the browser shell for wasm32"
        cargo clippy -p incident-runbook --target wasm32-unknown-unknown --all-targets -- -D warnings
    else
        # Debian's cargo builds the wasm32 std from source and ships no clippy to run on it.
        log "lints: no wasm32 clippy on the Debian route; the native pass above covered the shell"
    fi
)

log "core and build tools: cargo test"
cargo test --workspace --exclude incident-runbook

log "alert rules: promtool"
promtool check rules deploy/alerts.yml
promtool test rules deploy/alerts_test.yml

log "release build, with the synthetic fixture runbook in its library (never in a deploy build)"
RUNBOOK_LIBRARY=content:tests/fixtures/runbooks scripts/build.sh

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
