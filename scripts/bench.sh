#!/usr/bin/env bash
# Benchmark of the release build in dist/ (builds nothing: run scripts/build.sh
# first). Serves it with nginx (deploy/nginx.conf) and demo data like the
# browser tests do, then prints Markdown tables:
#   - bytes of the wasm, JS, CSS, index.html, config.json and the first load:
#     raw, gzip -9, brotli -q 11, and as nginx serves them;
#   - median load times (runbook text visible, app interactive) cold and as
#     an offline repeat visit through the service worker;
#   - Lighthouse 12 mobile on the app and on the static floor (the same
#     pre-rendered page without scripts), with the issue's targets.
#     Lighthouse runs BENCH_LIGHTHOUSE_RUNS times (default 3) per page; the
#     run with the median performance score is shown.
# Results: bench/README.md (the tables, rewritten on every run: not edited by hand) and
# bench/results/latest.json (git-ignored).
#
#   scripts/bench.sh                      # dist/, 5 runs
#   BENCH_DIST=.run/other-dist BENCH_RUNS=9 BENCH_LIGHTHOUSE_RUNS=5 scripts/bench.sh
set -euo pipefail
LOG_TAG=bench
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

dist="${BENCH_DIST:-dist}"
[[ -f "$dist/index.html" ]] || die "no build in $dist/: run scripts/build.sh first"
[[ -x tests/node_modules/.bin/lighthouse ]] || die "tests/node_modules is missing: run scripts/setup.sh first"
for tool in node nginx prometheus promtool gzip brotli curl nproc; do
    command -v "$tool" >/dev/null || die "$tool is not installed: run scripts/setup.sh first"
done
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || die "no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}: run scripts/setup.sh first"

exec node bench/run.mjs
