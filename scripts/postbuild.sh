#!/bin/sh
# Trunk post_build hook: finishes the staged build with the native xtask (see xtask/src/main.rs).
set -eu
# The wasm build's settings (Debian cargo, build-std) must not reach this native build.
unset RUSTC_BOOTSTRAP CARGO_UNSTABLE_BUILD_STD CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER RUSTFLAGS
exec "${NATIVE_CARGO:-cargo}" run --quiet -p xtask -- postbuild "$TRUNK_STAGING_DIR"
