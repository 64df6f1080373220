# shellcheck shell=bash
# Helpers shared by the project's scripts. Source it: `. "$(dirname "$0")/lib.sh"`.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$REPO_ROOT/.run"
# Written by scripts/setup.sh: the environment for the WASM build only.
WASM_ENV_FILE="$RUN_DIR/wasm-env.sh"

log() { printf '[%s] %s\n' "${LOG_TAG:-$(basename "$0" .sh)}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Sets PATH, RUSTC_BOOTSTRAP, CARGO_UNSTABLE_BUILD_STD and the wasm32 linker
# as setup.sh decided for this machine. These break native builds and tests,
# so call it in a subshell around the WASM build only:
#   ( load_wasm_env && trunk build --release --offline )
load_wasm_env() {
    [[ -f "$WASM_ENV_FILE" ]] || die "$WASM_ENV_FILE is missing: run scripts/setup.sh first"
    # shellcheck source=/dev/null
    . "$WASM_ENV_FILE"
}

# The version of crate $2 (default wasm-bindgen) in Cargo.lock $1; fails when
# the lock holds none or several versions of it.
locked_crate_version() {
    local lock="$1" crate="${2:-wasm-bindgen}" versions
    [[ -f "$lock" ]] || { log "no $lock"; return 1; }
    versions="$(awk -v want="name = \"$crate\"" '
        $0 == "[[package]]" { name = ""; next }
        $0 == want { name = $0; next }
        name != "" && $1 == "version" { gsub(/"/, "", $3); print $3; name = "" }
    ' "$lock" | sort -u)"
    case "$(printf '%s' "$versions" | grep -c .)" in
        1) printf '%s\n' "$versions" ;;
        0) log "$lock has no $crate package"; return 1 ;;
        *) log "$lock has several $crate versions: ${versions//$'\n'/ }"; return 1 ;;
    esac
}
