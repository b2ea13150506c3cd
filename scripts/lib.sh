# Shared by scripts/*.sh (sourced, not run): paths, messages, and the tools on PATH.
# shellcheck shell=bash

# The repository root, whatever the caller's working directory.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT" || exit 1

# cargo install puts trunk and wasm-bindgen here; npm puts wasm-opt and playwright in node_modules/.bin.
# node_modules/.bin comes first so that Trunk finds binaryen 132's wasm-opt, never /usr/bin/wasm-opt.
export PATH="$REPO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Playwright drives Debian's Chromium (/usr/bin/chromium); it must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

SCRIPT_NAME="$(basename "$0" .sh)"

say() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*"; }
die() {
    printf '[%s] error: %s\n' "$SCRIPT_NAME" "$*" >&2
    exit 1
}
# A headline that stands out in long CI logs.
banner() { printf '\n==== %s ====\n' "$*"; }

# Runs a command as root: directly when we are root, else through sudo without a prompt.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@" || die "'sudo $*' failed (it must work without a password here); run it yourself, then run this script again"
    else
        die "'$*' needs root and sudo is missing; run it as root, then run this script again"
    fi
}
