#!/usr/bin/env bash
# Builds and tests everything, as CI does (.ci/run calls this): setup, native tests, the release
# bundle, its size, and the end-to-end tests in headless Chromium. Stops at the first failure and
# says which stage failed. Works from a clean clone, without a terminal.
#
# usage: scripts/test.sh
#   E2E_PORT=8765   port for the static server of dist/ during the end-to-end tests
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

export E2E_PORT="${E2E_PORT:-8765}"
LOG_DIR="target/test-logs"
mkdir -p "$LOG_DIR"
rm -f "$LOG_DIR"/cargo-test.log target/e2e-results.json

stage_names=()
stage_secs=()
current=""
stage_start=0
run_start=$SECONDS

begin() {
    current="$1"
    stage_start=$SECONDS
    banner "$1"
}
end() {
    stage_names+=("$current")
    stage_secs+=("$((SECONDS - stage_start))")
    say "$current: done in $((SECONDS - stage_start)) s"
    current=""
}

# Tests counted over cargo's "test result:" lines and Playwright's JSON report.
count_tests() {
    local passed=0 failed=0 p f
    if [ -f "$LOG_DIR/cargo-test.log" ]; then
        read -r p f < <(awk '/^test result:/ {
            for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
        } END { print p + 0, f + 0 }' "$LOG_DIR/cargo-test.log")
        passed=$((passed + p))
        failed=$((failed + f))
    fi
    if [ -f target/e2e-results.json ]; then
        read -r p f < <(node -e '
            const s = require(process.argv[1]).stats || {};
            console.log((s.expected || 0) + (s.flaky || 0), s.unexpected || 0);' "$REPO_ROOT/target/e2e-results.json" 2>/dev/null || echo 0 0)
        passed=$((passed + p))
        failed=$((failed + f))
    fi
    echo "$passed passed, $failed failed"
}

summary() {
    local rc=$?
    banner "summary"
    local i
    for i in "${!stage_names[@]}"; do
        printf '  %-22s %5d s\n' "${stage_names[$i]}" "${stage_secs[$i]}"
    done
    if [ -n "$current" ]; then
        printf '  %-22s %5d s  FAILED (exit %d)\n' "$current" "$((SECONDS - stage_start))" "$rc"
    fi
    printf '  %-22s %5d s\n' "total" "$((SECONDS - run_start))"
    [ -f target/bundle-size.txt ] && printf '  bundle: %s\n' "$(tail -n 2 target/bundle-size.txt | head -n 1 | tr -s ' ')"
    if [ "$rc" -ne 0 ]; then
        printf '\n[test] FAILED in stage "%s"; the output above says why.\n' "${current:-?}" >&2
    fi
    # The closing line: every test counted, native and end to end.
    echo "tests: $(count_tests)"
    exit "$rc"
}
trap summary EXIT

begin "setup"
bash scripts/setup.sh --browser
end

begin "native tests"
# --all-targets: lib, both bins, tests/; --doc: examples in doc comments (--all-targets skips them).
cargo test --all-targets 2>&1 | tee "$LOG_DIR/cargo-test.log"
cargo test --doc 2>&1 | tee -a "$LOG_DIR/cargo-test.log"
end

begin "wasm build"
[ -f index.html ] || die "index.html is missing: it is the entry point Trunk builds the browser app from"
trunk build --release
[ -f dist/index.html ] || die "trunk build finished but wrote no dist/index.html"
end

begin "bundle size"
bash scripts/bundle-size.sh dist
end

begin "end-to-end tests"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing; run scripts/setup.sh --browser"
ls e2e/*.spec.ts >/dev/null 2>&1 || die "no end-to-end tests in e2e/*.spec.ts"
# playwright.config.ts serves dist/ on 127.0.0.1:$E2E_PORT with python3 -m http.server.
playwright test
end
