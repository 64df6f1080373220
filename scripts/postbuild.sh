#!/bin/sh
# Trunk post_build hook: finishes the staged build with the native xtask (see xtask/src/main.rs),
# then writes the precompressed copies nginx serves (gzip_static, brotli_static in deploy/nginx.conf).
set -eu
# The wasm build's settings (Debian cargo, build-std) must not reach this native build.
unset RUSTC_BOOTSTRAP CARGO_UNSTABLE_BUILD_STD CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER RUSTFLAGS
# Re-recording the fixture the xtask's tests run on (after a Trunk update, say):
#   RECORD_TRUNK_INDEX="$PWD/xtask/tests/fixtures/trunk-index.html" scripts/build.sh
# copies Trunk's own index.html, as it is before the xtask changes it (an absolute path:
# Trunk runs this hook from the repository root).
if [ -n "${RECORD_TRUNK_INDEX:-}" ]; then
    cp "$TRUNK_STAGING_DIR/index.html" "$RECORD_TRUNK_INDEX"
fi
"${NATIVE_CARGO:-cargo}" run --quiet -p xtask -- postbuild "$TRUNK_STAGING_DIR"
# scripts/dev.sh (RUNBOOK_DEV=1, served by `trunk serve`): no precompressed copies, and no service
# worker: it would answer the live reload from the previous build's cache.
if [ "${RUNBOOK_DEV:-}" = 1 ]; then
    rm "$TRUNK_STAGING_DIR/sw.js"
    exit 0
fi
# After the xtask, so the service worker's precache list never names a .br or .gz.
# Not config.json: it is edited in place on the server, and a stale copy would be served (the
# runbooks' data files are content-hashed: never edited in place).
find "$TRUNK_STAGING_DIR" -type f \
    \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.webmanifest' \
       -o -path '*/runbooks/*.json' \) \
    -exec gzip -9 -k -f -n {} + \
    -exec brotli -q 11 -k -f {} +
