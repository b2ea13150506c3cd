#!/usr/bin/env bash
# Installs what building (and with --browser, testing) VPC Planner needs, and only what is missing.
# Idempotent and non-interactive: run it as often as you like; when everything is there it takes
# seconds. The first run on a fresh machine compiles Trunk (~20 min on 2 cores) and
# wasm-bindgen-cli (~8 min); later runs reuse them from ~/.cargo/bin.
#
# usage: scripts/setup.sh [--browser]
#   --browser   also install Debian's Chromium for the end-to-end tests (apt; sudo when not root)
#
# Needs: rustup + cargo, Node.js + npm, and for --browser apt-get. Reaches only crates.io, npm
# and Debian's package mirrors; README.md lists what it installs and why.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

TRUNK_VERSION=0.22.1
LOG_DIR="$REPO_ROOT/target/setup-logs"

browser=false
for arg in "$@"; do
    case "$arg" in
        --browser) browser=true ;;
        -h | --help)
            sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *) die "unknown option $arg (usage: scripts/setup.sh [--browser])" ;;
    esac
done

started=$SECONDS

# Runs a long install with its output in a log file, so that the console stays readable;
# on failure prints the log's end.
install_logged() {
    local what="$1" log="$LOG_DIR/$2.log"
    shift 2
    mkdir -p "$LOG_DIR"
    local t0=$SECONDS
    say "installing $what (log: ${log#"$REPO_ROOT"/})"
    if ! "$@" >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "installing $what failed; the command was: $*; full log: $log"
    fi
    say "installed $what in $((SECONDS - t0)) s"
}

for tool in cargo rustup node npm; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not on PATH; install Rust (rustup) and Node.js 20 first"
done
# Trunk's post-build hook (scripts/externalise-scripts.py) and the end-to-end server use it.
command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH; install Python 3 (Debian: apt-get install python3)"

# 1. The WebAssembly target of the Rust toolchain.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "ok: rust target wasm32-unknown-unknown"
else
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, the bundler. 0.22.1 declares rustc >= 1.96.1 but builds and works on 1.95.
if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
    say "ok: trunk $TRUNK_VERSION"
else
    say "trunk $TRUNK_VERSION is missing (found: $(trunk --version 2>/dev/null || echo none)); this takes ~20 min on 2 cores, once"
    install_logged "trunk $TRUNK_VERSION" trunk-install \
        cargo install trunk --version "=$TRUNK_VERSION" --locked --ignore-rust-version
fi

# 3. wasm-bindgen-cli, at exactly the version of the wasm-bindgen crate in Cargo.lock: Trunk,
#    being offline, uses the one on PATH and refuses any other version.
bindgen_version="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$bindgen_version" ] || die "found no wasm-bindgen package in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $bindgen_version" ]; then
    say "ok: wasm-bindgen-cli $bindgen_version (matches Cargo.lock)"
else
    say "wasm-bindgen-cli $bindgen_version is missing (found: $(wasm-bindgen --version 2>/dev/null || echo none)); this takes ~8 min on 2 cores, once"
    # No --locked: wasm-bindgen-cli 0.2.130's own lockfile names a crate version that crates.io
    # lacks, so a locked install fails.
    install_logged "wasm-bindgen-cli $bindgen_version" wasm-bindgen-install \
        cargo install wasm-bindgen-cli --version "=$bindgen_version"
fi

# 4. Every crate the build needs, downloaded now: Trunk.toml sets offline = true, so Trunk
#    builds with cargo --offline.
say "cargo fetch (downloads only crates that are missing)"
cargo fetch --quiet

# 5. npm packages: binaryen 132 (wasm-opt for Trunk) and Playwright, as package-lock.json pins
#    them. Reinstalled only when the lockfile changed since the last install.
lock_stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] &&
    [ "$(cat node_modules/.setup-stamp 2>/dev/null || true)" = "$lock_stamp" ]; then
    say "ok: npm packages (node_modules matches package-lock.json)"
else
    say "npm ci (binaryen for wasm-opt, @playwright/test; no browser download)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_stamp" >node_modules/.setup-stamp
fi
wasm_opt_version="$(wasm-opt --version 2>/dev/null || true)"
case "$wasm_opt_version" in
    *version_132*) say "ok: wasm-opt from node_modules ($wasm_opt_version)" ;;
    *) die "wasm-opt on PATH is not binaryen 132 (got: ${wasm_opt_version:-nothing}); Trunk.toml pins version_132" ;;
esac

# 6. Chromium for the end-to-end tests (Playwright launches /usr/bin/chromium).
if $browser; then
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        say "ok: chromium ($(/usr/bin/chromium --version 2>/dev/null | tail -n 1))"
    else
        command -v apt-get >/dev/null 2>&1 || die "/usr/bin/chromium is missing and there is no apt-get to install it; install Chromium at /usr/bin/chromium"
        say "installing chromium and chromium-driver with apt-get (~1-2 min)"
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
        [ -x /usr/bin/chromium ] || die "apt-get finished but /usr/bin/chromium is still missing"
    fi
fi

say "ready in $((SECONDS - started)) s"
