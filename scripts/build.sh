#!/usr/bin/env bash
# Release build of the app into dist/ (wasm-opt on). Run scripts/setup.sh first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
# The post-build hook builds the native xtask with the normal toolchain, not the wasm one.
NATIVE_CARGO="$(command -v cargo)"
export NATIVE_CARGO
(
    load_wasm_env
    trunk build --release --offline "$@"
)
log "built $(du -sh dist | cut -f1) into dist/"
