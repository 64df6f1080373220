#!/usr/bin/env bash
# The library at size: builds the release app twice, with the shipped runbooks
# (RUNBOOK_LIBRARY=content) and with BENCH_LIBRARY_SYNTH (default 20) synthetic runbook
# packages added (`xtask synth`, into .run/bench-library/synthetic), times each build (wall
# seconds of scripts/build.sh), keeps a copy of each dist/, then measures each (bench/library.mjs,
# with the benchmark's own modules): the first loads of / and of the first runbook's page
# /r/<id>/ (brotli), that runbook's data file, and the LCP of /r/<id>/ and of its static floor
# in headless Chromium (median of BENCH_LIBRARY_RUNS, default 5).
# An untimed build runs first (BENCH_LIBRARY_WARMUP=0 skips it), so that both timed builds find
# the cargo cache warm; the build of `content` runs last, so dist/ is left as scripts/build.sh
# leaves it.
# Results: the Markdown table, also written into bench/library.md (generated on every run: not
# edited by hand), and bench/results/library.json (git-ignored).
#
#   scripts/bench-library.sh
#   BENCH_LIBRARY_SYNTH=50 BENCH_LIBRARY_RUNS=9 scripts/bench-library.sh
# On a shared machine, in the lock the builds and browser runs take:
#   flock /tmp/wasm.lock -c scripts/bench-library.sh
set -euo pipefail
LOG_TAG=bench-library
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

synth="${BENCH_LIBRARY_SYNTH:-20}"
[[ "$synth" =~ ^[1-9][0-9]*$ ]] || die "BENCH_LIBRARY_SYNTH must be a number of runbooks, not '$synth'"
[[ -x tests/node_modules/.bin/lighthouse ]] || die "tests/node_modules is missing: run scripts/setup.sh first"
for tool in cargo trunk node nginx prometheus promtool gzip brotli curl nproc; do
    command -v "$tool" >/dev/null || die "$tool is not installed: run scripts/setup.sh first"
done
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || die "no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}: run scripts/setup.sh first"

work="$RUN_DIR/bench-library"
rm -rf "$work"
mkdir -p "$work"
# RUNBOOK_LIBRARY's folders are relative to the repository (xtask/src/content.rs).
synth_dir="${work#"$REPO_ROOT"/}/synthetic"
log "writing $synth synthetic runbook packages into $synth_dir"
cargo run --quiet -p xtask -- synth "$synth" "$synth_dir" >/dev/null

if [[ "${BENCH_LIBRARY_WARMUP:-1}" != 0 ]]; then
    log "warm-up build (not timed)"
    RUNBOOK_LIBRARY=content scripts/build.sh
fi

builds=()
# timed_build NAME LIBRARY: scripts/build.sh with RUNBOOK_LIBRARY=LIBRARY, timed; dist/ copied
# to $work/dist-NAME.
timed_build() {
    local name=$1 library=$2 start end seconds
    log "timed build '$name': RUNBOOK_LIBRARY=$library"
    start=$EPOCHREALTIME
    RUNBOOK_LIBRARY="$library" scripts/build.sh
    end=$EPOCHREALTIME
    seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
    log "build '$name' took $seconds s"
    cp -a dist "$work/dist-$name"
    builds+=("{\"name\": \"$name\", \"library\": \"$library\", \"dist\": \"$work/dist-$name\", \"buildSeconds\": $seconds}")
}
timed_build "with-synthetic" "content:$synth_dir"
timed_build "content" "content"

(IFS=,; printf '[%s]\n' "${builds[*]}") >"$work/builds.json"
exec node bench/library.mjs "$work/builds.json"
