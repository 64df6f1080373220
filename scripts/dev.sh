#!/usr/bin/env bash
# Development loop: a debug build served by `trunk serve` on http://127.0.0.1:${PORT:-8081},
# rebuilt and reloaded in the browser whenever a source of the app changes, with the live demo data
# of scripts/run.sh (demo/serve.mjs: nginx running deploy/nginx.conf in front of two Prometheus
# servers with a backfilled SHAPE incident and the demo health / vendor status upstream). Trunk
# proxies /proxy/ to that nginx, so live data passes the same allow-list as in production.
# Ctrl-C stops everything.
#
#   scripts/dev.sh                       # http://127.0.0.1:8081, "rate-limit" incident
#   PORT=9000 SHAPE=auth scripts/dev.sh
#
# Unlike scripts/build.sh it skips what only a release needs: LTO and opt-level z (a debug build,
# no debug info), wasm-opt and the precompressed copies. The wasm split still runs (the
# `#[wasm_split]` pages in src/pages/chunks.rs import their code from a placeholder module that
# only the split resolves). No service worker: it would answer the reload from the previous build's
# cache. That is also why the default port differs from scripts/run.sh's 8080, whose worker a
# browser keeps for that origin.
# Files: .run/dev/dist (the build), target/dev (its own cargo target dir, so a running dev loop
# never waits for, or clobbers, the release build's target/), .run/stack/dev (the demo stack; its
# own id, so it runs next to scripts/run.sh's).
set -euo pipefail
LOG_TAG=dev
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

port="${PORT:-8081}"
shape="${SHAPE:-rate-limit}"
dist="$RUN_DIR/dev/dist"

scripts/setup.sh

# nginx's port, chosen now: Trunk's proxy must know it before the stack can start (the stack needs
# the first build's index.html).
stack_port="$(node -e '
const s = require("node:net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
')"

trunk_pid=""
stack_pid=""
stop() {
    trap - EXIT INT TERM
    # Trunk shuts down (and stops its cargo) on SIGINT; the stack on SIGINT or SIGTERM.
    [[ -n "$trunk_pid" ]] && kill -INT "$trunk_pid" 2>/dev/null || true
    [[ -n "$stack_pid" ]] && kill -TERM "$stack_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    log "stopped"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$RUN_DIR/dev"
# The post-build hook builds the native xtask with the normal toolchain, not the wasm one.
NATIVE_CARGO="$(command -v cargo)"
export NATIVE_CARGO
(
    load_wasm_env
    export RUNBOOK_DEV=1 CARGO_TARGET_DIR="$REPO_ROOT/target/dev" CARGO_PROFILE_DEV_DEBUG=0
    exec trunk serve --offline \
        --address 127.0.0.1 --port "$port" --disable-address-lookup \
        --dist "$dist" \
        --proxy-backend "http://127.0.0.1:$stack_port/proxy/" --proxy-no-system-proxy \
        --watch index.html --watch Cargo.toml --watch Cargo.lock --watch build.rs \
        --watch src --watch core/src --watch core/Cargo.toml --watch content --watch style --watch public \
        --watch web --watch xtask/src --watch xtask/Cargo.toml --watch scripts/postbuild.sh
) &
trunk_pid=$!

log "first build (debug) into ${dist#"$REPO_ROOT"/}; the demo stack starts once it exists"
until [[ -f "$dist/index.html" ]]; do
    kill -0 "$trunk_pid" 2>/dev/null || die "trunk serve stopped before the first build finished"
    sleep 1
done

node demo/serve.mjs --id dev --dist "$dist" --port "$stack_port" --shape "$shape" &
stack_pid=$!

# trunk serve listens once its first build is done.
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$trunk_pid" 2>/dev/null || die "trunk serve stopped before serving"
    kill -0 "$stack_pid" 2>/dev/null || die "the demo stack stopped"
    sleep 1
done
log "open http://127.0.0.1:$port/ (live reload); the nginx above serves the same build, without reload"
# Either one stopping ends the loop (the EXIT trap stops the other).
while kill -0 "$trunk_pid" 2>/dev/null && kill -0 "$stack_pid" 2>/dev/null; do
    sleep 1
done
log "trunk serve or the demo stack stopped"
